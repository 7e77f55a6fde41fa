"""Anchoring quotes in articles: exact and normalised matching, the closest passage, places to quote.

A quote is only evidence once it is found, once, in its article; this package finds it or says why not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.anchoring.anchor import Anchorer, occurrences, smallest_period
    from briefing.model.anchoring.closest import ALIGN, best_alignment, closest_passage
    from briefing.model.anchoring.places import Place, SourceText, closest, find, place_at

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ALIGN": "closest",
        "Anchorer": "anchor",
        "best_alignment": "closest",
        "closest_passage": "closest",
        "Place": "places",
        "SourceText": "places",
        "closest": "places",
        "find": "places",
        "place_at": "places",
        "occurrences": "anchor",
        "smallest_period": "anchor",
    },
)

__all__ = [
    "ALIGN",
    "Anchorer",
    "Place",
    "SourceText",
    "best_alignment",
    "closest",
    "closest_passage",
    "find",
    "occurrences",
    "place_at",
    "smallest_period",
]
