"""The add-fact form (``a`` on the article): a passage becomes a meeting, a pledge,
a claim value or evidence for an existing fact. Dismisses with a FactDraft, or None.

Every field starts from :func:`briefing.model.editing.drafting.draft_from` (quote,
occurrence, date and date as written, held/planned) and stays editable; the actor
is chosen with the same fuzzy search as ``/``. The form checks nothing itself:
the edit engine checks the result against the pack and says what is wrong.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from briefing.model.derived import Derived
from briefing.model.editing import KINDS, FactDraft, suggest_id
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import MEETING_STATUSES, PLEDGE_STATUSES
from briefing.tui.commands import FORM_COMMANDS, CloseView

FORM_EXTRA = 7
"""Lines of the form besides its rows: the box's border, the note, the buttons."""

WHAT = {"pledge": "Contribution", "meeting": "Title", "claim value": "Value", "evidence": "-"}
"""The label of the free-text field for each kind."""


def _row(label: str, widget: Input | Select[str] | Horizontal, row_id: str) -> Horizontal:
    return Horizontal(Label(label, classes="form-label"), widget, id=row_id, classes="form-row")


class AddFactScreen(ModalScreen[FactDraft | None]):
    """A small form over the reader; ctrl+s or the Add button submits."""

    APP_COMMANDS: ClassVar[frozenset[str]] = FORM_COMMANDS
    """The reader's commands offered over the form: escape, the palette, and tab and
    shift+tab between its fields (``check_action`` reads it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CloseView.binding(),
        Binding("ctrl+s", "submit", "Add", show=False),
    ]

    def __init__(self, pack: Pack, draft: FactDraft) -> None:
        super().__init__()
        self.pack = pack
        self.start = draft
        self._suggested: str | None = None
        """The id the form proposed last (replaced while the analyst has not typed one)."""

    def compose(self) -> ComposeResult:
        draft = self.start
        facts = [m.id for m in self.pack.meetings] + [p.id for p in self.pack.pledges]
        facts += [a.id for a in self.pack.actors]
        claims = [c.id for c in self.pack.claims]
        with VerticalScroll(id="add-box") as box:
            box.border_title = f"Add a fact from {clean_line(draft.source)}"
            box.border_subtitle = "ctrl+s add · escape cancel"
            yield _row(
                "Kind",
                Select([(k, k) for k in KINDS], value=draft.kind, allow_blank=False, id="add-kind"),
                "row-kind",
            )
            yield _row(WHAT[draft.kind], Input(draft.what, id="add-what"), "row-what")
            yield _row(
                "Actor",
                Horizontal(
                    Input(draft.actor, placeholder="actor id", id="add-actor"),
                    Button("Pick…", id="add-pick"),
                    id="actor-box",
                ),
                "row-actor",
            )
            yield _row(
                "Adds to",
                Input(
                    draft.target,
                    placeholder="id of the fact or claim",
                    suggester=SuggestFromList(facts + claims, case_sensitive=False),
                    id="add-target",
                ),
                "row-target",
            )
            yield _row("Status", Select([], id="add-status", allow_blank=True), "row-status")
            yield _row(
                "Conditions",
                Input(
                    "; ".join(draft.conditions), placeholder="separated by ;", id="add-conditions"
                ),
                "row-conditions",
            )
            yield _row(
                "Date",
                Input(draft.date or "", placeholder="YYYY-MM-DD or empty", id="add-date"),
                "row-date",
            )
            yield _row("Date text", Input(draft.date_text, id="add-date-text"), "row-date-text")
            yield _row("Place", Input(draft.place, id="add-place"), "row-place")
            yield _row("Quote", Input(draft.quote, id="add-quote"), "row-quote")
            yield _row("Id", Input(draft.id, id="add-id"), "row-id")
            yield Static(self._note(), id="add-note", markup=False)
            with Horizontal(id="add-buttons"):
                yield Button("Add", variant="primary", id="add-go")
                yield Button("Cancel", id="add-cancel")

    def _note(self) -> str:
        rule = (
            f"date: {self.start.date_rule}"
            if self.start.date_rule
            else "no date expression in the sentence"
        )
        where = (
            f"occurrence {self.start.occurrence} in the article"
            if self.start.occurrence
            else "quote unique in the article"
        )
        return clean_line(f"{rule}; {where}")

    def on_mount(self) -> None:
        self._kind_changed()
        self.query_one("#add-what", Input).focus()

    # -- the form follows the kind -------------------------------------------------------

    @property
    def kind(self) -> str:
        value = self.query_one("#add-kind", Select).value
        return value if isinstance(value, str) else "pledge"

    @on(Select.Changed, "#add-kind")
    def _kind_changed(self) -> None:
        kind = self.kind
        shown = {
            "pledge": {"id", "actor", "what", "status", "conditions", "quote"},
            "meeting": {"id", "actor", "what", "status", "date", "date-text", "place", "quote"},
            "claim value": {"target", "what", "quote"},
            "evidence": {"target", "quote"},
        }[kind]
        for row in self.query(".form-row"):
            name = (row.id or "").removeprefix("row-")
            row.display = name == "kind" or name in shown
        self.query_one("#row-what Label", Label).update(WHAT[kind])
        statuses = MEETING_STATUSES if kind == "meeting" else PLEDGE_STATUSES
        status = self.query_one("#add-status", Select)
        wanted = self.start.status if self.start.status in statuses else statuses[0]
        status.set_options([(s, s) for s in statuses])
        status.value = wanted
        self._fit()

    # -- the form fits the screen --------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """A new terminal size: bordered fields if they all fit, one line each if not."""
        self._fit()

    def _fit(self) -> None:
        """Compact fields (no borders) when the bordered form would scroll.

        At 80x24 a pledge's bordered form is 25 lines in a box of 21: the Quote and
        Add button sat below the fold. Each bordered row is 3 lines, a compact one 1.
        """
        rows = sum(1 for row in self.query(".form-row") if row.display)
        bordered = 3 * rows + FORM_EXTRA
        compact = bordered > self.size.height * 9 // 10
        self.set_class(compact, "-compact")
        for field in self.query("#add-box Input").results(Input):
            field.compact = compact
        for choice in self.query("#add-box Select").results(Select):
            choice.compact = compact
        for button in self.query("#add-box Button").results(Button):
            button.compact = compact

    # -- the actor picker -------------------------------------------------------------------

    @on(Button.Pressed, "#add-pick")
    def _pick_actor(self) -> None:
        from briefing.tui.screens.search import SearchScreen

        derived = getattr(self.app, "derived", None)
        if not isinstance(derived, Derived):
            return
        self.app.push_screen(SearchScreen(derived, title="Actor of the new fact"), self._picked)

    def _picked(self, actor_id: str | None) -> None:
        if actor_id is not None:
            self.query_one("#add-actor", Input).value = actor_id
            self._suggest_id()

    @on(Input.Changed, "#add-what")
    @on(Input.Changed, "#add-actor")
    def _suggest_id(self) -> None:
        """Keep the id following the fields until the analyst types one of their own."""
        field = self.query_one("#add-id", Input)
        if field.value and field.value != self._suggested:
            return
        self._suggested = suggest_id(self.pack, self.draft())
        field.value = self._suggested

    # -- the result ----------------------------------------------------------------------------

    def draft(self) -> FactDraft:
        """What the form says now."""

        def value(name: str) -> str:
            return self.query_one(f"#add-{name}", Input).value.strip()

        status = self.query_one("#add-status", Select).value
        conditions = tuple(c.strip() for c in value("conditions").split(";") if c.strip())
        return replace(
            self.start,
            kind=self.kind,
            id=value("id"),
            actor=value("actor"),
            target=value("target"),
            what=value("what"),
            status=status if isinstance(status, str) else "",
            conditions=conditions,
            date=value("date") or None,
            date_text=value("date-text"),
            place=value("place"),
            quote=self.query_one("#add-quote", Input).value,
        )

    @on(Button.Pressed, "#add-go")
    def action_submit(self) -> None:
        """Ctrl+s or Add: hand the draft to the reader, which makes (or refuses) the edit."""
        self.dismiss(self.draft())

    @on(Button.Pressed, "#add-cancel")
    def action_close_view(self) -> None:
        """Escape: back to the reader, nothing added."""
        self.dismiss(None)
