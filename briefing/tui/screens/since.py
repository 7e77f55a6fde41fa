"""The "Since DATE" view: what is new or changed in the pack after a date.

One row per change, in the order the note's "What changed since" section lists
them (new facts, pledge status changes, new values of disputed points, meetings
now held), worded by the same function. The rows are built in plain Python
(:func:`since_rows`); enter opens the item in the main screen, escape (or ``w``
again) goes back. The reader marks the same items ``+`` in the navigator.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Header

from briefing.export.movement import fact_line, long_date
from briefing.model.analysis import Changes, short_date
from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.tui.labels import actor_name
from briefing.tui.screens.view import PackView
from briefing.tui.widgets.key_bar import KeyBar


def since_rows(pack: Pack, changes: Changes) -> list[tuple[str, str, str, str]]:
    """(change, item, detail, item id) for every change, in the note's order."""
    rows = []
    for found in changes.new_facts:
        rows.append(
            (
                "new",
                fact_line(pack, found.fact),
                f"first reported {short_date(found.first)}",
                found.fact.id,
            )
        )
    for change in changes.status_changes:
        pledge = change.pledge
        item = f"{actor_name(pack, pledge.actor)}, {clean_line(pledge.contribution)}"
        rows.append(
            ("status", item, f"{change.before.label()} → {change.after.label()}", pledge.id)
        )
    for appeared in changes.appeared_values:
        value = appeared.value
        detail = f"“{clean_line(value.value)}” ({value.source}, {short_date(appeared.first)})"
        rows.append(("new value", clean_line(appeared.claim.topic), detail, appeared.claim.id))
    for held in changes.now_held:
        meeting = held.meeting
        detail = f"planned as of {short_date(changes.since)}, reported held {short_date(held.held_first)}"
        rows.append(
            (
                "now held",
                f"{clean_line(meeting.title)} ({meeting.date or 'date unknown'})",
                detail,
                meeting.id,
            )
        )
    return rows


class SinceScreen(PackView):
    """What changed after a date; dismisses with the chosen item id, or None."""

    def __init__(self, derived: Derived, changes: Changes, why: str) -> None:
        super().__init__(derived, f"Since {long_date(changes.since)}")
        self.changes = changes
        self.why = why
        self.targets: list[str] = []
        """The item id of each row (one item may change twice: two new values of one claim)."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        table: DataTable[Text] = DataTable(id="since", cursor_type="row", zebra_stripes=True)
        count = self.changes.count()
        because = f" ({self.why})" if self.why else ""
        table.border_title = (
            f"Since {long_date(self.changes.since)}{because}: "
            f"{count} change{'s' if count != 1 else ''}"
        )
        yield table
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Change", "Item", "What changed")
        rows = since_rows(self.pack, self.changes)
        for change, item, detail, item_id in rows:
            table.add_row(
                Text(change, style="bold"), Text(item), Text(detail), key=str(len(self.targets))
            )
            self.targets.append(item_id)
        if not rows:
            table.add_row(
                Text(""),
                Text(
                    f"Nothing new or changed in the sources published after {long_date(self.changes.since)}.",
                    style="italic",
                ),
                Text(""),
            )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open this item in the main screen."""
        event.stop()
        if event.cursor_row < len(self.targets):
            self.dismiss(self.targets[event.cursor_row])
