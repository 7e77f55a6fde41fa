"""Export (``e``): a placeholder the export issue (7) replaces.

It reads ``app.marked`` (the ids of the marked facts) and says what would be
exported; its contract is only "a modal screen that dismisses with None".
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ExportScreen(ModalScreen[None]):
    """Says what would be exported; escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,e", "close", "Close", show=False)]

    def __init__(self, marked: frozenset[str]) -> None:
        super().__init__()
        self.marked = marked

    def compose(self) -> ComposeResult:
        what = f"{len(self.marked)} marked facts" if self.marked else "the whole pack (nothing marked)"
        with Vertical(id="export-box") as box:
            box.border_title = "Export"
            box.border_subtitle = "escape to close"
            yield Static(
                f"Export is not built yet (issue 7). It would export {what}.\n"
                "Meanwhile: briefing export --format json|md|html",
                markup=False,
            )

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
