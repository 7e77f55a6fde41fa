"""What the timeline strip draws, as plain data: testable without Textual.

The strip is four rows over the days of the story (articles per day as bars,
meetings as marks, day numbers, months) and a caption for the day under the
cursor. Hand-drawn rather than Textual's ``Sparkline``: a Sparkline draws one
series and stretches it to its width, while the strip needs the days of three
rows to line up column for column and a cursor that names a day; at 80 columns
a 16-day story gets 4 cells a day, enough for a bar, two marks and a day number.
A story longer than the width folds several days into one column (the caption
then names the column's first and last day).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date as Date

from briefing.model.analysis import Day, StoryDays, short_date

LABEL = "Articles "
"""The row labels' width (every label is padded to it)."""
BARS = "▁▂▃▄▅▆▇█"
HELD, PLANNED = "●", "○"
MAX_CELL = 6
"""Widest column: a short story stays compact at the left instead of stretching."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the strip: one day, or several folded together on a long story."""

    first: int
    last: int
    articles: int
    held: int
    planned: int


@dataclass(frozen=True, slots=True)
class Strip:
    """The strip's text: rows of (text, role) runs (roles: label, bar, held, planned, day,
    month), the width of a column in cells, and the columns."""

    rows: tuple[tuple[tuple[str, str], ...], ...]
    cell: int
    columns: tuple[Column, ...]


def columns(story: StoryDays, width: int) -> tuple[tuple[Column, ...], int]:
    """The days folded into columns that fit ``width`` cells, and each column's width."""
    room = max(1, width - len(LABEL))
    days = story.days
    if not days:
        return (), 1
    per = max(1, math.ceil(len(days) / room))
    out = []
    for start in range(0, len(days), per):
        group = days[start : start + per]
        out.append(
            Column(
                start,
                start + len(group) - 1,
                sum(d.articles for d in group),
                sum(len(d.held) for d in group),
                sum(len(d.planned) for d in group),
            )
        )
    cell = max(1, min(MAX_CELL, room // len(out)))
    return tuple(out), cell


def _fit(text: str, cell: int) -> str:
    """``text`` in a column: cut to leave one cell of gap, padded to the column."""
    room = cell - 1 if cell > 1 else 1
    return text[:room].ljust(cell)


def _marks(column: Column, cell: int) -> str:
    room = cell - 1 if cell > 1 else 1
    marks = HELD * column.held + PLANNED * column.planned
    if len(marks) > room:
        marks = (HELD if column.held else PLANNED) + str(column.held + column.planned)
    return marks[:room]


def layout(story: StoryDays, width: int) -> Strip:
    """The strip for ``width`` cells (the widget draws the cursor over its column)."""
    cols, cell = columns(story, width)
    most = max((c.articles for c in cols), default=0) or 1
    bars: list[tuple[str, str]] = [(LABEL, "label")]
    marks: list[tuple[str, str]] = [("Meetings".ljust(len(LABEL)), "label")]
    numbers: list[tuple[str, str]] = [("Day".ljust(len(LABEL)), "label")]
    months: list[tuple[str, str]] = [("".ljust(len(LABEL)), "label")]
    previous_month = ""
    day_labels: list[str] = []
    month_labels: list[str] = []
    for column in cols:
        if column.articles:
            level = BARS[min(len(BARS) - 1, math.ceil(column.articles / most * len(BARS)) - 1)]
            bar = level * (cell - 1 if cell > 1 else 1)
        else:
            bar = "·"
        bars.append((_fit(bar, cell), "bar"))
        drawn = _marks(column, cell)
        marks.append((_fit(drawn, cell), "held" if column.held else "planned"))
        day = story.days[column.first].date
        day_labels.append(day[8:10].lstrip("0"))
        month = short_date(day).split(" ")[-1]
        month_labels.append(month if month != previous_month else "")
        previous_month = month
    numbers.append((place(day_labels, cell), "day"))
    months.append((place(month_labels, cell), "month"))
    return Strip((tuple(bars), tuple(marks), tuple(numbers), tuple(months)), cell, cols)


def place(labels: list[str], cell: int) -> str:
    """Each column's label written from the column's start, skipped where it would touch
    the label before it: narrow columns get a day number every few days, never a run of
    digits that reads as one number."""
    line = [" "] * (len(labels) * cell)
    free = 0
    for index, label in enumerate(labels):
        at = index * cell
        if not label or at < free or at + len(label) > len(line):
            continue
        line[at : at + len(label)] = label
        free = at + len(label) + 1
    return "".join(line)


def caption(story: StoryDays, column: Column, titles: dict[str, str], width: int) -> str:
    """``Thu 5 Jun 2025: no articles; held: Meeting in Riga; planned: ...`` cut to ``width``."""
    first, last = story.days[column.first], story.days[column.last]
    when = _long(first) if first is last else f"{_long(first)} to {_long(last)}"
    days = story.days[column.first : column.last + 1]
    count = column.articles
    parts = [f"{count} article{'s' if count != 1 else ''}" if count else "no articles"]
    held = [titles.get(m, m) for d in days for m in d.held]
    planned = [titles.get(m, m) for d in days for m in d.planned]
    if held:
        parts.append("held: " + ", ".join(held))
    if planned:
        parts.append("planned: " + ", ".join(planned))
    text = f"{when}: " + "; ".join(parts)
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _long(day: Day) -> str:
    parsed = Date.fromisoformat(day.date)
    return f"{parsed.strftime('%a')} {parsed.day} {parsed.strftime('%b %Y')}"


def column_of(cols: tuple[Column, ...], day: int) -> int | None:
    """The index of the column holding day ``day``, or None."""
    for index, column in enumerate(cols):
        if column.first <= day <= column.last:
            return index
    return None
