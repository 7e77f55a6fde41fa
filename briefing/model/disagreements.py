"""Find where sources disagree, from the articles' own text.

The author records the disagreements they noticed as claims; this module
reads the articles again to find the ones they did not, so it also helps on a
pack just started from new articles. Two detectors, both generic:

- **counts**: a number attached to the same noun ("about 20 countries",
  "37 countries") in different sources, when the numbers cannot both be true
  (an approximate figure covers 15% either side);
- **stances**: an actor named as offering something in one source and as
  declining (or still weighing) the same thing in another ("Poland offered
  troops" / "Poland declined to send troops").

Meetings placed on different dates are found by briefing.model.meetingdates
and listed here too. Nothing here knows the story: the vocabularies are plain
English function words, number words and stance verbs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from briefing.model.meetingdates import MeetingDate
from briefing.model.pack import Pack
from briefing.model.types import Actor, Source


@dataclass(frozen=True, slots=True)
class DisagreementValue:
    """What one source says, with the sentence that says it."""

    value: str
    source: str
    sentence: str
    start: int
    """Offset of the mention in the article (for highlighting)."""
    end: int


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A point on which sources differ, as found in the text."""

    topic: str
    kind: str
    """``count``, ``stance`` or ``meeting-date``."""
    values: tuple[DisagreementValue, ...]
    claim: str | None = None
    """The author's claim on the same sentences, when there is one."""

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources taking part, in order of first appearance."""
        return tuple(dict.fromkeys(v.source for v in self.values))


# --- counts ------------------------------------------------------------------

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        )
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_QUALIFIERS = {
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
_QUALIFIER_BEFORE = re.compile(
    r"\b(" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s*[\"“”'‘’]?\s*$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")
_STOP = frozenset(
    (
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "to",
        "for",
        "with",
        "from",
        "by",
        "at",
        "as",
        "into",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "this",
        "these",
        "those",
        "have",
        "has",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "do",
        "does",
        "did",
        "not",
        "no",
        "nor",
        "or",
        "but",
        "if",
        "so",
        "such",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "per",
        "and",
        "despite",
        "about",
        "after",
        "before",
        "because",
        "while",
        "although",
        "though",
        "when",
        "where",
        "until",
        "during",
        "without",
        "within",
        "including",
        "what",
        "how",
        "why",
        "also",
        "even",
        "then",
        "there",
        "here",
        "now",
        "it",
        "they",
        "them",
        "he",
        "she",
        "we",
        "you",
        "i",
        "us",
        "him",
    )
)
_DETERMINERS = frozenset(
    (
        "a",
        "an",
        "the",
        "such",
        "any",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "these",
        "those",
        "some",
        "more",
        "further",
    )
)
_SYNONYMS = {"nation": "country", "state": "country"}
_CLOSING = frozenset("\"“”'‘’")


@dataclass(frozen=True, slots=True)
class CountMention:
    """A number attached to a noun in one source."""

    source: str
    qualifier: str | None
    number: int
    noun: str
    """The head noun as written (plural), e.g. ``countries``."""
    key: tuple[str, tuple[str, ...]]
    """(noun class, modifiers): mentions with the same key count the same thing."""
    start: int
    end: int
    sentence: str

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


def _lemma(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return _SYNONYMS.get(w, w)


def _is_plural(word: str) -> bool:
    w = word.lower()
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def _noun_after(text: str, pos: int) -> tuple[str, tuple[str, ...], int, int] | None:
    """The plural noun phrase right after a number: (head, modifiers, multiplier, end)."""
    modifiers: list[str] = []
    multiplier = 1
    words = 0
    for token in _TOKEN.finditer(text, pos, min(len(text), pos + 120)):
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
        if lowered in _STOP:
            return None
        words += 1
        if _is_plural(word):
            return word, tuple(m.lower() for m in modifiers), multiplier, token.end()
        if words >= 4:
            return None
        modifiers.append(word)
    return None


def count_mentions(source: Source) -> Iterator[CountMention]:
    """Every "<qualifier?> <number> <modifiers?> <plural noun>" in the article body."""
    text = source.text
    for match in _NUMBER.finditer(text):
        if source.is_boilerplate(match.start()):
            continue
        raw = match.group(1).lower().replace(",", "")
        number = _NUMBER_WORDS[raw] if raw in _NUMBER_WORDS else int(raw)
        if 1900 <= number <= 2100 and raw.isdigit():
            continue  # a year
        found = _noun_after(text, match.end())
        if found is None:
            continue
        noun, modifiers, multiplier, end = found
        line_start = text.rfind("\n", 0, match.start()) + 1
        qual = _QUALIFIER_BEFORE.search(text, line_start, match.start())
        start = match.start()
        qualifier = None
        if qual is not None:
            qualifier = _QUALIFIERS[" ".join(qual.group(1).lower().split())]
            start = qual.start()
        s_start, s_end = source.article.sentence_span(start, end)
        yield CountMention(
            source.id,
            qualifier,
            number * multiplier,
            noun,
            (_lemma(noun), modifiers),
            start,
            end,
            text[s_start:s_end],
        )


_FIGURE = re.compile(
    r"^\s*(?:(" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)


def parse_figure(value: str) -> tuple[float, float] | None:
    """The range a figure such as "about 20" or "37" allows; None if it is not a figure."""
    match = _FIGURE.match(value)
    if match is None:
        return None
    raw = match.group(2).lower().replace(",", "")
    number = _NUMBER_WORDS[raw] if raw in _NUMBER_WORDS else int(raw)
    qualifier = _QUALIFIERS[" ".join(match.group(1).lower().split())] if match.group(1) else None
    return CountMention("", qualifier, number, "", ("", ()), 0, 0, "").interval()


def figures_conflict(a: str, b: str) -> bool:
    """True when two claim values are figures that cannot both be right."""
    first, second = parse_figure(a), parse_figure(b)
    return first is not None and second is not None and not _overlap(first, second)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def count_disagreements(sources: Iterable[Source]) -> list[Disagreement]:
    """Groups of same-noun counts in which two sources give incompatible figures."""
    groups: defaultdict[tuple[str, tuple[str, ...]], list[CountMention]] = defaultdict(list)
    for source in sources:
        for mention in count_mentions(source):
            groups[mention.key].append(mention)
    found: list[Disagreement] = []
    for key, mentions in groups.items():
        clash = any(
            a.source != b.source and not _overlap(a.interval(), b.interval())
            for i, a in enumerate(mentions)
            for b in mentions[i + 1 :]
        )
        if not clash:
            continue
        values: dict[tuple[str, str], DisagreementValue] = {}
        for m in mentions:
            values.setdefault(
                (m.source, m.value),
                DisagreementValue(m.value, m.source, m.sentence, m.start, m.end),
            )
        noun = mentions[0].noun.lower()
        modifiers = " ".join(key[1])
        topic = f"Number of {modifiers + ' ' if modifiers else ''}{noun}"
        found.append(Disagreement(topic, "count", tuple(values.values())))
    return found


# --- stances -----------------------------------------------------------------

_STANCES: tuple[tuple[str, str], ...] = (
    (
        "declined",
        r"declined|declines|refused|refuses|ruled out|rules out|rejected|rejects"
        r"|rebuffed|will not|won['’]t|would not|does not want|do not want",
    ),
    (
        "considering",
        r"is considering|are considering|considers|is open to|could|can imagine"
        r"|left open|has left open|expressed interest|has expressed interest|is weighing",
    ),
    ("undecided", r"is undecided|too early to say|has not decided|is yet to decide"),
    (
        "offered",
        r"offered|offers|has offered|pledged|has pledged|committed|promised|will send"
        r"|will provide|agreed to|is ready to|are ready to|is willing to",
    ),
)
_STANCE = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+|also\s+|reportedly\s+|already\s+)*("
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _STANCES)
    + r")\b",
    re.IGNORECASE,
)
_TO_VERB = re.compile(r"\s*to\s+[a-z]+\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StanceMention:
    """An actor named with a stance verb and its object in one source."""

    source: str
    actor: str
    stance: str
    object: str
    start: int
    end: int
    sentence: str


def _actor_pattern(actor: Actor) -> re.Pattern[str] | None:
    names = [n for n in (actor.name, *actor.aliases) if len(n) > 2 and "?" not in n]
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _object_after(text: str, pos: int) -> tuple[str, int] | None:
    """The head of the object after a stance verb ("to send troops" -> troop, "to help" -> help)."""
    verb: tuple[str, int] | None = None
    to_verb = _TO_VERB.match(text, pos)
    if to_verb is not None:
        verb = (_lemma(to_verb.group().split()[-1]), to_verb.end())
        pos = to_verb.end()
    words: list[tuple[str, int]] = []
    for token in _TOKEN.finditer(text, pos, min(len(text), pos + 80)):
        word = token.group()
        if not word[0].isalpha():
            break
        if word.lower() in _DETERMINERS and not words:
            continue
        if word.lower() in _STOP:
            if words or verb is not None:
                break
            continue
        words.append((word, token.end()))
        if len(words) == 3:
            break
    if words:
        return _lemma(words[-1][0]), words[-1][1]
    return verb


_WORD_RUN = re.compile(r"\w+")


@cache
def _cached_pattern(name: str, aliases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One compiled pattern per actor: ``re``'s own cache (512) thrashes at 2,000 actors."""
    return _actor_pattern(Actor(id="_", name=name, kind="person", aliases=aliases))


