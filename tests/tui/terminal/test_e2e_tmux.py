"""End to end: the installed ``briefing`` command in a real terminal (tmux).

Skipped where tmux or the ``briefing`` command is missing. It waits for the
first frame, follows the Poland pledge to its sentence and quits with q.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator

import pytest

TMUX = shutil.which("tmux")
BRIEFING = shutil.which("briefing")
pytestmark = pytest.mark.skipif(
    TMUX is None or BRIEFING is None, reason="needs tmux and an installed briefing command"
)


def tmux(*args: str) -> str:
    assert TMUX is not None
    done = subprocess.run([TMUX, *args], capture_output=True, text=True, timeout=10)
    return done.stdout


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def session(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    name = f"briefing-e2e-{uuid.uuid4().hex[:8]}"
    env = {"BRIEFING_KEYMAP": str(tmp_path / "none.toml"), "TERM": "xterm-256color"}
    # COLUMNS/LINES from the test's own environment would override the pane's size.
    command = (
        "env -u COLUMNS -u LINES " + " ".join(f"{k}={v}" for k, v in env.items()) + f" {BRIEFING}"
    )
    # Size the window first, then start briefing in it: a tmux server started by
    # new-session itself can hand the first program 80x24 whatever -x/-y say
    # (seen with tmux 3.3a when no server was running).
    tmux("new-session", "-d", "-x", "120", "-y", "36", "-s", name, "sleep 600")
    tmux("set-option", "-t", name, "window-size", "manual")
    tmux("resize-window", "-t", name, "-x", "120", "-y", "36")
    size = lambda: tmux("display-message", "-p", "-t", name, "#{pane_width}x#{pane_height}")  # noqa: E731
    assert wait_for(lambda: size().strip() == "120x36"), size()
    tmux("respawn-pane", "-k", "-t", name, command)
    try:
        yield name
    finally:
        if name in tmux("list-sessions", "-F", "#{session_name}"):
            tmux("kill-session", "-t", name)


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def test_first_frame_follow_a_pledge_to_its_sentence_and_quit(session: str) -> None:
    assert wait_for(lambda: "Pledges (" in screen(session)), screen(session)

    # Search opens the actor; enter in its pledge list follows to the pledge and its sentence.
    # Search needs the actor index, built just after the panes are drawn: a "/" pressed
    # before it says "Not ready yet", so press again, as a user would, until it opens.
    def search_opens() -> bool:
        tmux("send-keys", "-t", session, "/")
        return wait_for(lambda: "Find an actor" in screen(session), timeout=3.0)

    assert wait_for(search_opens), screen(session)
    # The box is empty (its placeholder shows): no second "/" went into it.
    assert "name, alias, misspelling or demonym" in screen(session), screen(session)
    tmux("send-keys", "-t", session, "-l", "Poland")

    # The query has been read when Poland is the exact (100) match, not on a fixed delay.
    def exact_match_shown() -> bool:
        return any("Poland (country)" in r and "100" in r for r in screen(session).splitlines())

    assert wait_for(exact_match_shown), screen(session)
    tmux("send-keys", "-t", session, "Enter")
    assert wait_for(lambda: "→ Poland: logistics support" in screen(session)), screen(session)
    tmux("send-keys", "-t", session, "Enter")
    # The source pane shows the machine-translated article, scrolled to the sentence.
    assert wait_for(lambda: "MACHINE-TRANSLATED" in screen(session)), screen(session)
    assert wait_for(lambda: "For example, Poland offered" in screen(session)), screen(session)

    def pledge_in_title() -> bool:
        return "Poland: logistics support" in screen(session).split("\n")[2]

    assert wait_for(pledge_in_title), screen(session)  # the detail's title
    tmux("send-keys", "-t", session, "q")
    assert wait_for(lambda: session not in tmux("list-sessions", "-F", "#{session_name}"))
