"""The strip across the top of the timeline: the story's days, articles and meetings.

The drawing is computed by :mod:`briefing.tui.strip_layout` (plain Python); this
widget only styles it from the theme (component classes in the stylesheet) and
moves a cursor over the days. Left/right (or h/l) move a day, Home/End to the
ends; each move posts :class:`TimelineStrip.DaySelected` with the meetings of the
day (or folded days) under the cursor, and the timeline screen selects them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from briefing.model.analysis import StoryDays
from briefing.tui.strip_layout import LABEL, Strip, caption, column_of, layout


class TimelineStrip(Widget, can_focus=True):
    """Days of the story as columns; the cursor names a day and selects its meetings."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-strip--label",
        "timeline-strip--bar",
        "timeline-strip--held",
        "timeline-strip--planned",
        "timeline-strip--day",
        "timeline-strip--month",
        "timeline-strip--cursor",
        "timeline-strip--caption",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Previous day", show=False),
        Binding("right,l", "move(1)", "Next day", show=False),
        Binding("home", "ends(0)", "First day", show=False),
        Binding("end", "ends(1)", "Last day", show=False),
    ]

    column: reactive[int] = reactive(0)
    """The column under the cursor."""

    @dataclass
    class DaySelected(Message):
        """The cursor rests on a day (or folded days): its meetings, oldest first."""

        meetings: tuple[str, ...]

    def __init__(self, story: StoryDays, titles: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.titles = titles
        self._strip: Strip | None = None
        self._width = 0

    @property
    def strip(self) -> Strip:
        """The drawing at the current width (laid out again when the width changes)."""
        width = max(1, self.content_size.width)
        if self._strip is None or self._width != width:
            self._strip = layout(self.story, width)
            self._width = width
        return self._strip

    def render(self) -> Text:
        strip = self.strip
        if not strip.columns:
            return Text("No dated articles or meetings: nothing to draw.", style="italic")
        style = self.get_component_rich_style
        lines = []
        for row in strip.rows:
            line = Text(no_wrap=True, overflow="crop")
            for text, role in row:
                line.append(text, style(f"timeline-strip--{role}"))
            lines.append(line)
        start = len(LABEL) + self.column * strip.cell
        for line in lines[:3]:
            line.stylize(style("timeline-strip--cursor"), start, start + max(1, strip.cell - 1))
        column = strip.columns[min(self.column, len(strip.columns) - 1)]
        text = caption(self.story, column, self.titles, max(1, self.content_size.width))
        lines.append(Text(text, style=style("timeline-strip--caption"), no_wrap=True))
        return Text("\n").join(lines)

    def select_date(self, date: str) -> None:
        """Put the cursor on ``date``'s column without selecting again (the table moved)."""
        index = self.story.index_of(date)
        if index is None:
            return
        found = column_of(self.strip.columns, index)
        if found is not None:
            self.set_reactive(TimelineStrip.column, found)
            self.refresh()

    def action_move(self, step: int) -> None:
        """One column left or right."""
        self.select_column(self.column + step)

    def action_ends(self, end: int) -> None:
        """The first or the last day."""
        self.select_column(len(self.strip.columns) - 1 if end else 0)

    def select_column(self, column: int) -> None:
        """Put the cursor on ``column`` (clamped) and select that day's meetings."""
        columns = self.strip.columns
        if not columns:
            return
        self.column = max(0, min(len(columns) - 1, column))
        chosen = columns[self.column]
        days = self.story.days[chosen.first : chosen.last + 1]
        self.post_message(self.DaySelected(tuple(m for d in days for m in d.meetings)))

    def on_resize(self) -> None:
        """Lay out again at the new width, keeping the cursor on its day."""
        if self._strip is None or not self._strip.columns:
            return
        day = self._strip.columns[min(self.column, len(self._strip.columns) - 1)].first
        self._strip = None
        found = column_of(self.strip.columns, day)
        self.set_reactive(TimelineStrip.column, found or 0)