def _name_words(name: str, aliases: tuple[str, ...]) -> tuple[frozenset[str], ...] | None:
    """The words of each of an actor's names; None when a name starts with a non-word.

    The pattern refuses a word character before and after a name, so every word
    of a name occurs as a whole word of any text that contains the name: an
    article lacking a word of each name cannot mention the actor.
    """
    names: list[frozenset[str]] = []
    for one in (name, *aliases):
        if len(one) <= 2 or "?" in one:
            continue
        if _WORD_RUN.match(one) is None:
            return None
        names.append(frozenset(_WORD_RUN.findall(one)))
    return tuple(names)


_name_words_cached = cache(_name_words)


_WORD_INDEX: list[tuple[tuple[Actor, ...], dict[str, list[int]], list[int]]] = []
"""The last actor tuple seen, with its word -> actor positions index (one pack at a time)."""


def _word_index(actors: tuple[Actor, ...]) -> tuple[dict[str, list[int]], list[int]]:
    """Actors by the longest word of each of their names, and those that cannot be indexed."""
    if _WORD_INDEX and _WORD_INDEX[0][0] is actors:
        return _WORD_INDEX[0][1], _WORD_INDEX[0][2]
    by_word: defaultdict[str, list[int]] = defaultdict(list)
    always: list[int] = []
    for position, actor in enumerate(actors):
        names = _name_words_cached(actor.name, actor.aliases)
        if names is None:
            always.append(position)
            continue
        for words in names:
            by_word[max(words, key=len)].append(position)
    _WORD_INDEX[:] = [(actors, dict(by_word), always)]
    return by_word, always


