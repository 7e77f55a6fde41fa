"""Counts: a number attached to the same noun in different sources ("about 20 countries", "37 countries").

A disagreement when the numbers cannot both be true (an approximate figure
covers 15% either side). :func:`figures_conflict` applies the same ranges to
the author's own claim values.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from sys import intern

from briefing.model.analysis.disagreements.values import (
    TOKEN,
    Disagreement,
    ValueRows,
    lemma,
)
from briefing.model.analysis.quantities import TENS, UNITS
from briefing.model.names.vocabulary import FUNCTION_WORDS
from briefing.model.text import SentenceOf, case_folded
from briefing.model.types import Source

_NUMBER_WORDS = {**UNITS, **TENS}
"""Written numbers up to ninety: one list, shared with the quantities reader."""
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
QUALIFIERS = {
    "about": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "more than": "more than",
    "over": "more than",
    "at least": "at least",
    "up to": "up to",
    "fewer than": "up to",
    "less than": "up to",
    "under": "up to",
}
_NUMBER = re.compile(
    r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d{1,6}|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_NUMBER_LOWER = re.compile(_NUMBER.pattern, _NUMBER.flags & ~re.IGNORECASE)
"""``_NUMBER`` for an article lowered by :func:`briefing.model.text.case_folded`: the
same places, at a third of the case-blind scan's cost."""
QUALIFIER_BEFORE = re.compile(
    r"\b(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s*[\"“”'‘’]?\s*$",
    re.IGNORECASE,
)
_CLOSING = frozenset("\"“”'‘’")
_LONGEST_QUALIFIER = max(map(len, QUALIFIERS))


def qualifier_before(text: str, line_start: int, at: int) -> re.Match[str] | None:
    """The qualifier ("about", "more than") ending just before the number at ``at``, if any.

    What ``QUALIFIER_BEFORE.search(text, line_start, at)`` finds, without
    reading the line from its start for every number (quadratic in a long
    line's numbers): the qualifier can only end before the white space, the
    one quote mark and the white space that end the text at ``at``, so the
    search starts at most the longest qualifier's length before that. A match
    that ends at ``at`` cannot start earlier, and ``\b`` still sees the
    character before the window.
    """
    end = at
    while end > line_start and text[end - 1].isspace():
        end -= 1
    if end > line_start and text[end - 1] in _CLOSING:
        end -= 1
        while end > line_start and text[end - 1].isspace():
            end -= 1
    return QUALIFIER_BEFORE.search(text, max(line_start, end - _LONGEST_QUALIFIER), at)


@dataclass(frozen=True, slots=True)
class CountMention(SentenceOf):
    """A number attached to a noun in one source.

    Every count of every article is held at once while they are grouped
    (20,000 at 1,000 articles): the words are interned and the sentence is two
    offsets into ``text`` (the article's own string), sliced by :attr:`sentence`
    on asking, not a copy per mention.
    """

    source: str
    qualifier: str | None
    number: int
    noun: str
    """The head noun as written (plural), e.g. ``countries``."""
    key: tuple[str, tuple[str, ...]]
    """(noun class, modifiers): mentions with the same key count the same thing."""
    start: int
    end: int
    text: str = field(repr=False)
    sentence_start: int = 0
    sentence_end: int = 0

    @property
    def value(self) -> str:
        """The figure as the tool shows it, e.g. ``about 20``."""
        return f"{self.qualifier} {self.number}" if self.qualifier else str(self.number)

    def interval(self) -> tuple[float, float]:
        """The range of true counts this wording allows."""
        n = float(self.number)
        if self.qualifier == "about":
            slack = max(1.0, 0.15 * n)
            return n - slack, n + slack
        if self.qualifier == "nearly":
            return 0.8 * n, n
        if self.qualifier == "more than":
            return n + 0.5, float("inf")
        if self.qualifier == "at least":
            return n, float("inf")
        if self.qualifier == "up to":
            return 0.0, n
        return n, n


