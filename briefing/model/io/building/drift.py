"""Drift: an article changed after its quotes were written.

Sites correct typos, rewrite a paragraph, or re-scrape with different quotes and
dashes. The loader reports the changed sha256 and, instead of only failing each
quote, suggests per quote the passage of the new text it most likely became,
with its similarity, as a YAML value ready to paste. The author decides: nothing
is re-anchored silently and no file is rewritten.
"""

from __future__ import annotations

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.anchoring.places import SourceText, closest
from briefing.model.io.yaml_text.write import quoted


def drift_message(anchorer: Anchorer, source: str, quote: str) -> str:
    """The error for a quote lost from a changed article, with its suggested replacement."""
    place = closest(SourceText(source, "", anchorer), quote)
    head = f"quote not found in source '{source}', whose article changed since the pack was written"
    if place is None:
        return head + "; no similar passage remains"
    occurrence = f" (occurrence: {place.occurrence})" if place.occurrence else ""
    return (
        f"{head}; suggested replacement from line {place.line}, {place.similarity:.0f}% similar: "
        f"quote: {quoted(place.quote)}{occurrence}"
    )
