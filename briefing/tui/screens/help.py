"""The help screen: every command with the keys in force, generated from ``COMMANDS``."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from briefing.tui.commands import CloseView


class HelpScreen(ModalScreen[None]):
    """A table of (keys, command, what it does); escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CloseView.binding(),
        # q and ? also close help: pressing the key that opened it again is what people try.
        Binding("q,question_mark", "close_view", "Close", show=False),
    ]

    def __init__(self, rows: list[tuple[str, str, str]], keymap_note: str) -> None:
        super().__init__()
        self.rows = rows
        self.keymap_note = keymap_note

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape to close"
            table: DataTable[Text] = DataTable(
                id="help-table", cursor_type="row", show_cursor=False
            )
            yield table
            yield Static(self.keymap_note, id="help-note", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Keys", "Command", "What it does")
        for keys, title, text in self.rows:
            table.add_row(Text(keys, style="bold"), Text(title), Text(text))
        table.focus()

    def action_close_view(self) -> None:
        """Close the help."""
        self.dismiss(None)
