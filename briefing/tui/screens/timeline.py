"""The timeline: meetings by date, undated ones last, one row each.

A DataTable draws only visible rows and takes ``Text`` cells (never markup).
Enter opens the meeting in the main screen; escape (or ``t`` again) goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Header

from briefing.model.analysis.analyse import FactAnalysis
from briefing.model.derived import Derived
from briefing.model.sanitize import clean_line
from briefing.model.types import meetings_by_date
from briefing.tui.labels import actor_name, source_label
from briefing.tui.screens.view import PackView
from briefing.tui.widgets.key_bar import KeyBar


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
    """Meetings by date; dismisses with the chosen meeting id, or None."""

    def __init__(self, derived: Derived) -> None:
        super().__init__(derived, "Timeline")

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        table: DataTable[Text] = DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
        table.border_title = "Timeline: meetings by date"
        yield table
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Date and meeting first: at 80 columns that is what must stay on screen.
        table.add_columns(
            "Date", "Meeting", "Status", "Support", "As written", "Place", "Participants", "Sources"
        )
        analysis = self.derived.analysis
        for meeting in meetings_by_date(self.pack.meetings):
            date = Text(meeting.date) if meeting.date else Text("undated", style="italic")
            when = clean_line(meeting.date_text)
            participants = ", ".join(actor_name(self.pack, p.actor) for p in meeting.participants)
            sources = ", ".join(
                dict.fromkeys(source_label(self.pack, e.source) for e in meeting.evidence)
            )
            table.add_row(
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

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open this meeting in the main screen."""
        event.stop()
        self.dismiss(event.row_key.value)
