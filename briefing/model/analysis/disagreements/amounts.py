"""Amounts and shares: two sources giving different money totals or percentages for one thing.

"Donors pledged €1.2bn at the Oslo conference" / "the conference raised $900
million": a money amount has no plural noun after it, so the count detector
never sees it. Here every money amount and percentage is read (currency signs
and words, "bn"/"million", "per cent", written-out numbers: see
:mod:`briefing.model.analysis.quantities`), and two amounts from different
sources are about the same total when they are of one kind (same currency for
money) and their sentences share at least two topic words near the amount
("conference", "pledged", "reconstruction"). They disagree when the ranges
their wording allows do not overlap: an exact figure covers half a unit of its
last digit either side ("€1.2bn": 1.15-1.25bn); "about" 15% either side;
"more than", "up to" are open.

Cost: mentions are bucketed by (kind, currency, topic word) and only compared
within a bucket; a word shared by more than ``MAX_BUCKET`` mentions is too
common to name a topic and is skipped, so the work is at most mentions x
topic words x ``MAX_BUCKET``.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from sys import intern

from briefing.model.analysis.disagreements.counts import QUALIFIERS, qualifier_before
from briefing.model.analysis.disagreements.values import (
    Disagreement,
    ValueRows,
    lemma,
)
from briefing.model.analysis.quantities import Quantity, quantities
from briefing.model.names.vocabulary import FUNCTION_WORDS
from briefing.model.text import SentenceOf
from briefing.model.types import Source

MAX_BUCKET = 200
TOPIC_REACH = 80
"""Characters either side of an amount whose words name what it is an amount of."""
_AMOUNT_KINDS = frozenset(("money", "percent"))
_TOPIC_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
_GENERIC = frozenset(
    ("said", "says", "according", "also", "year", "years", "total", "some", "more", "than", "about")
)
_NOT_TOPIC = FUNCTION_WORDS | _GENERIC


@dataclass(frozen=True, slots=True)
class AmountMention(SentenceOf):
    """A money amount or a percentage in one source, with the words around it.

    Every amount of every article is held at once while they are compared
    (12,000 at 1,000 articles), so a mention is kept small: its topic is a
    sorted tuple of interned words (a frozenset of fresh strings cost ~700 bytes
    a mention) and its sentence is two offsets into ``text`` (the article's own
    string, not a copy), sliced by :attr:`sentence` for the few that disagree.
    """

    source: str
    quantity: Quantity
    qualifier: str | None
    topic: tuple[str, ...]
    """The lemmas of the words around the amount, each once, sorted."""
    start: int
    end: int
    text: str = field(repr=False)
    sentence_start: int
    sentence_end: int

    @property
    def value(self) -> str:
        """The amount as shown, e.g. ``about EUR 1.2bn``."""
        shown = self.quantity.shown()
        return f"{self.qualifier} {shown}" if self.qualifier else shown

    def interval(self) -> tuple[float, float]:
        """The range of true values the wording allows."""
        value = self.quantity.value
        half = 0.5 * self.quantity.step
        if self.qualifier == "about":
            slack = max(half, 0.15 * value)
            return value - slack, value + slack
        if self.qualifier == "nearly":
            return 0.8 * value, value
        if self.qualifier in ("more than", "at least"):
            return value, float("inf")
        if self.qualifier == "up to":
            return 0.0, value
        return value - half, value + half


def _topic(text: str, start: int, end: int, words: dict[str, str]) -> tuple[str, ...]:
    """The topic words around an amount: each word's lemma, interned, once a run.

    ``words`` holds what each word (as written) stands for, ``""`` for none (a
    function word): a detection run reads ~20 words around each of 60,000
    amounts at 5,000 articles, a few thousand distinct ones: looked up, not
    lowered, lemmatised and interned again (the topics of 1,000 articles' amounts:
    0.11 s before, 0.085 s).
    """
    window = text[max(0, start - TOPIC_REACH) : end + TOPIC_REACH]
    found = set()
    for word in _TOPIC_WORD.findall(window):
        topic = words.get(word)
        if topic is None:
            topic = words[word] = "" if word.lower() in _NOT_TOPIC else intern(lemma(word))
        if topic:
            found.add(topic)
    return tuple(sorted(found))


def amount_mentions(
    source: Source,
    ints: dict[int, int] | None = None,
    topics: dict[tuple[str, ...], tuple[str, ...]] | None = None,
    words: dict[str, str] | None = None,
) -> Iterator[AmountMention]:
    """Every money amount and percentage in the article body (boilerplate skipped).

    Detection holds every amount of every article at once (60,000 at 5,000
    articles): given a detection run's ``ints`` and ``topics``, a mention's
    sentence offsets and its topic are one object per distinct value, not one
    each (~8 MiB less at the peak of detection at 5,000 articles).
    """
    ints = {} if ints is None else ints
    topics = {} if topics is None else topics
    words = {} if words is None else words
    text = source.text
    for quantity in quantities(text, _AMOUNT_KINDS):
        if source.is_boilerplate(quantity.start):
            continue
        line_start = text.rfind("\n", 0, quantity.start) + 1
        qual = qualifier_before(text, line_start, quantity.start)
        qualifier = QUALIFIERS[" ".join(qual.group(1).lower().split())] if qual else None
        start = qual.start() if qual else quantity.start
        s_start, s_end = source.article.sentence_span(start, quantity.end)
        topic = _topic(text, quantity.start, quantity.end, words)
        yield AmountMention(
            source.id,
            quantity,
            qualifier,
            topics.setdefault(topic, topic),
            ints.setdefault(start, start),
            quantity.end,
            text,
            ints.setdefault(s_start, s_start),
            ints.setdefault(s_end, s_end),
        )


class _Amounts:
    """Every amount of a detection run, column by column: a few machine words each.

    Detection compares every amount with the others of its buckets, so all are
    held at once (60,000 at 5,000 articles). As :class:`AmountMention` objects,
    with their :class:`Quantity`, its text, a topic tuple and two range floats,
    they were ~45 MiB at that size, the peak of the whole detection. A mention
    is read, its columns kept (source, range, offsets, shown value interned,
    topic words as numbers) and the object dropped: ~7 MiB for the same amounts.
    """

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.source = array("i")
        """Index in :attr:`sources`."""
        self.percent = array("b")
        self.low = array("d")
        self.high = array("d")
        self.start = array("q")
        self.end = array("q")
        self.sentence_start = array("q")
        self.sentence_end = array("q")
        self.value: list[str] = []
        """The amount as shown, interned (the same few thousand values recur)."""
        self.words: dict[str, int] = {}
        self.word_names: list[str] = []
        self.topics = array("i")
        """Every mention's topic words (numbers in :attr:`word_names`), one after the other."""
        self.topic_at = array("q", [0])
        """Where each mention's topic words start in :attr:`topics` (and end: the next one)."""

    def __len__(self) -> int:
        return len(self.source)

    def add(self, source: int, m: AmountMention) -> list[int]:
        """Keep one mention's columns; returns its topic words' numbers."""
        self.source.append(source)
        self.percent.append(m.quantity.kind == "percent")
        low, high = m.interval()
        self.low.append(low)
        self.high.append(high)
        self.start.append(m.start)
        self.end.append(m.end)
        self.sentence_start.append(m.sentence_start)
        self.sentence_end.append(m.sentence_end)
        self.value.append(intern(m.value))
        topic = []
        for word in m.topic:
            number = self.words.get(word)
            if number is None:
                number = self.words[word] = len(self.word_names)
                self.word_names.append(word)
            topic.append(number)
        self.topics.extend(topic)
        self.topic_at.append(len(self.topics))
        return topic

    def topic(self, i: int) -> array[int]:
        """Mention ``i``'s topic words (numbers)."""
        return self.topics[self.topic_at[i] : self.topic_at[i + 1]]


