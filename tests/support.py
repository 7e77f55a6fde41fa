"""Constants and helpers shared by the tests in every folder (``from support import ...``).

They live here, not in conftest.py, because tests/tui has a conftest.py too:
``from conftest import ...`` would pick whichever was imported first. Paths are
taken from REPO and FIXTURES, never from a test file's own place, so moving a
test to another folder changes nothing it reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
"""The tests' data: story folders (``*_story``, ``long_headline``) and golden exports."""

ARTICLE = (
    "Leaders met in Paris on Tuesday. The U.S. President Donald Trump did not attend.\n"
    "Irish Prime Minister Miche?l Martin said Ireland would send peacekeepers.\n"
    "Poland offered “logistics support” – but no troops.\n"
    "Officials said talks went well. Officials said talks went well.\n"
)


def sha(text: str) -> str:
    """sha256 of text encoded as UTF-8, as a pack records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


PackMaker = Callable[..., Path]
