"""The faster disagreement detection finds exactly what its old definition found.

Stance mentions are now read once per article and the actor before each verb
is found by a name index; whether a group of counts (or of stances) holds a
clash is decided in linear time. The old definitions are written out below as
plain code (every actor tried at every verb, every pair of mentions compared)
and the results compared, on the benchmarks' synthetic pack and on texts made
of awkward names ("U.S.", hyphens, names inside names).
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from support import article_source

from briefing.model.analysis.disagreements import detect as found_by
from briefing.model.analysis.disagreements.amounts import MAX_BUCKET, amount_mentions
from briefing.model.analysis.disagreements.context import (
    ValueContext,
    differ_in_time,
    value_context,
)
from briefing.model.analysis.disagreements.counts import (
    QUALIFIER_BEFORE,
    CountMention,
    count_mentions,
    qualifier_before,
)
from briefing.model.analysis.disagreements.stances import StanceMention, stance_mentions
from briefing.model.analysis.disagreements.values import Disagreement, DisagreementValue
from briefing.model.pack import Pack
from briefing.model.types import Actor, Source

# --- the old definitions --------------------------------------------------------


def names_of(actor: Actor) -> list[str]:
    names = [n for n in (actor.name, *actor.aliases) if len(n) > 2 and "?" not in n]
    return sorted(names, key=len, reverse=True)


def free_before(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-")


def free_after(text: str, at: int) -> bool:
    return at == len(text) or not (text[at].isalnum() or text[at] in "_-")


def old_stance_mentions(source: Source, actors: tuple[Actor, ...]) -> list[StanceMention]:
    """Every actor tried at every stance verb (and every "by"/"convince" place), in actor order."""
    from briefing.model.analysis.disagreements import stances as s

    text = source.text
    out: list[StanceMention] = []

    def mention(actor: Actor, stance: str, start: int, obj: tuple[str, int]) -> StanceMention:
        a, b = source.article.sentence_span(start, obj[1])
        return StanceMention(source.id, actor.id, stance, obj[0], start, obj[1], text, a, b)

    if "convince" in text or "persuade" in text or " by " in text or " from " in text:
        after = [
            (stance, m.start(), m.end()) for stance, p in s._ACTOR_AFTER for m in p.finditer(text)
        ]
        tails = list(s._SOUGHT_AFTER_NAME.finditer(text))
        for actor in actors:
            for stance, start, at in after:
                ends = [at + len(n) for n in names_of(actor) if text.startswith(n, at)]
                ends = [e for e in ends if free_after(text, e)]
                if ends and not source.is_boilerplate(start):
                    obj = s._object_after(text, ends[0])
                    if obj is not None:
                        out.append(mention(actor, stance, start, obj))
            for tail in tails:
                before = tail.start()
                while before > 0 and text[before - 1] in " \t,":
                    before -= 1
                starts = [
                    before - len(n)
                    for n in names_of(actor)
                    if before >= len(n)
                    and text.startswith(n, before - len(n))
                    and free_before(text, before - len(n))
                ]
                if starts and not source.is_boilerplate(starts[0]):
                    obj = s._object_after(text, tail.end())
                    if obj is not None:
                        out.append(mention(actor, "sought", starts[0], obj))
    verbs = [m.start() for m in s._STANCE_AHEAD.finditer(text)]
    for actor in actors:
        for at in verbs:
            starts = [
                at - len(n)
                for n in names_of(actor)
                if at >= len(n)
                and text.startswith(n, at - len(n))
                and free_before(text, at - len(n))
            ]
            if not starts or source.is_boilerplate(starts[0]):
                continue
            verb = s._STANCE.match(text, at)
            assert verb is not None
            stance = next(name for name, _ in s._STANCES if verb.group(name))
            obj = s._object_after(text, verb.end())
            if obj is not None:
                out.append(mention(actor, stance, starts[0], obj))
    return out


def old_count_disagreements(sources: tuple[Source, ...]) -> list[Disagreement]:
    """Every pair of a noun's mentions compared; every mention's context read."""
    groups: defaultdict[tuple[str, tuple[str, ...]], list[CountMention]] = defaultdict(list)
    by_id = {s.id: s for s in sources}
    for source in sources:
        for m in count_mentions(source):
            groups[m.key].append(m)
    found = []
    for key, mentions in groups.items():
        if not any(
            a.source != b.source
            and not (a.interval()[0] <= b.interval()[1] and b.interval()[0] <= a.interval()[1])
            for i, a in enumerate(mentions)
            for b in mentions[i + 1 :]
        ):
            continue
        values: dict[tuple[str, str], DisagreementValue] = {}
        for m in mentions:
            context = value_context(by_id[m.source], m.sentence, m.sentence.find(m.noun))
            values.setdefault(
                (m.source, m.value),
                DisagreementValue(m.value, m.source, m.sentence, m.start, m.end, context),
            )
        modifiers = " ".join(key[1])
        topic = f"Number of {modifiers + ' ' if modifiers else ''}{mentions[0].noun.lower()}"
        found.append(Disagreement(topic, "count", tuple(values.values())))
    return found


def old_stance_disagreements(pack: Pack) -> list[Disagreement]:
    groups: defaultdict[tuple[str, str], list[StanceMention]] = defaultdict(list)
    for source in pack.sources:
        for m in old_stance_mentions(source, pack.actors):
            groups[(m.actor, m.object)].append(m)
    names = {a.id: a.name for a in pack.actors}
    found = []
    for (actor, obj), mentions in groups.items():
        if any(
            a.source != b.source and a.stance != b.stance
            for i, a in enumerate(mentions)
            for b in mentions[i + 1 :]
        ):
            values: dict[tuple[str, str], DisagreementValue] = {}
            for m in mentions:
                values.setdefault(
                    (m.source, m.stance),
                    DisagreementValue(m.stance, m.source, m.sentence, m.start, m.end),
                )
            found.append(
                Disagreement(f"Stance of {names[actor]} on {obj}", "stance", tuple(values.values()))
            )
    return found


def old_amount_groups(sources: tuple[Source, ...]) -> list[list[tuple[str, int]]]:
    """Amounts joined pair by pair (every clashing pair met in a bucket joined again)."""
    mentions = [m for s in sources for m in amount_mentions(s)]
    buckets: defaultdict[tuple[str, str | None, str], list[int]] = defaultdict(list)
    for index, m in enumerate(mentions):
        for word in m.topic:
            buckets[(m.quantity.kind, m.quantity.currency, word)].append(index)
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ranges = [m.interval() for m in mentions]

    clashing: set[int] = set()
    for members in buckets.values():
        if len(members) > MAX_BUCKET:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = mentions[i], mentions[j]
                (a_low, a_high), (b_low, b_high) = ranges[i], ranges[j]
                apart = not (a_low <= b_high and b_low <= a_high)
                if a.source != b.source and apart and len(set(a.topic) & set(b.topic)) >= 2:
                    parent[root(i)] = root(j)
                    clashing.update((i, j))
    groups: defaultdict[int, list[tuple[str, int]]] = defaultdict(list)
    for i in sorted(clashing):
        groups[root(i)].append((mentions[i].source, mentions[i].start))
    return list(groups.values())


# --- the comparisons --------------------------------------------------------------


def test_stance_mentions_match_the_old_definition(synthetic: Pack) -> None:
    total = 0
    for source in synthetic.sources:
        new = list(stance_mentions(source, synthetic.actors))
        assert new == old_stance_mentions(source, synthetic.actors), source.id
        total += len(new)
    assert total > 100  # the pack does give stances to compare


def test_stance_disagreements_match_the_old_definition(synthetic: Pack) -> None:
    new = found_by.stance_disagreements(synthetic.sources, synthetic.actors)
    assert new == old_stance_disagreements(synthetic)
    assert len(new) > 3


def test_shared_mentions_give_what_each_detector_reads_alone(synthetic: Pack) -> None:
    shared = found_by.stance_mentions_by_source(synthetic.sources, synthetic.actors)
    for detector in (found_by.pledge_stance_disagreements, found_by.claim_stance_disagreements):
        assert detector(synthetic, mentions=shared) == detector(synthetic)


def test_count_disagreements_match_the_old_definition(synthetic: Pack) -> None:
    new = found_by.count_disagreements(synthetic.sources)
    assert new == old_count_disagreements(synthetic.sources)
    assert new  # the synthetic figures do clash


def test_amount_groups_match_the_old_definition(synthetic: Pack) -> None:
    new = [
        [(v.source, v.start) for v in d.values]
        for d in found_by.amount_disagreements(synthetic.sources)
    ]
    assert new == old_amount_groups(synthetic.sources)
    assert new


def test_no_clash_is_found_among_figures_that_agree(synthetic: Pack) -> None:
    """The same sources, each saying the one figure its first count says: nothing clashes."""
    sources = tuple(
        article_source(f"s{i}", f"About {20 + i % 3} countries met. Some 21 countries agreed.\n")
        for i in range(40)
    )
    assert found_by.count_disagreements(sources) == old_count_disagreements(sources) == []
    clashing = (*sources, article_source("late", "Exactly 37 countries met.\n"))
    assert found_by.count_disagreements(clashing) == old_count_disagreements(clashing)
    assert len(found_by.count_disagreements(clashing)) == 1


NAMES = ["U.S.", "Keir Starmer", "Starmer", "Al-Shabaab", "Shabaab", "Ire", "Ireland", "_x_", "É.U"]
PIECES = [
    *NAMES,
    " ",
    ", ",
    "-",
    "x",
    "é",
    " declined to send troops",
    " offered pumps",
    " could help",
    " whom they hope to convince to send ships",
    "a refusal by ",
    " rejected",
    "\n",
    ". ",
]


def _actors(names: list[str]) -> tuple[Actor, ...]:
    return tuple(
        Actor(f"a{i}", name, "person", aliases=tuple(n for n in names if n != name)[: i % 3])
        for i, name in enumerate(names)
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True),
)
def test_awkward_names_are_found_as_the_old_definition_found_them(
    text: str, names: list[str]
) -> None:
    source = article_source("s", text)
    actors = _actors(names)
    assert list(stance_mentions(source, actors)) == old_stance_mentions(source, actors)


def test_examples_of_awkward_names() -> None:
    text = "The U.S. declined to send troops. Keir Starmer offered pumps. Mr-Starmer could help.\n"
    actors = (
        Actor("us", "U.S.", "country"),
        Actor("keir", "Keir Starmer", "person", aliases=("Starmer",)),
        Actor("other", "Starmer", "person"),
    )
    found = [
        (m.actor, m.stance, m.start) for m in stance_mentions(article_source("s", text), actors)
    ]
    assert found == [("us", "declined", 4), ("keir", "offered", 34), ("other", "offered", 39)]
    assert found == [
        (m.actor, m.stance, m.start) for m in old_stance_mentions(article_source("s", text), actors)
    ]


QUALIFIER_TEXT = st.lists(
    st.sampled_from(
        ["about", "More than", "up to", "x", " ", "  ", "\t", "“", '"', "'", "1", "\n"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(QUALIFIER_TEXT, st.data())
def test_the_qualifier_before_a_number_is_the_one_the_line_search_finds(
    text: str, data: st.DataObject
) -> None:
    """The old definition: search the whole line up to the number."""
    at = data.draw(st.integers(0, len(text)))
    line_start = text.rfind("\n", 0, at) + 1
    old = QUALIFIER_BEFORE.search(text, line_start, at)
    new = qualifier_before(text, line_start, at)
    assert (old and old.span(), old and old.group(1)) == (new and new.span(), new and new.group(1))


DAY = st.integers(1, 9).map(lambda d: f"2025-03-0{d}")
CONTEXT = st.builds(
    ValueContext,
    st.none() | DAY,
    st.none() | st.tuples(DAY, DAY).map("..".join) | DAY,
    st.none(),
    st.none(),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(CONTEXT, max_size=8))
def test_values_differ_in_time_as_when_every_pair_was_compared(
    contexts: list[ValueContext],
) -> None:
    periods = [c.period for c in contexts if c.period is not None]
    every_pair = any(
        not (a[0] <= b[1] and b[0] <= a[1]) for i, a in enumerate(periods) for b in periods[i + 1 :]
    )
    assert differ_in_time(contexts) == every_pair