def _candidates(text: str, actors: tuple[Actor, ...]) -> list[Actor]:
    """The actors whose names could occur in ``text``, in their original order.

    Scanning every article for every actor is articles x actors regex passes
    (2 million at 1,000 articles); an index from words to actors, and the words
    of the article, rule most of them out first.
    """
    words = set(_WORD_RUN.findall(text))
    by_word, always = _word_index(actors)
    positions = set(always)
    for word in words:
        positions.update(by_word.get(word, ()))
    kept = []
    for position in sorted(positions):
        actor = actors[position]
        names = _name_words_cached(actor.name, actor.aliases)
        if names is None or any(n <= words for n in names):
            kept.append(actor)
    return kept


def stance_mentions(source: Source, actors: Iterable[Actor]) -> Iterator[StanceMention]:
    """Every "<actor> <stance verb> <object>" in the article body."""
    text = source.text
    for actor in _candidates(text, tuple(actors)):
        pattern = _cached_pattern(actor.name, actor.aliases)
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            if source.is_boilerplate(match.start()):
                continue
            verb = _STANCE.match(text, match.end())
            if verb is None:
                continue
            stance = next(name for name, _ in _STANCES if verb.group(name))
            obj = _object_after(text, verb.end())
            if obj is None:
                continue
            head, end = obj
            s_start, s_end = source.article.sentence_span(match.start(), end)
            yield StanceMention(
                source.id, actor.id, stance, head, match.start(), end, text[s_start:s_end]
            )