def _is_plural(word: str) -> bool:
    w = word.lower()
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def _noun_after(text: str, pos: int) -> tuple[str, tuple[str, ...], int, int] | None:
    """The plural noun phrase right after a number: (head, modifiers, multiplier, end)."""
    modifiers: list[str] = []
    multiplier = 1
    words = 0
    for token in TOKEN.finditer(text, pos, min(len(text), pos + 120)):
        word = token.group()
        if word in _CLOSING and words == 0:
            continue
        if not word[0].isalpha():
            return None
        lowered = word.lower()
        if lowered in _MULTIPLIERS and words == 0:
            multiplier = _MULTIPLIERS[lowered]
            continue
        if lowered == "and" and modifiers:
            continue
        if lowered in FUNCTION_WORDS:
            return None
        words += 1
        if _is_plural(word):
            return (
                intern(word),
                tuple(intern(m.lower()) for m in modifiers),
                multiplier,
                token.end(),
            )
        if words >= 4:
            return None
        modifiers.append(word)
    return None


def count_mentions(source: Source, shared: dict[int, int] | None = None) -> Iterator[CountMention]:
    """Every "<qualifier?> <number> <modifiers?> <plural noun>" in the article body.

    Detection holds every mention of every article at once (100,000 at 5,000
    articles), so a mention shares what repeats: its noun and key are one object
    per distinct value, and its offsets one int object per value in ``shared``
    (a detection run's; without it, each mention has its own): ~25 MiB less at
    the peak of detection at 5,000 articles.
    """
    ints: dict[int, int] = {} if shared is None else shared
    text = source.text
    lowered = case_folded(text)
    scanned, numbers = (text, _NUMBER) if lowered is None else (lowered, _NUMBER_LOWER)
    for match in numbers.finditer(scanned):
        if source.is_boilerplate(match.start()):
            continue
        raw = text[match.start(1) : match.end(1)].lower().replace(",", "")
        number = _NUMBER_WORDS.get(raw)
        if number is None:
            if not raw.isdecimal():
                continue  # "ſix": the pattern's case-blind match, no number word lowered
            number = int(raw)
        if 1900 <= number <= 2100 and raw.isdigit():
            continue  # a year
        found = _noun_after(text, match.end())
        if found is None:
            continue
        noun, modifiers, multiplier, end = found
        line_start = text.rfind("\n", 0, match.start()) + 1
        qual = qualifier_before(text, line_start, match.start())
        start = match.start()
        qualifier = None
        if qual is not None:
            qualifier = QUALIFIERS[" ".join(qual.group(1).lower().split())]
            start = qual.start()
        s_start, s_end = source.article.sentence_span(start, end)
        yield CountMention(
            source.id,
            qualifier,
            number * multiplier,
            noun,
            _key(intern(lemma(noun)), modifiers),
            ints.setdefault(start, start),
            ints.setdefault(end, end),
            text,
            ints.setdefault(s_start, s_start),
            ints.setdefault(s_end, s_end),
        )


