"""Constants and helpers shared by the tests in every folder (``from support import ...``).

They live here, not in conftest.py, because tests/tui has a conftest.py too:
``from conftest import ...`` would pick whichever was imported first. Paths are
taken from REPO and FIXTURES, never from a test file's own place, so moving a
test to another folder changes nothing it reads.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.model.types import Source

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
"""The tests' data: story folders (``*_story``, ``long_headline``) and golden exports."""

ARTICLE = (
    "Leaders met in Paris on Tuesday. The U.S. President Donald Trump did not attend.\n"
    "Irish Prime Minister Miche?l Martin said Ireland would send peacekeepers.\n"
    "Poland offered “logistics support” – but no troops.\n"
    "Officials said talks went well. Officials said talks went well.\n"
)


POLAND_PLEDGE = """\
actors:
  - id: poland
    name: Poland
    kind: country
    evidence:
      - {source: wire, quote: "Poland offered"}
pledges:
  - id: poland-logistics
    actor: poland
    contribution: logistics support
    status: offered
    evidence:
      - {source: wire, quote: 'offered "logistics support"'}
"""
"""One actor and one pledge citing :data:`ARTICLE` (the pack the cache and span tests load)."""


def sha(text: str) -> str:
    """sha256 of text encoded as UTF-8, as a pack records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


PackMaker = Callable[..., Path]


def synthetic_pack(articles: int, folder: Path) -> Path:
    """A generated pack of ``articles`` articles in ``folder`` (benchmarks/make_pack.py: seeded,
    byte-identical for a size, clean under ``briefing validate``); its root."""
    sys.path.insert(0, str(REPO))
    try:
        from benchmarks.make_pack import make_pack
    finally:
        sys.path.remove(str(REPO))
    return Path(make_pack(articles, folder))


def article_source(source_id: str, text: str) -> Source:
    """A source of ``text`` alone (outlet "Wire", English, no date), for the detectors' tests."""
    from briefing.model.text import Article
    from briefing.model.types import Source

    return Source(
        source_id,
        f"{source_id}.txt",
        f"{source_id}.txt",
        "",
        "Wire",
        "",
        None,
        "en",
        Article.from_text(text),
    )


def fresh_python(code: str, env: dict[str, str] | None = None) -> str:
    """What ``code`` prints, run in a fresh interpreter from the repository's root
    (imports, the collector's start and module-level state as a user's process has
    them, not as this test process left them). A non-zero exit fails the test."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=True
    )
    return done.stdout


class YoungPasses:
    """Records, as a context manager, each collector pass that began with a crowded
    young generation: the pass a block with the collector paused leaves behind when
    it freezes what it built only after the collector is back on.

    Inside the block the young generation's threshold is Python's own (700; the
    suite raises it, see conftest.py). A pass the collector makes in its normal
    course then starts just past 700 allocations; the one after a paused load
    starts at tens of thousands. ``crowded`` holds the young count each pass
    over ``LIMIT`` began with.
    """

    THRESHOLD = 700
    LIMIT = 4 * THRESHOLD

    def __init__(self) -> None:
        import gc

        self._gc = gc
        self._thresholds = gc.get_threshold()
        self.crowded: list[int] = []

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            young = self._gc.get_count()[0]
            if young > self.LIMIT:
                self.crowded.append(young)

    def __enter__(self) -> YoungPasses:
        self._gc.set_threshold(self.THRESHOLD, *self._thresholds[1:])
        self._gc.collect(0)  # from an empty young generation, whatever came before
        self._gc.callbacks.append(self._seen)
        return self

    def __exit__(self, *exc: object) -> None:
        self._gc.callbacks.remove(self._seen)
        self._gc.set_threshold(*self._thresholds)
