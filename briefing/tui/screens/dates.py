"""The dates view: every meeting's date as written, what it resolves to, and why.

One table row per meeting (``Text`` cells, never markup; a ``FittedTable``, so at
80 columns the basis and the wording give way before the resolved date and the
check against the curated one); the pane below
explains the highlighted row: the rule applied, where the tense came from,
the sentence the expression stands in, and every other source's dating of the
same meeting. Enter opens the meeting; escape (or the key again) goes back.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from briefing.model.analysis import Analysis
from briefing.model.analysis.dates import MeetingDate
from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.sanitize import clean, clean_line
from briefing.model.types import Meeting
from briefing.tui.fit import Column
from briefing.tui.screens.view import PackView
from briefing.tui.widgets.fitted_table import FittedTable
from briefing.tui.widgets.key_bar import KeyBar

COLUMNS = (
    # The meeting, its resolved date and the check always; the wording and its basis
    # while they fit (the panel below shows them whole).
    Column("meeting", "Meeting", minimum=16, weight=3),
    Column("written", "As written", priority=1, minimum=14, weight=2),
    Column("basis", "Basis (published)", priority=2, minimum=16),
    Column("resolved", "Resolved"),
    Column("curated", "Curated"),
)


def dates_order(pack: Pack, analysis: Analysis) -> list[Meeting]:
    """Meetings by resolved (or curated) date; unresolved ones last, in pack order."""

    def key(meeting: Meeting) -> date | None:
        resolution = analysis.dates[meeting.id].resolution
        if resolution.start is not None:
            return resolution.start
        return date.fromisoformat(meeting.date) if meeting.date else None

    dated = sorted(
        (m for m in pack.meetings if key(m) is not None), key=lambda m: key(m) or date.min
    )
    return dated + [m for m in pack.meetings if key(m) is None]


def compact(checked: MeetingDate) -> str:
    """The resolved day or range, short: ``2025-03-03..09``, ``2025-02-24..03-02``."""
    r = checked.resolution
    if r.start is None or r.end is None:
        return "unresolved"
    if r.start == r.end:
        return r.start.isoformat()
    if (r.start.year, r.start.month) == (r.end.year, r.end.month):
        return f"{r.start.isoformat()}..{r.end.day:02d}"
    if r.start.year == r.end.year:
        return f"{r.start.isoformat()}..{r.end.month:02d}-{r.end.day:02d}"
    return r.shown()


def verdict(checked: MeetingDate) -> str:
    """One word on curated vs resolved: agrees, differs, or why it cannot be said."""
    if checked.conflicts:
        return "sources differ"
    if checked.agrees is True:
        return "agrees"
    if checked.agrees is False:
        return "DIFFERS"
    if not checked.resolution.known:
        return "unresolved"
    return "(range)"


def explanation(pack: Pack, checked: MeetingDate) -> list[Content]:
    """The lines that explain one meeting's resolution, for the pane below the table."""
    r = checked.resolution
    lines = [
        Content.from_markup(
            "[b]$e[/b] → [b]$v[/b] ($p)", e=clean_line(r.expression), v=r.shown(), p=r.precision
        ),
        Content.from_markup("[b]rule:[/b] $rule", rule=clean(r.rule)),
    ]
    basis = checked.basis
    if basis is not None:
        source = pack.source(basis.source)
        tense = r.tense or "unclear"
        origin = {"text": "read from the sentence", "status": "from the meeting's status"}.get(
            basis.tense_from, ""
        )
        lines.append(
            Content.from_markup(
                "[b]basis:[/b] $s, published $d; tense $t $o",
                s=clean_line(source.outlet),
                d=source.published or "unknown",
                t=tense,
                o=origin,
            )
        )
        lines.append(Content.from_markup("[b]sentence:[/b] $s", s=clean(basis.sentence)))
    curated = checked.curated.isoformat() if checked.curated else "null"
    lines.append(Content.from_markup("[b]curated date:[/b] $c: $v", c=curated, v=verdict(checked)))
    others = [
        p
        for p in checked.placements
        if basis is None or (p.source, p.start) != (basis.source, basis.start)
    ]
    for placement in others:
        lines.append(
            Content.from_markup(
                "[dim]also:[/dim] “$e” in $s → $v",
                e=clean_line(placement.resolution.expression),
                s=clean_line(pack.source(placement.source).outlet),
                v=placement.resolution.shown(),
            )
        )
    return lines


class DatesScreen(PackView):
    """Every meeting's date resolution; dismisses with the chosen meeting id, or None."""

    def __init__(self, derived: Derived) -> None:
        super().__init__(derived, "Dates")
        self.analysis = derived.analysis

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        table = FittedTable(COLUMNS, id="dates")
        table.border_title = "Dates: each meeting's date as written, resolved against its source"
        yield table
        with VerticalScroll(id="dates-explain"):
            yield Static(id="dates-explain-text")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table = self.query_one(FittedTable)
        rows = []
        for meeting in dates_order(self.pack, self.analysis):
            checked = self.analysis.dates[meeting.id]
            basis = checked.basis
            source = self.pack.source(basis.source) if basis else None
            check = verdict(checked)
            bad = check in ("DIFFERS", "sources differ")
            cells = (
                Text(clean_line(meeting.title)),
                Text(f"“{clean_line(meeting.date_text)}”"),
                Text(f"{source.id} {source.published or '?'}" if source else "not in evidence"),
                Text(compact(checked), style="bold"),
                Text(f"{meeting.date or 'null'} {check}", style="bold reverse" if bad else ""),
            )
            rows.append((meeting.id, cells))
        table.set_rows(rows)
        table.focus()
        self._explain(0)

    @property
    def row_ids(self) -> list[str]:
        """Meeting ids in row order (what the tests read)."""
        return self.query_one(FittedTable).row_ids

    def _explain(self, row: int) -> None:
        ids = self.row_ids
        if not ids:
            return
        checked = self.analysis.dates[ids[min(row, len(ids) - 1)]]
        self.query_one("#dates-explain-text", Static).update(
            Content("\n").join(explanation(self.pack, checked))
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Explain the highlighted meeting's resolution below the table."""
        event.stop()
        self._explain(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open this meeting in the main screen."""
        event.stop()
        self.dismiss(event.row_key.value)
