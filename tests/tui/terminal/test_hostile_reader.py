"""Hostile text in the reader: markup shown literally, escapes shown visibly, no crash at any size.

The pack (hostile_reader_pack.py) carries markup payloads in every displayed
field and ESC/OSC/CSI sequences and a bidi override in its article. The Pilot
tests read the composed screen (what Textual would draw); the pty test reads
the raw bytes the real program writes to a terminal.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_reader_pack import write
from support import REPO
from textual.app import App
from tui_helpers import reader

from briefing.tui.screens.too_small import MIN_SIZE, TooSmallScreen

ITEMS = ("poland", "paris", "poland-logistics", "size", "wire")
# Pieces of MARKUP short enough to survive word wrapping in any pane.
LITERAL = ("[sic]", "[/]", "[@click=app.quit]CLICKME[/]", "[link=file:///etc/passwd]LINK[/]")


def screen_text(app: App[None]) -> str:
    """The characters of the composed screen, row by row."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(strip.text for strip in row) for row in update.strips)


@pytest.fixture
def pack_dir(tmp_path: Path) -> str:
    return str(write(tmp_path / "hostile"))


def assert_literal(text: str) -> None:
    for piece in LITERAL:
        assert piece in text, piece
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


async def test_every_item_shows_payloads_literally(pack_dir: str) -> None:
    async with reader(pack_dir, size=(160, 45)) as r:
        assert r.app.pack is not None
        for item in ITEMS:
            await r.browse_to(item)
            assert r.current_id == item
            text = screen_text(r.app)
            assert_literal(text)
            # The article's escape sequences and bidi override are shown, not sent.
            assert "␛]52;c;UEFZTE9BRA==␇" in text
            assert "␛[2J" in text and "␛]0;PWNED-TITLE␇" in text
            assert "⍰evil⍰" in text
        # The pane title (a border title parses markup when given a str).
        # The source pane's border title (a str there would be parsed as markup).
        assert "╭─ Outlet [sic] [/] [@click=app.quit]CLICKME[/]" in screen_text(r.app)


@pytest.mark.parametrize("key", ["t", "b", "slash", "question_mark"])
async def test_tables_and_lists_on_other_screens_are_literal(pack_dir: str, key: str) -> None:
    async with reader(pack_dir, size=(160, 45)) as r:
        main = r.app.screen
        await r.press(key)
        assert r.app.screen is not main  # the screen under test is open
        text = screen_text(r.app)
        if key == "question_mark":  # help lists commands, not pack text: it must still draw
            assert "Keys" in text
        else:
            assert "[sic]" in text and "[@click=app.quit]" in text
        assert "\x1b" not in text


async def test_clicking_the_payload_does_nothing(pack_dir: str) -> None:
    async with reader(pack_dir, size=(160, 45)) as r:
        for item in ("poland", "paris"):
            await r.browse_to(item)
            rows = screen_text(r.app).splitlines()
            hits = [(row.index("CLICKME"), y) for y, row in enumerate(rows) if "CLICKME" in row]
            assert len(hits) >= 3
            for x, y in hits:
                stack = list(r.app.screen_stack)
                await r.pilot.click(offset=(x + 2, y))
                await r.pilot.pause()
                assert r.app.is_running and r.app.return_code is None
                assert list(r.app.screen_stack) == stack


async def test_resize_storm_down_to_1x1_then_back(pack_dir: str) -> None:
    sizes = [(1, 1), (2, 1), (1, 2), (3, 3), (5, 4), (39, 10), (40, 9), (200, 1), (1, 60)]
    sizes += [(40, 10), (120, 36), (10, 5), (300, 100), (1, 1), (80, 24)]
    async with reader(pack_dir, size=(120, 36)) as r:
        await r.browse_to("poland")
        # Every size on the main screen; over each view, the sizes that cross the
        # too-small threshold both ways and the largest (each frame at 300x100 is costly).
        for screen_key in (None, "t", "b", "slash"):
            if screen_key is not None:
                await r.press(screen_key)
            opened = type(r.app.screen)
            crossing = [(1, 1), (40, 9), (40, 10), (300, 100), (39, 10), (80, 24)]
            for width, height in sizes if screen_key is None else crossing:
                await r.pilot.resize_terminal(width, height)
                await r.pilot.pause(0.02)  # past Textual's 1/120 s resize timer
                await r.pilot.pause()
                small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
                assert isinstance(r.app.screen, TooSmallScreen) == small, (width, height)
                if small and width >= 20 and height >= 3:
                    assert "Terminal too small" in screen_text(r.app)
                if small:
                    await r.press("t")  # no screen may open on top of the notice
                    assert isinstance(r.app.screen, TooSmallScreen)
            assert type(r.app.screen) is opened
            if screen_key is not None:
                await r.press("escape")
        assert r.app.is_running and r.current_id == "poland"


async def test_starting_in_a_tiny_terminal(pack_dir: str) -> None:
    async with reader(pack_dir, size=(1, 1)) as r:
        assert isinstance(r.app.screen, TooSmallScreen)
        await r.pilot.resize_terminal(100, 30)
        await r.pilot.pause(0.02)
        await r.pilot.pause()
        assert not isinstance(r.app.screen, TooSmallScreen)
        assert_literal(screen_text(r.app))


def run_in_pty(
    pack: str, drawn: bytes, timeout: float = 30.0, size: tuple[int, int] = (140, 40)
) -> bytes:
    """Run ``briefing PACK`` in a pseudo-terminal, read what it writes until ``drawn``
    appears (or ``timeout`` passes), then press q and read the rest until it exits."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "BRIEFING_KEYMAP": "/nonexistent"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", pack],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    out = bytearray()

    def drain(until: float, seen: bytes | None = None) -> None:
        while time.monotonic() < until and (seen is None or seen not in out):
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                out.extend(chunk)

    try:
        drain(time.monotonic() + timeout, seen=drawn)
        os.write(master, b"q")
        drain(time.monotonic() + 10)  # returns at EOF, when the program has exited
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return bytes(out)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_raw_terminal_bytes_carry_no_escape_from_the_article(pack_dir: str) -> None:
    drawn = "␛]52;c;UEFZTE9BRA==␇".encode()
    raw = run_in_pty(pack_dir, drawn)
    assert drawn in raw, raw[-400:]  # the article was drawn
    assert b"\x1b]52" not in raw  # no clipboard write at all
    assert b"\x1b]0;PWNED-TITLE" not in raw
    assert b"\x1b]8;;file:///etc/passwd" not in raw
    # Textual never clears the screen with ESC[2J itself, so none may appear at all.
    assert b"\x1b[2J" not in raw and "␛[2J".encode() in raw
    assert "\u202e".encode() not in raw
    assert b"Traceback" not in raw
