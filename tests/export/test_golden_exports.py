"""Golden files: the default pack's note in each format, byte for byte.

A refactoring must not change what an analyst receives. When a change to the
note or to the default pack is intended, regenerate the files and read the
diff before committing it:

    BRIEFING_UPDATE_GOLDEN=1 python -m pytest tests/export/test_golden_exports.py
"""

from __future__ import annotations

import os

import pytest
from support import FIXTURES

from briefing.export import render
from briefing.model import load_pack

GOLDEN = FIXTURES / "golden"


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_default_pack_note_matches_its_golden_file(fmt: str) -> None:
    result = load_pack(None)
    assert result.pack is not None
    produced = render(result.pack, fmt)
    path = GOLDEN / f"default-pack.{fmt}"
    if os.environ.get("BRIEFING_UPDATE_GOLDEN"):
        path.write_bytes(produced.encode("utf-8"))
    assert produced.encode("utf-8") == path.read_bytes(), (
        f"{path.name} changed: if intended, regenerate (see this module's docstring) and read the diff"
    )
