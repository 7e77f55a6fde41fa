"""The timeline: a strip of the story's days over the meetings by date, one row each.

The strip (widgets/timeline_strip.py) shows articles per day and the meetings as
marks on their days; its cursor selects a day's meetings in the table below (a
▶ beside each, the table's cursor on the first), and moving the table's cursor
moves the strip's. A DataTable draws only visible rows and takes ``Text`` cells
(never markup). Enter opens the meeting in the main screen; escape (or ``t``
again) goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Header

from briefing.model.analysis import FactAnalysis
from briefing.model.analysis.story_days import story_days
from briefing.model.derived import Derived
from briefing.model.sanitize import clean_line
from briefing.model.types import Meeting, meetings_by_date
from briefing.tui.labels import actor_name, source_label
from briefing.tui.screens.view import PackView
from briefing.tui.widgets.key_bar import KeyBar
from briefing.tui.widgets.timeline_strip import TimelineStrip

SELECTED = "▶"


def support_cell(found: FactAnalysis | None) -> Text:
    """``2/2 B2``: sources / outlets and rating; single-source facts stand out."""
    if found is None:
        return Text("")
    s = found.support
    return Text(
        f"{s.sources}/{s.outlets} {found.grade.rating}",
        style="bold reverse" if s.single_source else "",
    )


class TimelineScreen(PackView):
    """Meetings by date under the strip of days; dismisses with the chosen meeting id, or None."""

    def __init__(self, derived: Derived) -> None:
        super().__init__(derived, "Timeline")
        self.meetings: list[Meeting] = meetings_by_date(self.pack.meetings)
        self.selected: tuple[str, ...] = ()
        """The meetings of the strip's day (marked ▶ in the table)."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        titles = {m.id: clean_line(m.title) for m in self.meetings}
        strip = TimelineStrip(story_days(self.pack), titles, id="timeline-strip")
        strip.border_title = "Days: articles published, meetings ● held ○ planned (←/→)"
        yield strip
        table: DataTable[Text] = DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
        table.border_title = "Timeline: meetings by date"
        yield table
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("", key="day", width=1)
        # Date and meeting first: at 80 columns that is what must stay on screen.
        table.add_columns(
            "Date", "Meeting", "Status", "Support", "As written", "Place", "Participants", "Sources"
        )
        analysis = self.derived.analysis
        for meeting in self.meetings:
            date = Text(meeting.date) if meeting.date else Text("undated", style="italic")
            when = clean_line(meeting.date_text)
            participants = ", ".join(actor_name(self.pack, p.actor) for p in meeting.participants)
            sources = ", ".join(
                dict.fromkeys(source_label(self.pack, e.source) for e in meeting.evidence)
            )
            table.add_row(
                Text(""),
                date,
                Text(clean_line(meeting.title)),
                Text(meeting.status, style="bold" if meeting.status == "planned" else ""),
                support_cell(analysis.of(meeting.id)),
                Text(f"“{when}”", style="dim"),
                Text(clean_line(meeting.place or "")),
                Text(participants),
                Text(sources),
                key=meeting.id,
            )
        table.focus()
        if self.meetings and self.meetings[0].date:
            self._select_day(self.meetings[0].date)

    def _select_day(self, date: str) -> None:
        """Mark the meetings of ``date`` and put the strip's cursor on it."""
        self.query_one(TimelineStrip).select_date(date)
        self._mark(tuple(m.id for m in self.meetings if m.date == date))

    def _mark(self, meeting_ids: tuple[str, ...]) -> None:
        table = self.query_one(DataTable)
        for meeting_id in set(self.selected) - set(meeting_ids):
            table.update_cell(meeting_id, "day", Text(""))
        for meeting_id in meeting_ids:
            table.update_cell(meeting_id, "day", Text(SELECTED, style="bold"))
        self.selected = meeting_ids

    def on_timeline_strip_day_selected(self, event: TimelineStrip.DaySelected) -> None:
        """The strip's cursor moved: select that day's meetings, the table's cursor on the first."""
        event.stop()
        self._mark(event.meetings)
        if event.meetings:
            table = self.query_one(DataTable)
            table.move_cursor(row=table.get_row_index(event.meetings[0]))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The table's cursor moved to another day: the strip follows."""
        meeting_id = event.row_key.value
        if meeting_id in self.selected:
            return
        meeting = self.pack.get(meeting_id) if meeting_id else None
        if isinstance(meeting, Meeting) and meeting.date:
            self._select_day(meeting.date)
        else:
            self._mark(())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open this meeting in the main screen."""
        event.stop()
        self.dismiss(event.row_key.value)
