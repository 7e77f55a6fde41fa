"""The help screen: every command with the keys in force (from ``COMMANDS``), then the legend."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from briefing.tui.commands import DIALOG_COMMANDS, CloseView, Help, Quit


class HelpScreen(ModalScreen[None]):
    """A table of (keys, command, what it does), the legend below; escape, q or ? closes it."""

    APP_COMMANDS: ClassVar[frozenset[str]] = DIALOG_COMMANDS
    """The only reader commands offered over this dialog (``check_action`` reads it)."""

    # The help and quit keys in force (remapped ones too: same binding ids) also close
    # help: pressing the key that opened it again is what people try.
    BINDINGS: ClassVar[list[BindingType]] = [CloseView.binding(), Help.binding(), Quit.binding()]

    def __init__(
        self,
        rows: list[tuple[str, str, str]],
        keymap_note: str,
        legend: list[tuple[Text, str]] | None = None,
    ) -> None:
        super().__init__()
        self.rows = rows
        self.keymap_note = keymap_note
        self.legend = legend or []

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = "Keys and legend"
            box.border_subtitle = "↑↓ scroll · escape to close"
            with VerticalScroll(id="help-scroll"):
                keys: DataTable[Text] = DataTable(
                    id="help-table", cursor_type="none", show_cursor=False
                )
                keys.can_focus = False
                yield keys
                yield Static(
                    Content.from_markup("[b]Legend[/b]: what the marks mean"), id="legend-title"
                )
                legend: DataTable[Text] = DataTable(
                    id="legend-table", cursor_type="none", show_cursor=False
                )
                legend.can_focus = False
                yield legend
            yield Static(self.keymap_note, id="help-note", markup=False)

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#help-scroll").focus()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """One row per command, the description wrapped to the room left (never cut off)."""
        table: DataTable[Text] = self.query_one("#help-table", DataTable)
        table.clear(columns=True)
        keys_width = max([4, *(len(keys) for keys, _, _ in self.rows)])
        title_width = max([7, *(len(title) for _, title, _ in self.rows)])
        # The box is 90% of the screen (at most 110 wide): its border, three cells'
        # padding and the two scrollbars (the help's and the table's) take 12 columns.
        box = min(110, self.app.size.width * 9 // 10)
        text_width = max(20, box - 12 - keys_width - title_width)
        table.add_column("Keys", width=keys_width)
        table.add_column("Command", width=title_width)
        table.add_column("What it does", width=text_width)
        for keys, title, text in self.rows:
            table.add_row(Text(keys, style="bold"), Text(title), Text(text), height=None)
        legend: DataTable[Text] = self.query_one("#legend-table", DataTable)
        legend.clear(columns=True)
        sample_width = max([6, *(len(sample.plain) for sample, _ in self.legend)])
        legend.add_column("Mark", width=sample_width)
        legend.add_column("What it means", width=max(20, box - 14 - sample_width))
        for sample, meaning in self.legend:
            legend.add_row(sample, Text(meaning), height=None)

    def action_close_view(self) -> None:
        """Close the help."""
        self.dismiss(None)

    def action_help(self) -> None:
        """The help key again: close it."""
        self.dismiss(None)

    def action_quit(self) -> None:
        """q in help closes help (one step back, never straight out of the app)."""
        self.dismiss(None)
