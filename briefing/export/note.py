"""Build the briefing note (as a :mod:`briefing.export.doc` document) from a pack.

The note is what leaves the analyst's terminal, so every statement in it ends
with footnotes, and every footnote quotes the whole sentence it rests on with the
quoted words marked. Footnotes are numbered in order of first use and shared:
two statements resting on the same quote cite the same footnote. The output is
deterministic (no clock, no set order), so a committed example can be checked
against a fresh render.
"""

from __future__ import annotations

from collections import defaultdict

from briefing.export.doc import (
    Block,
    Bullets,
    Heading,
    Inline,
    Item,
    Note,
    Para,
    Piece,
    Strong,
    Table,
    Tag,
    Text,
)
from briefing.export.movement import Movement, status_chart, timeline_chart
from briefing.export.noteparts import (
    Citations,
    actor_name,
    caveats,
    claim_sides,
    count_of,
    date_or_unknown,
    found_sides,
    join_pieces,
    outlet_name,
    published_or_unknown,
    resolved_date_text,
)
from briefing.model.analysis import Changes, pledge_histories
from briefing.model.analysis.analyse import Analysis, analyse
from briefing.model.analysis.disagreements import claim_context, uncovered
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import Actor, Claim, Evidence, Meeting, Pledge, Source, meetings_by_date

STATUS_ORDER = (
    "delivered",
    "committed",
    "offered",
    "conditional",
    "proposed",
    "considering",
    "undecided",
    "paused",
    "declined",
)
"""Pledge statuses from firmest to weakest: the order the note lists them in."""

OPEN_STATUSES = ("considering", "undecided")
LEAD_ROLES = ("host", "chair", "co-chair")
ROLE_PLURALS = {
    "host": "hosts",
    "chair": "chair",
    "co-chair": "co-chairs",
    "attendee": "attendees",
    "invited": "invited",
}
GRADE_WORDS = {
    "A": "A: completely reliable",
    "B": "B: usually reliable",
    "C": "C: fairly reliable",
    "D": "D: not usually reliable",
    "E": "E: unreliable",
    "F": "F: reliability cannot be judged",
}
LEADERS_SHOWN = 3
FOUND_KINDS = {
    "count": "differing counts",
    "amount": "differing amounts",
    "percentage": "differing shares",
    "stance": "differing stances",
    "meeting-date": "differing dates",
}


