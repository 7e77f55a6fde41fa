"""The plain-Python core: load, validate, anchor, search and date a pack. Never imports a UI.

The names below are imported on first use (PEP 562, see lazy.py): the reader imports
``briefing.model.pack`` and ``briefing.model.types`` for its first frame, and
should not pay for the loader (PyYAML, rapidfuzz, the schema) until its worker
thread loads the pack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.diagnostics import Diagnostic, PackError, Severity
    from briefing.model.io import LoadResult, default_pack_path, load_pack
    from briefing.model.pack import Pack

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Diagnostic": "briefing.model.diagnostics",
        "PackError": "briefing.model.diagnostics",
        "Severity": "briefing.model.diagnostics",
        "LoadResult": "briefing.model.io.load",
        "load_pack": "briefing.model.io.load",
        "Pack": "briefing.model.pack",
        "default_pack_path": "briefing.model.io.paths",
    },
)


__all__ = [
    "Diagnostic",
    "LoadResult",
    "Pack",
    "PackError",
    "Severity",
    "default_pack_path",
    "load_pack",
]
