"""The timeline: a strip of the story's days over the meetings by date, one row each.

The strip (widgets/timeline_strip.py) shows articles per day and the meetings as
marks on their days; its cursor selects a day's meetings in the table below (a
▶ beside each, the table's cursor on the first), and moving the table's cursor
moves the strip's. The table (a ``FittedTable``: ``Text`` cells, never markup)
shows the columns that fit the width, date and meeting first, long cells
wrapped; the panel below shows the highlighted meeting whole: its date as
written, place, participants and sources. Enter opens the meeting in the main
screen; escape (or ``t`` again) goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from briefing.model.analysis import FactAnalysis
from briefing.model.analysis.story_days import story_days
from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import Meeting, meetings_by_date
from briefing.tui.fit import Column
from briefing.tui.labels import actor_name, source_label
from briefing.tui.screens.view import PackView
from briefing.tui.widgets.fitted_table import FittedTable
from briefing.tui.widgets.key_bar import KeyBar
from briefing.tui.widgets.timeline_strip import TimelineStrip

SELECTED = "▶"

COLUMNS = (
    # The strip's day mark, date and meeting always; the rest while they fit (the panel
    # shows them all).
    Column("day", ""),
    Column("date", "Date"),
    Column("meeting", "Meeting", minimum=30, weight=3),
    Column("status", "Status", priority=1),
    Column("support", "Support", priority=1),
    Column("written", "As written", priority=2, minimum=16, weight=2),
    Column("place", "Place", priority=3, minimum=12),
    Column("participants", "Participants", priority=4, minimum=20, weight=2),
    Column("sources", "Sources", priority=5, minimum=20),
)


def support_cell(found: FactAnalysis | None) -> Text:
    """``2/2 B2``: sources / outlets and rating; single-source facts stand out."""
    if found is None:
        return Text("")
    s = found.support
    return Text(
        f"{s.sources}/{s.outlets} {found.grade.rating}",
        style="bold reverse" if s.single_source else "",
    )


def participants_of(pack: Pack, meeting: Meeting) -> str:
    """The meeting's participants by name, in the pack's order."""
    return ", ".join(actor_name(pack, p.actor) for p in meeting.participants)


def sources_of(pack: Pack, meeting: Meeting) -> str:
    """The outlets that report the meeting, each once, with their grades."""
    return ", ".join(dict.fromkeys(source_label(pack, e.source) for e in meeting.evidence))


def meeting_panel(pack: Pack, meeting: Meeting, support: str) -> list[Content]:
    """The lines that show one meeting whole, for the panel below the table."""
    roles = ", ".join(
        f"{actor_name(pack, p.actor)} ({clean_line(p.role)})"
        if p.role
        else actor_name(pack, p.actor)
        for p in meeting.participants
    )
    return [
        Content.from_markup(
            "[b]$t[/b]: $d, $s ($r)",
            t=clean_line(meeting.title),
            d=meeting.date or "undated",
            s=meeting.status,
            r=support or "no support",
        ),
        Content.from_markup("[b]as written:[/b] “$w”", w=clean_line(meeting.date_text)),
        Content.from_markup("[b]place:[/b] $p", p=clean_line(meeting.place or "not stated")),
        Content.from_markup("[b]participants:[/b] $p", p=roles or "none listed"),
        Content.from_markup("[b]sources:[/b] $s", s=sources_of(pack, meeting) or "none"),
    ]


class TimelineScreen(PackView):
    """Meetings by date under the strip of days; dismisses with the chosen meeting id, or None."""

    def __init__(self, derived: Derived) -> None:
        super().__init__(derived, "Timeline")
        self.analysis = derived.analysis
        self.meetings: list[Meeting] = meetings_by_date(self.pack.meetings)
        self.selected: tuple[str, ...] = ()
        """The meetings of the strip's day (marked ▶ in the table)."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        titles = {m.id: clean_line(m.title) for m in self.meetings}
        strip = TimelineStrip(story_days(self.pack), titles, id="timeline-strip")
        strip.border_title = "Days: articles published, meetings ● held ○ planned (←/→)"
        yield strip
        table = FittedTable(COLUMNS, id="timeline")
        table.border_title = "Timeline: meetings by date"
        yield table
        with VerticalScroll(id="timeline-explain"):
            yield Static(id="timeline-explain-text")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(FittedTable)
        rows = []
        for meeting in self.meetings:
            date = Text(meeting.date) if meeting.date else Text("undated", style="italic")
            when = clean_line(meeting.date_text)
            cells = [
                Text(" "),  # the strip's day mark (one cell wide)
                date,
                Text(clean_line(meeting.title)),
                Text(meeting.status, style="bold" if meeting.status == "planned" else ""),
                support_cell(self.analysis.of(meeting.id)),
                Text(f"“{when}”", style="dim"),
                Text(clean_line(meeting.place or "")),
                Text(participants_of(self.pack, meeting)),
                Text(sources_of(self.pack, meeting)),
            ]
            rows.append((meeting.id, cells))
        table.set_rows(rows)
        table.focus()
        self._explain(0)
        if self.meetings and self.meetings[0].date:
            self._select_day(self.meetings[0].date)

    def _explain(self, row: int) -> None:
        ids = self.query_one(FittedTable).row_ids
        if not ids:
            self.query_one("#timeline-explain-text", Static).update("No meetings in this pack.")
            return
        meeting = self.pack.get(ids[min(row, len(ids) - 1)])
        if not isinstance(meeting, Meeting):
            return
        support = str(support_cell(self.analysis.of(meeting.id)))
        self.query_one("#timeline-explain-text", Static).update(
            Content("\n").join(meeting_panel(self.pack, meeting, support))
        )

    def _select_day(self, date: str) -> None:
        """Mark the meetings of ``date`` and put the strip's cursor on it."""
        self.query_one(TimelineStrip).select_date(date)
        self._mark(tuple(m.id for m in self.meetings if m.date == date))

    def _mark(self, meeting_ids: tuple[str, ...]) -> None:
        table = self.query_one(FittedTable)
        for meeting_id in set(self.selected) - set(meeting_ids):
            table.set_cell(meeting_id, "day", Text(" "))
        for meeting_id in meeting_ids:
            table.set_cell(meeting_id, "day", Text(SELECTED, style="bold"))
        self.selected = meeting_ids

    def on_timeline_strip_day_selected(self, event: TimelineStrip.DaySelected) -> None:
        """The strip's cursor moved: select that day's meetings, the table's cursor on the first."""
        event.stop()
        self._mark(event.meetings)
        table = self.query_one(FittedTable)
        if event.meetings and event.meetings[0] in table.row_ids and table.row_count:
            table.move_cursor(row=table.row_ids.index(event.meetings[0]))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted meeting whole below the table; a new day moves the strip."""
        event.stop()
        self._explain(event.cursor_row)
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
