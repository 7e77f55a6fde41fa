"""The load cache checks its folder and entry before opening anything, and reads pack files
only through the loader's read path (briefing/model/io/files.py).

A miss (no entry, a stale or damaged one, one too large to be ours) is never an error:
it just means a full load. A folder or entry briefing never makes (a FIFO, a link,
another user's, writable by others) means someone else can write where the cache is
read: the load stops with one line naming it and what to do.
"""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest
from support import PackMaker

from briefing.model import load_pack
from briefing.model.io import cache as cache_module
from briefing.model.io import load

FACTS = """\
actors:
  - id: poland
    name: Poland
    kind: country
    evidence:
      - {source: wire, quote: "Poland offered"}
"""


@pytest.fixture
def full_loads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every full (uncached) load made from now on."""
    calls: list[object] = []
    real = load._load_pack
    monkeypatch.setattr(load, "_load_pack", lambda p, **kw: calls.append(p) or real(p, **kw))
    return calls


def stored(make_pack: PackMaker, cache: Path) -> tuple[Path, Path]:
    """A pack with a valid entry in the cache: (pack folder, entry)."""
    root = make_pack(FACTS)
    assert load_pack(root, cache=True).pack is not None
    [entry] = cache.glob("*.json")
    return root, entry


def untrusted(root: Path) -> str:
    """The one line a load through the cache ends with (and there is no pack)."""
    result = load_pack(root, cache=True)
    assert result.pack is None
    [line] = [d.format() for d in result.diagnostics]
    assert "BRIEFING_CACHE_DIR" in line and "BRIEFING_NO_CACHE=1" in line
    return line


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_folder_others_can_write_to_stops_the_load_with_what_to_do(
    make_pack: PackMaker, cache: Path, full_loads: list[object], mode: int
) -> None:
    root, _entry = stored(make_pack, cache)
    os.chmod(cache, mode)
    full_loads.clear()
    line = untrusted(root)
    assert line.startswith(f"{cache}:1:1: error: load cache folder is writable by others")
    assert f"(mode {mode:04o})" in line and "chmod 700" in line
    assert not full_loads  # nothing loaded, nothing stored
    os.chmod(cache, 0o700)
    assert load_pack(root, cache=True).pack is not None  # a private folder is used again


def test_a_symlinked_folder_or_entry_is_not_followed(
    make_pack: PackMaker, cache: Path, tmp_path: Path
) -> None:
    root, entry = stored(make_pack, cache)
    moved = tmp_path / "elsewhere.json"
    os.rename(entry, moved)
    os.symlink(moved, entry)
    assert untrusted(root).startswith(
        f"{entry}:1:1: error: load cache entry is a symbolic link, not a regular file"
    )
    entry.unlink()
    os.rename(cache, tmp_path / "real-cache")
    os.symlink(tmp_path / "real-cache", cache)
    assert untrusted(root).startswith(f"{cache}:1:1: error: load cache folder is a symbolic link")


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="chown needs root")
@pytest.mark.parametrize("planted", ["entry", "folder"])
def test_a_cache_node_of_another_user_stops_the_load(
    make_pack: PackMaker, cache: Path, planted: str
) -> None:
    root, entry = stored(make_pack, cache)
    os.chown(entry if planted == "entry" else cache, 4321, -1)
    node = entry if planted == "entry" else cache
    assert untrusted(root).startswith(
        f"{node}:1:1: error: load cache {planted} is owned by user 4321, not by you (user 0)"
    )


@pytest.mark.parametrize("folder", ["a regular file", "a character device"])
def test_a_cache_folder_that_is_not_a_folder_stops_the_load(
    make_pack: PackMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    """BRIEFING_CACHE_DIR set to a file by mistake (or /dev/null) is named as such."""
    root = make_pack(FACTS)
    if folder == "a regular file":
        target = tmp_path / "not-a-folder"
        target.write_text("x")
    else:
        target = Path("/dev/null")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(target))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    assert untrusted(root).startswith(
        f"{target}:1:1: error: load cache folder is {folder}, not a folder"
    )


def test_an_entry_others_can_write_to_stops_the_load(make_pack: PackMaker, cache: Path) -> None:
    root, entry = stored(make_pack, cache)
    os.chmod(entry, 0o646)
    line = untrusted(root)
    assert line.startswith(
        f"{entry}:1:1: error: load cache entry is writable by others (mode 0646)"
    )
    assert "remove it" in line
    entry.unlink()
    assert load_pack(root, cache=True).pack is not None  # removed: a miss, stored again
    assert entry.is_file()


@pytest.mark.parametrize("kind", ["folder", "huge"])
def test_an_entry_that_is_not_a_small_regular_file_is_never_opened(
    make_pack: PackMaker,
    cache: Path,
    full_loads: list[object],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    """(A FIFO entry is the reader's pty test: opening one would hang this process.)

    A folder in its place stops the load; one too large is a miss (a full load that
    replaces it). Neither is opened."""
    root, entry = stored(make_pack, cache)
    entry.unlink()
    if kind == "folder":
        entry.mkdir(mode=0o700)
    else:
        with entry.open("wb") as stream:
            stream.truncate(cache_module.MAX_ENTRY_BYTES + 1)  # sparse
    opened: list[Path] = []
    for module, name in ((os, "open"), (builtins, "open")):
        real = getattr(module, name)
        monkeypatch.setattr(
            module,
            name,
            lambda path, *a, _real=real, **k: (
                opened.append(Path(str(path))) or _real(path, *a, **k)
            ),
        )
    full_loads.clear()
    if kind == "folder":
        assert untrusted(root).startswith(
            f"{entry}:1:1: error: load cache entry is a folder, not a regular file"
        )
    else:
        assert load_pack(root, cache=True).pack is not None
        assert full_loads
    assert entry not in opened


def test_a_fifo_planted_as_the_note_record_never_blocks(tmp_path: Path) -> None:
    """``notes.json`` (the last exported note, for "since") sits beside the load cache:
    opening a FIFO planted there blocked ``export`` for good. In a process of its own,
    so a hang fails this test rather than the suite."""
    import subprocess
    import sys

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    os.mkfifo(cache / "notes.json", 0o600)
    code = (
        "from briefing.model.io import last_note_date, record_note\n"
        "print(last_note_date('.'), record_note('.', '2025-03-16', 'note.md'))\n"
    )
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    env.pop("BRIEFING_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Nothing recorded could be read; the record is written anew in place of the FIFO.
    assert done.stdout.split() == ["None", str(cache / "notes.json")], done.stderr
    assert (cache / "notes.json").is_file()
    os.chmod(cache, 0o777)  # a folder others can write to is neither read nor written
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["None", "None"], done.stderr
