"""The reader app: loads the pack off the UI thread and routes every command.

The first frame appears before the pack is read (a loading indicator covers the
panes); ``load_pack`` runs in a thread worker. An invalid pack ends the app and
its diagnostics are printed one per line, exit 1, like ``briefing validate``.
All command availability lives in :meth:`BriefingApp.check_action`.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand, get_system_commands_provider
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from briefing.model.sanitize import clean, clean_line
from briefing.model.types import Actor
from briefing.tui.actor_commands import ActorsProvider
from briefing.tui.commands import (
    COMMANDS,
    DIALOG_COMMANDS,
    CommandsProvider,
    bindings,
    keys_in_force,
)
from briefing.tui.keymap import keymap_path, load_keymap
from briefing.tui.labels import is_candidate
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.too_small import TooSmallScreen, check_size
from briefing.tui.widgets.article import ArticleView

if TYPE_CHECKING:
    from briefing.model.derived import Derived
    from briefing.model.editing import Applied, Change, EditSession, FactDraft
    from briefing.model.io import LoadResult
    from briefing.model.pack import Pack
    from briefing.tui.screens.view import PackView

# The views, dialogs and help are imported by the action that opens them: together
# with the analysis they show, they were a third of the time to the first frame.

MAIN_ONLY = frozenset(
    {
        "follow",
        "next_evidence",
        "previous_evidence",
        "history_back",
        "history_forward",
        "toggle_mark",
        "zoom",
    }
)
EDITS = frozenset({"confirm", "reject", "merge", "add_fact", "undo_edit"})
"""Commands that change the pack's YAML (through :mod:`briefing.model.editing`)."""
NEEDS_PACK = MAIN_ONLY | {
    "timeline",
    "dates",
    "disagreements",
    "pledge_board",
    "search",
    "export",
    "since",
}


