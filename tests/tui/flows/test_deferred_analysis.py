"""The reader fills its panes from the pack alone; the analysis follows in a worker.

The analysis is held back here (a gate around ``analyse``) so the state before
it arrives can be looked at: panes filled, pending rows and a footer count,
views that need it disabled. Then it is let through and the panes fill in; or
the analyst quits while it is held, and the worker gives way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from textual.widgets import Label
from tui_helpers import Reader, wait_until

from briefing.model import io as model_io
from briefing.model.analysis import analyse as analyse_module
from briefing.model.once import Stop, Stopped, never
from briefing.model.pack import Pack
from briefing.tui.actions import opening
from briefing.tui.app import BriefingApp
from briefing.tui.detail_rows import pending_note
from briefing.tui.labels import support_tag
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.navigator import Navigator

HOLD_AT_MOST = 60.0
"""A held analysis lets go after this long, so a broken stop fails the test, never hangs it."""


class Gate:
    """Holds ``analyse`` until opened; records whether it was told to stop meanwhile."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.entered = threading.Event()
        self.gave_way = threading.Event()

    def held(self, pack: Pack, stop: Stop = never) -> Any:
        self.entered.set()
        deadline = time.monotonic() + HOLD_AT_MOST
        while not self.open.wait(0.005):
            if stop():
                self.gave_way.set()
                raise Stopped
            if time.monotonic() > deadline:
                break
        return REAL_ANALYSE(pack, stop)


REAL_ANALYSE = analyse_module.analyse


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate()
    monkeypatch.setattr(analyse_module, "analyse", held.held)
    yield held
    held.open.set()


def _pending_label(app: BriefingApp) -> Label:
    return app.main.query_one("#pending", Label)


async def _panes_filled(reader: Reader) -> None:
    def filled() -> bool:
        node = reader.navigator.cursor_node
        return reader.app.derived is not None and node is not None and reader.current_id is not None

    await reader.until(filled, "the panes filled from the pack")


async def test_panes_fill_before_the_analysis_which_fills_in_when_it_arrives(
    gate: Gate, pack: Pack
) -> None:
    app = BriefingApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = Reader(app, pilot, [])
        await _panes_filled(reader)
        derived = app.derived
        assert derived is not None and derived.known_analysis is None  # held back
        pledge = pack.pledges[0]
        await reader.browse_to(pledge.id)
        plain = [row.plain for row in reader.detail.content.rows]
        assert f"analysis: {pending_note(pack)}" in plain
        assert not any(row.startswith("support:") for row in plain)
        node = reader.navigator.node_for(pledge.id)
        assert node is not None and "src" not in str(node.label)  # no support tag yet
        for action in ("timeline", "dates", "pledge_board", "export", "disagreements"):
            assert app.check_action(action, ()) is None, action  # shown, disabled
        assert app.check_action("search", ()) in (None, True)  # the index comes first
        await reader.until(lambda: _pending_label(app).display, "the footer's count")
        assert "analysing" in str(_pending_label(app).render())

        gate.open.set()

        def filled_in() -> bool:
            return any(row.plain.startswith("support:") for row in reader.detail.content.rows)

        await reader.until(filled_in, "the support and rating rows")
        analysis = derived.known_analysis
        assert analysis is not None
        assert f"analysis: {pending_note(pack)}" not in [
            r.plain for r in reader.detail.content.rows
        ]
        assert reader.current_id == pledge.id  # the analyst stayed where they were
        tag = support_tag(analysis, pledge.id)
        assert tag and str(node.label).endswith(tag.strip())
        assert app.check_action("timeline", ()) is True
        await reader.until(
            lambda: app.check_action("disagreements", ()) is True, "the disagreements"
        )
        await reader.until(lambda: not _pending_label(app).display, "the footer count gone")


