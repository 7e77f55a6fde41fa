"""Reading a pack in full and building the resolved model: the load state, quotes, sections, checks.

``read.py`` reads and checks the files into a :class:`LoadState` (what ``load.py`` does
when the load cache cannot answer); :func:`build_pack`
turns its records into the immutable dataclasses (``sections.py``), anchoring every
quote in its article (``quotes.py``) and checking across records (``checks.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.io.building.sections import build_pack
    from briefing.model.io.building.state import LIST_SECTIONS, LoadState, Record, TypedRecord

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "LIST_SECTIONS": "state",
        "LoadState": "state",
        "Record": "state",
        "TypedRecord": "state",
        "build_pack": "sections",
    },
)

__all__ = ["LIST_SECTIONS", "LoadState", "Record", "TypedRecord", "build_pack"]