class BriefingApp(App[None]):
    """The briefing reader."""

    # Absolute, so subclasses defined elsewhere (tests) find the stylesheet too.
    CSS_PATH = str(Path(__file__).with_name("briefing.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = bindings()  # type: ignore[assignment]
    COMMANDS: ClassVar[set[object]] = {  # type: ignore[assignment]
        CommandsProvider,
        ActorsProvider,
        get_system_commands_provider,
    }
    TITLE = "briefing"

    def __init__(self, pack_arg: str | None = None, since: str | None = None) -> None:
        super().__init__()
        self.pack_arg = pack_arg
        self.since_arg = since
        """``--since``: a date, or None for the last note's (see :meth:`action_since`)."""
        self.pack: Pack | None = None
        self.derived: Derived | None = None
        """The one owner of what is computed from the pack (analysis, index, mentions)."""
        self.failure: list[str] = []
        """Diagnostics to print after the app has closed (an invalid pack)."""
        self.main = MainScreen()
        self.keymap: dict[str, str] = {}
        self.keymap_file = keymap_path()
        self.keymap_problems: list[str] = []
        self._availability: tuple[object, ...] = ()
        """What ``check_action`` said for each command at the last footer refresh."""
        self.editor: EditSession | None = None
        """The edit engine on this pack (made when the pack loads; None if it cannot edit)."""
        self.editing = False
        """An edit is being checked and written (in a worker): no second one meanwhile."""

    @property
    def marked(self) -> frozenset[str]:
        """Ids of the marked facts (what export writes)."""
        return frozenset(self.main.marked)

    def get_default_screen(self) -> MainScreen:
        return self.main

    def on_resize(self, event: events.Resize) -> None:
        check_size(self, event.size)  # before the screens lay out at the new size

    def on_mount(self) -> None:
        check_size(self)
        self.keymap, self.keymap_problems = load_keymap(self.keymap_file)
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self.keymap_problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        # Start loading once the first frame is drawn: a loading thread holds the GIL
        # for long stretches (imports, parsing) and would delay that frame.
        self.call_after_refresh(self._start_loading)

    def _start_loading(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True, group="load")

    def _load(self) -> None:
        # Imported here, in the worker: the loader, analysis and search (PyYAML,
        # rapidfuzz, the schema) are not needed for the first frame. The cache
        # makes a second start skip parsing and anchoring.
        from briefing.model.collector import collector_paused, keep_for_good
        from briefing.model.io import load_pack

        # The collector is paused while the pack and its indexes are built (millions
        # of small objects, no cycles), then what was built is frozen: the pack lives
        # as long as the app, and a full collection walking it again is a visible
        # pause between a key press and the frame.
        derived: Derived | None = None
        with collector_paused():
            result = load_pack(self.pack_arg, cache=True)
            if result.pack is not None:
                self.editor = _editor(self.pack_arg, result)
                derived = _derive(result)
        if derived is not None:
            keep_for_good()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._loaded, result, derived)
        if derived is not None:
            # After the pack is on screen: the text-wide disagreement detection
            # (seconds on a large pack), so the disagreements view opens at once.
            # A daemon thread, not a worker: detection cannot be interrupted, and
            # quitting meanwhile must not wait for it.
            threading.Thread(
                target=_find_disagreements,
                args=(derived,),
                name="briefing-disagreements",
                daemon=True,
            ).start()

    def _loaded(self, result: LoadResult, derived: Derived | None) -> None:
        if result.pack is None:
            if result.usage_error is not None:
                self.failure = [f"briefing: error: {result.usage_error}"]
                self.call_after_refresh(self.exit, None, 2)
                return
            self.failure = result.report()
            # After a refresh: exiting while the first frame is still mounting upsets Header.
            self.call_after_refresh(self.exit, None, 1)
            return
        assert derived is not None
        self.pack, self.derived = result.pack, derived
        self.title = clean_line(result.pack.meta.title)
        self.sub_title = f"as of {result.pack.meta.as_of}"
        self.main.set_pack(derived)
        if self.since_arg is not None:
            self.show_since(push=False)
        if result.pack.warnings:
            count = len(result.pack.warnings)
            self.notify(f"{count} warning(s): run 'briefing validate' to list them", markup=False)
        self.availability_changed()

    def on_main_screen_moved(self, message: MainScreen.Moved) -> None:
        """The reader moved: refresh what depends on what is shown."""
        message.stop()
        self.availability_changed()

    def availability_changed(self) -> None:
        """Refresh the footer and palette only if some command's availability changed.

        Called after every move in the reader. ``refresh_bindings`` makes Textual's
        footer recompose (a dozen widgets restyled): doing that on every key press
        was most of the cost of moving the cursor, and on most presses nothing
        changed. The availability itself still comes only from ``check_action``.
        """
        # The screen and focus are part of the key: Textual refreshes the footer on its
        # own when they change, from the state at that moment, which may differ from
        # what was recorded here last.
        state = (
            id(self.screen),
            id(self.focused),
            *(self.check_action(command.ACTION, ()) for command in COMMANDS),
        )
        if state != self._availability:
            self._availability = state
            self.refresh_bindings()

    # -- the one place that says which commands are available --------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True: available; None: shown but disabled; False: hidden (another screen's context)."""
        if isinstance(self.screen, TooSmallScreen) and action != "quit":
            return False  # no screen may open on top of the "too small" notice
        lets_through = getattr(self.screen, "APP_COMMANDS", None)
        if lets_through is None and isinstance(self.screen, ModalScreen):
            lets_through = DIALOG_COMMANDS  # Textual's own dialogs (the command palette)
        if lets_through is not None and action not in lets_through:
            # A dialog (help, search, export) takes the keys itself: the reader's
            # commands are not offered over it (a letter goes to its text box).
            return False
        if action == "close_view":
            # Escape means "back to the reader" on every view; on the reader it does nothing.
            return len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen)
        if action in NEEDS_PACK and self.pack is None:
            return None
        main = self.main
        if action in EDITS:
            # Shown only where they apply (the reader's own screen, a candidate, the
            # article, something to undo); greyed while an edit is checked and written.
            if self.pack is None or self.editor is None or self.screen is not main:
                return False
            return None if self.editing else self._can_edit(action)
        if action in MAIN_ONLY and self.screen is not main:
            return False
        if action in ("next_evidence", "previous_evidence"):
            return True if main.evidence_count > 1 else None
        if action == "history_back":
            return True if main.history.can_back else None
        if action == "history_forward":
            return True if main.history.can_forward else None
        if action == "follow":
            return True if main.has_selection else None
        if action == "toggle_mark":
            return True if main.markable is not None else None
        return True

    def _can_edit(self, action: str) -> bool:
        """Whether an editing command has something to act on now."""
        if self.editor is None or self.editing:
            return False
        if action == "undo_edit":
            return bool(self.editor.undo_stack)
        if action == "add_fact":
            return self.main.focused is self.main.query_one(ArticleView) and (
                self.main.passage() is not None
            )
        item = self.main.current_item
        if action == "merge":
            return isinstance(item, Actor) and item.candidate
        return item is not None and is_candidate(item)

    def unavailable_reason(self, action: str) -> str:
        """Why a command shown disabled does nothing now: said briefly when its key is pressed."""
        main = self.main
        if action in ("next_evidence", "previous_evidence"):
            count = main.evidence_count
            if count == 1:
                return "Only one evidence item."
            if isinstance(main.current_item, Actor):
                return "No evidence of its own: the sentences that name it are in the detail pane."
            return "No evidence of its own."
        if action == "history_back":
            return "Nothing to go back to: this is where you started."
        if action == "history_forward":
            return "Nothing ahead in the history."
        if action == "toggle_mark":
            return "Nothing to mark here: put the cursor on a fact (sources and headings are not)."
        if action in EDITS:
            return "An edit is still being checked and written."
        return ""

    def footer_entries(self) -> list[tuple[int, str, str, str, bool]]:
        """(rank, key, label, action, enabled) for each footer command not hidden now."""
        entries = []
        zoomed = self.screen is self.main and self.main.zoomed
        for command in COMMANDS:
            if not command.FOOTER_RANK:
                continue
            state = self.check_action(command.ACTION, ())
            if state is False:
                continue
            key = self.get_key_display(Binding(keys_in_force(self.keymap, command)[0], ""))
            text, rank = command.footer_text(), command.FOOTER_RANK
            if command.ACTION == "zoom" and zoomed:
                text, rank = "Unzoom", 0  # the way out of zoom is always on show
            entries.append((rank, key, text, command.ACTION, state is True))
        return entries

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's theme switcher and screenshot in the palette; "Keys" opens our help."""
        yield SystemCommand(
            "Theme", "Change the colours (light and dark themes)", self.action_change_theme
        )
        yield SystemCommand(
            "Keys", "Every key in force and a legend of the marks (the help, ?)", self.action_help
        )
        yield SystemCommand(
            "Screenshot",
            "Save an SVG screenshot of the screen",
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )

    # -- actions -------------------------------------------------------------------------------

    def action_close_view(self) -> None:
        """Escape: dismiss the view or dialog on top (its result is "nothing chosen")."""
        screen = self.screen
        if len(self.screen_stack) > 1 and not isinstance(screen, MainScreen):
            screen.dismiss(None)

    def action_help(self) -> None:
        """Push the help screen built from the commands and the keys in force."""
        rows = []
        for command in COMMANDS:
            keys = " ".join(
                self.get_key_display(Binding(k, "")) for k in keys_in_force(self.keymap, command)
            )
            rows.append((keys, command.title(), command.help_text()))
        from briefing.tui.legend import legend_rows
        from briefing.tui.screens.help import HelpScreen
        from briefing.tui.widgets.source_view import SourceView

        note = (
            f'Remap keys in {self.keymap_file} ([keymap] binding-id = "keys"; ids in docs/keys.md).'
        )
        source_view = self.main.query_one(SourceView)
        legend = legend_rows(lambda kind: source_view.get_visual_style(f"source-view--{kind}"))
        self.push_screen(HelpScreen(rows, note, legend))

    def action_cursor_down(self) -> None:
        """j: whatever "down" means in the focused pane."""
        self._cursor("down")

    def action_cursor_up(self) -> None:
        """k: whatever "up" means in the focused pane."""
        self._cursor("up")

    def _cursor(self, direction: str) -> None:
        focused = self.focused
        if focused is None:
            return
        for name in (f"action_cursor_{direction}", f"action_scroll_{direction}"):
            method = getattr(focused, name, None)
            if method is not None:
                method()
                return

    def action_follow(self) -> None:
        self.main.follow()

    def action_next_evidence(self) -> None:
        self.main.step_evidence(1)

    def action_previous_evidence(self) -> None:
        self.main.step_evidence(-1)

    def action_history_back(self) -> None:
        self.main.back()

    def action_history_forward(self) -> None:
        self.main.forward()

    def action_toggle_mark(self) -> None:
        self.main.toggle_mark()

    def action_zoom(self) -> None:
        """Give the focused pane the whole screen between header and footer, or put it back."""
        self.main.zoom()

    def _to_main(self) -> None:
        while self.screen is not self.main and len(self.screen_stack) > 1:
            self.pop_screen()

    def _toggle_view(self, view: type[PackView]) -> None:
        """Open a view of the pack over the reader, or close it when it is the one showing."""
        if isinstance(self.screen, view):
            self.screen.dismiss(None)
            return
        self._to_main()
        assert self.derived is not None
        self.push_screen(view(self.derived), self.main.open_item)

    def action_timeline(self) -> None:
        """Open the timeline (or close it when it is showing)."""
        from briefing.tui.screens.timeline import TimelineScreen

        self._toggle_view(TimelineScreen)

    def action_dates(self) -> None:
        """Open the dates view (or close it when it is showing)."""
        from briefing.tui.screens.dates import DatesScreen

        self._toggle_view(DatesScreen)

    def action_disagreements(self) -> None:
        """Open the disagreements view (or close it when it is showing)."""
        from briefing.tui.screens.disagreements import DisagreementsScreen

        self._toggle_view(DisagreementsScreen)

    def action_pledge_board(self) -> None:
        """Open the pledge board (or close it when it is showing)."""
        from briefing.tui.screens.pledges import PledgeBoardScreen

        self._toggle_view(PledgeBoardScreen)

    def action_since(self) -> None:
        """Open the "Since DATE" view (or close it when it is showing)."""
        from briefing.tui.screens.since import SinceScreen

        if isinstance(self.screen, SinceScreen):
            self.screen.dismiss(None)
            return
        self.show_since(push=True)

    def show_since(self, *, push: bool) -> None:
        """Mark what changed since the date in the navigator; with ``push``, list it in a view."""
        from briefing.model.analysis import changes_since, since_date
        from briefing.tui.screens.since import SinceScreen

        assert self.pack is not None
        day, why = since_date(self.pack, self.since_arg or "last")
        changes = changes_since(self.pack, day)
        self.main.set_since(changes.item_ids())
        if push:
            self._to_main()
            assert self.derived is not None
            self.push_screen(SinceScreen(self.derived, changes, why), self.main.open_item)

    def action_search(self) -> None:
        """Open actor search."""
        from briefing.tui.screens.search import SearchScreen

        self._to_main()
        assert self.derived is not None
        self.push_screen(SearchScreen(self.derived), self.main.open_item)

    def open_actor(self, actor_id: str) -> None:
        """Open an actor on the main screen (the palette's actor entries)."""
        self._to_main()
        self.main.open_item(actor_id)

    def action_export(self) -> None:
        """Open export: what is marked, or the whole pack."""
        from briefing.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.marked))

    # -- curation: edits of the pack's YAML ---------------------------------------------------

    def action_confirm(self) -> None:
        """c: confirm the candidate shown, then show the next one to review."""
        item = self.main.current_item
        if item is None or not is_candidate(item):
            return
        item_id = item.id
        self._edit(lambda e: e.confirm(item_id), self.main.next_to_review(item_id) or item_id)

    def action_reject(self) -> None:
        """delete: remove the candidate shown, then show the next one to review."""
        item = self.main.current_item
        if item is None or not is_candidate(item):
            return
        item_id = item.id
        self._edit(lambda e: e.reject(item_id), self.main.next_to_review(item_id))

    def action_merge(self) -> None:
        """m: choose the actor to merge the candidate into, with the fuzzy actor search."""
        item = self.main.current_item
        if not isinstance(item, Actor) or self.pack is None:
            return
        from briefing.tui.screens.search import SearchScreen

        item_id, after = item.id, self.main.next_to_review(item.id)

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
                self._edit(lambda e: apply_draft(e, result), show or None)

        self.push_screen(AddFactScreen(self.pack, draft), submitted)

    def action_undo_edit(self) -> None:
        """u: undo the last edit (the files get their previous bytes back)."""
        self._edit(lambda e: e.undo(), None)

    def _edit(
        self, edit: Callable[[EditSession], Applied | Change | None], show: str | None
    ) -> None:
        """Run an edit in a worker (it loads the pack to check it); the reader follows."""
        if self.editor is None or self.editing:
            return
        self.editing = True
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
                self.editor = _editor(self.pack_arg, result)
            self.call_from_thread(self._edited, result, _derive(result), str(exc), None, "warning")
            return
        except EditRefused as exc:
            lines = [str(exc), *(d.format() for d in exc.diagnostics[:3])]
            self.call_from_thread(self._edited, None, None, "\n".join(lines), None, "error")
            return
        if isinstance(outcome, Applied):
            result, message = outcome.result, f"Done: {outcome.change.description}"
        elif outcome is not None:
            result, message = load_pack(self.pack_arg), f"Undone: {outcome.description}"
        else:
            self.call_from_thread(self._edited, None, None, "Nothing to undo", None, "information")
            return
        self.call_from_thread(self._edited, result, _derive(result), message, show, "information")

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
        self.notify(clean(message), severity=severity, markup=False)  # type: ignore[arg-type]
        self.availability_changed()


