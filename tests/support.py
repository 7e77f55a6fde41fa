"""Constants and helpers shared by the root tests.

They live here, not in conftest.py, because tests/tui has a conftest.py too:
``from support import ...`` would pick whichever was imported first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

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
