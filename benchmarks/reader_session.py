"""A short reader session in a fresh process, timed the way the user feels it.

``python -m benchmarks.reader_session PACK PRESSES SPAWNED [PROFILE]`` opens the
reader headless at 120x36 on PACK (the cache as the environment says) and prints
one JSON line:

- ``shown``: seconds from SPAWNED (the parent's wall clock just before it started
  this process) to the first frame drawn with the pack in the panes (the frame
  with the loading indicator does not count);
- ``actors`` / ``pledges``: for each ``down`` press in the navigator on the Actors
  list (the first list on screen) and on the pledges, seconds from the key press
  to the first frame drawn after the main screen has shown the new item;
- ``search``: for each character typed in the actor search box, seconds from the
  key press to the first frame drawn after the results were updated;
- ``rss_mib``: peak RSS of the whole session (the load, the background work it
  starts, the walks and the searches).

Every frame is rendered to terminal bytes (``render_segments``), as a real
terminal would be sent: headless Textual skips that step. The walks start once
the background work after the load (disagreements) has finished, so they time
the key, not a thread competing for the interpreter. With PROFILE, the Actors
walk runs under cProfile and the stats are written there.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import resource
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from benchmarks.apps import briefing_app

QUERIES_PER_SIZE = 3


def hook_frames(app: Any, frames: list[float], marks: dict[str, float]) -> None:
    """Record each frame's time; render it to terminal bytes as a terminal would get it."""
    from textual._compositor import CompositorUpdate

    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        if renderable is not None and not app._batch_count:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            now = time.perf_counter()
            frames.append(now)
            if app.pack is not None and "shown" not in marks:
                marks["shown"] = time.time()
        original(screen, renderable)

    app._display = display


def hook_calls(owner: Any, name: str, calls: list[float]) -> Callable[[], None]:
    """Record when ``owner.name`` returns (an instance attribute shadows the method)."""
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        calls.append(time.perf_counter())
        return result

    setattr(owner, name, wrapper)
    return lambda: delattr(owner, name)


def _pending(screen: Any) -> bool:
    """Whether the screen has changes not yet drawn (Textual's own bookkeeping)."""
    return bool(
        getattr(screen, "_dirty_widgets", None)
        or getattr(screen, "_layout_required", False)
        or getattr(screen, "_repaint_required", False)
    )


async def first_frame_after(
    app: Any, frames: list[float], calls: list[float], since: int, began: float, timeout: float = 60
) -> float:
    """Seconds from ``began`` to the frame that shows the ``since``-th hooked call's result.

    That is the first frame after the call returned; if the call itself drew the
    frame (a synchronous refresh inside it) and nothing is left to draw, the
    screen was complete when the call returned, so that moment counts (or the
    last frame, if later).
    """
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if len(calls) > since:
            done = calls[since]
            after = [f for f in frames if f >= done]
            if after:
                return after[0] - began
            if not _pending(app.screen):
                await asyncio.sleep(0.001)  # a frame already scheduled gets its turn
                after = [f for f in frames if f >= done]
                if after:
                    return after[0] - began
                if not _pending(app.screen) and any(f >= began for f in frames):
                    return max(done, frames[-1]) - began
        await asyncio.sleep(0.0005)
    raise SystemExit(
        f"no frame after the key press: {len(calls) - since} screen updates, "
        f"{len([f for f in frames if f >= began])} frames since the press"
    )


async def settle(app: Any) -> None:
    """Wait for the load worker and the reader's background threads to finish."""
    await app.workers.wait_for_complete()
    for thread in threading.enumerate():
        if thread.name.startswith("briefing-"):
            await asyncio.to_thread(thread.join)


async def walk(
    pilot: Any, app: Any, frames: list[float], ids: list[str], presses: int
) -> list[float]:
    """``down`` from the first of ``ids``: key press to the frame showing the next item."""
    from briefing.tui.widgets.navigator import Navigator

    main = app.main
    navigator = app.query_one(Navigator)
    navigator.show_item(ids[0])
    navigator.focus()
    while main.current is None or main.current.item_id != ids[0]:
        await pilot.pause()
    await pilot.pause()
    calls: list[float] = []
    unhook = hook_calls(main, "_show", calls)
    times = []
    try:
        for _ in range(min(presses, len(ids) - 1)):
            since = len(calls)
            began = time.perf_counter()
            await pilot.press("down")
            times.append(await first_frame_after(app, frames, calls, since, began))
            await pilot.pause()
    finally:
        unhook()
    return times


def queries(pack: Any) -> list[str]:
    """Actor names with a typo (a doubled letter), spread over the pack."""
    actors = [a for a in pack.actors if len(a.name) >= 6]
    step = max(1, len(actors) // QUERIES_PER_SIZE)
    chosen = actors[::step][:QUERIES_PER_SIZE]
    return [a.name[:3] + a.name[2] + a.name[3:] for a in chosen]


async def search(pilot: Any, app: Any, frames: list[float]) -> tuple[list[float], int]:
    """Type each query into the search box: key press to the frame with its results."""
    from textual.widgets import Input

    app.action_search()
    await pilot.pause()
    screen = app.screen
    box = screen.query_one(Input)
    box.cursor_blink = False
    await pilot.pause()
    name = "show_results" if hasattr(screen, "show_results") else "_refill"
    calls: list[float] = []
    unhook = hook_calls(screen, name, calls)
    times: list[float] = []
    try:
        for query in queries(app.pack):
            box.value = ""
            await pilot.pause()
            for char in query:
                since = len(calls)
                began = time.perf_counter()
                await pilot.press(char if char != " " else "space")
                times.append(await first_frame_after(app, frames, calls, since, began))
                await pilot.pause()
    finally:
        unhook()
    count = len(screen.hits)
    screen.dismiss(None)
    await pilot.pause()
    return times, count


async def session(pack: str, presses: int, spawned: float, profile: str | None) -> dict[str, Any]:
    app = briefing_app(pack)
    frames: list[float] = []
    marks: dict[str, float] = {}
    hook_frames(app, frames, marks)
    result: dict[str, Any] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        while "shown" not in marks:
            if not app.is_running:
                raise SystemExit("the reader stopped before the pack was shown")
            await asyncio.sleep(0.002)
        result["shown"] = marks["shown"] - spawned
        result["rss_shown_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        await settle(app)
        await pilot.pause()
        pack_obj = app.pack
        from briefing.tui.labels import section_items

        owner = getattr(app, "derived", None) or pack_obj  # the derived data, where the app has it
        actor_ids = [a.id for a in section_items(owner, "actors")]
        pledge_ids = [p.id for p in section_items(owner, "pledges")]
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        result["actors"] = await walk(pilot, app, frames, actor_ids, presses)
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
        await asyncio.sleep(0.3)  # the last actor's mentions search starts after 0.25 s
        await settle(app)
        result["pledges"] = await walk(pilot, app, frames, pledge_ids, presses)
        result["search"], result["hits"] = await search(pilot, app, frames)
        await settle(app)
    result["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    pack, presses, spawned = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    profile = sys.argv[4] if len(sys.argv) > 4 else None
    print(json.dumps(asyncio.run(session(pack, presses, spawned, profile))))


if __name__ == "__main__":
    main()