def _derive(result: LoadResult) -> Derived | None:
    """A new owner of the loaded pack's derived data, its analysis and index built now.

    Called in a worker: the analysis (dates, support, grades) and the actor index
    are built here, off the UI thread, with the collector paused.
    """
    from briefing.model.collector import collector_paused
    from briefing.model.derived import Derived

    if result.pack is None:
        return None
    derived = Derived(result.pack)
    with collector_paused():
        _ = derived.analysis
        _ = derived.index
    return derived


def _editor(pack_arg: str | None, result: LoadResult) -> EditSession | None:
    """The edit engine for a loaded pack, or None when its files cannot be edited."""
    from briefing.model.editing import EditRefused, EditSession

    try:
        return EditSession(pack_arg, baseline=result)
    except EditRefused:
        return None


def _find_disagreements(derived: Derived) -> None:
    """Find the pack's disagreements (kept by ``derived``), then keep the collector off them."""
    from briefing.model.collector import keep_for_good

    _ = derived.disagreements
    keep_for_good()


def run(pack_arg: str | None, since: str | None = None) -> int:
    """Run the reader; print an invalid pack's diagnostics after the screen is restored."""
    app = BriefingApp(pack_arg, since)
    app.run()
    for line in app.failure:
        print(line, file=sys.stderr)
    return app.return_code or 0