async def test_a_disabled_view_says_why(gate: Gate) -> None:
    notices: list[str] = []
    app = BriefingApp(None)
    record = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        notices.append(str(message))
        record(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        reader = Reader(app, pilot, notices)
        await _panes_filled(reader)
        await reader.press("t")
        assert app.screen is app.main  # the timeline did not open
        assert any("it opens when that is done" in notice for notice in notices), notices
        assert app.waiting_for == "timeline"
        gate.open.set()
        # It keeps its word: the timeline opens by itself once the analysis is in.
        await reader.until(lambda: app.screen is not app.main, "the timeline to open")
        assert type(app.screen).__name__ == "TimelineScreen"
        assert app.waiting_for is None


async def test_a_key_pressed_after_a_waiting_view_forgets_it(gate: Gate) -> None:
    app = BriefingApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = Reader(app, pilot, [])
        await _panes_filled(reader)
        before = reader.current_id
        await reader.press("t")
        assert app.waiting_for == "timeline"
        await reader.press("down")  # the analyst moved on
        assert app.waiting_for is None and reader.current_id != before
        gate.open.set()
        await reader.until(lambda: app.check_action("timeline", ()) is True, "the analysis")
        await pilot.pause()
        assert app.screen is app.main  # nothing opened behind their back


async def test_quitting_while_the_analysis_runs_exits_promptly(gate: Gate) -> None:
    app = BriefingApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = Reader(app, pilot, [])
        await _panes_filled(reader)
        assert app.derived is not None and app.derived.known_analysis is None
        # The worker reaches the analysis some time after the panes fill (later on a busy
        # machine): quit while it is held, not before it began.
        await reader.until(gate.entered.is_set, "the analysis started")
        started = time.monotonic()
        await pilot.press("q")
    # The held analysis was told to stop (the worker cancelled), well before it would let go.
    assert gate.gave_way.wait(10), "the analysis was never told to stop"
    assert time.monotonic() - started < 10
    assert app.derived is not None and app.derived.known_analysis is None


@pytest.mark.parametrize("quick", [True, False], ids=["quick read", "read after the first frame"])
async def test_the_worker_goes_on_once_the_filled_screen_has_settled(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, quick: bool
) -> None:
    """The worker's CPU-bound work starts once the filled screen has settled, not at the
    first refresh after the fill: filling the panes lays the screen out more than once
    (the navigator's tree builds its lines when idle, the new sizes lay it out again),
    and work started meanwhile takes the interpreter from those frames, which a
    terminal then shows in pieces. Layouts are counted with the screen's public
    signal; the worker's first step after that (the edit engine) is held, so nothing
    it does can lay the screen out."""
    layouts: list[int] = []
    seen_by_worker: list[int] = []
    let_read, let_go = threading.Event(), threading.Event()

    # A quick read is in the first frame; a slow one (held here until the app runs)
    # fills the panes after a first frame with the loading notice.
    monkeypatch.setattr(opening, "QUICK_LOAD", 60.0 if quick else 0.0)
    load = model_io.load_pack

    def held_load(*args: Any, **kwargs: Any) -> Any:
        if not quick:
            let_read.wait(HOLD_AT_MOST)
        return load(*args, **kwargs)

    monkeypatch.setattr(model_io, "load_pack", held_load)
    fill = MainScreen._fill

    def filling(screen: MainScreen, derived: Any) -> None:
        fill(screen, derived)
        screen.screen_layout_refresh_signal.subscribe(
            screen, lambda _: layouts.append(1), immediate=True
        )

    monkeypatch.setattr(MainScreen, "_fill", filling)

    def editor(*args: Any) -> None:
        seen_by_worker.append(len(layouts))
        let_go.wait(HOLD_AT_MOST)

    monkeypatch.setattr(opening, "editor_for", editor)
    app = BriefingApp(None)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            let_read.set()
            await wait_until(pilot, lambda: bool(seen_by_worker), "the worker's next step")
            for _ in range(5):  # whatever the fill still had to lay out would happen now
                await pilot.pause()
            assert seen_by_worker[0] >= 1  # the panes were laid out once filled...
            assert len(layouts) == seen_by_worker[0]  # ...and not again after the worker went on
            assert app.main.query_one(Navigator).cursor_node is not None
    finally:
        let_go.set()
