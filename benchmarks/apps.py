"""The apps the start-up, navigation and memory benchmarks run, in a child process.

``bare``: a Textual app with the reader's widgets (header, a tree, a detail pane,
a scrolling source pane, footer) and no data: the baseline. ``briefing``: the
reader on a pack. Run as ``python -m benchmarks.apps KIND PACK MODE SPAWNED``
where MODE is ``frame`` (headless: seconds from SPAWNED, the parent's wall clock
before it started this process, to the first frame and to the pack shown, and
the peak RSS) or ``tty`` (run in a real terminal, for tmux).
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time


def bare_app():  # type: ignore[no-untyped-def]
    """A Textual app with the same widgets as the reader and nothing in them."""
    from textual.app import App, ComposeResult
    from textual.containers import Grid, VerticalScroll
    from textual.widgets import Footer, Header, Static, Tree

    class Bare(App[None]):
        TITLE = "briefing"
        CSS = """
        #panes { grid-size: 3; grid-columns: 1fr 1fr 2fr; }
        """
        BINDINGS = [("q", "quit", "Quit"), ("n", "bell", "Next evidence")]  # noqa: RUF012

        def compose(self) -> ComposeResult:
            yield Header()
            with Grid(id="panes"):
                yield Tree("Pack", id="navigator")
                yield Static("", id="detail")
                with VerticalScroll(id="source"):
                    yield Static("", id="article")
            yield Footer()

    return Bare()


def briefing_app(pack: str):  # type: ignore[no-untyped-def]
    from briefing.tui.app import BriefingApp

    return BriefingApp(pack)


def rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def frame(kind: str, pack: str, spawned: float) -> dict[str, float]:
    app = bare_app() if kind == "bare" else briefing_app(pack)
    result: dict[str, float] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        result["first_frame"] = time.time() - spawned
        if kind != "bare":
            while getattr(app, "pack", None) is None and app.is_running:
                await asyncio.sleep(0.002)
            await pilot.pause()
        result["shown"] = time.time() - spawned
        result["rss_mib"] = rss_mib()
    return result


def main() -> None:
    kind, pack, mode, spawned = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    if mode == "frame":
        print(json.dumps(asyncio.run(frame(kind, pack, spawned))))
    else:
        app = bare_app() if kind == "bare" else briefing_app(pack)
        app.run()


if __name__ == "__main__":
    main()