def amount_disagreements(sources: Iterable[Source]) -> list[Disagreement]:
    """Money totals and percentages on one topic that two sources give incompatibly."""
    by_id: dict[str, Source] = {}
    amounts = _Amounts()
    buckets: dict[tuple[str, str | None, int], array[int] | None] = {}
    """Mention numbers by (kind, currency, topic word); None once over ``MAX_BUCKET``."""
    words: dict[str, str] = {}
    for source in sources:
        by_id[source.id] = source
        index = len(amounts.sources)
        amounts.sources.append(source)
        for m in amount_mentions(source, words=words):
            at = len(amounts)
            for word in amounts.add(index, m):
                key = (m.quantity.kind, m.quantity.currency, word)
                members = buckets.get(key, _NEW)
                if members is _NEW:
                    buckets[key] = array("i", [at])
                elif members is not None:
                    if len(members) >= MAX_BUCKET:
                        buckets[key] = None  # too common to name a topic: never compared
                    else:
                        members.append(at)
    parent = list(range(len(amounts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Each mention's source, topic and range read once; a pair is judged from the
    # cheapest test up (another source, ranges apart, already grouped, two topic words
    # shared). A pair sharing several words meets in several buckets and is judged
    # again: the same answer, and cheaper than a set of every pair compared. When most
    # amounts clash, most pairs are soon inside one group and skip the topic test.
    source_of, low_of, high_of = amounts.source, amounts.low, amounts.high
    clashing: set[int] = set()
    for members in buckets.values():
        if members is None:
            continue
        for x, i in enumerate(members):
            own, low, high = source_of[i], low_of[i], high_of[i]
            topic: frozenset[int] | None = None  # made at i's first pair that gets this far
            # i's root once it clashes (now, if it already does): j's root is joined under it.
            top = root(i) if i in clashing else -1
            for j in members[x + 1 :]:
                if source_of[j] == own or (low <= high_of[j] and low_of[j] <= high):
                    continue  # one source, or ranges that can describe one total
                if top >= 0 and j in clashing and root(j) == top:
                    continue  # both clash, in one group already: the pair would add nothing
                if topic is None:
                    topic = frozenset(amounts.topic(i))
                if len(topic.intersection(amounts.topic(j))) < 2:
                    continue
                if top < 0:
                    top = root(i)
                    clashing.add(i)
                other = root(j)
                if other != top:
                    parent[other] = top
                clashing.add(j)
    del buckets
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for i in sorted(clashing):
        groups[root(i)].append(i)
    return [_disagreement(amounts, group, by_id) for group in groups.values()]


_NEW = array("i")
"""A bucket not met yet (``None`` is a bucket too common to compare)."""


def _disagreement(amounts: _Amounts, group: list[int], by_id: dict[str, Source]) -> Disagreement:
    """One group of clashing amounts as a disagreement (its values in mention order)."""
    names = amounts.word_names
    shared = frozenset(amounts.topic(group[0])).intersection(*(amounts.topic(i) for i in group[1:]))
    kind = "percentage" if amounts.percent[group[0]] else "amount"
    words = ", ".join(sorted(names[w] for w in shared)[:3]) or "one total"
    values = ValueRows()
    for i in group:
        source = amounts.sources[amounts.source[i]].id
        start, sentence_start = amounts.start[i], amounts.sentence_start[i]
        values.add(
            amounts.value[i],
            by_id[source],
            start,
            amounts.end[i],
            start - sentence_start,
            (sentence_start, amounts.sentence_end[i]),
        )
    what = "Share" if kind == "percentage" else "Amount"
    return Disagreement(f"{what} ({words})", kind, values)
