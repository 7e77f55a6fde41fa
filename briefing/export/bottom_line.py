"""The note's bottom line: pledges by status, who leads, and the open questions.

The first thing a reader of the note sees, so every line is a summary that cites
only the first quote of each source (the tables below cite them all). Split from
:mod:`briefing.export.note`, which walks the sections in order.
"""

from __future__ import annotations

from collections import defaultdict

from briefing.export.doc import Block, Bullets, Heading, Inline, Item, Piece, Strong, Text
from briefing.export.noteparts import (
    STATUS_ORDER,
    NoteFacts,
    actor_name,
    claim_sides,
    count_of,
    date_or_unknown,
    join_pieces,
)
from briefing.model.sanitize import clean_line
from briefing.model.types import Actor, Evidence, Meeting, Pledge, meetings_by_date

OPEN_STATUSES = ("considering", "undecided")
"""Pledges the note lists under "Not yet decided"."""
LEAD_ROLES = ("host", "chair", "co-chair")
LEADERS_SHOWN = 3
"""Actors named under "Who leads"; the rest are counted."""


def bottom_line(facts: NoteFacts) -> list[Block]:
    """The "Bottom line" section: pledges by status, who leads, open questions; [] when empty."""
    items: list[Item] = []
    if facts.pledges:
        items.append(_pledge_summary(facts))
    leaders = _leaders(facts)
    if leaders is not None:
        items.append(leaders)
    questions = _open_questions(facts)
    if questions:
        items.append(Item((Strong("Open questions:"),), tuple(questions)))
    if not items:
        return []
    return [Heading(2, "Bottom line", "bottom-line"), Bullets(tuple(items))]


def _pledge_summary(facts: NoteFacts) -> Item:
    by_status: defaultdict[str, list[Pledge]] = defaultdict(list)
    for pledge in facts.pledges:
        by_status[pledge.status].append(pledge)
    statuses = [s for s in STATUS_ORDER if s in by_status]
    actors = len({p.actor for p in facts.pledges})
    counts = ", ".join(f"{len(by_status[s])} {s}" for s in statuses)
    head: Inline = (
        Strong("Pledges:"),
        Text(f" {len(facts.pledges)} from {count_of(actors, 'actor')}: {counts}."),
    )
    children = []
    for status in statuses:
        per_actor: dict[str, list[Evidence]] = {}
        for pledge in by_status[status]:
            per_actor.setdefault(pledge.actor, []).extend(pledge.evidence)
        names = [
            [Text(actor_name(facts.pack, actor)), *facts.cites.tagged(ev, summary=True)]
            for actor, ev in sorted(per_actor.items(), key=lambda kv: actor_name(facts.pack, kv[0]))
        ]
        line: list[Piece] = [Strong(status.capitalize()), Text(": "), *join_pieces(names)]
        children.append(Item(tuple(line)))
    return Item(head, tuple(children))


def _leaders(facts: NoteFacts) -> Item | None:
    """Who holds lead roles (host, chair, co-chair) in the most meetings; people count for their country."""
    led: defaultdict[str, dict[str, Meeting]] = defaultdict(dict)
    for meeting in facts.meetings:
        for participant in meeting.participants:
            if participant.role in LEAD_ROLES:
                led[_rolled_up(facts, participant.actor)][meeting.id] = meeting
    if not led:
        return None
    ranked = sorted(led.items(), key=lambda kv: (-len(kv[1]), actor_name(facts.pack, kv[0])))
    parts = []
    for actor, meetings in ranked[:LEADERS_SHOWN]:
        evidence = [e for m in meetings.values() for e in m.evidence]
        parts.append(
            [
                Text(f"{actor_name(facts.pack, actor)}, {count_of(len(meetings), 'meeting')}"),
                *facts.cites.tagged(evidence, summary=True),
            ]
        )
    line: list[Piece] = [
        Strong("Who leads:"),
        Text(" most lead roles (host, chair or co-chair) in meetings: "),
        *join_pieces(parts, "; "),
    ]
    if len(ranked) > LEADERS_SHOWN:
        line.append(Text(f"; {len(ranked) - LEADERS_SHOWN} more under Meetings."))
    return Item(tuple(line))


def _rolled_up(facts: NoteFacts, actor_id: str) -> str:
    found = facts.pack.get(actor_id)
    if isinstance(found, Actor) and found.kind == "person" and found.affiliation:
        return found.affiliation
    return actor_id


def _open_questions(facts: NoteFacts) -> list[Item]:
    items = []
    for claim in facts.claims:
        sides = [
            [Strong(value), *facts.cites.tagged(evidence, summary=True)]
            for value, evidence in claim_sides(claim)
        ]
        items.append(
            Item((Text(f"Disputed: {clean_line(claim.topic)}: "), *join_pieces(sides, " or ")))
        )
    undecided = [p for p in facts.pledges if p.status in OPEN_STATUSES]
    if undecided:
        parts = [
            [
                Text(f"{actor_name(facts.pack, p.actor)} ({clean_line(p.contribution)})"),
                *facts.cites.tagged(p.evidence, summary=True),
            ]
            for p in undecided
        ]
        items.append(Item((Text("Not yet decided: "), *join_pieces(parts, "; "))))
    for meeting in meetings_by_date([m for m in facts.meetings if m.status == "planned"]):
        items.append(
            Item(
                (
                    Text(f"Planned: {clean_line(meeting.title)}, {date_or_unknown(meeting)}"),
                    *facts.cites.tagged(meeting.evidence, summary=True),
                )
            )
        )
    return items
