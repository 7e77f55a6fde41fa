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
    from briefing.model.analysis import Analysis
    from briefing.model.derived import Derived

REVIEW = "review"
"""The navigator group of candidates: actors and draft facts nobody has confirmed yet."""

SECTIONS: tuple[tuple[str, str], ...] = (
    (REVIEW, "To review"),
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


def support_tag(analysis: Analysis | None, fact_id: str) -> str:
    """`` [4 src/4 outlets B1]`` or `` [single source D4]``: corroboration and Admiralty rating.

    Nothing while the analysis is still being built (the reader fills its panes
    first and relabels the rows when it arrives).
    """
    found = None if analysis is None else analysis.of(fact_id)
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


def is_candidate(item: Fact | Source) -> bool:
    """True for a record still marked ``candidate: true`` (an actor, or a draft fact)."""
    return bool(getattr(item, "candidate", False))


UNCONFIRMED = "? "
"""The mark in front of a candidate's label wherever it is listed."""


def label(derived: Derived, item: Fact | Source) -> str:
    """A short label for lists; meetings and pledges end with their support and rating.

    A candidate's label starts with :data:`UNCONFIRMED` and names its kind, since
    the review group mixes actors and draft facts.
    """
    if is_candidate(item):
        return f"{UNCONFIRMED}{type(item).__name__.lower()}: {_label(derived, item)}"
    return _label(derived, item)


def _label(derived: Derived, item: Fact | Source) -> str:
    pack, analysis = derived.pack, derived.known_analysis
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
    """The items of one navigator section: meetings by date, the rest in pack order;
    candidates (actors and draft facts nobody has confirmed) only in the review group.

    The date order is kept by ``derived``: the navigator asks for a section on every
    page it adds.
    """
    pack = derived.pack
    items: tuple[Fact | Source, ...]
    # getattr inline, not is_candidate: this walks every fact (20,000 at 1,000 articles)
    # on the reader's way to its first frame.
    if section == REVIEW:
        everything: tuple[Fact, ...] = (*pack.actors, *pack.meetings, *pack.pledges, *pack.claims)
        items = tuple(item for item in everything if getattr(item, "candidate", False))
    elif section == "meetings":
        items = derived.meetings_by_date
    else:
        items = getattr(pack, section)
    if section not in (REVIEW, "sources"):
        items = tuple(item for item in items if not getattr(item, "candidate", False))
    return items


def first_item(derived: Derived) -> str | None:
    """The id of the navigator's first item (the first non-empty section's first), or None."""
    for section, _ in SECTIONS:
        items = section_items(derived, section)
        if items:
            return items[0].id
    return None


def next_to_review(derived: Derived, item_id: str) -> str | None:
    """The candidate after ``item_id`` in the review group (or before it, if last).

    After a confirm, reject or merge the reader moves on to the next candidate, so
    the review group can be worked through without going back to the navigator.
    """
    ids = [item.id for item in section_items(derived, REVIEW)]
    if item_id not in ids:
        return ids[0] if ids else None
    index = ids.index(item_id)
    rest = ids[index + 1 :] or ids[:index][-1:]
    return rest[0] if rest else None
