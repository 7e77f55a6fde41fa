"""Constants and helpers shared by the tests in every folder (``from support import ...``).

They live here, not in conftest.py, because tests/tui has a conftest.py too:
``from conftest import ...`` would pick whichever was imported first. Paths are
taken from REPO and FIXTURES, never from a test file's own place, so moving a
test to another folder changes nothing it reads.
"""

from __future__ import annotations

import hashlib
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
