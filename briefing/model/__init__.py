"""The plain-Python core: load, validate, anchor, search and date a pack. Never imports a UI."""

from __future__ import annotations

from briefing.model.diagnostics import Diagnostic, PackError, Severity
from briefing.model.load import LoadResult, load_pack
from briefing.model.pack import Pack
from briefing.model.paths import default_pack_path

__all__ = [
    "Diagnostic",
    "LoadResult",
    "Pack",
    "PackError",
    "Severity",
    "default_pack_path",
    "load_pack",
]
