"""What every full-screen view over the pack shares (timeline, board, dates, disagreements).

Each view is a table over the pack that the analyst leaves with escape (the
``close-view`` command from the one command list, so a remapped key works here
too) or by choosing a row, which the main screen then opens. Keeping that in one
base class keeps the views' keys and results from drifting apart.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.screen import Screen

from briefing.model.derived import Derived
from briefing.tui.commands import CloseView
from briefing.tui.state import Place


class PackView(Screen[str | Place | None]):
    """A view over a pack and what is derived from it; dismisses with the chosen item id, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [CloseView.binding()]

    def __init__(self, derived: Derived, sub_title: str = "") -> None:
        super().__init__()
        self.derived = derived
        self.pack = derived.pack
        self.sub_title = sub_title

    def action_close_view(self) -> None:
        """Escape: back to the reader, nothing chosen."""
        self.dismiss(None)
