"""The pieces the note's sections are built from: footnotes and short wording helpers.

Split from :mod:`briefing.export.note` (the public entry point, which walks the
sections). Footnotes are numbered here in order of first use and shared, so two
statements resting on the same quote cite the same footnote; every pack string
goes through :func:`briefing.model.sanitize.clean_line` on its way into the note.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from briefing.export.doc import Footnote, Piece, Ref, Tag, Text
from briefing.model.analysis import Analysis, grade, support_of_sources
from briefing.model.analysis.disagreements import Disagreement, readable, uncovered
from briefing.model.pack import Pack
from briefing.model.sanitize import clean, clean_line
from briefing.model.types import Actor, Claim, Evidence, Meeting, Pledge, Source

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


class Citations:
    """Numbers footnotes in order of first use; one footnote per distinct quote."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.sources = {s.id: s for s in pack.sources}
        """Built once: every statement's tag looks its sources up (thousands of times)."""
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.cited: list[Evidence] = []
        """The quote of each footnote, in number order (the footnotes are made from these)."""
        self._refs: list[Ref] = []
        """``Ref(n)`` at index ``n - 1``: one object per footnote, however often it is cited."""
        self._tags: dict[tuple[tuple[str, ...], str | None], Tag] = {}
        """Tags by their sources and credibility: most statements share a few source sets."""

    def ref(self, evidence: Evidence) -> Ref:
        return self._refs[self._number(evidence) - 1]

    def _number(self, evidence: Evidence) -> int:
        key = (evidence.source, evidence.start, evidence.end)
        number = self.numbers.get(key)
        if number is None:
            number = len(self.cited) + 1
            self.numbers[key] = number
            self.cited.append(evidence)
            self._refs.append(Ref(number))
        return number

    def refs(self, evidence: Iterable[Evidence]) -> list[Piece]:
        """Each quote's reference once, in order of first mention.

        Deduplicated by number, and each number's one ``Ref`` shared: hashing a new
        ``Ref`` per quote was most of a note's footnoting (~70,000 quotes at 1,000 articles).
        """
        refs = self._refs
        return [refs[n - 1] for n in dict.fromkeys(map(self._number, evidence))]

    def tagged(
        self, evidence: Sequence[Evidence], summary: bool = False, credibility: str | None = None
    ) -> list[Piece]:
        """The support tag (with the Admiralty rating), then the footnote references.

        Support always counts all of ``evidence``; a ``summary`` line cites only
        the first quote of each source, so the bottom line stays short. The
        rating follows briefing.model.analysis.grading (``credibility`` is the author's,
        when set).
        """
        cited = _first_per_source(evidence) if summary else evidence
        return [self.tag(evidence, credibility), *self.refs(cited)]

    def tag(self, evidence: Iterable[Evidence], credibility: str | None = None) -> Tag:
        """Support, rating and machine-translation caveat of a statement resting on ``evidence``."""
        key = (tuple(dict.fromkeys(e.source for e in evidence)), credibility)
        tag = self._tags.get(key)
        if tag is None:
            sources = self.sources
            found = support_of_sources(key[0], sources)
            backing = [sources[i] for i in found.source_ids if i in sources]
            rated = grade(found, backing, credibility)
            tag = Tag(found.sources, found.outlets, rated.rating, rated.machine_translated)
            self._tags[key] = tag
        return tag

    @property
    def footnotes(self) -> Footnotes:
        """The footnotes so far, each made when it is read."""
        return Footnotes(self.pack, tuple(self.cited))


class Footnotes(Sequence[Footnote]):
    """A note's footnotes, each made from its quote when read and not kept.

    A footnote holds its sentence cleaned and split round the quote: kept for
    the whole note, ~50,000 of them were ~20 MiB at 1,000 articles, while the
    quotes they are made from are held by the pack anyway. The note's renderers
    read them once, in order, after the body.
    """

    def __init__(self, pack: Pack, cited: tuple[Evidence, ...]) -> None:
        self.pack = pack
        self.cited = cited

    def __len__(self) -> int:
        return len(self.cited)

    @overload
    def __getitem__(self, index: int) -> Footnote: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Footnote]: ...

    def __getitem__(self, index: int | slice) -> Footnote | Sequence[Footnote]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        number = range(1, len(self.cited) + 1)[index]
        return footnote(self.pack, number, self.cited[number - 1])

    def __iter__(self) -> Iterator[Footnote]:
        heads: dict[str, tuple[Source, str]] = {}  # each source's cite read once, not per quote
        for number, evidence in enumerate(self.cited, 1):
            yield footnote(self.pack, number, evidence, heads)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Footnotes):
            return self.pack is other.pack and self.cited == other.cited
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def footnote(
    pack: Pack,
    number: int,
    evidence: Evidence,
    heads: dict[str, tuple[Source, str]] | None = None,
) -> Footnote:
    """Footnote ``number``: where ``evidence`` comes from, its sentence split round the quote.

    ``heads``: each source and its cite's outlet and date, by source id, kept by
    a caller making many footnotes (tens of thousands cite a few thousand sources).
    """
    head = None if heads is None else heads.get(evidence.source)
    if head is None:
        found = pack.source(evidence.source)
        head = (found, f"{outlet_name(found)}, {published_or_unknown(found)}")
        if heads is not None:
            heads[evidence.source] = head
    source, where = head
    cite = f"{where}, line {source.article.line_of(evidence.start)}"
    begin = evidence.start - evidence.sentence_start
    end = evidence.end - evidence.sentence_start
    sentence = clean(evidence.sentence)
    return Footnote(
        number=number,
        source_id=source.id,
        cite=cite,
        before=sentence[:begin],
        quote=sentence[begin:end],
        after=sentence[end:],
    )


