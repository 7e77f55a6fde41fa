"""The rows of one item (actor, meeting, pledge, claim, source), built from the pack and its analysis.

Plain Python (no Textual: tested on its own). What each kind of item lists,
in order: its fields, its analysis (or that it is pending), its links paged,
an actor's mentions, its evidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from briefing.model.pack import Pack, evidence_of
from briefing.model.sanitize import clean_line
from briefing.model.types import Actor, Claim, Evidence, Fact, Meeting, Pledge, Source
from briefing.tui.detail_rows.rows import (
    GAP,
    DetailRows,
    EvidenceRow,
    LinkRow,
    MentionRow,
    Part,
    Row,
    field,
    heading,
    paged,
    pending_note,
    title_of,
)
from briefing.tui.labels import evidence_label, is_candidate, label, source_label
from briefing.tui.remarks import remark_fields

if TYPE_CHECKING:
    from briefing.model.analysis import FactAnalysis
    from briefing.model.derived import Derived
    from briefing.model.names import Mention

CONTEXT = 40
"""Characters of the sentence shown either side of a mention."""
MATCH_NOTES = {"normalised": " (matched after normalising)", "lost-character": " (lost character)"}


class _Builder:
    """Rows for one item; ``expanded`` says how many rows of each long group to show."""

    def __init__(
        self,
        derived: Derived,
        expanded: Mapping[str, int],
        mentions: Sequence[Mention] | None,
    ) -> None:
        self.derived = derived
        self.pack = derived.pack
        self.analysis = derived.known_analysis
        """None while the reader's worker is still building it (rows say so)."""
        self.expanded = expanded
        self.mentions = mentions

    def link(self, item_id: str, prefix: str = "") -> Row:
        found = self.pack.get(item_id)
        text = (
            label(self.derived, found) if found is not None else f"{clean_line(item_id)} (missing)"
        )
        return Row((("→ ", ""), (prefix, ""), (text, "")), LinkRow(item_id))

    def links(self, group: str, title: str, ids: Sequence[str]) -> Iterator[Row]:
        yield heading(f"{title} ({len(ids):,})")
        yield from paged(
            group, ids, lambda item_id, _i: self.link(item_id), self.expanded, title.lower()
        )

    def pending(self) -> Row:
        """The row standing for what the analysis will add, while it is built."""
        return field("analysis", pending_note(self.pack))

    def analysed(self, fact_id: str, value: int | None = None) -> Iterator[Row]:
        """Support and rating of a fact (or of a claim's ``value``), or that they are pending."""
        if self.analysis is None:
            yield self.pending()
            return
        found = self.analysis.of(fact_id) if value is None else self.analysis.value(fact_id, value)
        yield from self.analysis_rows(found)

    def analysis_rows(self, found: FactAnalysis | None) -> Iterator[Row]:
        """Support, Admiralty rating and caveats of a fact, as field rows."""
        if found is None:
            return
        from briefing.model.analysis import CREDIBILITY, RELIABILITY

        s, g = found.support, found.grade
        single = " (single source)" if s.single_source else ""
        yield field("support", f"{s.shown()}{single}")
        why = "set by the author" if g.basis == "author" else g.reason
        yield field(
            "rating",
            f"{g.rating}: source {RELIABILITY[g.reliability]}; {CREDIBILITY[g.credibility]} ({why})",
        )
        for caveat in g.caveats:
            yield field("caveat", caveat)

    def evidence(
        self, items: Sequence[Evidence], first: int = 0, total: int | None = None
    ) -> Iterator[Row]:
        total = total or len(items)
        for offset, evidence in enumerate(items):
            index = first + offset
            yield Row(
                (
                    (f"{index + 1}/{total}", "dim"),
                    (" ", ""),
                    (evidence_label(self.pack, evidence), ""),
                    (MATCH_NOTES.get(evidence.match, ""), "italic"),
                ),
                EvidenceRow(index),
            )

    def rows(self, item: Fact | Source) -> Iterator[Row | None]:
        yield Row(((label(self.derived, item), "bold"),))
        if is_candidate(item) and not isinstance(item, Actor):  # an actor says so in its fields
            yield field("candidate", "drafted, not yet confirmed by the author")
        if isinstance(item, Actor):
            yield from self.actor(item)
        elif isinstance(item, Meeting):
            yield from self.meeting(item)
        elif isinstance(item, Pledge):
            yield from self.pledge(item)
        elif isinstance(item, Claim):
            yield from self.claim(item)
        else:
            yield from self.source(item)
        if not isinstance(item, Claim | Source) and evidence_of(item):
            yield GAP
            yield heading(f"Evidence ({len(evidence_of(item))})")
            yield from self.evidence(evidence_of(item))

    def actor(self, actor: Actor) -> Iterator[Row | None]:
        yield field("kind", actor.kind)
        if actor.role:
            yield field("role", actor.role)
        if actor.aliases:
            yield field("aliases", ", ".join(actor.aliases))
        if actor.candidate:
            yield field("candidate", "proposed, not yet confirmed by the author")
        if actor.notes:
            yield field("notes", actor.notes)
        if actor.affiliation:
            yield heading("Affiliation")
            yield self.link(actor.affiliation)
        facts = self.pack.facts_of(actor.id)
        for title, kind in (("Pledges", Pledge), ("Meetings", Meeting), ("Members", Actor)):
            linked = [f.id for f in facts if isinstance(f, kind)]
            if linked:
                yield from self.links(title.lower(), title, linked)
        yield from self.actor_mentions()

    def actor_mentions(self) -> Iterator[Row | None]:
        """Every sentence naming the actor; uncited ones are what the pack still misses."""
        if self.mentions is None:
            yield GAP
            yield heading(f"Mentions (finding them in {len(self.pack.sources):,} articles…)")
            return
        if not self.mentions:
            return
        uncited = sum(not m.cited for m in self.mentions)
        yield GAP
        yield heading(f"Mentions ({len(self.mentions):,}, {uncited:,} uncited)")
        yield from paged(
            "mentions",
            self.mentions,
            lambda mention, index: Row(mention_parts(self.pack, mention), MentionRow(index)),
            self.expanded,
            "mentions",
        )

    def meeting(self, meeting: Meeting) -> Iterator[Row | None]:
        yield field("date", f"{meeting.date or 'unknown'} (“{meeting.date_text}”)")
        checked = None if self.analysis is None else self.analysis.dates.get(meeting.id)
        if checked is not None:
            r = checked.resolution
            basis = f" in {checked.basis.source}" if checked.basis else ""
            yield field(
                "resolved", f"{r.shown()} ({r.precision}) from “{r.expression}”{basis}: {r.rule}"
            )
        yield from self.analysed(meeting.id)
        if meeting.date_reasoning:
            yield field("reasoning", meeting.date_reasoning)
        if meeting.place:
            yield field("place", meeting.place)
        yield field("status", meeting.status)
        yield from (field(name, text) for name, text in remark_fields(meeting))
        if meeting.participants:
            yield heading(f"Participants ({len(meeting.participants):,})")
            yield from paged(
                "participants",
                meeting.participants,
                lambda p, _i: self.link(p.actor, f"{clean_line(p.role)}: "),
                self.expanded,
                "participants",
            )

    def pledge(self, pledge: Pledge) -> Iterator[Row | None]:
        yield field("contribution", pledge.contribution)
        yield field("status", pledge.status)
        # The status over time by source date; other records of the same pledge linked.
        history = self.derived.history(pledge)
        yield field("history" if history.changed else "reported", history.label())
        yield from (
            self.link(other, "same pledge: ") for other in history.records if other != pledge.id
        )
        for condition in pledge.conditions:
            yield field("condition", condition)
        yield from (field(name, text) for name, text in remark_fields(pledge))
        yield from self.analysed(pledge.id)
        yield heading("Actor")
        yield self.link(pledge.actor)

    def claim(self, claim: Claim) -> Iterator[Row | None]:
        total = len(claim.evidence)
        first = 0
        yield from (field(name, text) for name, text in remark_fields(claim))
        for index, value in enumerate(claim.values):
            yield GAP
            yield heading(
                f"“{clean_line(value.value)}” says {source_label(self.pack, value.source)}"
            )
            yield from self.analysed(claim.id, index)
            yield from self.evidence(value.evidence, first, total)
            first += len(value.evidence)

    def source(self, source: Source) -> Iterator[Row | None]:
        # Imported when a source's rows are first built, not with the reader: the
        # first frame seldom shows a source (~2 ms of start-up, two dataclasses and
        # the outlet patterns), and the background analysis imports them anyway.
        from briefing.model.analysis import RELIABILITY, outlet_identity

        yield field("title", source.title)
        yield field("published", source.published or "unknown")
        if source.date_reasoning:
            yield field("reasoning", source.date_reasoning)
        yield field("grade", f"{source.grade} ({RELIABILITY[source.grade]})")
        yield field("counted as outlet", outlet_identity(source))
        yield field("language", source.language)
        if source.translated_from:
            yield field("translated from", source.translated_from)
        if source.original_outlet:
            yield field("original outlet", source.original_outlet)
        if source.url:
            yield field("url", source.url)
        if source.notes:
            yield field("notes", source.notes)
        cited = list(dict.fromkeys(span.fact_id for span in self.pack.spans(source.id)))
        if cited:
            yield from self.links("cited-by", "Cited by", cited)


