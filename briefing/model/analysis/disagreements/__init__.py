"""Disagreements between sources: figures (counts) and stances, with the values each source gives.

The public entry point is ``detect``; the detectors share the result types in ``values``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.analysis.disagreements.context import ValueContext
    from briefing.model.analysis.disagreements.detect import claim_context, uncovered
    from briefing.model.analysis.disagreements.values import (
        Disagreement,
        DisagreementValue,
        read_contexts,
        readable,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Disagreement": "values",
        "DisagreementValue": "values",
        "ValueContext": "context",
        "claim_context": "detect",
        "read_contexts": "values",
        "readable": "values",
        "uncovered": "detect",
    },
)

__all__ = [
    "Disagreement",
    "DisagreementValue",
    "ValueContext",
    "claim_context",
    "read_contexts",
    "readable",
    "uncovered",
]
