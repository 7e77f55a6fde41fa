"""The pledge board: who offers what, with what status, on what condition.

One row per pledge, grouped by actor (the actor named once per group), the
status coloured from the theme (component classes in the stylesheet), the
conditions in full. Enter opens the pledge; escape (or ``b`` again) goes back.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Header

from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import PLEDGE_STATUSES, Pledge
from briefing.tui.labels import actor_name
from briefing.tui.screens.timeline import support_cell
from briefing.tui.screens.view import PackView
from briefing.tui.widgets.key_bar import KeyBar

STATUS_CLASS = {
    "committed": "good",
    "delivered": "good",
    "offered": "good",
    "conditional": "warn",
    "considering": "warn",
    "undecided": "warn",
    "proposed": "warn",
    "declined": "bad",
}


def board_order(pack: Pack) -> list[Pledge]:
    """Pledges grouped by actor name, then by status in the model's order."""
    rank = {status: i for i, status in enumerate(PLEDGE_STATUSES)}
    return sorted(
        pack.pledges,
        key=lambda p: (actor_name(pack, p.actor).casefold(), rank.get(p.status, 99), p.id),
    )


class PledgeTable(DataTable[Text]):
    """A DataTable with theme-driven styles for the three kinds of status."""

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | {
        "pledge-table--good",
        "pledge-table--warn",
        "pledge-table--bad",
    }


class PledgeBoardScreen(PackView):
    """Pledges by actor; dismisses with the chosen pledge id, or None."""

    def __init__(self, derived: Derived) -> None:
        super().__init__(derived, "Pledge board")

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        table = PledgeTable(id="board", cursor_type="row", zebra_stripes=True)
        table.border_title = "Pledge board: who offers what, on what condition"
        yield table
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(PledgeTable)
        table.add_columns("Actor", "Status", "Support", "Contribution", "Conditions", "Evidence")
        analysis = self.derived.analysis
        previous = None
        for pledge in board_order(self.pack):
            name = actor_name(self.pack, pledge.actor)
            style = table.get_component_rich_style(
                f"pledge-table--{STATUS_CLASS.get(pledge.status, 'warn')}"
            )
            conditions = "; ".join(clean_line(c) for c in pledge.conditions) or "none stated"
            table.add_row(
                Text(name if name != previous else "", style="bold"),
                Text(pledge.status, style=style),
                support_cell(analysis.of(pledge.id)),
                Text(clean_line(pledge.contribution)),
                Text(conditions, style="" if pledge.conditions else "dim"),
                Text(str(len(pledge.evidence)), justify="right"),
                key=pledge.id,
            )
            previous = name
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open this pledge in the main screen."""
        event.stop()
        self.dismiss(event.row_key.value)
