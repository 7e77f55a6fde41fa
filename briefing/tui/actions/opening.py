"""Opening the pack: the load worker, the panes filled, then the analysis in the background.

The load starts before the terminal is taken over (:meth:`OpeningActions.on_load`)
and the app waits for it up to :data:`QUICK_LOAD`; the worker then hands the pack
to the UI thread, makes the edit engine once the panes are drawn, and builds the
index, analysis and disagreements, each shown as it arrives. Split out of the app
module, which keeps availability and the footer.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widgets import Label
from textual.worker import get_current_worker

from briefing.model.collector import collector_paused, keep_for_good
from briefing.model.sanitize import clean_line
from briefing.tui.actions.loading import Progress, analyse_in_background, editor_for
from briefing.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from textual.app import App

    from briefing.model.derived import Derived
    from briefing.model.editing import EditSession
    from briefing.model.io import LoadResult
    from briefing.model.pack import Pack

    _AppBase = App[None]
else:
    _AppBase = object  # a mixin at run time: Textual sees only the app's own class

QUICK_LOAD = 0.6
"""Seconds the app waits for the pack before its first frame (see :meth:`OpeningActions.on_load`).

Measured (docs/performance.md): a load-cache hit of the default pack takes ~10 ms
and of 1,000 articles ~0.5 s; a first read of 1,000 articles takes seconds. Within
this, the terminal stays as it was a little longer and the first frame has the
pack in it; past it, a loading indicator shows the reader is working, so the
first frame comes within about a second of the command (imports ~0.3 s + this).
"""

SETTLE_ROUNDS = 5
"""Layouts after the panes are filled that :meth:`OpeningActions.when_settled` waits out.

