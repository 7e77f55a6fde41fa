"""Stances: an actor offering something in one source and declining it in another.

"Poland offered troops" / "Poland declined to send troops". The stance verbs
are generic English; the objects are compared by their head noun (or the verb
after "to") so the same thing is recognised across differently worded sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from briefing.model.analysis.disagreements.actor_names import NameIndex
from briefing.model.analysis.disagreements.values import (
    TOKEN,
    DisagreementValue,
    lemma,
)
from briefing.model.analysis.patterns import by_first_letter, word_start
from briefing.model.names.vocabulary import FUNCTION_WORDS
from briefing.model.text import SentenceOf, case_folded
from briefing.model.types import Actor, Source

_DETERMINERS = frozenset((
    "a", "an", "the", "such", "any", "its", "their", "his", "her", "our", "this", "these",
    "those", "some", "more", "further",
))  # fmt: skip

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
_STANCE_WORDS = (
    r"(?:has\s+|have\s+|had\s+|also\s+|reportedly\s+|already\s+)*("
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _STANCES)
    + r")\b"
)
_STANCE = re.compile(rf"\s+{_STANCE_WORDS}", re.IGNORECASE)
_TO_VERB = re.compile(r"\s*to\s+[a-z]+\b", re.IGNORECASE)
_SOUGHT_WORDS = (
    "hope", "hopes", "hoped", "hoping", "want", "wants", "wanted", "seek", "seeks", "seeking",
    "try", "tries", "trying", "urge", "urges", "urged",
)  # fmt: skip
_SOUGHT = f"(?:{'|'.join(_SOUGHT_WORDS)})"
_HOLDS: dict[str, tuple[str, ...]] = {
    "sought": ("convince", "persuade", "get", "press", "push", "urge"),
    "declined": ("refusal", "rejection", "veto"),
    "offered": ("offer", "pledge", "promise"),
}
"""For each pattern below, the words one of which every match holds (the object of
"hope to ..."; the noun before "by"): an article lowered with none of them is not
scanned with that pattern (most articles: a pass each saved)."""
_CONVINCE = f"(?:{'|'.join(_HOLDS['sought'])})"

_ACTOR_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sought", re.compile(rf"{word_start(_SOUGHT_WORDS)}\s+to\s+{_CONVINCE}\s+", re.I)),
    ("declined", re.compile(rf"{word_start(_HOLDS['declined'])}\s+(?:by|from)\s+", re.I)),
    ("offered", re.compile(rf"{word_start(_HOLDS['offered'])}\s+(?:by|from)\s+", re.I)),
)
"""Stances whose actor comes after the verb: "hope to convince Trump to ...", "a refusal by Poland to ..."."""
_SOUGHT_AFTER_NAME = re.compile(
    rf"{word_start(('whom', 'who'))}\s+(?:\w+\s+){{0,3}}?{_SOUGHT}\s+to\s+{_CONVINCE}\b",
    re.IGNORECASE,
)
"""The same with the actor first: "Trump, whom they hope to convince to ..."."""


@dataclass(frozen=True, slots=True)
class StanceMention(SentenceOf):
    """An actor named with a stance verb and its object in one source.

    Every article's stance mentions are held while the three stance detectors
    read them: the sentence is two offsets into ``text`` (the article's own
    string), sliced by :attr:`sentence` on asking, not a copy per mention.
    """

    source: str
    actor: str
    stance: str
    object: str
    start: int
    end: int
    text: str = field(repr=False)
    sentence_start: int = 0
    sentence_end: int = 0

    def value(self, source: Source, shared: dict[int, int] | None = None) -> DisagreementValue:
        """The stance as a disagreement's value (``source``: this mention's, for its sentence)."""
        return DisagreementValue(
            self.stance,
            self.source,
            None,
            self.start,
            self.end,
            sentence_in=source,
            sentence_at=(self.sentence_start, self.sentence_end),
            shared=shared,
        )


def _object_after(text: str, pos: int) -> tuple[str, int] | None:
    """The head of the object after a stance verb ("to send troops" -> troop, "to help" -> help)."""
    verb: tuple[str, int] | None = None
    to_verb = _TO_VERB.match(text, pos)
    if to_verb is not None:
        verb = (lemma(to_verb.group().split()[-1]), to_verb.end())
        pos = to_verb.end()
    words: list[tuple[str, int]] = []
    for token in TOKEN.finditer(text, pos, min(len(text), pos + 80)):
        word = token.group()
        if not word[0].isalpha():
            break
        if word.lower() in _DETERMINERS and not words:
            continue
        if word.lower() in FUNCTION_WORDS:
            if words or verb is not None:
                break
            continue
        words.append((word, token.end()))
        if len(words) == 3 or (len(word) > 3 and word.endswith("s") and not word.endswith("ss")):
            break  # a plural is the head noun ("send pumps last week": pumps)
    if words:
        return lemma(words[-1][0]), words[-1][1]
    return verb


_STANCE_AHEAD = re.compile(
    r"\s(?=\s*(?:h(?:as|ave|ad)\s+|a(?:lso|lready)\s+|reportedly\s+)*"
    + by_first_letter(phrase for _, pattern in _STANCES for phrase in pattern.split("|"))
    + r"\b)",
    _STANCE.flags,
)
r"""Every position ``_STANCE`` matches at: a white space character followed by the rest
of it (``\s+`` is one white space character and ``\s*``). Each match is that one
character, so matches at neighbouring places are all found, as the zero-width
``(?=\s+...)`` found them; a pattern opening with ``\s`` is searched for in C
between white space characters, where a look-ahead is tried at every position.
Which stance a place has is read with ``_STANCE`` there: the look-ahead only asks
whether one is, so its words come grouped by first letter
(:func:`~briefing.model.analysis.patterns.by_first_letter`), in no stance's order."""
_LOWER = _STANCE.flags & ~re.IGNORECASE
_STANCE_AHEAD_LOWER = re.compile(_STANCE_AHEAD.pattern, _LOWER)
_STANCE_LOWER = re.compile(_STANCE.pattern, _LOWER)
_ACTOR_AFTER_LOWER = tuple((stance, re.compile(p.pattern, _LOWER)) for stance, p in _ACTOR_AFTER)
_SOUGHT_AFTER_NAME_LOWER = re.compile(_SOUGHT_AFTER_NAME.pattern, _LOWER)
"""The scans over a whole article, run over it lowered when that finds the same places
(:func:`briefing.model.text.case_folded`): the case-blind passes cost three times more."""