def detail_rows(
    derived: Derived,
    item: Fact | Source,
    *,
    marked: bool = False,
    mentions: Sequence[Mention] | None = (),
    expanded: Mapping[str, int] | None = None,
) -> DetailRows:
    """The rows for ``item``.

    ``mentions`` matters for an actor only: its mentions, or None while they
    are still being found. ``expanded`` maps a long group (``pledges``,
    ``meetings``, ``members``, ``mentions``, ``participants``, ``cited-by``)
    to how many of its rows to show (:data:`PAGE` when absent).
    """
    builder = _Builder(derived, expanded or {}, mentions)
    rows: list[Row] = []
    for row in builder.rows(item):
        if row is not None:
            rows.append(row)
        elif rows and not rows[-1].divider:
            rows[-1] = replace(rows[-1], divider=True)
    is_actor = isinstance(item, Actor)
    return DetailRows(
        title=title_of(derived.pack, item, marked),
        rows=tuple(rows),
        mentions=tuple(mentions or ()) if is_actor else (),
        finding_mentions=is_actor and mentions is None,
    )


def mention_parts(pack: Pack, mention: Mention) -> tuple[Part, ...]:
    """``✓ outlet: …words [name] words…`` (✗ and "uncited" when no fact cites the sentence)."""
    sentence, offset = mention.sentence, mention.sentence_start
    start, end = mention.start - offset, mention.end - offset
    before = sentence[max(0, start - CONTEXT) : start]
    after = sentence[end : end + CONTEXT]
    parts: list[Part] = [("✓", "$success") if mention.cited else ("✗ uncited", "$warning")]
    parts += [
        (" ", ""),
        (f"{source_label(pack, mention.source_id)}:", "dim"),
        (" ", ""),
        ("…" if start > CONTEXT else "", ""),
        (clean_line(before), ""),
        (clean_line(mention.matched), "bold"),
        (clean_line(after), ""),
        ("…" if len(sentence) - end > CONTEXT else "", ""),
    ]
    if mention.fuzzy:
        parts.append((" (garbled spelling)", "italic"))
    return tuple(parts)
