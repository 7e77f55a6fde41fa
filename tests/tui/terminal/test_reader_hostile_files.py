"""The reader (``briefing PACK`` in a real pty) on files that could hang it or eat memory.

The reader loads through the load cache, which used to read every ``data/*.yaml``
before the loader's checks: a FIFO hung it for good, ``/dev/zero`` grew it to
gigabytes, a 3 GB sparse file took 6 GB and half a minute, and a FIFO planted
in the cache folder hung it too. Each case here must end on its own: exit 1
with the loader's one-line diagnostic (for a planted cache entry or a cache
folder others can write to, the line that names it and says what to do). Each
run is limited in wall time (a hang
fails the test rather than the suite) and measured in the program's own CPU
time, which a loaded machine does not inflate.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support import PackMaker

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

LIMIT = 2.0
"""CPU seconds the whole program may take, startup and drawing included."""
HANG = 20.0
"""Wall seconds after which the reader is taken to hang."""


class Reader:
    """``python -m briefing .`` in a pseudo-terminal, run in the pack folder."""

    def __init__(self, root: Path, cache: Path) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "BRIEFING_KEYMAP": "/nonexistent",
            "BRIEFING_CACHE_DIR": str(cache),
        }
        env.pop("BRIEFING_NO_CACHE", None)
        self.usage_before = _children_cpu()
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "briefing", "."],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=root,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.out = bytearray()

    def wait_for(self, done: Callable[[], bool]) -> bool:
        """Read the terminal until ``done()`` or HANG seconds; True if it came true."""
        while time.monotonic() - self.started < HANG:
            if done():
                return True
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the program ended and closed the terminal
                    chunk = b""
                self.out.extend(chunk)
                if chunk:
                    continue
            self.process.poll()
        return done()

    def ended(self) -> bool:
        return self.process.returncode is not None

    def finish(self) -> tuple[int, str, float, float]:
        """(exit code, what it printed, CPU seconds, wall seconds); kills it if still running."""
        ended = self.wait_for(self.ended)
        wall = time.monotonic() - self.started
        if not ended:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
        cpu = _children_cpu() - self.usage_before
        if not ended:
            pytest.fail(f"the reader hung ({HANG} s); it printed {bytes(self.out[-300:])!r}")
        return self.process.returncode, self.out.decode("utf-8", "replace"), cpu, wall


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sparse(path: Path, size: int) -> None:
    with path.open("wb") as stream:
        stream.truncate(size)


@pytest.mark.parametrize(
    ("plant", "line"),
    [
        (
            lambda data: os.mkfifo(data / "extra.yaml"),
            "data/extra.yaml:1:1: error: a FIFO (named pipe), not a regular file",
        ),
        (
            lambda data: os.symlink("/dev/zero", data / "zero.yaml"),
            "data/zero.yaml:1:1: error: leads outside the pack folder (symlink?)",
        ),
        (
            lambda data: sparse(data / "big.yaml", 3 * 1024**3),
            "data/big.yaml:1:1: error: file is 3221225472 bytes, over the 16777216-byte limit",
        ),
    ],
    ids=["fifo", "dev-zero", "sparse-3gb"],
)
def test_the_reader_refuses_a_hostile_file_in_data(
    make_pack: PackMaker, tmp_path: Path, plant: Callable[[Path], None], line: str
) -> None:
    root = make_pack()
    plant(root / "data")
    code, out, cpu, wall = Reader(root, tmp_path / "cache").finish()
    assert code == 1, out[-500:]
    # The line as validate prints it, on its own after the terminal's modes are reset.
    printed = re.escape(line + "\r\nbriefing: 1 error; the pack is not valid\r\n")
    assert re.search(r"(?:\n|\x1b\[[?<>=0-9;$]*[A-Za-z])" + printed + r"$", out), out[-500:]
    assert "Traceback" not in out
    assert cpu < LIMIT, (cpu, wall)


def _entry_name(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32] + ".json"


def _fifo_entry(cache: Path, root: Path) -> tuple[Path, str]:
    cache.mkdir(mode=0o700)
    os.mkfifo(cache / _entry_name(root), 0o600)
    return cache / _entry_name(root), "load cache entry is a FIFO (named pipe), not a regular file"


def _open_folder(cache: Path, root: Path) -> tuple[Path, str]:
    cache.mkdir()
    os.chmod(cache, 0o777)
    return cache, "load cache folder is writable by others (mode 0777)"


def _socket_entry(cache: Path, root: Path) -> tuple[Path, str]:
    import socket

    cache.mkdir(mode=0o700)
    # A socket's path is short (~108 bytes): bind from inside the folder.
    old = os.getcwd()
    os.chdir(cache)
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(_entry_name(root))
    finally:
        os.chdir(old)
    return cache / _entry_name(root), "load cache entry is a socket, not a regular file"


@pytest.mark.parametrize(
    "plant", [_fifo_entry, _open_folder, _socket_entry], ids=["fifo", "open-folder", "socket"]
)
def test_a_planted_cache_node_is_never_opened_and_says_what_to_do(
    make_pack: PackMaker,
    tmp_path: Path,
    plant: Callable[[Path, Path], tuple[Path, str]],
) -> None:
    root = make_pack()
    node, problem = plant(tmp_path / "cache", root)
    code, out, cpu, wall = Reader(root, tmp_path / "cache").finish()
    assert code == 1, out[-500:]
    # One line: the node, what is wrong, what to do; then the count.
    [line] = [x for x in out.split("\r\n") if ": error: " in x]
    assert line.endswith(
        f"{node}:1:1: error: {problem}: briefing never makes that, so someone else can "
        "write into its cache; "
        + ("make it private (chmod 700)" if node == tmp_path / "cache" else "remove it")
        + ", or set BRIEFING_CACHE_DIR to a folder of your own (BRIEFING_NO_CACHE=1 turns "
        "the cache off; see README, Environment)"
    ), out[-800:]
    assert out.endswith("briefing: 1 error; the pack is not valid\r\n")
    assert "Traceback" not in out
    assert cpu < LIMIT, (cpu, wall)
    assert not (node.is_file() and node != tmp_path / "cache")  # nothing stored in its place


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_keymap_that_is_not_a_file_does_not_block_the_start(tmp_path: Path, kind: str) -> None:
    """The keymap is read on the UI thread before the first frame."""
    import threading

    from briefing.tui.keymap import load_keymap

    path = tmp_path / "keymap.toml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        os.symlink("/dev/zero", path)
    answer: list[tuple[dict[str, str], list[str]]] = []
    reader = threading.Thread(target=lambda: answer.append(load_keymap(path)), daemon=True)
    reader.start()
    reader.join(HANG)
    assert answer, "reading the keymap blocked"
    [(keymap, [problem])] = answer
    assert keymap == {} and "not a regular file" in problem and "default keys" in problem
