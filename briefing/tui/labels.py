"""One-line names for facts and sources, shared by every pane (always sanitised).

Each returns plain text that has been through ``clean_line``; callers wrap it
in ``Text``/``Content`` so it is never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import (
    Actor,
    Claim,
    Evidence,
    Fact,
    Meeting,
    Pledge,
    Source,
)

if TYPE_CHECKING:
    from briefing.model.analysis.analyse import Analysis
    from briefing.model.derived import Derived

SECTIONS: tuple[tuple[str, str], ...] = (
    ("actors", "Actors"),
    ("meetings", "Meetings"),
    ("pledges", "Pledges"),
    ("claims", "Claims"),
    ("sources", "Sources"),
)


def actor_name(pack: Pack, actor_id: str) -> str:
    """The actor's canonical name, or its id when the pack lacks it."""
    found = pack.get(actor_id)
    return clean_line(found.name) if isinstance(found, Actor) else clean_line(actor_id)


def support_tag(analysis: Analysis, fact_id: str) -> str:
    """`` [4 src/4 outlets B1]`` or `` [single source D4]``: corroboration and Admiralty rating."""
    found = analysis.of(fact_id)
    if found is None:
        return ""
    s = found.support
    if s.sources <= 1:
        count = "single source"
    else:
        count = f"{s.sources} src/{s.outlets} outlet{'s' if s.outlets != 1 else ''}"
        if s.single_source:
            count += ", single outlet"
    return f" [{count} {found.grade.rating}]"


def label(derived: Derived, item: Fact | Source) -> str:
    """A short label for lists; meetings and pledges end with their support and rating."""
    pack, analysis = derived.pack, derived.analysis
    if isinstance(item, Actor):
        return f"{clean_line(item.name)} ({item.kind})"
    if isinstance(item, Meeting):
        return f"{item.date or 'undated'} {clean_line(item.title)}{support_tag(analysis, item.id)}"
    if isinstance(item, Pledge):
        return (
            f"{actor_name(pack, item.actor)}: {clean_line(item.contribution)} [{item.status}]"
            f"{support_tag(analysis, item.id)}"
        )
    if isinstance(item, Claim):
        return clean_line(item.topic)
    if derived.outlet_counts[item.outlet] > 1:
        # Two articles from one outlet: the date (or the title) tells them apart.
        told_by = item.published or clean_line(item.title)
        return f"{clean_line(item.outlet)} {told_by} [{item.grade}]"
    return f"{clean_line(item.outlet)} [{item.grade}]"


def source_label(pack: Pack, source_id: str) -> str:
    """The outlet of a source with its Admiralty grade (and MT when machine-translated)."""
    found = pack.get(source_id)
    if not isinstance(found, Source):
        return clean_line(source_id)
    flag = " MT" if found.flags.machine_translated else ""
    return f"{clean_line(found.outlet)} [{found.grade}{flag}]"


def evidence_label(pack: Pack, evidence: Evidence) -> str:
    """``outlet: “quote”`` for the evidence list."""
    return f"{source_label(pack, evidence.source)}: “{clean_line(evidence.quote)}”"


def section_items(derived: Derived, section: str) -> tuple[Fact | Source, ...]:
    """The items of one navigator section: meetings by date, the rest in pack order.

    The date order is kept by ``derived``: the navigator asks for a section on every
    page it adds.
    """
    if section == "meetings":
        return derived.meetings_by_date
    items: tuple[Fact | Source, ...] = getattr(derived.pack, section)
    return items
