"""The load cache's key changes whenever the loader's code does (see ``loader_digest``)."""

from __future__ import annotations

import os
from pathlib import Path

from briefing.model.io.cache import loader_digest


def _model_copy(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    (model / "io" / "__pycache__").mkdir(parents=True)
    (model / "types.py").write_text("A = 1\n")
    (model / "io" / "load.py").write_text("B = 2\n")
    (model / "io" / "__pycache__" / "load.cpython-311.pyc").write_bytes(b"stale")
    (model / "notes.txt").write_text("not code")
    return model


def test_an_edited_renamed_added_or_removed_module_changes_the_digest(tmp_path: Path) -> None:
    model = _model_copy(tmp_path)
    seen = {loader_digest(model)}
    load = model / "io" / "load.py"
    before = load.stat()
    load.write_text("B = 3\n")  # same size: the modification time tells
    os.utime(load, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    seen.add(loader_digest(model))
    load.write_text("B = 33\n")  # same time, another size
    os.utime(load, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    seen.add(loader_digest(model))
    (model / "io" / "extra.py").write_text("")
    seen.add(loader_digest(model))
    (model / "io" / "extra.py").rename(model / "io" / "other.py")
    seen.add(loader_digest(model))
    (model / "io" / "other.py").unlink()
    (model / "types.py").rename(model / "io" / "types.py")  # moved to another package
    seen.add(loader_digest(model))
    assert len(seen) == 6


def test_bytecode_and_other_files_do_not_change_the_digest(tmp_path: Path) -> None:
    model = _model_copy(tmp_path)
    first = loader_digest(model)
    (model / "io" / "__pycache__" / "load.cpython-311.pyc").write_bytes(b"fresh")
    (model / "io" / "__pycache__" / "new.cpython-311.pyc").write_bytes(b"")
    (model / "notes.txt").write_text("edited")
    assert loader_digest(model) == first