_Scans = tuple[str, re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str]]


def _scans(text: str) -> _Scans:
    """The text to scan and the stance, actor-after and sought-after patterns to scan it with."""
    lowered = case_folded(text)
    if lowered is None:
        return text, _STANCE_AHEAD, _ACTOR_AFTER, _SOUGHT_AFTER_NAME
    return lowered, _STANCE_AHEAD_LOWER, _ACTOR_AFTER_LOWER, _SOUGHT_AFTER_NAME_LOWER


def _name_ending_at(text: str, end: int, names: tuple[str, ...]) -> int | None:
    r"""Where the longest of ``names`` that ends at ``end`` starts, as a whole word; else None.

    A stance verb always follows white space, so the name's right edge is a word
    boundary already; its left edge must not be a letter, digit, _ or hyphen
    (what ``(?<![\w-])`` would say). The rule :class:`NameIndex` applies to a
    whole pack's names at once.
    """
    for name in names:
        start = end - len(name)
        if (
            start >= 0
            and text.startswith(name, start)
            and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-"))
        ):
            return start
    return None


def _in_actor_order(found: dict[int, list[StanceMention]]) -> Iterator[StanceMention]:
    """The mentions found, actor by actor in pack order (each actor's in text order)."""
    for position in sorted(found):
        yield from found[position]


