"""The apps the start-up, navigation and memory benchmarks run, in a child process.

``bare``: a Textual app with the reader's widgets (header, a tree, a detail pane,
a scrolling source pane, footer) and no data: the baseline. ``briefing``: the
reader on a pack. Run as ``python -m benchmarks.apps KIND PACK MODE SPAWNED``
where MODE is ``frame`` (headless: seconds from SPAWNED, the parent's wall clock
before it started this process, to the first frame and to the pack shown, and
the peak RSS), ``settle`` (``frame``, then the peak RSS once the background
analysis has finished too) or ``tty`` (run in a real terminal, for tmux).
"""

from __future__ import annotations

import asyncio
import json
import re
import resource
import sys
import threading
import time

MARKER = "Actors ("
"""Drawn only once the pack is in the navigator (not on the loading frame): the
reader's "panes filled", in a real terminal (tmux's screen) and headless (the frame's text)."""
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\))")
"""A terminal control sequence (CSI: cursor moves, styles; OSC: links)."""


def bare_app():  # type: ignore[no-untyped-def]
    """A Textual app with the reader's widgets and nothing in them.

    The same widget types and counts as the reader's first screen: header, a
    tree, an option list, a source pane (two banner lines above a scrolling
    article) and a footer showing ten keys. No stylesheet beyond the grid.
    """
    from textual.app import App, ComposeResult
    from textual.containers import Grid, Vertical, VerticalScroll
    from textual.widgets import Footer, Header, OptionList, Static, Tree

    keys = ["q", "question_mark", "slash", "n", "N", "backspace", "space", "t", "p", "e"]

    class Bare(App[None]):
        TITLE = "briefing"
        CSS = "#panes { grid-size: 3; grid-columns: 1fr 1fr 2fr; }"
        BINDINGS = [(key, "bell", f"Key {key}") for key in keys]  # noqa: RUF012

        def compose(self) -> ComposeResult:
            yield Header()
            with Grid(id="panes"):
                yield Tree("Pack", id="navigator")
                yield OptionList(id="detail")
                with Vertical(id="source"):
                    yield Static("", id="source-meta")
                    yield Static("", id="source-flags")
                    with VerticalScroll():
                        yield Static("", id="article")
            yield Footer()

    return Bare()


def briefing_app(pack: str):  # type: ignore[no-untyped-def]
    from briefing.tui.app import BriefingApp

    return BriefingApp(pack)


def rss_mib() -> float:
    """Peak resident memory of this process's own image so far, in MiB.

    ``VmHWM`` (``/proc/self/status``) starts afresh at ``exec``; ``ru_maxrss``
    does not: Linux carries over the peak of the process this one was forked
    from (the benchmark runner, ~60 MiB), which is where the bare app's 63 MiB
    floor in earlier tables came from. ``ru_maxrss`` where there is no /proc.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def watch_frames(app) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Record the wall-clock time of the first frame, and of the first showing the pack.

    A frame is a call of the app's display hook with a compositor update (what a
    terminal would be sent); headless apps make the same calls, only the write
    is skipped. The reader's pack is shown by the first frame whose text holds
    :data:`MARKER`, as tmux sees it: the first frame after the pack was set can
    still be the loading layout (0.1-0.15 s early on a cold open). The bare app
    shows what it has on its first frame. Wrapping a private method is
    acceptable in a benchmark only.
    """
    marks: dict[str, float] = {}
    original = app._display
    bare = not hasattr(app, "pack")

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None and not app._batch_count:
            now = time.time()
            if "first_frame" not in marks:
                marks["first_frame"] = now
                marks["first_frame_cpu"] = time.process_time()
            if "shown" not in marks and (bare or _shows_pack(app, renderable)):
                marks["shown"] = now
        original(screen, renderable)

    app._display = display
    return marks


def _shows_pack(app, renderable) -> bool:  # type: ignore[no-untyped-def]
    """True when the frame about to be written draws :data:`MARKER` (read after the
    frame's time is taken, so the reading does not count against it)."""
    if app.pack is None:
        return False
    text = _ESCAPE.sub("", renderable.render_segments(app.console))
    return MARKER in text


async def frame(kind: str, pack: str, spawned: float, settle: bool = False) -> dict[str, float]:
    """Times to the first frame and to the pack shown, and the peak RSS by then.

    With ``settle``, also wait for the load worker to finish its background work
    (the disagreement detection that runs after the pack is shown) and report the
    peak RSS after it: what the process needs over a whole session.
    """
    app = bare_app() if kind == "bare" else briefing_app(pack)
    marks = watch_frames(app)
    async with app.run_test(size=(120, 36)):
        while "shown" not in marks and app.is_running:
            await asyncio.sleep(0.002)
        shown_rss = rss_mib()
        if settle:
            await app.workers.wait_for_complete()
            # The reader's own background threads (disagreements, mentions) too.
            for thread in threading.enumerate():
                if thread.name.startswith("briefing-"):
                    await asyncio.to_thread(thread.join)
    result = {
        "first_frame": marks["first_frame"] - spawned,
        "shown": marks["shown"] - spawned,
        "first_frame_cpu": marks["first_frame_cpu"],
        "rss_mib": shown_rss,
    }
    if settle:
        result["rss_settled_mib"] = rss_mib()
    return result


def main() -> None:
    kind, pack, mode, spawned = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    if mode in ("frame", "settle"):
        print(json.dumps(asyncio.run(frame(kind, pack, spawned, settle=mode == "settle"))))
    else:
        app = bare_app() if kind == "bare" else briefing_app(pack)
        app.run()


if __name__ == "__main__":
    main()
