"""Dates as written ("on Tuesday", "the 28th") found in text, resolved against publication, and tensed.

The rules are documented in docs/analysis.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.analysis.dates.expressions import MONTH_ABBR, MONTHS, WEEKDAYS
    from briefing.model.analysis.dates.meeting_dates import MeetingDate, meeting_date
    from briefing.model.analysis.dates.tense import reports_past_event

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "MONTHS": "expressions",
        "MONTH_ABBR": "expressions",
        "MeetingDate": "meeting_dates",
        "WEEKDAYS": "expressions",
        "meeting_date": "meeting_dates",
        "reports_past_event": "tense",
    },
)

__all__ = [
    "MONTHS",
    "MONTH_ABBR",
    "WEEKDAYS",
    "MeetingDate",
    "meeting_date",
    "reports_past_event",
]
