"""Shared by the load-cache tests: a cache folder of the test's own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """BRIEFING_CACHE_DIR at a folder not made yet: the code under test makes it (0700)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    return folder
