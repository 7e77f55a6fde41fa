"""What the loader has read from one pack so far, as build consumes it: records by section.

Split out of the build so that the loader (``read.py``), the quote anchoring and the section
builders share one declaration of a record and the load's state without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.io.building.walker import Walker
from briefing.model.io.records import Outline, PackFields, Ref
from briefing.model.text import Article
from briefing.model.types import Evidence

if TYPE_CHECKING:
    from briefing.model.analysis.dates.meeting_dates import CheckedDates

LIST_SECTIONS = ("sources", "actors", "meetings", "pledges", "claims")


F = TypeVar("F")


@dataclass
class TypedRecord(Generic[F]):
    """One entity as written, with the walker of the file it came from.

    ``fields`` is the checked mapping, typed by its TypedDict in
    :mod:`briefing.model.io.records`: build reads each section as its own
    record type (``TypedRecord[ActorFields]``, ...).
    """

    walker: Walker
    node: Outline
    """Where the record and its fields were written (its YAML subtree is not kept)."""
    fields: F


Record = TypedRecord[Any]
"""A record of any section, as the loader files it by section name."""


@dataclass
class LoadState:
    """Everything read so far from one pack: records by section, articles, and what went wrong."""

    root: Path
    records: dict[str, list[TypedRecord[Any]]] = field(
        default_factory=lambda: {s: [] for s in LIST_SECTIONS}
    )
    """Section name -> its records; build reads each section as its own record type."""
    meta: TypedRecord[PackFields] | None = None
    articles: dict[str, tuple[Article, str]] = field(default_factory=dict)
    """source id -> (article, display path)."""
    anchorers: dict[str, Anchorer] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    """Sources whose article no longer matches its sha256: lost quotes get a suggested replacement."""
    incomplete: bool = False
    """A file could not be read: missing ids would only be noise, so they are not reported."""
    meta_seen: bool = False
    """A 'pack' section exists (even one with errors): "no file defines it" would be false."""
    broken_ids: set[str] = field(default_factory=set)
    """Ids of entities that failed validation: references to them are not reported again."""
    boilerplate: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    """Source id -> its boilerplate line ranges, to warn about evidence quoted from them."""
    uncited: list[tuple[Walker, Ref, Evidence]] = field(default_factory=list)
    """Every anchored `uncited` entry, checked against the facts' evidence at the end."""
    faithfulness: bool = False
    """Check each fact against its own evidence (``briefing validate``)."""
    outlines: dict[str, tuple[Walker, Outline]] = field(default_factory=dict)
    """Fact id -> where it was written, to point the faithfulness findings at a field."""
    defer_dates: bool = False
    """Leave the meeting-date checks (warnings only) for after the pack is shown (the reader)."""
    dates_later: Callable[[], CheckedDates] | None = None
    """With ``defer_dates``, once the pack is built: runs those checks (their warnings go
    to the load's diagnostics) and returns the ``CheckedDates`` for the pack to keep."""