@dataclass(frozen=True, slots=True)
class NoteFacts:
    """What a note covers: the facts kept (all, or the marked ones) and where they cite."""

    pack: Pack
    analysis: Analysis
    cites: Citations
    pledges: list[Pledge]
    meetings: list[Meeting]
    claims: list[Claim]
    found: list[Disagreement]
    """Found disagreements no claim covers; none in a note of marked facts."""
    actors: list[Actor]
    """Actors kept that have evidence (the who's who)."""
    records: list[Pledge]
    """The pledge records a pledge's history may be made of: all, or the confirmed ones."""

    @classmethod
    def select(
        cls,
        pack: Pack,
        selected: frozenset[str] | None,
        analysis: Analysis,
        *,
        whole: bool | None = None,
        records: list[Pledge] | None = None,
    ) -> NoteFacts:
        """The facts whose ids are in ``selected`` (every fact when it is None).

        ``whole``: the note is for the whole pack, nothing asked for by actor or
        mark (by default, when ``selected`` is None). ``selected`` alone cannot say
        so: a note without candidates selects the confirmed facts. ``records``: the
        pledge records a history may be made of (all when None; a note without
        candidates passes the confirmed ones, so no draft adds a step to the
        status cell or "How pledges moved").
        """

        def keep(item_id: str) -> bool:
            return selected is None or item_id in selected

        # Found disagreements are no fact the analyst can mark: a note of marked
        # facts leaves them out, a note of the whole pack lists them.
        whole = selected is None if whole is None else whole
        found = uncovered(pack, analysis.disagreements) if whole else []
        return cls(
            pack,
            analysis,
            Citations(pack),
            [p for p in pack.pledges if keep(p.id)],
            [m for m in pack.meetings if keep(m.id)],
            [c for c in pack.claims if keep(c.id)],
            found,
            [a for a in pack.actors if keep(a.id) and a.evidence],
            list(pack.pledges) if records is None else records,
        )


def outlet_name(source: Source) -> str:
    return clean_line(source.outlet)


def published_or_unknown(source: Source) -> str:
    return source.published or "date unknown"


def actor_name(pack: Pack, actor_id: str) -> str:
    found = pack.get(actor_id)
    return clean_line(found.name) if isinstance(found, Actor) else actor_id


def _first_per_source(evidence: Iterable[Evidence]) -> list[Evidence]:
    """One evidence item per source: enough to show each source's word in a summary."""
    seen: dict[str, Evidence] = {}
    for item in evidence:
        seen.setdefault(item.source, item)
    return list(seen.values())


def join_pieces(parts: list[list[Piece]], sep: str = ", ") -> list[Piece]:
    out: list[Piece] = []
    for index, part in enumerate(parts):
        if index:
            out.append(Text(sep))
        out.extend(part)
    return out


def count_of(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def claim_sides(claim: Claim) -> list[tuple[str, list[Evidence]]]:
    """The claim's values with equal wording merged: one side per distinct value."""
    sides: dict[str, tuple[str, list[Evidence]]] = {}
    for value in claim.values:
        text = clean_line(readable(value.value))
        key = " ".join(text.casefold().split())
        sides.setdefault(key, (text, []))[1].extend(value.evidence)
    return list(sides.values())


def found_sides(pack: Pack, found: Disagreement) -> list[tuple[str, list[Evidence]]]:
    """A found disagreement's values as ``claim_sides`` gives a claim's: each with evidence to cite.

    A found value points at its words in the article (start, end); the evidence
    made from it quotes those words inside their whole sentences, as every other
    footnote does.
    """
    sides: dict[str, tuple[str, list[Evidence]]] = {}
    for value in found.values:
        article = pack.source(value.source).article
        s_start, s_end = article.sentence_span(value.start, value.end)
        evidence = Evidence(
            source=value.source,
            start=value.start,
            end=value.end,
            sentence_start=s_start,
            sentence_end=s_end,
            text=article.text,
        )
        text = clean_line(readable(value.value))
        key = " ".join(text.casefold().split())
        sides.setdefault(key, (text, []))[1].append(evidence)
    return list(sides.values())


def resolved_date_text(pack: Pack, analysis: Analysis, meeting: Meeting) -> str:
    """“on Tuesday” in i Paper of 2025-03-10 → 2025-03-11: the expression and what it resolves to."""
    checked = analysis.dates.get(meeting.id)
    said = f"“{clean_line(meeting.date_text)}”"
    if checked is None or checked.basis is None:
        return said
    source = pack.source(checked.basis.source)
    return f"{said} in {outlet_name(source)} of {published_or_unknown(source)} → {checked.resolution.shown()}"


def date_or_unknown(meeting: Meeting) -> str:
    return meeting.date or "date unknown"


def caveats(source: Source) -> list[str]:
    """What a reader must know before trusting a quote from this source.

    Only what the pack flags, in a few words: the author's longer reasoning
    (``date_reasoning``, ``notes``) belongs in the pack, not in a one-page note.
    """
    flags = source.flags
    found = []
    if flags.machine_translated:
        origin = source.translated_from
        if origin and origin != "unknown":
            found.append(f"machine translation (from {clean_line(origin)})")
        else:
            found.append("machine translation")
    elif source.translated_from:
        found.append(f"translated from {clean_line(source.translated_from)}")
    if flags.garbled:
        found.append("garbled text: read its quotes with care")
    if flags.lost_characters:
        words = ", ".join(clean_line(w) for w in flags.lost_characters)
        found.append(f"characters lost in transit ({words})")
    if source.original_outlet:
        found.append(f"credits {clean_line(source.original_outlet)} as its source")
    if source.published is None:
        found.append("publication date unknown")
    elif source.date_reasoning:
        found.append("publication date inferred from the text")
    return found
