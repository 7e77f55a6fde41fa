"""The story day by day: articles published and meetings held or planned on each day.

One series feeds both pictures of the story's shape in time, the strip at the
top of the reader's timeline and the SVG timeline in the HTML note, so they
cannot show different days. Every calendar day between the first and the last
dated source or meeting is present (a quiet day is a fact too). A story whose
dates spread over more than :data:`MAX_DAYS` keeps the last ``MAX_DAYS`` days up
to its newest date and counts what falls before them, so a stray "2019" in an
article cannot make the series (and the drawing) unbounded. O(days + sources +
meetings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from briefing.model.pack import Pack
from briefing.model.types import meetings_by_date

MAX_DAYS = 400


@dataclass(frozen=True, slots=True)
class Day:
    """One calendar day of the story."""

    date: str
    sources: tuple[str, ...]
    """Ids of the articles published that day, in pack order."""
    held: tuple[str, ...]
    """Ids of the meetings held that day, in the one meeting order."""
    planned: tuple[str, ...]
    """Ids of the meetings planned for that day."""

    @property
    def articles(self) -> int:
        """How many articles were published that day."""
        return len(self.sources)

    @property
    def meetings(self) -> tuple[str, ...]:
        """Every meeting on that day, held first."""
        return self.held + self.planned


@dataclass(frozen=True, slots=True)
class StoryDays:
    """The days of a story, oldest first, and what could not be placed on them."""

    days: tuple[Day, ...]
    undated_meetings: int
    before: int
    """Dated sources and meetings older than the first day kept (only past MAX_DAYS)."""

    @property
    def most_articles(self) -> int:
        """The busiest day's article count (0 for a story with no dated article)."""
        return max((d.articles for d in self.days), default=0)

    def index_of(self, date: str) -> int | None:
        """The position of ``date`` among the days, or None."""
        for index, day in enumerate(self.days):
            if day.date == date:
                return index
        return None


def _day(text: str | None) -> Date | None:
    if not text:
        return None
    try:
        return Date.fromisoformat(text)
    except ValueError:
        return None


def story_days(pack: Pack) -> StoryDays:
    """Every day of ``pack``'s story with its articles and meetings."""
    sources = [(s.id, _day(s.published)) for s in pack.sources]
    meetings = [(m, _day(m.date)) for m in meetings_by_date(pack.meetings)]
    dated = [d for _, d in sources if d] + [d for _, d in meetings if d]
    if not dated:
        return StoryDays((), sum(1 for _, d in meetings if d is None), 0)
    last = max(dated)
    first = max(min(dated), last - timedelta(days=MAX_DAYS - 1))
    span = (last - first).days + 1
    published: list[list[str]] = [[] for _ in range(span)]
    held: list[list[str]] = [[] for _ in range(span)]
    planned: list[list[str]] = [[] for _ in range(span)]
    before = 0
    for source_id, day in sources:
        if day is None:
            continue
        if day < first:
            before += 1
            continue
        published[(day - first).days].append(source_id)
    for meeting, day in meetings:
        if day is None:
            continue
        if day < first:
            before += 1
            continue
        (held if meeting.status == "held" else planned)[(day - first).days].append(meeting.id)
    days = tuple(
        Day(
            (first + timedelta(days=i)).isoformat(),
            tuple(published[i]),
            tuple(held[i]),
            tuple(planned[i]),
        )
        for i in range(span)
    )
    return StoryDays(days, sum(1 for _, d in meetings if d is None), before)
