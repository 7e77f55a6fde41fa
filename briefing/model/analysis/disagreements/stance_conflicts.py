"""Where stances disagree: one actor's stance on one thing, told differently by two sources.

The comparing half of the stance detectors (:mod:`.stances` reads the mentions:
"Poland offered troops" / "Poland declined to send troops"). Three detectors share
each source's mentions, read once: between sources, against a claim's values and
against a pledge's status. Linear in the mentions (grouped by actor and object).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from briefing.model.analysis.disagreements.actor_names import NameIndex
from briefing.model.analysis.disagreements.stances import (
    StanceMention,
    StanceMentions,
    stance_mentions,
    stance_mentions_by_source,
)
from briefing.model.analysis.disagreements.values import Disagreement, DisagreementValue
from briefing.model.once import Checked, Stop, never
from briefing.model.pack import Pack
from briefing.model.types import Actor, Source


def stance_disagreements(
    sources: Iterable[Source], actors: Iterable[Actor], mentions: StanceMentions | None = None
) -> list[Disagreement]:
    """An actor's stance on the same thing told differently by two sources.

    ``mentions``: the sources' stance mentions when already read
    (:func:`stance_mentions_by_source`); read here otherwise.
    """
    actors = tuple(actors)
    names = {a.id: a.name for a in actors}
    sources = tuple(sources)
    if mentions is None:
        mentions = stance_mentions_by_source(sources, actors)
    groups: defaultdict[tuple[str, str], list[StanceMention]] = defaultdict(list)
    for source in sources:
        for mention in mentions[source.id]:
            groups[(mention.actor, mention.object)].append(mention)
    by_id = {source.id: source for source in sources}
    shared: dict[int, int] = {}
    found: list[Disagreement] = []
    for (actor, obj), group in groups.items():
        if not _two_sources_differ(group):
            continue
        values: dict[tuple[str, str], DisagreementValue] = {}
        for m in group:
            if (m.source, m.stance) not in values:
                values[(m.source, m.stance)] = m.value(by_id[m.source], shared)
        found.append(
            Disagreement(f"Stance of {names[actor]} on {obj}", "stance", tuple(values.values()))
        )
    return found


def _of_source(
    pack: Pack, source: str, read: StanceMentions, index: list[NameIndex]
) -> list[StanceMention]:
    """One source's stance mentions, read on first use (``index``: the name index, built once)."""
    if source not in read:
        if not index:
            index.append(NameIndex.build(pack.actors))
        read[source] = list(stance_mentions(pack.source(source), (), index[0]))
    return read[source]


def _two_sources_differ(group: list[StanceMention]) -> bool:
    """True when two mentions of different sources give different stances.

    Linear, not over every pair: such a pair exists unless every mention gives
    the first mention's stance, or all come from one source.
    """
    first = group[0]
    return any(m.stance != first.stance for m in group) and any(
        m.source != first.source for m in group
    )


def claim_stance_disagreements(
    pack: Pack, stop: Stop = never, mentions: StanceMentions | None = None
) -> list[Disagreement]:
    """An actor given different stances by the sentences cited for one claim, in different sources.

    The author grouped the sentences under one disputed point, so the objects
    need not match word for word ("refused to offer such support" / "hope to
    convince Trump to provide security guarantees"): the actor and the claim
    are what tie them together.
    """
    read: StanceMentions = {} if mentions is None else mentions
    index: list[NameIndex] = []
    names = {a.id: a.name for a in pack.actors}
    found: list[Disagreement] = []
    for claim in Checked(pack.claims, stop):
        by_actor: dict[str, dict[tuple[str, str], DisagreementValue]] = {}
        for value in claim.values:
            for e in value.evidence:
                for m in _of_source(pack, e.source, read, index):
                    if e.sentence_start <= m.start < e.sentence_end:
                        told = by_actor.setdefault(m.actor, {})
                        if (m.source, m.stance) not in told:
                            told[(m.source, m.stance)] = m.value(pack.source(m.source))
        for actor, values in by_actor.items():
            if (
                len({v.value for v in values.values()}) > 1
                and len({v.source for v in values.values()}) > 1
            ):
                found.append(
                    Disagreement(
                        f"Stance of {names.get(actor, actor)} ({claim.topic})",
                        "stance",
                        tuple(values.values()),
                        claim.id,
                    )
                )
    return found


def pledge_stance_disagreements(
    pack: Pack, stop: Stop = never, mentions: StanceMentions | None = None
) -> list[Disagreement]:
    """A pledge whose cited sentences give the actor different stances in different sources.

    The author grouped the sentences under one pledge; the stance each sentence
    gives is read from its text, so "offered to help" in one source and
    "expressed interest in joining" in another are told apart.
    """
    read: StanceMentions = {} if mentions is None else mentions
    index: list[NameIndex] = []
    found: list[Disagreement] = []
    by_id = {a.id: a for a in pack.actors}
    for pledge in Checked(pack.pledges, stop):
        actor = by_id.get(pledge.actor)
        if actor is None:
            continue
        values: dict[tuple[str, str], DisagreementValue] = {}
        for e in pledge.evidence:
            for m in _of_source(pack, e.source, read, index):
                if (
                    m.actor == actor.id
                    and e.sentence_start <= m.start < e.sentence_end
                    and (m.source, m.stance) not in values
                ):
                    values[(m.source, m.stance)] = m.value(pack.source(m.source))
        stances = {v.value for v in values.values()}
        if len(stances) > 1 and len({v.source for v in values.values()}) > 1:
            found.append(
                Disagreement(
                    f"Stance of {actor.name} on {pledge.contribution}",
                    "stance",
                    tuple(values.values()),
                )
            )
    return found