class _Builder:
    """Walks the selected facts once, in note order, collecting blocks and footnotes."""

    def __init__(
        self,
        pack: Pack,
        selected: frozenset[str] | None,
        analysis: Analysis,
        since: Changes | None = None,
    ) -> None:
        self.pack = pack
        self.analysis = analysis
        self.cites = Citations(pack)
        self.since = since
        self.movement = Movement(pack, self.cites, selected)

        def keep(item_id: str) -> bool:
            return selected is None or item_id in selected

        self.pledges = [p for p in pack.pledges if keep(p.id)]
        self.meetings = [m for m in pack.meetings if keep(m.id)]
        self.claims = [c for c in pack.claims if keep(c.id)]
        # Found disagreements are no fact the analyst can mark: a note of marked
        # facts leaves them out, a note of the whole pack lists them.
        self.found = uncovered(pack, analysis.disagreements) if selected is None else []
        self.actors = [a for a in pack.actors if keep(a.id) and a.evidence]

    # ----------------------------------------------------------------- sections

    def bottom_line(self) -> list[Block]:
        items: list[Item] = []
        if self.pledges:
            items.append(self._pledge_summary())
        leaders = self._leaders()
        if leaders is not None:
            items.append(leaders)
        questions = self._open_questions()
        if questions:
            items.append(Item((Strong("Open questions:"),), tuple(questions)))
        if not items:
            return []
        return [Heading(2, "Bottom line", "bottom-line"), Bullets(tuple(items))]

    def _pledge_summary(self) -> Item:
        by_status: defaultdict[str, list[Pledge]] = defaultdict(list)
        for pledge in self.pledges:
            by_status[pledge.status].append(pledge)
        statuses = [s for s in STATUS_ORDER if s in by_status]
        actors = len({p.actor for p in self.pledges})
        counts = ", ".join(f"{len(by_status[s])} {s}" for s in statuses)
        head: Inline = (
            Strong("Pledges:"),
            Text(f" {len(self.pledges)} from {count_of(actors, 'actor')}: {counts}."),
        )
        children = []
        for status in statuses:
            per_actor: dict[str, list[Evidence]] = {}
            for pledge in by_status[status]:
                per_actor.setdefault(pledge.actor, []).extend(pledge.evidence)
            names = [
                [Text(actor_name(self.pack, actor)), *self.cites.tagged(ev, summary=True)]
                for actor, ev in sorted(
                    per_actor.items(), key=lambda kv: actor_name(self.pack, kv[0])
                )
            ]
            line: list[Piece] = [Strong(status.capitalize()), Text(": "), *join_pieces(names)]
            children.append(Item(tuple(line)))
        return Item(head, tuple(children))

    def _leaders(self) -> Item | None:
        """Who holds lead roles (host, chair, co-chair) in the most meetings; people count for their country."""
        led: defaultdict[str, dict[str, Meeting]] = defaultdict(dict)
        for meeting in self.meetings:
            for participant in meeting.participants:
                if participant.role in LEAD_ROLES:
                    led[self._rolled_up(participant.actor)][meeting.id] = meeting
        if not led:
            return None
        ranked = sorted(led.items(), key=lambda kv: (-len(kv[1]), actor_name(self.pack, kv[0])))
        parts = []
        for actor, meetings in ranked[:LEADERS_SHOWN]:
            evidence = [e for m in meetings.values() for e in m.evidence]
            parts.append(
                [
                    Text(f"{actor_name(self.pack, actor)}, {count_of(len(meetings), 'meeting')}"),
                    *self.cites.tagged(evidence, summary=True),
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

    def _rolled_up(self, actor_id: str) -> str:
        found = self.pack.get(actor_id)
        if isinstance(found, Actor) and found.kind == "person" and found.affiliation:
            return found.affiliation
        return actor_id

    def _open_questions(self) -> list[Item]:
        items = []
        for claim in self.claims:
            sides = [
                [Strong(value), *self.cites.tagged(evidence, summary=True)]
                for value, evidence in claim_sides(claim)
            ]
            items.append(
                Item((Text(f"Disputed: {clean_line(claim.topic)}: "), *join_pieces(sides, " or ")))
            )
        undecided = [p for p in self.pledges if p.status in OPEN_STATUSES]
        if undecided:
            parts = [
                [
                    Text(f"{actor_name(self.pack, p.actor)} ({clean_line(p.contribution)})"),
                    *self.cites.tagged(p.evidence, summary=True),
                ]
                for p in undecided
            ]
            items.append(Item((Text("Not yet decided: "), *join_pieces(parts, "; "))))
        for meeting in meetings_by_date([m for m in self.meetings if m.status == "planned"]):
            items.append(
                Item(
                    (
                        Text(f"Planned: {clean_line(meeting.title)}, {date_or_unknown(meeting)}"),
                        *self.cites.tagged(meeting.evidence, summary=True),
                    )
                )
            )
        return items

    def pledge_table(self) -> list[Block]:
        if not self.pledges:
            return []
        rows = []
        ordered = sorted(
            self.pledges,
            key=lambda p: (
                actor_name(self.pack, p.actor),
                STATUS_ORDER.index(p.status),
                p.contribution,
            ),
        )
        histories = pledge_histories(self.pack)
        for pledge in ordered:
            remarks = _remarks(pledge)
            conditions = "; ".join(clean_line(c) for c in pledge.conditions)
            conditions = (conditions + remarks).strip() or "none stated"
            status: tuple[Piece, ...] = (Strong(pledge.status),)
            history = histories.get(pledge.id)
            if history is not None and history.changed:
                moves = " → ".join(step.status for step in history.steps)
                status = (*status, Text(f" (reported: {moves})"))
            rows.append(
                (
                    (Text(actor_name(self.pack, pledge.actor)),),
                    (Text(clean_line(pledge.contribution)),),
                    status,
                    (Text(conditions),),
                    tuple(self.cites.tagged(pledge.evidence, credibility=pledge.credibility)),
                )
            )
        header = ("Actor", "Contribution", "Status", "Conditions", "Support")
        chart = status_chart(self.pledges, STATUS_ORDER)
        return [
            Heading(2, "Pledges by actor", "pledges"),
            *([chart] if chart is not None else []),
            Table(header, tuple(rows)),
            *self.movement.histories(ordered),
        ]

    def timeline(self) -> list[Block]:
        if not self.meetings:
            return []
        items = []
        for meeting in meetings_by_date(self.meetings):
            text = f" ({resolved_date_text(self.pack, self.analysis, meeting)}): {clean_line(meeting.title)}"
            if meeting.place:
                text += f", {clean_line(meeting.place)}"
            text += f". {meeting.status.capitalize()}."
            roles: dict[str, list[str]] = {}
            for participant in meeting.participants:
                roles.setdefault(participant.role, []).append(
                    actor_name(self.pack, participant.actor)
                )
            for role, names in roles.items():
                text += f" {ROLE_PLURALS.get(role, role).capitalize()}: {', '.join(names)}."
            text += _remarks(meeting)
            items.append(
                Item(
                    (
                        Strong(date_or_unknown(meeting)),
                        Text(text),
                        *self.cites.tagged(meeting.evidence, credibility=meeting.credibility),
                    )
                )
            )
        chart = timeline_chart(self.pack, self.meetings)
        return [
            Heading(2, "Meetings", "meetings"),
            *([chart] if chart is not None else []),
            Bullets(tuple(items)),
        ]

    def disagreements(self) -> list[Block]:
        if not self.claims and not self.found:
            return []
        blocks: list[Block] = [
            Heading(2, "Where sources disagree", "disagreements"),
            Para(
                (
                    Text(
                        "The pack author's claims first, then the disagreements briefing found "
                        "in the articles' text that no claim covers; each point says which it is."
                    ),
                )
            ),
        ]
        for claim in self.claims:
            blocks.append(Heading(3, clean_line(claim.topic), f"claim-{claim.id}"))
            blocks.append(Para((Strong("Claim"), Text(" written by the pack's author."))))
            items = self._side_items(claim_sides(claim))
            for extra in (claim_context(self.pack, claim), _remarks(claim).strip()):
                if extra:  # read from the claim's own sentences: cited as they are
                    items.append(
                        Item(
                            (
                                Text(clean_line(extra)),
                                *self.cites.tagged(claim.evidence, summary=True),
                            )
                        )
                    )
            blocks.append(Bullets(tuple(items)))
        for number, found in enumerate(self.found, 1):
            kind = FOUND_KINDS.get(found.kind, clean_line(found.kind))
            blocks.append(Heading(3, clean_line(found.topic), f"found-{number}"))
            blocks.append(
                Para(
                    (
                        Strong("Found in the text"),
                        Text(f" by briefing ({kind}); no claim covers it: check before relying on it."),
                    )
                )
            )
            blocks.append(Bullets(tuple(self._side_items(found_sides(self.pack, found)))))
        return blocks

    def _side_items(self, sides: list[tuple[str, list[Evidence]]]) -> list[Item]:
        """One item per value: who says it, each source's footnotes, the value's support tag."""
        items = []
        for value, evidence in sides:
            per_source: dict[str, list[Evidence]] = {}
            for item in evidence:
                per_source.setdefault(item.source, []).append(item)
            said = [
                [
                    Text(f"{outlet_name(self.pack.source(s))} ({published_or_unknown(self.pack.source(s))})"),
                    *self.cites.refs(ev),
                ]
                for s, ev in per_source.items()
            ]
            line: list[Piece] = [Strong(value), Text(": "), *join_pieces(said, "; ")]
            line.append(self.cites.tag(evidence))
            items.append(Item(tuple(line)))
        return items

    def whos_who(self) -> list[Block]:
        if not self.actors:
            return []
        items = []
        for actor in sorted(self.actors, key=lambda a: clean_line(a.name)):
            text = ""
            if actor.role:
                text += f": {clean_line(actor.role)}"
            if actor.affiliation:
                text += f" ({actor_name(self.pack, actor.affiliation)})"
            items.append(
                Item(
                    (Strong(clean_line(actor.name)), Text(text), *self.cites.tagged(actor.evidence))
                )
            )
        return [Heading(2, "Who's who", "whos-who"), Bullets(tuple(items))]

    def source_notes(self, sources: list[Source]) -> list[Block]:
        rows = []
        for source in sources:
            rows.append(
                (
                    (Strong(outlet_name(source)),),
                    (Text(published_or_unknown(source)),),
                    (Text(clean_line(source.title)),),
                    (Text(GRADE_WORDS.get(source.grade, source.grade)),),
                    (Text("; ".join(caveats(source)) or "none flagged"),),
                )
            )
        header = ("Source", "Published", "Title", "Reliability", "Caveats")
        blocks: list[Block] = [
            Heading(2, "Notes on sources", "sources"),
            Table(header, tuple(rows), statements=False),
        ]
        if self.pack.meta.notes:
            blocks.append(
                Para((Strong("Pack author's note:"), Text(" " + clean_line(self.pack.meta.notes))))
            )
        return blocks

    # --------------------------------------------------------------------- note

    def build(self) -> Note:
        body: list[Block] = [
            *(self.movement.since(self.since) if self.since is not None else []),
            *self.bottom_line(),
            *self.pledge_table(),
            *self.timeline(),
            *self.disagreements(),
            *self.whos_who(),
        ]
        used = {f.source_id for f in self.cites.footnotes}
        sources = [s for s in self.pack.sources if s.id in used]
        listed = "; ".join(f"{outlet_name(s)} ({published_or_unknown(s)})" for s in sources)
        title = clean_line(self.pack.meta.title)
        head: list[Block] = [
            Heading(1, title, "top"),
            Para(
                (
                    Text("Briefing note as of "),
                    Strong(clean_line(self.pack.meta.as_of)),
                    Text(f". It rests on {count_of(len(sources), 'source')}: {listed}."),
                )
            ),
            Para(
                (
                    Text(
                        "Every statement ends with footnotes quoting the sentence it rests on, "
                        "the quoted words marked. "
                    ),
                    Tag(1, 1),
                    Text(" marks a statement only one article supports, "),
                    Tag(2, 2),
                    Text(
                        " one that several support. The letter and digit after the count are "
                        "the Admiralty rating: source reliability A (completely reliable) to F "
                        "(cannot be judged), then credibility 1 (confirmed by independent "
                        "outlets) to 6 (cannot be judged); machine-translated support is named."
                    ),
                )
            ),
        ]
        blocks = (*head, *body, *self.source_notes(sources))
        return Note(title=title, blocks=blocks, footnotes=tuple(self.cites.footnotes))


def build_note(
    pack: Pack,
    selected: frozenset[str] | None = None,
    analysis: Analysis | None = None,
    since: Changes | None = None,
) -> Note:
    """The note for ``pack``, or for just the facts whose ids are in ``selected``.

    ``analysis`` is the pack's analysis when the caller holds one (the reader
    does); otherwise it is computed here. With ``since``, the note opens with
    what changed after that date.
    """
    return _Builder(pack, selected, analysis or analyse(pack), since).build()


def _remarks(fact: Meeting | Pledge | Claim) -> str:
    """The fact's note and each judgement the pack accepts, with its reason (never silent)."""
    text = ""
    if fact.notes:
        text += f" Note: {clean_line(fact.notes)}"
        if not text.endswith("."):
            text += "."
    for accepted in fact.accepted:
        text += f" Accepted judgement (faithfulness rule '{accepted.rule}'): {clean_line(accepted.reason)}"
        if not text.endswith("."):
            text += "."
    return text
