"""What both disagreement detectors share: the result types and the English word lists.

Split from :mod:`briefing.model.analysis.disagreements.detect` (the public entry point) so the
count detector (:mod:`briefing.model.analysis.disagreements.counts`) and the stance detector
(:mod:`briefing.model.analysis.disagreements.stances`) can each live in their own module
without importing one another. The function words come from :mod:`briefing.model.names.vocabulary`;
nothing here knows the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.model.analysis.disagreements.context import ValueContext, explain


@dataclass(frozen=True, slots=True)
class DisagreementValue:
    """What one source says, with the sentence that says it."""

    value: str
    source: str
    sentence: str
    start: int
    """Offset of the mention in the article (for highlighting)."""
    end: int
    context: ValueContext | None = None
    """When the value holds (source date, the sentence's own date) and what it counts."""


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A point on which sources differ, as found in the text."""

    topic: str
    kind: str
    """``count``, ``amount``, ``percentage``, ``stance`` or ``meeting-date``."""
    values: tuple[DisagreementValue, ...]
    claim: str | None = None
    """The author's claim on the same sentences, when there is one."""

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources taking part, in order of first appearance."""
        return tuple(dict.fromkeys(v.source for v in self.values))

    @property
    def explanation(self) -> str | None:
        """How the values differ in time or in what they count (None when they do not)."""
        with_context = [(v.value, v.context) for v in self.values if v.context is not None]
        return explain(with_context) if with_context else None


TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")
_SYNONYMS = {"nation": "country", "state": "country"}


def lemma(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return _SYNONYMS.get(w, w)
