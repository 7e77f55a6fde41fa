"""What the sources do not spell out: dates resolved, corroboration, grades, disagreements.

Derived from a loaded pack on first use, never stored in the YAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.analysis.analyse import Analysis, FactAnalysis
    from briefing.model.analysis.corroboration import Support, outlet_identity, support_of_sources
    from briefing.model.analysis.faithfulness import LEVELS, RULES, check, level
    from briefing.model.analysis.grading import (
        CREDIBILITY,
        RELIABILITY,
        computed_credibility,
        grade,
    )
    from briefing.model.analysis.history import (
        PledgeHistory,
        history_of,
        pledge_histories,
        same_subject,
        short_date,
    )
    from briefing.model.analysis.since import (
        Changes,
        changes_since,
        fallback_since,
        parse_day,
    )
    from briefing.model.analysis.story_days import Day, StoryDays

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Analysis": "analyse",
        "CREDIBILITY": "grading",
        "Changes": "since",
        "Day": "story_days",
        "FactAnalysis": "analyse",
        "LEVELS": "faithfulness",
        "PledgeHistory": "history",
        "RELIABILITY": "grading",
        "RULES": "faithfulness",
        "StoryDays": "story_days",
        "Support": "corroboration",
        "changes_since": "since",
        "check": "faithfulness",
        "computed_credibility": "grading",
        "fallback_since": "since",
        "grade": "grading",
        "history_of": "history",
        "level": "faithfulness",
        "outlet_identity": "corroboration",
        "parse_day": "since",
        "pledge_histories": "history",
        "same_subject": "history",
        "short_date": "history",
        "support_of_sources": "corroboration",
    },
)

__all__ = [
    "CREDIBILITY",
    "LEVELS",
    "RELIABILITY",
    "RULES",
    "Analysis",
    "Changes",
    "Day",
    "FactAnalysis",
    "PledgeHistory",
    "StoryDays",
    "Support",
    "changes_since",
    "check",
    "computed_credibility",
    "fallback_since",
    "grade",
    "history_of",
    "level",
    "outlet_identity",
    "parse_day",
    "pledge_histories",
    "same_subject",
    "short_date",
    "support_of_sources",
]
