"""Actor search (``/``): type, pick, enter. Dismisses with an actor id, or None.

Results re-rank on every keystroke through the pack's :class:`ActorIndex`
(built once, when the pack loads), so typos, lost accents, transliterations and
demonyms find the actor ("Starmmer", "Miche?l", "Zelenskiy", "the French").
Each row shows the score and the name or alias that matched; the best match is
highlighted, so enter opens it.

A keystroke costs the same on a pack of 10,000 actors as on one of 20: with no
query the list shows the first :data:`BROWSE` actors by name (a last row says how
many more there are; typing finds them), never all of them, because
``OptionList.set_options`` measures every row it is given. Results replace the
rows' text in place when the row count is unchanged (no list rebuilt), and a
keystroke that changes nothing on screen changes nothing.
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
from briefing.model.types import Actor
from briefing.tui.commands import DIALOG_COMMANDS, CloseView

LIMIT = 12
"""Results shown for a query."""
BROWSE = 100
"""Actors listed by name before anything is typed."""


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
        self._rows: list[tuple[str | None, Content, bool]] = []
        """(id, prompt, disabled) of each row on screen: what a new query is compared with."""
        self._by_name: list[Actor] | None = None
        """The first actors by name (sorted once, when first listed)."""

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
        self.show_results("")
        self.query_one(Input).focus()

    def rows_for(self, query: str) -> list[tuple[str | None, Content, bool]]:
        """(id, prompt, disabled) of each row for ``query``; sets :attr:`hits`."""
        if query.strip():
            self.hits = self.index.search(query, LIMIT)
            if not self.hits:
                return [(None, Content("No actor matches."), True)]
            return [(hit.actor_id, hit_prompt(hit), False) for hit in self.hits]
        self.hits = []
        actors = self.pack.actors
        if self._by_name is None:
            self._by_name = sorted(actors, key=lambda a: a.name.casefold())[:BROWSE]
        first = self._by_name
        rows: list[tuple[str | None, Content, bool]] = [
            (
                a.id,
                Content.from_markup(
                    "[b]$name[/b] [dim]($kind)[/dim]", name=clean_line(a.name), kind=a.kind
                ),
                False,
            )
            for a in first
        ]
        if len(actors) > BROWSE:
            more = f"… {len(actors) - BROWSE:,} more actors: type a name to find them"
            rows.append((None, Content(more), True))
        return rows

    def show_results(self, query: str) -> None:
        """Show the rows for ``query``, touching only what changed, best match highlighted."""
        results = self.query_one(OptionList)
        rows = self.rows_for(query)
        shown = self._rows
        same_shape = len(rows) == len(shown) and all(
            (new[0], new[2]) == (old[0], old[2]) for new, old in zip(rows, shown, strict=True)
        )
        if not same_shape:
            results.set_options(
                [Option(prompt, id=row_id, disabled=off) for row_id, prompt, off in rows]
            )
        else:
            for index, (new, old) in enumerate(zip(rows, shown, strict=True)):
                if new[1] != old[1]:
                    results.replace_option_prompt_at_index(index, new[1])
        self._rows = rows
        enabled = [i for i, (_id, _prompt, off) in enumerate(rows) if not off]
        results.highlighted = enabled[0] if enabled else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

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
