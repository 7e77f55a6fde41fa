"""Build the briefing note (as a :mod:`briefing.export.doc` document) from a pack.

The note is what leaves the analyst's terminal, so every statement in it ends
with footnotes, and every footnote quotes the whole sentence it rests on with the
quoted words marked. Footnotes are numbered in order of first use and shared:
two statements resting on the same quote cite the same footnote. The output is
deterministic (no clock, no set order), so a committed example can be checked
against a fresh render.
"""

from __future__ import annotations

from briefing.export.bottom_line import bottom_line
from briefing.export.doc import (
    Block,
    Bullets,
    Heading,
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
    STATUS_ORDER,
    NoteFacts,
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
from briefing.model.analysis.disagreements import claim_context
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import Claim, Evidence, Meeting, Pledge, Source, meetings_by_date

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
        *,
        whole: bool | None = None,
        records: list[Pledge] | None = None,
    ) -> None:
        self.facts = NoteFacts.select(pack, selected, analysis, whole=whole, records=records)
        self.pack = pack
        self.cites = self.facts.cites
        self.since = since
        self.movement = Movement(pack, self.cites, selected)

    # ----------------------------------------------------------------- sections

    def pledge_table(self) -> list[Block]:
        if not self.facts.pledges:
            return []
        rows = []
        ordered = sorted(
            self.facts.pledges,
            key=lambda p: (
                actor_name(self.pack, p.actor),
                STATUS_ORDER.index(p.status),
                p.contribution,
            ),
        )
        # Built once (the histories below read it too), from the records the note admits.
        histories = pledge_histories(self.pack, self.facts.records)
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
        chart = status_chart(self.facts.pledges, STATUS_ORDER)
        return [
            Heading(2, "Pledges by actor", "pledges"),
            *([chart] if chart is not None else []),
            Table(header, tuple(rows)),
            *self.movement.histories(ordered, histories),
        ]

    def timeline(self) -> list[Block]:
        if not self.facts.meetings:
            return []
        items = []
        for meeting in meetings_by_date(self.facts.meetings):
            text = f" ({resolved_date_text(self.pack, self.facts.analysis, meeting)}): {clean_line(meeting.title)}"
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
        chart = timeline_chart(self.pack, self.facts.meetings)
        return [
            Heading(2, "Meetings", "meetings"),
            *([chart] if chart is not None else []),
            Bullets(tuple(items)),
        ]

    def disagreements(self) -> list[Block]:
        if not self.facts.claims and not self.facts.found:
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
        for claim in self.facts.claims:
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
        for number, found in enumerate(self.facts.found, 1):
            kind = FOUND_KINDS.get(found.kind, clean_line(found.kind))
            blocks.append(Heading(3, clean_line(found.topic), f"found-{number}"))
            blocks.append(
                Para(
                    (
                        Strong("Found in the text"),
                        Text(
                            f" by briefing ({kind}); no claim covers it: check before relying on it."
                        ),
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
                    Text(
                        f"{outlet_name(self.pack.source(s))} ({published_or_unknown(self.pack.source(s))})"
                    ),
                    *self.cites.refs(ev),
                ]
                for s, ev in per_source.items()
            ]
            line: list[Piece] = [Strong(value), Text(": "), *join_pieces(said, "; ")]
            line.append(self.cites.tag(evidence))
            items.append(Item(tuple(line)))
        return items

    def whos_who(self) -> list[Block]:
        if not self.facts.actors:
            return []
        items = []
        for actor in sorted(self.facts.actors, key=lambda a: clean_line(a.name)):
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
            *bottom_line(self.facts),
            *self.pledge_table(),
            *self.timeline(),
            *self.disagreements(),
            *self.whos_who(),
        ]
        used = {e.source for e in self.cites.cited}
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
        return Note(title=title, blocks=blocks, footnotes=self.cites.footnotes)


def build_note(
    pack: Pack,
    selected: frozenset[str] | None = None,
    analysis: Analysis | None = None,
    since: Changes | None = None,
    *,
    whole: bool | None = None,
    records: list[Pledge] | None = None,
) -> Note:
    """The note for ``pack``, or for just the facts whose ids are in ``selected``.

    ``analysis`` is the pack's analysis when the caller holds one (the reader
    does); otherwise it is computed here. With ``since``, the note opens with
    what changed after that date. ``whole`` and ``records``: see
    :meth:`NoteFacts.select` (a note without candidates passes both).
    """
    built = _Builder(pack, selected, analysis or analyse(pack), since, whole=whole, records=records)
    return built.build()


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