def _actor_after(source: Source, index: NameIndex, scans: _Scans) -> Iterator[StanceMention]:
    """Stances whose actor is named after the stance words, or before "whom they hope to convince"."""
    text = source.text
    scanned, stance_ahead, actor_after, sought_after_name = scans
    # Over the article lowered, a pattern's words must be there as written; over
    # the text as written (case-blind) the check is not made.
    lowered = stance_ahead is _STANCE_AHEAD_LOWER

    def may_hold(stance: str) -> bool:
        return not lowered or any(word in scanned for word in _HOLDS[stance])

    found: list[tuple[str, int, int]] = [
        (stance, m.start(), m.end())
        for stance, p in actor_after
        if may_hold(stance)
        for m in p.finditer(scanned)
    ]
    by_actor: dict[int, list[StanceMention]] = {}
    for stance, start, at in found:
        for position, name_end in index.starting_at(text, at).items():
            if source.is_boilerplate(start):
                continue
            obj = _object_after(text, name_end)
            if obj is not None:
                s_start, s_end = source.article.sentence_span(start, obj[1])
                by_actor.setdefault(position, []).append(
                    StanceMention(
                        source.id,
                        index.actors[position].id,
                        stance,
                        obj[0],
                        start,
                        obj[1],
                        text,
                        s_start,
                        s_end,
                    )
                )
    for tail in sought_after_name.finditer(scanned) if may_hold("sought") else ():
        before = tail.start()
        while before > 0 and text[before - 1] in " \t,":
            before -= 1
        for position, named in index.ending_at(text, before).items():
            if source.is_boilerplate(named):
                continue
            obj = _object_after(text, tail.end())
            if obj is not None:
                s_start, s_end = source.article.sentence_span(named, obj[1])
                by_actor.setdefault(position, []).append(
                    StanceMention(
                        source.id,
                        index.actors[position].id,
                        "sought",
                        obj[0],
                        named,
                        obj[1],
                        text,
                        s_start,
                        s_end,
                    )
                )
    return _in_actor_order(by_actor)


def stance_mentions(
    source: Source, actors: Iterable[Actor], index: NameIndex | None = None
) -> Iterator[StanceMention]:
    """Every "<actor> <stance verb> <object>" in the article body, and the reverse order
    ("hope to convince <actor> to ...", "<actor>, whom they hope to convince to ...").

    The stance verbs are found first, in one pass over the text; at each place a
    verb begins, ``index`` (built from ``actors`` when not given: pass one built
    once for the pack) names the actors whose name ends right there. Mentions
    come actor by actor, in the order of ``actors``.
    """
    if index is None:
        index = NameIndex.build(tuple(actors))
    text = source.text
    scans = _scans(text)
    if "convince" in text or "persuade" in text or " by " in text or " from " in text:
        yield from _actor_after(source, index, scans)
    by_actor: dict[int, list[StanceMention]] = {}
    scanned, stance_ahead, _, _ = scans
    verbs = _STANCE_LOWER if stance_ahead is _STANCE_AHEAD_LOWER else _STANCE
    for at in (m.start() for m in stance_ahead.finditer(scanned)):
        named = index.ending_at(text, at)
        if not named:
            continue
        verb = verbs.match(scanned, at)
        if verb is None:
            continue
        stance = next(name for name, _ in _STANCES if verb.group(name))
        obj = _object_after(text, verb.end())
        for position, start in named.items():
            if source.is_boilerplate(start) or obj is None:
                continue
            head, end = obj
            s_start, s_end = source.article.sentence_span(start, end)
            by_actor.setdefault(position, []).append(
                StanceMention(
                    source.id,
                    index.actors[position].id,
                    stance,
                    head,
                    start,
                    end,
                    text,
                    s_start,
                    s_end,
                )
            )
    yield from _in_actor_order(by_actor)


StanceMentions = dict[str, list[StanceMention]]
"""Each source's stance mentions, by source id: read once, shared by the three stance detectors."""


def stance_mentions_by_source(sources: Iterable[Source], actors: Iterable[Actor]) -> StanceMentions:
    """Every source's stance mentions, with one name index for all of them."""
    index = NameIndex.build(tuple(actors))
    return {source.id: list(stance_mentions(source, (), index)) for source in sources}
