"""Shared fixtures: small packs written into a temporary folder, per test."""

from __future__ import annotations

import gc
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Shared machines are noisy: a property test fails on a wrong answer, never on a
# slow example. Tests that set their own settings still override these.
settings.register_profile("briefing", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("briefing")

# The reader's tests allocate in bursts (every Textual frame is thousands of small
# objects): at Python's default of 700 allocations, the youngest generation was
# collected about 12,000 times in two reader test files, a tenth of their CPU time.
# Collect it every 10,000 instead: cycles are still found, less often, and no test
# depends on when (the product pauses and freezes the collector on its own, see
# briefing/model/collector.py, which this leaves alone).
gc.set_threshold(10_000, 10, 10)

from support import ARTICLE, PackMaker, sha, synthetic_pack  # noqa: E402  (shared with the tests)

from briefing.model.io import load_pack  # noqa: E402
from briefing.model.pack import Pack  # noqa: E402


@pytest.fixture
def make_pack(tmp_path: Path) -> PackMaker:
    """Write a pack: ``facts`` is YAML appended after a valid pack/sources header."""

    def make(
        facts: str = "", article: str = ARTICLE, header: str | None = None, name: str = "facts.yaml"
    ) -> Path:
        root = tmp_path / "pack"
        (root / "data").mkdir(parents=True, exist_ok=True)
        (root / "seeds").mkdir(exist_ok=True)
        (root / "seeds" / "a.txt").write_text(article, encoding="utf-8")
        if header is None:
            header = textwrap.dedent(
                f"""\
                pack:
                  title: Test pack
                  story: A test.
                  as_of: 2025-03-16
                sources:
                  - id: wire
                    file: seeds/a.txt
                    sha256: {sha(article)}
                    outlet: Wire
                    title: Test article
                    published: 2025-03-10
                    language: en
                """
            )
        (root / "data" / "pack.yaml").write_text(header, encoding="utf-8")
        if facts:
            (root / "data" / name).write_text(textwrap.dedent(facts), encoding="utf-8")
        return root

    return make


@pytest.fixture(autouse=True)
def _private_load_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader uses the load cache: keep each test's entries in a folder of its own
    (outside ``tmp_path``, which some tests expect to stay empty)."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("briefing-cache")))


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """A 60-article synthetic pack (benchmarks/make_pack.py), loaded once a session: the
    fast scans and detectors are compared with their old definitions on it."""
    root = synthetic_pack(60, tmp_path_factory.mktemp("synthetic") / "pack")
    pack = load_pack(str(root)).pack
    assert pack is not None
    return pack