def stance_disagreements(sources: Iterable[Source], actors: Iterable[Actor]) -> list[Disagreement]:
    """An actor's stance on the same thing told differently by two sources."""
    actors = tuple(actors)
    names = {a.id: a.name for a in actors}
    groups: defaultdict[tuple[str, str], list[StanceMention]] = defaultdict(list)
    for source in sources:
        for mention in stance_mentions(source, actors):
            groups[(mention.actor, mention.object)].append(mention)
    found: list[Disagreement] = []
    for (actor, obj), mentions in groups.items():
        if not any(
            a.source != b.source and a.stance != b.stance
            for i, a in enumerate(mentions)
            for b in mentions[i + 1 :]
        ):
            continue
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


def pledge_stance_disagreements(pack: Pack) -> list[Disagreement]:
    """A pledge whose cited sentences give the actor different stances in different sources.

    The author grouped the sentences under one pledge; the stance each sentence
    gives is read from its text, so "offered to help" in one source and
    "expressed interest in joining" in another are told apart.
    """
    mentions: dict[str, list[StanceMention]] = {}
    found: list[Disagreement] = []
    by_id = {a.id: a for a in pack.actors}
    for pledge in pack.pledges:
        actor = by_id.get(pledge.actor)
        if actor is None:
            continue
        values: dict[tuple[str, str], DisagreementValue] = {}
        for e in pledge.evidence:
            if e.source not in mentions:
                source = pack.source(e.source)
                mentions[e.source] = list(stance_mentions(source, pack.actors))
            for m in mentions[e.source]:
                if m.actor == actor.id and e.sentence_start <= m.start < e.sentence_end:
                    values.setdefault(
                        (m.source, m.stance),
                        DisagreementValue(m.stance, m.source, m.sentence, m.start, m.end),
                    )
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


# --- meeting dates -------------------------------------------------------------


def date_disagreements(pack: Pack, dates: Mapping[str, MeetingDate]) -> list[Disagreement]:
    """Meetings that two sources place on days that cannot both be right."""
    found: list[Disagreement] = []
    for meeting in pack.meetings:
        checked = dates.get(meeting.id)
        if checked is None or not checked.conflicts:
            continue
        values: dict[str, DisagreementValue] = {}
        for pair in checked.conflicts:
            for p in pair:
                values.setdefault(
                    f"{p.source}:{p.start}",
                    DisagreementValue(
                        f"{p.resolution.shown()} ('{p.resolution.expression}')",
                        p.source,
                        p.sentence,
                        p.start,
                        p.end,
                    ),
                )
        found.append(
            Disagreement(f"Date of {meeting.title}", "meeting-date", tuple(values.values()), None)
        )
    return found


# --- all together ----------------------------------------------------------------


def _link_claims(pack: Pack, found: list[Disagreement]) -> list[Disagreement]:
    """Name the author's claim that cites the same sentences, when there is one."""
    cited: dict[tuple[str, int], str] = {}
    for claim in pack.claims:
        for value in claim.values:
            for e in value.evidence:
                for offset in range(e.sentence_start, e.sentence_end):
                    cited.setdefault((e.source, offset), claim.id)
    linked = []
    for d in found:
        claim_id = next(
            (cited[(v.source, v.start)] for v in d.values if (v.source, v.start) in cited), None
        )
        linked.append(Disagreement(d.topic, d.kind, d.values, claim_id or d.claim))
    return linked


def detect(pack: Pack, dates: Mapping[str, MeetingDate] | None = None) -> tuple[Disagreement, ...]:
    """Every disagreement found in the pack's articles."""
    found = count_disagreements(pack.sources)
    found += stance_disagreements(pack.sources, pack.actors)
    seen = {(v.source, v.start) for d in found for v in d.values}
    found += [
        d
        for d in pledge_stance_disagreements(pack)
        if not all((v.source, v.start) in seen for v in d.values)
    ]
    if dates is not None:
        found += date_disagreements(pack, dates)
    return tuple(_link_claims(pack, found))
