"""The disagreements view: where sources differ, found in the text, value by value.

One DataTable row per value (the topic shown on its first row), with the
source's Admiralty grade and the sentence that gives the value; the pane below
shows the highlighted row in full. Enter opens the author's claim on the same
point, or the source when there is none; escape (or the key again) goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from briefing.model.analysis.disagreements.detect import Disagreement, DisagreementValue
from briefing.model.derived import Derived
from briefing.model.sanitize import clean, clean_line
from briefing.tui.screens.view import PackView

KINDS = {"count": "count", "stance": "stance", "meeting-date": "date"}


class DisagreementsScreen(PackView):
    """Disagreements found in the articles; dismisses with a claim or source id, or None."""

    def __init__(self, derived: Derived) -> None:
        super().__init__(derived, "Disagreements")
        self.found: tuple[Disagreement, ...] = derived.disagreements
        self.rows: list[tuple[Disagreement, DisagreementValue]] = [
            (d, v) for d in self.found for v in d.values
        ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        table: DataTable[Text] = DataTable(
            id="disagreements", cursor_type="row", zebra_stripes=True
        )
        table.border_title = f"Disagreements found in the text ({len(self.found)})"
        yield table
        with VerticalScroll(id="disagreements-explain"):
            yield Static(id="disagreements-explain-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Topic", "Kind", "Value", "Source", "Grade", "Sentence")
        previous: Disagreement | None = None
        for index, (found, value) in enumerate(self.rows):
            source = self.pack.source(value.source)
            first = found is not previous
            previous = found
            flag = " MT" if source.flags.machine_translated else ""
            table.add_row(
                Text(_excerpt(clean_line(found.topic), 30) if first else "", style="bold"),
                Text(KINDS.get(found.kind, found.kind) if first else ""),
                Text(_excerpt(clean_line(value.value), 16), style="bold"),
                Text(source.id),
                Text(source.grade + flag),
                Text(_excerpt(clean_line(value.sentence), 40)),
                key=str(index),
            )
        if not self.rows:
            table.add_row(
                Text("No disagreements found in the text", style="italic"), *[Text("")] * 5
            )
        table.focus()
        self._explain(0)

    def _explain(self, row: int) -> None:
        if not self.rows:
            return
        found, value = self.rows[min(row, len(self.rows) - 1)]
        source = self.pack.source(value.source)
        lines = [
            Content.from_markup("[b]$t[/b] ($k)", t=clean_line(found.topic), k=found.kind),
            Content.from_markup(
                "[b]$v[/b] says $o (grade $g$m)",
                v=clean_line(value.value),
                o=clean_line(source.outlet),
                g=source.grade,
                m=", machine-translated" if source.flags.machine_translated else "",
            ),
            Content.from_markup("[b]sentence:[/b] $s", s=clean(value.sentence)),
            Content.from_markup(
                "[b]claim:[/b] $c",
                c=found.claim or "none written by the author (found by briefing)",
            ),
        ]
        self.query_one("#disagreements-explain-text", Static).update(Content("\n").join(lines))

    @property
    def target(self) -> str | None:
        """What enter opens for the highlighted row: the claim, else the source."""
        if not self.rows:
            return None
        row = self.query_one(DataTable).cursor_row
        found, value = self.rows[min(row, len(self.rows) - 1)]
        return found.claim or value.source

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted value in full below the table."""
        event.stop()
        self._explain(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open the claim (or the source) in the main screen."""
        event.stop()
        self.dismiss(self.target)


def _excerpt(sentence: str, width: int = 70) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"
