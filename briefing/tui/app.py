"""The reader app: availability of every command, the footer, and the views' routing.

Opening the pack (the load worker started before the first frame, the panes
filled, the analysis built in the background and filled in as it arrives) is
:mod:`briefing.tui.actions.opening`; the views and the curation edits are the
other mixins in :mod:`briefing.tui.actions`. Quitting meanwhile cancels the
worker, and the computations give way between meetings and articles. An invalid
pack ends the app and its diagnostics are printed one per line, exit 1, like
``briefing validate``. All command availability lives in
:meth:`BriefingApp.check_action`.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from briefing.model.collector import collector_paused, keep_for_good

# The reader's imports (Textual's and briefing's modules) make ~22,000 objects the
# collector tracks, which live as long as the process, and next to no garbage: the
# collector ran ~90 times while they were imported (15-20 ms of a ~430 ms start,
# measured with gc.callbacks), and every later pass would walk them again. So they
# are imported with it paused, then frozen out of its sight, as the load worker does
# with the pack (briefing/model/collector.py).
with collector_paused():
    from textual import events
    from textual.app import App, SystemCommand, get_system_commands_provider
    from textual.binding import Binding, BindingType
    from textual.screen import ModalScreen, Screen

    from briefing.model.types import Actor
    from briefing.tui.actions.curation import EDITS, CurationActions
    from briefing.tui.actions.loading import Progress
    from briefing.tui.actions.navigation import NavigationActions
    from briefing.tui.actions.opening import OpeningActions
    from briefing.tui.actions.views import ViewActions
    from briefing.tui.actor_commands import ActorsProvider
    from briefing.tui.commands import (
        COMMANDS,
        DIALOG_COMMANDS,
        CommandsProvider,
        bindings,
        keys_in_force,
    )
    from briefing.tui.keymap import keymap_path, load_keymap
    from briefing.tui.screens.main import MainScreen
    from briefing.tui.screens.too_small import TooSmallScreen, check_size

    keep_for_good()

if TYPE_CHECKING:
    from briefing.model.derived import Derived
    from briefing.model.editing import EditSession
    from briefing.model.pack import Pack

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
NEEDS_ANALYSIS = frozenset({"timeline", "dates", "pledge_board", "export"})
"""Views that show support, ratings or resolved dates: available once the analysis is built."""
NEEDS_INDEX = frozenset({"search", "merge", "add_fact"})
"""Commands that pick an actor through the fuzzy index: available once it is built."""
OPENS_WHEN_READY = NEEDS_ANALYSIS | NEEDS_INDEX | {"disagreements"}
"""Commands that wait for the background work: pressed early, they run once it is done."""
NEEDS_PACK = MAIN_ONLY | {
    "timeline",
    "dates",
    "disagreements",
    "pledge_board",
    "search",
    "export",
    "since",
}


class BriefingApp(OpeningActions, CurationActions, ViewActions, NavigationActions, App[None]):
    """The briefing reader: the footer and availability here; opening the pack, the views it
    opens and the curation edits in :mod:`briefing.tui.actions` (mixins)."""

    # Absolute, so subclasses defined elsewhere (tests) find the stylesheet too.
    CSS_PATH = str(Path(__file__).with_name("briefing.tcss"))
    VIEWS_CSS_PATH = str(Path(__file__).with_name("views.tcss"))
    """The views' styles, read when the first screen is pushed (:meth:`read_view_styles`)."""
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
        self.if_refused: Callable[[], None] | None = None
        """What to do when the running edit is refused (the add-fact form reopens)."""
        self.waiting_for: str | None = None
        """A command pressed before the analysis it needs was ready: it runs when it is."""
        """An edit is being checked and written (in a worker): no second one meanwhile."""
        self.progress: Progress | None = None
        """How far the background analysis has got (None before a pack is loaded)."""
        self._progress_shown = ""
        self._read = asyncio.Event()
        self._first_frame_drawn = False
        """Set by Textual's Ready event (see ``OpeningActions.on_ready``)."""
        self._after_first_frame: Callable[[], None] | None = None
        """Set once the load worker has handed over its result (see :meth:`on_load`)."""
        self._until_first_frame = contextlib.ExitStack()
        """The collector's pause from a quick read's hand-over to the first frame (see
        ``OpeningActions._loaded``); closed on Ready, or on unmount if that never came."""

    @property
    def marked(self) -> frozenset[str]:
        """Ids of the marked facts (what export writes)."""
        return frozenset(self.main.marked)

    def get_default_screen(self) -> MainScreen:
        return self.main

    def read_view_styles(self) -> None:
        """Add the views' styles to the stylesheet, before the first screen is pushed.

        Parsed at start they cost the first frame ~4 ms (of ~7 ms for all the
        reader's styles) for screens not open yet; parsed as the first frame is
        drawn they held the interpreter while Textual's writer thread had that
        frame still to send to the terminal. Textual keeps what it has parsed, so
        only this file is parsed here, once; no widget of the main screen is one
        they style, so nothing already drawn changes.
        """
        if not self.stylesheet.has_source(self.VIEWS_CSS_PATH):
            self.stylesheet.read(self.VIEWS_CSS_PATH)
            self.stylesheet.parse()  # now: the rules map is renewed with the views' rules

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Every screen pushed (the views, dialogs, Textual's palette) finds its styles."""
        self.read_view_styles()
        return super().push_screen(*args, **kwargs)

    def on_resize(self, event: events.Resize) -> None:
        check_size(self, event.size)  # before the screens lay out at the new size

    def on_mount(self) -> None:
        check_size(self)
        self.keymap, self.keymap_problems = load_keymap(self.keymap_file)
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self.keymap_problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)

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
        if not self.screen_stack or not self.is_running:
            return  # quitting: the screens are (being) torn down, nothing is drawn again
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
        waiting = self.waiting_for
        if (
            waiting is not None
            and self.screen is self.main
            and self.check_action(waiting, ()) is True
        ):
            self.waiting_for = None  # ready now, and the analyst is still where they pressed it
            self.call_later(self.run_action, waiting)

    def wait_for(self, action: str) -> bool:
        """Run ``action`` once the background work it needs is done; False if it needs none.

        The last such key pressed is the one that runs; any other key forgets it (the
        analyst has moved on), so a view never opens long after it stopped being wanted.
        """
        self.waiting_for = action if action in OPENS_WHEN_READY and self.derived else None
        return self.waiting_for is not None

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
        derived = self.derived
        if derived is not None and (
            (action in NEEDS_ANALYSIS and derived.known_analysis is None)
            or (action == "search" and not derived.index_ready)
            or (action == "disagreements" and not derived.disagreements_ready)
        ):
            return None
        main = self.main
        if action in EDITS:
            # Shown only where they apply (the reader's own screen, a candidate, the
            # article, something to undo); greyed while an edit is checked and written.
            if self.pack is None or self.editor is None or self.screen is not main:
                return False
            if action in NEEDS_INDEX and derived is not None and not derived.index_ready:
                return None if self.can_edit(action) else False
            return None if self.editing else self.can_edit(action)
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
        if action in EDITS and self.editing:
            return "An edit is still being checked and written."
        if action in OPENS_WHEN_READY and self.derived is not None:
            doing = self.progress.text().strip() if self.progress is not None else ""
            return f"Not ready yet ({doing or 'analysing the pack'}): it opens when that is done."
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
            elif command.ACTION == "focus_next" and isinstance(self.screen, ModalScreen):
                text = "Next field"  # a form's fields (export, add a fact), not the panes
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


def run(pack_arg: str | None, since: str | None = None) -> int:
    """Run the reader; print an invalid pack's diagnostics after the screen is restored."""
    app = BriefingApp(pack_arg, since)
    app.run()
    for line in app.failure:
        print(line, file=sys.stderr)
    return app.return_code or 0
