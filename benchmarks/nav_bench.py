"""Navigation: key press to the source pane showing the highlighted sentence.

In a headless reader (120x36) on the 1,000-article pack, the cursor is put on
the first pledge; then ``down`` is pressed repeatedly. Each press browses the
next pledge, whose evidence lies in another part of an article (often another
article): the figure is the time from the key press to the first frame drawn
after the source pane's highlight holds the new evidence's offsets. The
baseline is the same walk in the default pack (5 articles): the 1,000-article
figure should be no worse. Target: < 50 ms.
"""

from __future__ import annotations

from benchmarks.common import REPO, Context, Figure, median, reader_missing, run_python

CHILD = r"""
import asyncio, json, sys, time
from benchmarks.apps import briefing_app
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.source_view import SourceView
presses = int(sys.argv[2])

async def main():
    app = briefing_app(sys.argv[1])
    frames = []
    original = app._display
    def display(screen, renderable):
        if renderable is not None and not app._batch_count:
            frames.append(time.perf_counter())
        original(screen, renderable)
    app._display = display
    async with app.run_test(size=(120, 36)) as pilot:
        while app.pack is None:
            if not app.is_running:
                raise SystemExit("the reader stopped before the pack was shown")
            await asyncio.sleep(0.01)
        await pilot.pause()
        pack = app.pack
        navigator = app.query_one(Navigator)
        source = app.query_one(SourceView)
        pledges = list(pack.pledges)
        navigator.show_item(pledges[0].id)
        navigator.focus()
        await pilot.pause()
        shows = []
        original_show = source.show
        def show(*args, **kwargs):
            original_show(*args, **kwargs)
            shows.append(time.perf_counter())
        source.show = show
        times = []
        for index in range(1, min(presses, len(pledges) - 1) + 1):
            expected = pledges[index].evidence[0]
            previous = pledges[index - 1].evidence[0]
            if (expected.source, expected.start) == (previous.source, previous.start):
                await pilot.press("down")  # same sentence: nothing to redraw, not timed
                await pilot.pause()
                continue
            began = time.perf_counter()
            press = asyncio.create_task(pilot.press("down"))
            deadline = began + 20
            latency = None
            while latency is None:
                if time.perf_counter() > deadline:
                    raise SystemExit(f"no highlighted frame for {expected.source}:{expected.start}")
                h = source.highlight
                if h is not None and (h.source_id, h.start) == (expected.source, expected.start):
                    shown_at = shows[-1]
                    after = [f for f in frames if f >= shown_at]
                    if after:
                        latency = after[0] - began
                await asyncio.sleep(0.0005)
            await press
            await pilot.pause()
            times.append(latency)
    print(json.dumps(times))

asyncio.run(main())
"""


def unavailable() -> str | None:
    return reader_missing()


def walk(pack: str, presses: int, cache: str) -> float:
    times = run_python(CHILD, pack, str(presses), env={"BRIEFING_CACHE_DIR": cache}, timeout=600)
    return median(times)


def run(ctx: Context) -> list[Figure]:
    presses = 15 if ctx.quick else 40
    ctx.log(f"navigation: {presses} presses")
    cache = str(ctx.packs.cache_dir("nav"))
    small = walk(str(REPO), presses, cache)
    large = walk(str(ctx.packs.get(1000)), presses, cache)
    return [
        Figure(
            "navigation",
            "key press to highlighted sentence, 1,000 articles (median)",
            large,
            "s",
            "same walk in the default pack",
            small,
            large / small,
            "< 50 ms",
            large < 0.050,
        )
    ]
