"""The loaded pack and the indexes every reader needs, built once.

The reader, search and export all ask the same questions ("what does this actor
do?", "which spans does this article carry?"); answering them from indexes built
at load keeps every keystroke a dictionary lookup.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from briefing.model.diagnostics import Diagnostic
from briefing.model.types import (
    Actor,
    Claim,
    Evidence,
    Fact,
    Meeting,
    PackMeta,
    Pledge,
    Source,
    Span,
)

_KINDS: Mapping[type, str] = MappingProxyType(
    {Actor: "actor", Meeting: "meeting", Pledge: "pledge", Claim: "claim"}
)
"""A fact's kind as a :class:`Span` names it."""


class SpansOfSource(Mapping[str, tuple[Span, ...]]):
    """Each source's evidence spans in text order, made on asking.

    Kept as each source's evidence and the facts they support, in two tuples: a
    :class:`Span` object per evidence (110,000 at 5,000 articles) held for the
    session cost ~5 MiB more, for the few sources the reader shows and searches.
    """

    __slots__ = ("_cited",)

    def __init__(self, cited: dict[str, tuple[tuple[Evidence, ...], tuple[Fact, ...]]]) -> None:
        self._cited = cited

    def __getitem__(self, source_id: str) -> tuple[Span, ...]:
        evidence, facts = self._cited[source_id]
        return tuple(Span(e, _KINDS[type(f)], f.id) for e, f in zip(evidence, facts, strict=True))

    def __iter__(self) -> Iterator[str]:
        return iter(self._cited)

    def __len__(self) -> int:
        return len(self._cited)


@dataclass(frozen=True, slots=True)
class PackIndex:
    """Lookups derived from the facts; never edited after load."""

    by_id: Mapping[str, Fact | Source]
    facts_of_actor: Mapping[str, tuple[Fact, ...]]
    spans_of_source: SpansOfSource


@dataclass(frozen=True, slots=True)
class Pack:
    """A whole story: metadata, sources and facts, plus their indexes."""

    root: str
    meta: PackMeta
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    meetings: tuple[Meeting, ...]
    pledges: tuple[Pledge, ...]
    claims: tuple[Claim, ...]
    warnings: tuple[Diagnostic, ...] = ()
    checked_dates: object | None = field(default=None, init=False, repr=False, compare=False)
    """The meeting dates the load's checks resolved, for the analysis (None from the cache,
    or in a pack made with ``dataclasses.replace``): see :meth:`keep_checked_dates`. A
    ``analysis.dates.meeting_dates.CheckedDates``, opaque here: the pack sits below the
    analysis and only carries it."""
    index: PackIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", _build_index(self))

    def keep_checked_dates(self, checked: object | None) -> None:
        """Keep the meeting dates the load resolved, once, as the load builds the pack.

        Not a constructor argument: the cache and ``dataclasses.replace`` build packs
        from stored fields, and these are no part of what a pack says.
        """
        object.__setattr__(self, "checked_dates", checked)

    def with_warnings(self, warnings: tuple[Diagnostic, ...]) -> Pack:
        """This pack with the load's warnings, its index and resolved dates shared, not rebuilt.

        The load knows its warnings only once the pack is built; the facts are the same
        objects, so building the index again (a second pass over every fact) bought nothing.
        """
        again = copy.copy(self)
        object.__setattr__(again, "warnings", warnings)
        return again

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if none)."""
        found = self.index.by_id[source_id]
        if not isinstance(found, Source):
            raise KeyError(source_id)
        return found

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError if none)."""
        found = self.index.by_id[actor_id]
        if not isinstance(found, Actor):
            raise KeyError(actor_id)
        return found

    def get(self, item_id: str) -> Fact | Source | None:
        """Any fact or source by id, or None."""
        return self.index.by_id.get(item_id)

    def facts_of(self, actor_id: str) -> tuple[Fact, ...]:
        """Pledges, meetings and affiliated actors that involve ``actor_id``."""
        return self.index.facts_of_actor.get(actor_id, ())

    def spans(self, source_id: str) -> tuple[Span, ...]:
        """Every evidence span in a source, in text order."""
        return self.index.spans_of_source.get(source_id, ())


def evidence_of(fact: Fact | Source) -> tuple[Evidence, ...]:
    """A fact's evidence (a source has none of its own)."""
    if isinstance(fact, Source):
        return ()
    return fact.evidence


def _build_index(pack: Pack) -> PackIndex:
    by_id: dict[str, Fact | Source] = {source.id: source for source in pack.sources}
    everything: tuple[Fact, ...] = (*pack.actors, *pack.meetings, *pack.pledges, *pack.claims)
    for fact in everything:
        by_id[fact.id] = fact
    involved: defaultdict[str, list[Fact]] = defaultdict(list)
    for actor in pack.actors:
        if actor.affiliation:
            involved[actor.affiliation].append(actor)
    for pledge in pack.pledges:
        involved[pledge.actor].append(pledge)
    for meeting in pack.meetings:
        for actor_id in dict.fromkeys(p.actor for p in meeting.participants):
            involved[actor_id].append(meeting)
    cited: defaultdict[str, list[tuple[Evidence, Fact]]] = defaultdict(list)
    for fact in everything:
        for evidence in fact.evidence:
            cited[evidence.source].append((evidence, fact))
    ordered: dict[str, tuple[tuple[Evidence, ...], tuple[Fact, ...]]] = {}
    for source, pairs in cited.items():
        pairs.sort(key=lambda pair: (pair[0].start, pair[0].end))
        quotes, supported = zip(*pairs, strict=True)
        ordered[source] = (quotes, supported)
    return PackIndex(
        by_id=MappingProxyType(by_id),
        facts_of_actor=MappingProxyType({k: tuple(v) for k, v in involved.items()}),
        spans_of_source=SpansOfSource(ordered),
    )
