"""Curation: the commands that edit the pack's YAML, and the worker that writes them.

Confirm, reject, merge, add a fact and undo each go through
:class:`briefing.model.editing.EditSession` in a thread worker (an edit loads
the pack again to check it); back on the UI thread the reader reloads in place.
Which of them are available is still decided by the app's one ``check_action``
(through :meth:`CurationActions.can_edit`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from briefing.model.sanitize import clean, clean_line
from briefing.model.types import Actor
from briefing.tui.actions.loading import derive, editor_for
from briefing.tui.labels import is_candidate, next_to_review
from briefing.tui.widgets.article import ArticleView

if TYPE_CHECKING:
    from textual.app import App

    from briefing.model.derived import Derived
    from briefing.model.editing import Applied, Change, EditSession, FactDraft
    from briefing.model.io import LoadResult
    from briefing.model.pack import Pack
    from briefing.tui.screens.main import MainScreen

    _AppBase = App[None]
else:
    _AppBase = object  # a mixin at run time: Textual sees only the app's own class

EDITS = frozenset({"confirm", "reject", "merge", "add_fact", "undo_edit"})
"""Commands that change the pack's YAML (through :mod:`briefing.model.editing`)."""


class CurationActions(_AppBase):
    """The editing commands of :class:`briefing.tui.app.BriefingApp` (a mixin)."""

    if TYPE_CHECKING:  # what the app provides
        pack_arg: str | None
        pack: Pack | None
        derived: Derived | None
        main: MainScreen
        editor: EditSession | None
        editing: bool
        if_refused: Callable[[], None] | None

        def availability_changed(self) -> None: ...

        def start_analysis(self, derived: Derived) -> None: ...

    def can_edit(self, action: str) -> bool:
        """Whether an editing command has something to act on now."""
        if self.editor is None or self.editing:
            return False
        if action == "undo_edit":
            return bool(self.editor.undo_stack)
        if action == "add_fact":
            # The main screen has one article view: the focused widget says it without a
            # query (which fails while the screen is torn down and a worker reports in).
            return isinstance(self.main.focused, ArticleView) and self.main.passage() is not None
        item = self.main.current_item
        if action == "merge":
            return isinstance(item, Actor) and item.candidate
        return item is not None and is_candidate(item)

    def _next_candidate(self, item_id: str) -> str | None:
        """The candidate to show once ``item_id`` is dealt with (the next in the review group)."""
        derived = self.main.derived
        return None if derived is None else next_to_review(derived, item_id)

    def action_confirm(self) -> None:
        """c: confirm the candidate shown, then show the next one to review."""
        item = self.main.current_item
        if item is None or not is_candidate(item):
            return
        item_id = item.id
        self._edit(lambda e: e.confirm(item_id), self._next_candidate(item_id) or item_id)

    def action_reject(self) -> None:
        """delete: remove the candidate shown, then show the next one to review."""
        item = self.main.current_item
        if item is None or not is_candidate(item):
            return
        item_id = item.id
        self._edit(lambda e: e.reject(item_id), self._next_candidate(item_id))

    def action_merge(self) -> None:
        """m: choose the actor to merge the candidate into, with the fuzzy actor search."""
        item = self.main.current_item
        if not isinstance(item, Actor) or self.pack is None:
            return
        from briefing.tui.screens.search import SearchScreen

        item_id, after = item.id, self._next_candidate(item.id)

        def chosen(target: str | None) -> None:
            if target is not None:
                self._edit(lambda e: e.merge(item_id, target), after or target)

        title = f"Merge {clean_line(item.name)} into…"
        assert self.derived is not None
        self.push_screen(SearchScreen(self.derived, title=title), chosen)

    def action_add_fact(self) -> None:
        """a: a form prefilled from the selected words or the sentence in view."""
        passage = self.main.passage()
        if passage is None or self.pack is None:
            return
        from briefing.model.editing import apply_draft, draft_from
        from briefing.tui.screens.add_fact import AddFactScreen

        draft = draft_from(self.pack, *passage)

        def submitted(result: FactDraft | None) -> None:
            if result is not None:
                show = result.id if result.kind in ("meeting", "pledge") else result.target
                # Refused (an unknown actor, a duplicate id): the form comes back with
                # what was typed, the reason beside it in a notice, nothing lost.
                self._edit(lambda e: apply_draft(e, result), show or None, lambda: reopen(result))

        def reopen(typed: FactDraft) -> None:
            if self.pack is not None:
                self.push_screen(AddFactScreen(self.pack, typed), submitted)

        self.push_screen(AddFactScreen(self.pack, draft), submitted)

    def action_undo_edit(self) -> None:
        """u: undo the last edit (the files get their previous bytes back)."""
        self._edit(lambda e: e.undo(), None)

    def _edit(
        self,
        edit: Callable[[EditSession], Applied | Change | None],
        show: str | None,
        if_refused: Callable[[], None] | None = None,
    ) -> None:
        """Run an edit in a worker (it loads the pack to check it); the reader follows."""
        if self.editor is None or self.editing:
            return
        self.editing = True
        self.if_refused = if_refused
        self.availability_changed()
        editor = self.editor
        self.run_worker(lambda: self._edit_in_thread(editor, edit, show), thread=True, group="edit")

    def _edit_in_thread(
        self,
        editor: EditSession,
        edit: Callable[[EditSession], Applied | Change | None],
        show: str | None,
    ) -> None:
        from briefing.model.collector import collector_paused
        from briefing.model.editing import Applied, EditRefused, Stale
        from briefing.model.io import load_pack

        try:
            outcome = edit(editor)
        except Stale as exc:
            # Someone else's change wins: show the pack as it is on disk now.
            with collector_paused():
                result = load_pack(self.pack_arg)
            if result.pack is not None:
                self.editor = editor_for(self.pack_arg, result)
            self.call_from_thread(self._edited, result, derive(result), str(exc), None, "warning")
            return
        except EditRefused as exc:
            lines = [str(exc), *(d.format() for d in exc.diagnostics[:3])]
            self.call_from_thread(self._edited, None, None, "\n".join(lines), None, "error")
            return
        if isinstance(outcome, Applied):
            result, message = outcome.result, f"Done: {outcome.change.description}"
        elif outcome is not None:
            result, message = load_pack(self.pack_arg), f"Undone: {outcome.description}"
            show = show or outcome.subject  # the record the undone edit was about
        else:
            self.call_from_thread(self._edited, None, None, "Nothing to undo", None, "information")
            return
        self.call_from_thread(self._edited, result, derive(result), message, show, "information")

    def _edited(
        self,
        result: LoadResult | None,
        derived: Derived | None,
        message: str,
        show: str | None,
        severity: str,
    ) -> None:
        """Back on the UI thread: show the pack as it is now, and say what happened."""
        self.editing = False
        if result is not None and result.pack is not None and derived is not None:
            self.pack, self.derived = result.pack, derived
            self.main.reload_pack(derived, show)
            self.start_analysis(derived)  # the disagreements of the pack as edited
        self.notify(clean(message), severity=severity, markup=False)  # type: ignore[arg-type]
        self.availability_changed()
        refused, self.if_refused = self.if_refused, None
        if refused is not None and severity == "error":
            refused()