@lru_cache(maxsize=4096)
def _key(noun_class: str, modifiers: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """One key object per distinct (noun class, modifiers), shared by every mention of it."""
    return noun_class, modifiers


_FIGURE = re.compile(
    r"^\s*(?:(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)


def parse_figure(value: str) -> tuple[float, float] | None:
    """The range a figure such as "about 20" or "37" allows; None if it is not a figure."""
    match = _FIGURE.match(value)
    if match is None:
        return None
    raw = match.group(2).lower().replace(",", "")
    number = _NUMBER_WORDS.get(raw)
    if number is None:
        if not raw.isdecimal():
            return None  # "ſix" matches case-blind, but lowers to no number word
        number = int(raw)
    qualifier = QUALIFIERS[" ".join(match.group(1).lower().split())] if match.group(1) else None
    return CountMention("", qualifier, number, "", ("", ()), 0, 0, "").interval()


def figures_conflict(a: str, b: str) -> bool:
    """True when two claim values are figures that cannot both be right."""
    first, second = parse_figure(a), parse_figure(b)
    return first is not None and second is not None and not _overlap(first, second)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


class _Counts:
    """Every count of a detection run, column by column: a few machine words each.

    Counts are grouped by what they count before any group can be judged, so
    all are held at once (100,000 at 5,000 articles): as :class:`CountMention`
    objects that was ~14 MiB at detection's peak, each beside the values found
    from it. A mention is read, its columns kept (source, qualifier and noun
    interned, number, offsets) and the object dropped; a group's mentions are
    made again, one group at a time, when it is judged.
    """

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.source = array("i")
        """Index in :attr:`sources`."""
        self.qualifier: list[str | None] = []
        self.number: list[int] = []
        """(A list: a count written with many digit groups has no machine-word bound.)"""
        self.noun: list[str] = []
        self.offsets = array("q")
        """start, end, sentence start and sentence end of each count, one after the other."""
        self.groups: dict[tuple[str, tuple[str, ...]], array[int]] = {}
        """The counts (their numbers) of each key, in reading order."""

    def add(self, source: int, m: CountMention) -> None:
        """Keep one mention's columns under its key."""
        at = len(self.source)
        self.source.append(source)
        self.qualifier.append(m.qualifier)
        self.number.append(m.number)
        self.noun.append(m.noun)
        self.offsets.extend((m.start, m.end, m.sentence_start, m.sentence_end))
        members = self.groups.get(m.key)
        if members is None:
            self.groups[m.key] = array("i", [at])
        else:
            members.append(at)

    def mentions(
        self, key: tuple[str, tuple[str, ...]], members: array[int], shared: dict[int, int]
    ) -> list[CountMention]:
        """The mentions of one group, made again from their columns."""
        found = []
        for i in members:
            source = self.sources[self.source[i]]
            start, end, s_start, s_end = self.offsets[4 * i : 4 * i + 4]
            found.append(
                CountMention(
                    source.id,
                    self.qualifier[i],
                    self.number[i],
                    self.noun[i],
                    key,
                    shared.setdefault(start, start),
                    shared.setdefault(end, end),
                    source.text,
                    shared.setdefault(s_start, s_start),
                    shared.setdefault(s_end, s_end),
                )
            )
        return found


def count_disagreements(sources: Iterable[Source]) -> list[Disagreement]:
    """Groups of same-noun counts in which two sources give incompatible figures."""
    counts = _Counts()
    by_id: dict[str, Source] = {}
    shared: dict[int, int] = {}
    for source in sources:
        by_id[source.id] = source
        index = len(counts.sources)
        counts.sources.append(source)
        for mention in count_mentions(source, shared):
            counts.add(index, mention)
    found: list[Disagreement] = []
    for key, members in counts.groups.items():
        mentions = counts.mentions(key, members, shared)
        if not _clash(mentions):
            continue
        values = ValueRows()
        told: set[tuple[str, str]] = set()
        for m in mentions:
            value = m.value
            if (m.source, value) in told:
                continue  # the first mention of a value in a source stands for it
            told.add((m.source, value))
            values.add(
                intern(value),
                by_id[m.source],
                m.start,
                m.end,
                m.sentence.find(m.noun),
                (m.sentence_start, m.sentence_end),
            )
        noun = mentions[0].noun.lower()
        modifiers = " ".join(key[1])
        topic = f"Number of {modifiers + ' ' if modifiers else ''}{noun}"
        found.append(Disagreement(topic, "count", values))
    return found


def _clash(mentions: list[CountMention]) -> bool:
    """True when two mentions from different sources give figures that cannot both be true.

    Two ranges are apart when one ends below the other's start. If some pair is
    apart, so is a pair made of the lowest range end (or the lowest from a source
    other than its own) and the highest range start (or the highest from another
    source): replacing either side of a pair apart by the most extreme value
    from a source other than the other side's keeps it apart. Linear, where
    comparing every pair was quadratic in a noun's mentions (8,000 "countries"
    at 1,000 articles when no two clash).
    """
    intervals = [(m.interval(), m.source) for m in mentions]
    ends = _lowest_two([(interval[1], source) for interval, source in intervals])
    starts = _lowest_two([(-interval[0], source) for interval, source in intervals])
    return any(
        end < -start and end_source != start_source
        for end, end_source in ends
        for start, start_source in starts
    )


def _lowest_two(values: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """The lowest (value, source), and the lowest from another source when there is one."""
    first = min(values)
    others = [v for v in values if v[1] != first[1]]
    return [first, min(others)] if others else [first]
