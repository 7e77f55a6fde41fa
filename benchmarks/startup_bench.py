"""Cold start to first frame, against a bare Textual app with the same widgets and no data.

Each run is a fresh interpreter started by the parent, which passes its wall
clock just before spawning: the figure counts interpreter start, imports, app
construction and the first refresh. Headless runs use ``App.run_test`` (first
frame = the first refresh after the app is ready); real-terminal runs start the
app in a tmux pane and poll ``capture-pane`` until the header title is drawn.
Runs of the bare app and the reader are interleaved; figures are medians.

- default pack (5 articles): first frame ≤ 1.3× the bare app;
- 1,000 articles, cold (no cache entry): first frame < 2 s;
- 1,000 articles, warm cache: first frame ≤ 1.2× the default pack's.

"Pack shown" (the panes filled) is reported too: the first frame carries a
loading indicator while the worker loads the pack.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, Context, Figure, median, reader_missing, run_module

SOCKET = f"briefing-bench-{os.getpid()}"


def unavailable() -> str | None:
    return reader_missing()


def headless(kind: str, pack: str, cache: Path | None) -> dict[str, float]:
    env = {"BRIEFING_NO_CACHE": "1"} if cache is None else {"BRIEFING_CACHE_DIR": str(cache)}
    env["BRIEFING_NO_CACHE"] = env.get("BRIEFING_NO_CACHE", "")
    return run_module("benchmarks.apps", kind, pack, "frame", repr(time.time()), env=env)  # type: ignore[no-any-return]


def in_tmux(kind: str, pack: str, cache: Path, marker: str, timeout: float = 30) -> float:
    """Seconds from spawning the app in a 120x36 tmux pane to ``marker`` on screen."""
    socket = SOCKET
    session = f"bench{int(time.time() * 1000) % 10**8}"
    command = (
        f"BRIEFING_CACHE_DIR={cache} BRIEFING_NO_CACHE= TERM=xterm-256color "
        f"{sys.executable} -m benchmarks.apps {kind} {pack} tty 0"
    )
    began = time.time()
    subprocess.run(
        [
            "tmux",
            "-L",
            socket,
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "120",
            "-y",
            "36",
            "-c",
            str(REPO),
            command,
        ],
        check=True,
    )
    try:
        while time.time() - began < timeout:
            screen = subprocess.run(
                ["tmux", "-L", socket, "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if marker in screen:
                return time.time() - began
            time.sleep(0.01)
        raise RuntimeError(f"{marker!r} never appeared in the tmux pane")
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-session", "-t", session], check=False)


def run(ctx: Context) -> list[Figure]:
    repeats = 3 if ctx.quick else 7
    default = str(REPO)
    large = str(ctx.packs.get(1000))
    warm_default = ctx.packs.cache_dir("start-default")
    warm_large = ctx.packs.cache_dir("start-1000")
    headless("briefing", default, warm_default)  # fill the caches (not timed)
    headless("briefing", large, warm_large)
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in ("bare", "default", "cold", "warm")}
    ctx.log(f"startup: headless x{repeats}")
    for _ in range(repeats):
        runs["bare"].append(headless("bare", default, warm_default))
        runs["default"].append(headless("briefing", default, warm_default))
        cold = Path(tempfile.mkdtemp(prefix="cold-", dir=ctx.packs.folder))
        runs["cold"].append(headless("briefing", large, cold))
        shutil.rmtree(cold, ignore_errors=True)
        runs["warm"].append(headless("briefing", large, warm_large))
    m = {k: {f: median([r[f] for r in v]) for f in v[0]} for k, v in runs.items()}
    bare = m["bare"]["first_frame"]
    d = m["default"]["first_frame"]
    figures = [
        Figure(
            "startup",
            "first frame, default pack, headless (warm cache)",
            d,
            "s",
            "bare Textual app, same widgets",
            bare,
            d / bare,
            "≤ 1.3×",
            d / bare <= 1.3,
        ),
        Figure(
            "startup",
            "first frame, 1,000 articles, headless, cold (no cache entry)",
            m["cold"]["first_frame"],
            "s",
            "bare Textual app",
            bare,
            m["cold"]["first_frame"] / bare,
            "< 2 s",
            m["cold"]["first_frame"] < 2,
        ),
        Figure(
            "startup",
            "first frame, 1,000 articles, headless, warm cache",
            m["warm"]["first_frame"],
            "s",
            "default pack's first frame",
            d,
            m["warm"]["first_frame"] / d,
            "≤ 1.2×",
            m["warm"]["first_frame"] / d <= 1.2,
        ),
    ]
    for key, label in (
        ("default", "default pack"),
        ("cold", "1,000 articles, cold"),
        ("warm", "1,000 articles, warm cache"),
    ):
        figures.append(
            Figure(
                "startup",
                f"pack shown (panes filled), {label}, headless",
                m[key]["shown"],
                "s",
                "bare app's first frame",
                bare,
                m[key]["shown"] / bare,
                "(informational)",
            )
        )
    if shutil.which("tmux") is None:
        return figures
    ctx.log(f"startup: tmux x{repeats}")
    tty: dict[str, list[float]] = {"bare": [], "default": [], "warm": []}
    # A private tmux server, kept alive by an idle session: killing a run's only
    # session would stop the server while the next run starts one.
    subprocess.run(
        ["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keeper", "sleep 3600"], check=True
    )
    try:
        for _ in range(repeats):
            tty["bare"].append(in_tmux("bare", default, warm_default, "briefing"))
            tty["default"].append(in_tmux("briefing", default, warm_default, "briefing"))
            tty["warm"].append(in_tmux("briefing", large, warm_large, "briefing"))
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], check=False)
    t = {k: median(v) for k, v in tty.items()}
    figures += [
        Figure(
            "startup",
            "first frame, default pack, real terminal (tmux)",
            t["default"],
            "s",
            "bare Textual app in tmux",
            t["bare"],
            t["default"] / t["bare"],
            "≤ 1.3×",
            t["default"] / t["bare"] <= 1.3,
        ),
        Figure(
            "startup",
            "first frame, 1,000 articles, real terminal (tmux), warm cache",
            t["warm"],
            "s",
            "default pack in tmux",
            t["default"],
            t["warm"] / t["default"],
            "≤ 1.2×",
            t["warm"] / t["default"] <= 1.2,
        ),
    ]
    return figures
