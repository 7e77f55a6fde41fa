"""The reader (``briefing PACK`` in a real pty) on files that could hang it or eat memory.

The reader loads through the load cache, which used to read every ``data/*.yaml``
before the loader's checks: a FIFO hung it for good, ``/dev/zero`` grew it to
gigabytes, a 3 GB sparse file took 6 GB and half a minute, and a FIFO planted
in the cache folder hung it too. Each case here must end on its own: exit 1
with the loader's one-line diagnostic (or, for the planted cache entry, the
pack shown as if there were no cache). Each run is limited in wall time (a hang
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


def test_a_fifo_planted_as_the_cache_entry_is_never_opened(
    make_pack: PackMaker, tmp_path: Path
) -> None:
    root = make_pack()
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32] + ".json"
    os.mkfifo(cache / name, 0o600)
    reader = Reader(root, cache)
    # The pack is shown as without a cache (its title is in the header) ...
    assert reader.wait_for(lambda: b"Test pack" in reader.out), bytes(reader.out[-300:])
    os.write(reader.master, b"q")
    code, out, cpu, wall = reader.finish()
    assert code == 0 and "Traceback" not in out
    assert cpu < LIMIT, (cpu, wall)
    # ... and the entry stored after the full load replaced the FIFO.
    assert (cache / name).is_file()


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
