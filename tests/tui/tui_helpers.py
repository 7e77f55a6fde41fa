"""Driving the reader in tests: a loaded app, and keyboard shortcuts to its panes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot

from briefing.tui.app import BriefingApp
from briefing.tui.detail_rows import Target
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.source_view import SourceView


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

    async def until(self, condition: Callable[[], bool], what: str, frames: int = 200) -> None:
        """Let the app run frame by frame until ``condition`` holds (never a fixed sleep)."""
        for _ in range(frames):
            if condition():
                return
            await self.pilot.pause()
        raise AssertionError(f"timed out waiting for {what}")

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


@asynccontextmanager
async def reader(
    pack_arg: str | None = None, size: tuple[int, int] = (120, 36), notifications: bool = False
) -> AsyncIterator[Reader]:
    """Run the app until the pack is loaded."""
    app = BriefingApp(pack_arg)
    notices: list[str] = []
    notify = app.notify

    def recording_notify(message: str, *args: Any, **kwargs: Any) -> None:
        notices.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = recording_notify  # type: ignore[method-assign]
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        yield Reader(app, pilot, notices)
