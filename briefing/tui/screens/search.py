"""Actor search (``/``): type, pick, enter. Dismisses with an actor id, or None.

Results re-rank on every keystroke through the pack's :class:`ActorIndex`
(built once, when the pack loads), so typos, lost accents, transliterations and
demonyms find the actor ("Starmmer", "Miche?l", "Zelenskiy", "the French").
Each row shows the score and the name or alias that matched; the best match is
highlighted, so enter opens it.
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

from briefing.model.derived import Derived
from briefing.model.names import Hit
from briefing.model.sanitize import clean_line
from briefing.tui.commands import DIALOG_COMMANDS, CloseView

LIMIT = 12


def hit_prompt(hit: Hit) -> Content:
    """One result row: name, kind, score and (when it differs) the alias that matched."""
    via = "" if hit.matched == hit.name else f" · matched “{clean_line(hit.matched)}”"
    return Content.from_markup(
        "[b]$name[/b] [dim]($kind)[/dim] [b]$score[/b]$via",
        name=clean_line(hit.name),
        kind=hit.kind,
        score=f"{hit.score:.0f}",
        via=via,
    )


class SearchScreen(ModalScreen[str | None]):
    """An input above the actors that best match it."""

    APP_COMMANDS: ClassVar[frozenset[str]] = DIALOG_COMMANDS
    """The only reader commands offered over this dialog (``check_action`` reads it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CloseView.binding(),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, derived: Derived, title: str = "Find an actor") -> None:
        """``title`` says what the pick is for ("Merge X into…", "Actor of the new fact")."""
        super().__init__()
        self.pack = derived.pack
        self.title_text = title
        self.index = derived.index
        self.hits: list[Hit] = []
        """The results on screen, best first (what enter chooses from)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = (
                "enter opens · escape cancels"
                if self.title_text == "Find an actor"
                else "enter chooses · escape cancels"
            )
            yield Input(placeholder="name, alias, misspelling or demonym", id="search-input")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self._refill("")
        self.query_one(Input).focus()

    def _refill(self, query: str) -> None:
        results = self.query_one(OptionList)
        if query.strip():
            self.hits = self.index.search(query, LIMIT)
            options = [Option(hit_prompt(hit), id=hit.actor_id) for hit in self.hits]
            if not options:
                options = [Option(Content("No actor matches."), disabled=True)]
        else:
            self.hits = []
            options = [
                Option(
                    Content.from_markup(
                        "[b]$name[/b] [dim]($kind)[/dim]", name=clean_line(a.name), kind=a.kind
                    ),
                    id=a.id,
                )
                for a in sorted(self.pack.actors, key=lambda a: a.name.casefold())
            ]
        results.set_options(options)
        enabled = [i for i, option in enumerate(options) if not option.disabled]
        results.highlighted = enabled[0] if enabled else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option = self.query_one(OptionList).highlighted_option
        if option is not None and not option.disabled:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        """Arrow keys move through the results while typing."""
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + delta))

    def action_close_view(self) -> None:
        """Escape: back to the reader, nothing chosen."""
        self.dismiss(None)
