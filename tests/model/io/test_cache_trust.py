"""The load cache checks its folder and entry before opening anything, and reads pack files
only through the loader's read path (briefing/model/io/files.py).

A miss is never an error: an untrusted folder or entry just means a full load.
"""

from __future__ import annotations

import builtins
import os
import stat
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
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def full_loads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every full (uncached) load made from now on."""
    calls: list[object] = []
    real = load._load_pack
    monkeypatch.setattr(load, "_load_pack", lambda p: calls.append(p) or real(p))
    return calls


def stored(make_pack: PackMaker, cache: Path) -> tuple[Path, Path]:
    """A pack with a valid entry in the cache: (pack folder, entry)."""
    root = make_pack(FACTS)
    assert load_pack(root, cache=True).pack is not None
    [entry] = cache.glob("*.json")
    return root, entry


def test_a_folder_others_can_write_to_is_neither_read_nor_written(
    make_pack: PackMaker, cache: Path, full_loads: list[object]
) -> None:
    root, entry = stored(make_pack, cache)
    os.chmod(cache, 0o777)
    entry.unlink()
    assert load_pack(root, cache=True).pack is not None
    assert not entry.exists()  # nothing stored in a folder others could plant into
    os.chmod(cache, 0o700)
    assert load_pack(root, cache=True).pack is not None  # stored again, in a private folder
    assert entry.exists()
    os.chmod(cache, 0o770)
    full_loads.clear()
    assert load_pack(root, cache=True).pack is not None
    assert full_loads, "an entry in a group-writable folder was trusted"


def test_a_symlinked_folder_or_entry_is_not_followed(
    make_pack: PackMaker, cache: Path, tmp_path: Path, full_loads: list[object]
) -> None:
    root, entry = stored(make_pack, cache)
    moved = tmp_path / "elsewhere.json"
    os.rename(entry, moved)
    os.symlink(moved, entry)
    full_loads.clear()
    assert load_pack(root, cache=True).pack is not None
    assert full_loads, "a symlinked entry was read"
    # The store replaced the link with a real entry, which is then used.
    assert stat.S_ISREG(os.lstat(entry).st_mode)


@pytest.mark.parametrize("kind", ["folder", "huge"])
def test_an_entry_that_is_not_a_small_regular_file_is_never_opened(
    make_pack: PackMaker,
    cache: Path,
    full_loads: list[object],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    """(A FIFO entry is the reader's pty test: opening one would hang this process.)"""
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
    assert load_pack(root, cache=True).pack is not None
    assert full_loads
    assert entry not in opened
