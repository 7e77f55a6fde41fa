"""Writing the note: never overwrite without --force, never leave a half-written file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from support import REPO

from briefing.model.io import WriteRefused, write_atomic

OLD = "the analyst's previous note\n"
NEW = "# New note\n" + "x" * 100_000 + "\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    assert write_atomic(target, NEW) == target
    assert target.read_text(encoding="utf-8") == NEW
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(WriteRefused) as caught:
        write_atomic(target, NEW)
    assert str(caught.value) == f"{target}: already exists; use --force to replace it"
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_force_replaces(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    target.write_text(OLD, encoding="utf-8")
    write_atomic(target, NEW, force=True)
    assert target.read_text(encoding="utf-8") == NEW
    assert leftovers(tmp_path) == []


def test_a_file_appearing_after_the_check_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal is atomic (a hard link), not just the early exists() check."""
    target = tmp_path / "note.md"
    real_link = os.link

    def racing_link(src: str, dst: Any) -> None:
        Path(dst).write_text(OLD, encoding="utf-8")  # someone else writes it first
        real_link(src, dst)

    monkeypatch.setattr(os, "link", racing_link)
    with pytest.raises(WriteRefused, match="already exists"):
        write_atomic(target, NEW)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_without_hard_links_it_still_refuses_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: str, dst: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "note.md"
    write_atomic(target, NEW)
    assert target.read_text(encoding="utf-8") == NEW
    with pytest.raises(WriteRefused, match="already exists"):
        write_atomic(target, OLD)
    assert target.read_text(encoding="utf-8") == NEW
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("exists", [True, False])
def test_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool
) -> None:
    """Ctrl-C after half the bytes are written: nothing half-written is left anywhere."""
    target = tmp_path / "note.md"
    if exists:
        target.write_text(OLD, encoding="utf-8")
    real_fdopen = os.fdopen

    class HalfThenInterrupt:
        def __init__(self, fd: int, mode: str) -> None:
            self.stream = real_fdopen(fd, mode)

        def __enter__(self) -> HalfThenInterrupt:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", HalfThenInterrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, NEW, force=True)
    assert (target.read_text(encoding="utf-8") if exists else None) == (OLD if exists else None)
    assert target.exists() == exists
    assert leftovers(tmp_path) == []


def test_killed_mid_write_never_touches_the_target(tmp_path: Path) -> None:
    """Even SIGKILL (no cleanup at all) leaves the old note whole; at worst a hidden .tmp remains."""
    target = tmp_path / "note.md"
    target.write_text(OLD, encoding="utf-8")
    code = (
        "import os, signal, sys\n"
        "from briefing.model.io.safewrite import write_atomic\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"write_atomic({str(target)!r}, 'x' * 1_000_000, force=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=False)
    assert done.returncode == -9
    assert target.read_text(encoding="utf-8") == OLD
    assert all(name.startswith(".note.md.") for name in leftovers(tmp_path))


def test_full_disk_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "note.md"
    target.write_text(OLD, encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteRefused) as caught:
        write_atomic(target, NEW, force=True)
    message = str(caught.value)
    assert message == f"{target}: cannot write: No space left on device"
    assert "\n" not in message
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_read_only_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root chmod does not stop us, so the refusal of mkstemp is simulated too."""

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(WriteRefused) as caught:
        write_atomic(tmp_path / "note.md", NEW)
    assert str(caught.value) == (
        f"{tmp_path / 'note.md'}: cannot write in '{tmp_path}': Permission denied"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_real(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteRefused, match="Permission denied"):
            write_atomic(folder / "note.md", NEW)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_missing_folder_and_folder_target(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="does not exist"):
        write_atomic(tmp_path / "nope" / "note.md", NEW)
    with pytest.raises(WriteRefused, match="is a folder"):
        write_atomic(tmp_path, NEW)
