"""Actor search (``/``): type, pick, enter. Dismisses with an actor id, or None.

A placeholder matcher (case-insensitive substring over name and aliases); the
fuzzy search issue replaces :func:`match_actors` with ``briefing.model.search``
and keeps this screen's contract.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import Actor

LIMIT = 200


def match_actors(pack: Pack, query: str) -> list[Actor]:
    """Actors whose name or an alias contains ``query`` (all actors for an empty query)."""
    needle = query.casefold().strip()
    return [
        actor
        for actor in pack.actors
        if not needle or any(needle in name.casefold() for name in (actor.name, *actor.aliases))
    ][:LIMIT]


class SearchScreen(ModalScreen[str | None]):
    """An input above a list of matching actors."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "Find an actor"
            box.border_subtitle = "enter opens · escape cancels"
            yield Input(placeholder="name or alias", id="search-input")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self._refill("")
        self.query_one(Input).focus()

    def _refill(self, query: str) -> None:
        results = self.query_one(OptionList)
        options = []
        for actor in match_actors(self.pack, query):
            extra = f" ({clean_line(actor.role)})" if actor.role else f" ({actor.kind})"
            options.append(Option(Content(clean_line(actor.name) + extra), id=actor.id))
        results.set_options(options)
        results.highlighted = 0 if options else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one(OptionList)
        option = results.highlighted_option
        self.dismiss(option.id if option is not None else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        """Arrow keys move through the results while typing."""
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        """Escape: close without choosing."""
        self.dismiss(None)
