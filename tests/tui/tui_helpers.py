"""Driving the reader in tests: a loaded app, and keyboard shortcuts to its panes."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot

from briefing.tui.app import BriefingApp
from briefing.tui.detail_rows import Target
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.source_view import SourceView

WAIT_SECONDS = 30.0
"""How long a wait for a condition may take before the test fails (a loaded machine is slow)."""


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, seconds: float = WAIT_SECONDS
) -> None:
    """Let the app run frame by frame until ``condition`` holds (never a fixed sleep)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause()


def settled(app: BriefingApp) -> bool:
    """The pack is shown and its analysis and disagreements are in (or the app has ended)."""
    derived = app.derived
    return app.return_code is not None or (derived is not None and derived.disagreements_ready)


class Reader:
    """A running app with shortcuts to its panes."""

    def __init__(self, app: BriefingApp, pilot: Pilot[None], notices: list[str]) -> None:
        self.app, self.pilot = app, pilot
        self.notices = notices
        """Every message passed to ``app.notify`` so far (recorded through the public call)."""

    @property
    def source_view(self) -> SourceView:
        return self.app.main.query_one(SourceView)

    @property
    def detail(self) -> DetailPane:
        return self.app.main.query_one(DetailPane)

    @property
    def navigator(self) -> Navigator:
        return self.app.main.query_one(Navigator)

    @property
    def current_id(self) -> str | None:
        place = self.app.main.current
        return None if place is None else place.item_id

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()
        await self.pilot.pause()

    async def until(self, condition: Callable[[], bool], what: str) -> None:
        """Let the app run frame by frame until ``condition`` holds (never a fixed sleep)."""
        await wait_until(self.pilot, condition, what)

    async def browse_to(self, item_id: str) -> None:
        """Put the navigator cursor on ``item_id`` through the navigator's API, as a link does.

        The keyboard walk itself is tested once (``test_arrows_and_jk_move_the_navigator``);
        pressing down sixty times in every test cost the suite minutes.
        """
        self.navigator.focus()
        self.navigator.show_item(item_id)

        def arrived() -> bool:
            node = self.navigator.cursor_node
            on_row = node is not None and node.data is not None and node.data.item_id == item_id
            return on_row and self.current_id == item_id

        await self.until(arrived, f"the navigator cursor on {item_id}")
        await self.pilot.pause()

    async def detail_cursor_to(self, row: Target) -> None:
        """Move the detail cursor with the keyboard until it is on ``row``."""
        self.detail.focus()
        target = self.detail.index_of(row)
        assert target is not None, f"{row} is not listed"
        for _ in range(100):
            if self.detail.highlighted == target:
                return
            if self.detail.highlighted is None:
                await self.press("down")
                continue
            await self.press("down" if self.detail.highlighted < target else "up")
        raise AssertionError(f"cannot reach {row}")


def record_notices(app: BriefingApp) -> list[str]:
    """The app's notices, as it shows them, in a list a test reads (the app still shows them)."""
    notices: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        notices.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return notices


@asynccontextmanager
async def reader(
    pack_arg: str | None = None, size: tuple[int, int] = (120, 36), notifications: bool = False
) -> AsyncIterator[Reader]:
    """Run the app until the pack is loaded and analysed (as a reader sees it once settled).

    The load starts after the first frame, in a worker, and the analysis follows it:
    wait for what the app says it has, not for the workers that exist at the start.
    """
    app = BriefingApp(pack_arg)
    notices = record_notices(app)
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await wait_until(pilot, lambda: settled(app), "the pack loaded and analysed")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        yield Reader(app, pilot, notices)
