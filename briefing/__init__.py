"""briefing: a terminal briefing reader whose every fact links to its source sentence."""

from __future__ import annotations

__version__ = "0.1.0"
