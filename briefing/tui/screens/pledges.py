"""The pledge board: who offers what, with what status, on what condition.

One row per pledge, grouped by actor (the actor named once per group), the
status coloured from the theme (component classes in the stylesheet), the
columns that fit the width (conditions before support and evidence counts), long
cells wrapped; the panel below shows the highlighted pledge whole, its
conditions and every evidence quote. Enter opens the pledge; escape (or ``b``
again) goes back.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import PLEDGE_STATUSES, Pledge
from briefing.tui.fit import Column
from briefing.tui.labels import actor_name, evidence_label
from briefing.tui.screens.timeline import support_cell
from briefing.tui.screens.view import PackView
from briefing.tui.widgets.fitted_table import FittedTable
from briefing.tui.widgets.key_bar import KeyBar

COLUMNS = (
    # Who, what and on what condition first; the rest while they fit.
    Column("actor", "Actor", minimum=14),
    Column("status", "Status"),
    Column("contribution", "Contribution", minimum=20, weight=3),
    Column("conditions", "Conditions", priority=1, minimum=20, weight=2),
    Column("support", "Support", priority=2),
    Column("evidence", "Evidence", priority=3),
)

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


class PledgeTable(FittedTable):
    """A DataTable with theme-driven styles for the three kinds of status."""

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | {
        "pledge-table--good",
        "pledge-table--warn",
        "pledge-table--bad",
    }


def pledge_panel(pack: Pack, pledge: Pledge, support: str) -> list[Content]:
    """The lines that show one pledge whole, for the panel below the table."""
    lines = [
        Content.from_markup(
            "[b]$a[/b]: $c ($s, $r)",
            a=actor_name(pack, pledge.actor),
            c=clean_line(pledge.contribution),
            s=pledge.status,
            r=support or "no support",
        )
    ]
    if pledge.conditions:
        lines += [
            Content.from_markup("[b]on condition:[/b] $c", c=clean_line(c))
            for c in pledge.conditions
        ]
    else:
        lines.append(Content.from_markup("[b]on condition:[/b] none stated"))
    lines += [
        Content.from_markup("[dim]evidence:[/dim] $e", e=evidence_label(pack, e))
        for e in pledge.evidence
    ]
    return lines


class PledgeBoardScreen(PackView):
    """Pledges by actor; dismisses with the chosen pledge id, or None."""

    def __init__(self, derived: Derived) -> None:
        super().__init__(derived, "Pledge board")

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        table = PledgeTable(COLUMNS, id="board")
        table.border_title = "Pledge board: who offers what, on what condition"
        yield table
        with VerticalScroll(id="board-explain"):
            yield Static(id="board-explain-text")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(PledgeTable)
        analysis = self.derived.analysis
        previous = None
        rows = []
        for pledge in board_order(self.pack):
            name = actor_name(self.pack, pledge.actor)
            # partial: the status colour only, not the table's background (a box on the cursor row)
            style = table.get_component_rich_style(
                f"pledge-table--{STATUS_CLASS.get(pledge.status, 'warn')}", partial=True
            )
            conditions = "; ".join(clean_line(c) for c in pledge.conditions) or "none stated"
            cells = [
                Text(name if name != previous else "", style="bold"),
                Text(pledge.status, style=style),
                Text(clean_line(pledge.contribution)),
                Text(conditions, style="" if pledge.conditions else "dim"),
                support_cell(analysis.of(pledge.id)),
                Text(str(len(pledge.evidence)), justify="right"),
            ]
            rows.append((pledge.id, cells))
            previous = name
        table.set_rows(rows)
        table.focus()
        self._explain(0)

    def _explain(self, row: int) -> None:
        ids = self.query_one(PledgeTable).row_ids
        text = self.query_one("#board-explain-text", Static)
        if not ids:
            text.update("No pledges in this pack.")
            return
        pledge = self.pack.get(ids[min(row, len(ids) - 1)])
        if isinstance(pledge, Pledge):
            support = str(support_cell(self.derived.analysis.of(pledge.id)))
            text.update(Content("\n").join(pledge_panel(self.pack, pledge, support)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted pledge whole below the table."""
        event.stop()
        self._explain(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open this pledge in the main screen."""
        event.stop()
        self.dismiss(event.row_key.value)
