"""The disagreements view: where sources differ, value by value.

The same set the briefing note's "Where sources disagree" reads: the author's
claims, then the disagreements briefing found in the text that no claim covers,
each row saying which it is. One table row per value (the topic shown on
its first row), with the source's Admiralty grade and the sentence that gives
the value; the table fits its width (at 80 columns the sentence gives way
before the grade), and the pane below shows the highlighted row in full. Enter opens the
claim at that source's evidence (or the source, for a found disagreement no
claim covers); escape (or the key again) goes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from briefing.model.analysis.disagreements import (
    Disagreement,
    claim_context,
    readable,
    uncovered,
)
from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.sanitize import clean, clean_line
from briefing.model.types import Claim
from briefing.tui.fit import Column
from briefing.tui.remarks import remark_fields
from briefing.tui.screens.view import PackView
from briefing.tui.state import Place
from briefing.tui.widgets.fitted_table import FittedTable
from briefing.tui.widgets.key_bar import KeyBar

COLUMNS = (
    # Topic, value, source and grade always; the sentence while it fits (the panel
    # below shows it whole).
    Column("topic", "Topic", minimum=16, weight=2),
    Column("kind", "From", priority=1),
    Column("value", "Value", minimum=10),
    Column("source", "Source", minimum=10),
    Column("grade", "Grade"),
    Column("sentence", "Sentence", priority=2, minimum=20, weight=3),
)

KINDS = {
    "count": "count",
    "amount": "amount",
    "percentage": "share",
    "stance": "stance",
    "meeting-date": "date",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One value on a disputed point, from a claim or found in the text."""

    topic: str
    kind: str
    origin: str
    """``claim`` (written by the author) or ``found`` (detected in the text)."""
    value: str
    source: str
    sentence: str
    target: Place | str
    """What enter opens: the claim at this value's evidence, or the source."""
    first: bool
    """The first row of its point (the topic is shown once)."""
    note: str | None = None
    """How the values differ in time or in what they count, and the claim's notes."""

    @property
    def target_id(self) -> str:
        """The id of the item enter opens."""
        return self.target if isinstance(self.target, str) else self.target.item_id


def claim_rows(claim: Claim, note: str | None = None) -> list[Row]:
    """A claim's values, each opening the claim at its own first evidence item."""
    rows = []
    index = 0
    for number, value in enumerate(claim.values):
        first_evidence = value.evidence[0] if value.evidence else None
        rows.append(
            Row(
                topic=claim.topic,
                kind="claim",
                origin="claim",
                value=value.value,
                source=value.source,
                sentence=first_evidence.sentence if first_evidence else "",
                target=Place(claim.id, index),
                first=number == 0,
                note=note,
            )
        )
        index += len(value.evidence)
    return rows


def disagreement_rows(pack: Pack, disagreements: Sequence[Disagreement]) -> list[Row]:
    """The author's claims, then each found disagreement that no claim covers."""
    rows = [
        row
        for claim in pack.claims
        for row in claim_rows(
            claim,
            " ".join(
                [claim_context(pack, claim) or ""] + [f"{n}: {t}" for n, t in remark_fields(claim)]
            ).strip()
            or None,
        )
    ]
    for found in uncovered(pack, disagreements):
        note = found.explanation  # once a disagreement: it reads every value's context
        for number, value in enumerate(found.values):
            rows.append(
                Row(
                    topic=found.topic,
                    kind=KINDS.get(found.kind, found.kind),
                    origin="found",
                    value=value.value,
                    source=value.source,
                    sentence=value.sentence,
                    target=value.source,
                    first=number == 0,
                    note=note,
                )
            )
    return rows


class DisagreementsScreen(PackView):
    """Claims and found disagreements; dismisses with a place in a claim, a source id, or None."""

    def __init__(self, derived: Derived) -> None:
        super().__init__(derived, "Disagreements")
        self.rows = disagreement_rows(derived.pack, derived.disagreements)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        table = FittedTable(COLUMNS, id="disagreements")
        points = sum(row.first for row in self.rows)
        table.border_title = (
            f"Where sources disagree ({points}): the author's claims, then found in the text"
        )
        yield table
        with VerticalScroll(id="disagreements-explain"):
            yield Static(id="disagreements-explain-text")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(FittedTable)
        rows: list[tuple[str, tuple[Text, ...]]] = []
        for index, row in enumerate(self.rows):
            source = self.pack.source(row.source)
            flag = " MT" if source.flags.machine_translated else ""
            rows.append(
                (
                    str(index),
                    (
                        Text(clean_line(row.topic) if row.first else "", style="bold"),
                        Text(row.kind if row.first else ""),
                        Text(clean_line(readable(row.value)), style="bold"),
                        Text(source.id),
                        Text(source.grade + flag),
                        Text(clean_line(row.sentence)),
                    ),
                )
            )
        if not rows:
            empty = Text("No claims, and no disagreements found in the text", style="italic")
            rows.append(("none", (empty, *[Text("")] * 5)))
        table.set_rows(rows)
        table.focus()
        self._explain(0)

    def _explain(self, row: int) -> None:
        if not self.rows:
            return
        shown = self.rows[min(row, len(self.rows) - 1)]
        source = self.pack.source(shown.source)
        origin = (
            "a claim written by the author"
            if shown.origin == "claim"
            else f"found in the text by briefing ({shown.kind}); no claim covers it"
        )
        lines = [
            Content.from_markup("[b]$t[/b]: $o", t=clean_line(shown.topic), o=origin),
            Content.from_markup(
                "[b]$v[/b] says $s (grade $g$m)",
                v=clean_line(readable(shown.value)),
                s=clean_line(source.outlet),
                g=source.grade,
                m=", machine-translated" if source.flags.machine_translated else "",
            ),
            Content.from_markup("[b]sentence:[/b] $s", s=clean(shown.sentence)),
        ]
        if shown.note:
            lines.append(Content.from_markup("[b]note:[/b] $n", n=clean(shown.note)))
        self.query_one("#disagreements-explain-text", Static).update(Content("\n").join(lines))

    @property
    def target(self) -> Place | str | None:
        """What enter opens for the highlighted row: the claim at its evidence, else the source."""
        if not self.rows:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.rows[min(row, len(self.rows) - 1)].target

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted value in full below the table."""
        event.stop()
        self._explain(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open the claim (or the source) in the main screen."""
        event.stop()
        self.dismiss(self.target)