Measured at 1,000 articles and on the default pack: two or three (the tree's lines,
then the detail pane's), each a round of messages and one frame.
"""


class OpeningActions(_AppBase):
    """The pack's load and what follows it, for :class:`briefing.tui.app.BriefingApp` (a mixin)."""

    if TYPE_CHECKING:  # what the app provides
        main: MainScreen
        pack_arg: str | None
        since_arg: str | None
        pack: Pack | None
        derived: Derived | None
        failure: list[str]
        editor: EditSession | None
        progress: Progress | None
        _progress_shown: str
        _read: asyncio.Event
        _first_frame_drawn: bool
        _after_first_frame: Callable[[], None] | None
        _until_first_frame: contextlib.ExitStack

        def availability_changed(self) -> None: ...

        def show_since(self, *, push: bool) -> None: ...

    async def on_load(self) -> None:
        """Start reading the pack, and wait for it a moment before the first frame.

        A read that ends within :data:`QUICK_LOAD` (a load-cache hit, a small pack)
        is in the first frame: no loading frame, no second layout of the panes,
        and nothing drawn meanwhile to take the interpreter from the read. A
        slower one goes on in its worker behind a loading indicator.
        """
        self.run_worker(self._load, thread=True, exclusive=True, group="load")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._read.wait(), QUICK_LOAD)

    def on_ready(self) -> None:
        """Textual's Ready: the first frame is drawn (with the panes, after a quick read)."""
        self._first_frame_drawn = True
        # The collector is back on before the worker goes on (it pauses it again itself).
        self._until_first_frame.close()
        drawn, self._after_first_frame = self._after_first_frame, None
        if drawn is not None:
            self.when_settled(drawn)

    def when_settled(self, then: Callable[[], None], rounds: int = SETTLE_ROUNDS) -> None:
        """Call ``then`` once the screen has drawn all it had to lay out, not merely one frame.

        A frame is not the whole picture: after the first one (or the refresh after
        the panes are filled) the navigator's tree builds its lines when it is idle,
        and the new sizes lay the screen out again over one to three more frames
        (~0.1 s each at 1,000 articles). Work started in a thread at the first frame
        takes the interpreter from those, and in a terminal the panes then arrive in
        pieces (traced in tmux at 1,000 articles: the worker's next step, ~0.15 s of
        Python, ran alongside the filled frame's layout). So: every widget of the
        screen works through its queue (and its idle handlers), then the screen
        refreshes; if that laid the screen out again, once more, at most ``rounds``
        times.
        """
        if not self.is_running:  # closing: nothing more will be drawn
            then()
            return
        screen = self.screen
        laid_out = False

        def relaid(_screen: object) -> None:
            nonlocal laid_out
            laid_out = True

        def refreshed() -> None:
            screen.screen_layout_refresh_signal.unsubscribe(self)
            if laid_out and rounds > 1 and self.is_running:
                self.when_settled(then, rounds - 1)
            else:
                then()

        waiting = 0

        def worked_through() -> None:
            nonlocal waiting
            waiting -= 1
            if not waiting and not self.call_after_refresh(refreshed):
                refreshed()  # closing

        screen.screen_layout_refresh_signal.subscribe(self, relaid, immediate=True)
        for pump in [self, *screen.walk_children(with_self=True)]:
            waiting += pump.call_later(worked_through)
        if not waiting and not self.call_after_refresh(refreshed):
            refreshed()  # closing

    def on_unmount(self) -> None:
        """Closing: the collector is back on even if the first frame never came."""
        self._until_first_frame.close()

    def _load(self) -> None:
        # Imported here, in the worker: the loader, analysis and search (PyYAML,
        # rapidfuzz, the schema) are not needed for the first frame. The cache
        # makes a second start skip parsing and anchoring.
        from briefing.model.derived import Derived
        from briefing.model.io import load_pack

        # The collector is paused while the pack is built (millions of small
        # objects, no cycles), then what was built is frozen: the pack lives as
        # long as the app, and a full collection walking it again is a visible
        # pause between a key press and the frame.
        worker = get_current_worker()
        with collector_paused():
            result = load_pack(self.pack_arg, cache=True, store_later=True, defer_checks=True)
            if result.pack is not None:
                keep_for_good()
        if worker.is_cancelled:
            return
        if result.pack is None:
            self.call_from_thread(self._loaded, result, None)
            return
        derived = Derived(result.pack)
        drawn = threading.Event()
        self.call_from_thread(self._loaded, result, derived, drawn.set)
        # Once the filled panes are drawn and laid out (building the analysis meanwhile
        # would take the interpreter from the UI thread half the time and delay those
        # frames by as long again), what needs the analysis, in this worker. Quitting
        # before that still writes the cache entry below.
        while not drawn.wait(0.05):
            if worker.is_cancelled:
                break
        if result.later is not None:
            # The warning-only checks left out of the first read (meeting dates):
            # their warnings are counted in the notice, the analysis reuses the
            # dates they resolve, and the cache entry below needs them (so they
            # run even if the analyst is already quitting).
            with collector_paused():
                result.run_later_checks()
                keep_for_good()  # the resolved dates stay with the pack
            if not worker.is_cancelled:
                assert result.pack is not None
                self.call_from_thread(self._checked, result.pack)
        if result.store_cache is not None:
            # A first start: the cache entry, once the pack is shown (even if the
            # analyst is already quitting: the next start needs it most then).
            result.store_cache()
            result.store_cache = None
        # The edit engine is not needed to show the pack: made once it is on screen.
        editor = editor_for(self.pack_arg, result)
        if worker.is_cancelled:
            return
        self.call_from_thread(self._editor_ready, editor)
        self._analyse(derived)

    def _editor_ready(self, editor: EditSession | None) -> None:
        """The edit engine exists: the edit commands are offered where they apply."""
        self.editor = editor
        self.availability_changed()

    def start_analysis(self, derived: Derived) -> None:
        """Build what ``derived`` still lacks in a worker (after an edit reloaded the pack)."""
        self.run_worker(
            lambda: self._analyse(derived), thread=True, exclusive=True, group="analysis"
        )

    def _analyse(self, derived: Derived) -> None:
        """Index, analysis, disagreements; each handed to the UI thread when it is ready."""
        worker = get_current_worker()
        progress = Progress(derived, lambda: worker.is_cancelled)
        self.progress = progress

        def tell(what: Callable[[Derived], None]) -> Callable[[], None]:
            def told() -> None:
                if not worker.is_cancelled:
                    self.call_from_thread(what, derived)

            return told

        analyse_in_background(progress, tell(self._analysed), tell(self._found))

    def _show_progress(self) -> None:
        """The footer's "analysing…" notice, from the background work's count (a timer)."""
        labels = self.main.query("#pending").results(Label)
        label = next(labels, None)
        if label is None:
            return  # the screen is being torn down (quitting)
        progress = self.progress
        text = "" if progress is None or progress.derived is not self.derived else progress.text()
        if text != self._progress_shown:  # unchanged (most ticks): no repaint
            self._progress_shown = text
            label.update(text)
            label.display = bool(text)

    def _analysed(self, derived: Derived) -> None:
        """The index and analysis exist: support and ratings appear, the views open."""
        if not self.is_running:
            return  # arrived while quitting: the panes are being torn down
        if derived is self.derived:
            self.main.analysis_arrived()
            self.availability_changed()
        self._show_progress()

    def _found(self, derived: Derived) -> None:
        """The disagreements are found: the view opens at once now."""
        self._show_progress()
        self.availability_changed()

    def _loaded(
        self,
        result: LoadResult,
        derived: Derived | None,
        drawn: Callable[[], None] | None = None,
    ) -> None:
        """The pack is read: fill the panes (``drawn`` is called once they are on screen).

        Before the first frame (a quick read, see :meth:`on_load`) the screen is not
        mounted yet: it fills its panes as it mounts.
        """
        self._read.set()
        if drawn is not None:
            # Called once the filled panes are drawn and the screen has settled (see
            # when_settled). Before the first frame (a quick read) that frame is the
            # first, which Textual announces with its Ready event: a refresh asked for
            # before the app runs need not come soon (measured: a start quit at once
            # never wrote its load cache).
            if self._first_frame_drawn:
                self.when_settled(drawn)
            else:
                self._after_first_frame = drawn  # see on_ready
                # Mounting and drawing the filled panes: the collector ran ~45 times before
                # the first frame (5-10 ms, measured), over objects nearly all kept (~21,000
                # more at that frame). Paused until on_ready; the worker waits for that frame
                # meanwhile, so its own pauses do not interleave with this one.
                self._until_first_frame.enter_context(collector_paused())
                # Closed last in, first out: what the frame mounted is frozen before the
                # collector is back on (see keep_for_good). That freezes the first render's
                # own leftovers too (~8,600 objects, ~0.8 MB, once a start), in exchange
                # for no pass over the ~21,000 widget objects kept, then or later.
                self._until_first_frame.callback(keep_for_good)
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
        # Checks left for later (see _load) count their warnings when they end.
        warnings = None if result.later is not None else len(result.pack.warnings)
        self.main.set_pack(derived, then=lambda: self._pack_shown(warnings))

    def _pack_shown(self, warnings: int | None) -> None:
        """The panes are filled: the footer's progress, ``--since`` marks, the warnings
        (None: not all counted yet, see :meth:`_warn`)."""
        self._show_progress()
        self.set_interval(0.5, self._show_progress)
        if self.since_arg is not None:
            self.show_since(push=False)
        if warnings is not None:
            self._warn(warnings)
        self.availability_changed()

    def _checked(self, pack: Pack) -> None:
        """Every check has run: ``pack`` (the same facts, every warning) replaces the one shown.

        The reader and its derived views then hold the pack a full load gives,
        so whatever reads its warnings later reads all of them.
        """
        self.pack = pack
        if self.derived is not None:
            self.derived.pack = pack
        self._warn(len(pack.warnings))

    def _warn(self, warnings: int) -> None:
        """The one notice of the pack's warnings, once every check has run."""
        if warnings and self.is_running:
            self.notify(
                f"{warnings} warning(s): run 'briefing validate' to list them", markup=False
            )
