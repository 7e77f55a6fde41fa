"""The load worker goes on with its CPU-bound work only once the filled screen has settled.

Filling the panes lays the screen out more than once (the navigator's tree builds
its lines when it is idle, then the new sizes lay the screen out again). Work
started in a thread before those frames are drawn takes the interpreter from
them, and a terminal shows the panes in pieces. Layouts are counted with the
screen's public layout signal; the worker's first step after the panes are shown
(making the edit engine) is held, so nothing it does can lay the screen out.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from tui_helpers import wait_until

from briefing.model import io as model_io
from briefing.model.pack import Pack
from briefing.tui.actions import opening
from briefing.tui.app import BriefingApp
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.navigator import Navigator

HOLD_AT_MOST = 60.0
"""A held step lets go after this long, so a broken test fails, never hangs."""


@pytest.mark.parametrize("quick", [True, False], ids=["quick read", "read after the first frame"])
async def test_the_worker_goes_on_once_the_filled_screen_has_settled(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, quick: bool
) -> None:
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
