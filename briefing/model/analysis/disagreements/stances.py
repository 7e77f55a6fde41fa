"""Stances: an actor offering something in one source and declining it in another.

"Poland offered troops" / "Poland declined to send troops". The stance verbs
are generic English; the objects are compared by their head noun (or the verb
after "to") so the same thing is recognised across differently worded sources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from briefing.model.analysis.disagreements.values import (
    TOKEN,
    Disagreement,
    DisagreementValue,
    lemma,
)
from briefing.model.names.vocabulary import FUNCTION_WORDS
from briefing.model.once import Checked, Stop, never
from briefing.model.pack import Pack
from briefing.model.types import Actor, Source

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
_SOUGHT = r"(?:hope|hopes|hoped|hoping|want|wants|wanted|seek|seeks|seeking|try|tries|trying|urge|urges|urged)"
_CONVINCE = r"(?:convince|persuade|get|press|push|urge)"
_ACTOR_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sought", re.compile(rf"\b{_SOUGHT}\s+to\s+{_CONVINCE}\s+", re.IGNORECASE)),
    ("declined", re.compile(r"\b(?:refusal|rejection|veto)\s+(?:by|from)\s+", re.IGNORECASE)),
    ("offered", re.compile(r"\b(?:offer|pledge|promise)\s+(?:by|from)\s+", re.IGNORECASE)),
)
"""Stances whose actor comes after the verb: "hope to convince Trump to ...", "a refusal by Poland to ..."."""
_SOUGHT_AFTER_NAME = re.compile(
    rf"\b(?:whom|who)\s+(?:\w+\s+){{0,3}}?{_SOUGHT}\s+to\s+{_CONVINCE}\b", re.IGNORECASE
)
"""The same with the actor first: "Trump, whom they hope to convince to ..."."""


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


_WORD_RUN = re.compile(r"\w+")


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


_STANCE_AHEAD = re.compile(f"(?={_STANCE.pattern})", _STANCE.flags)
"""Every position a stance verb phrase starts at (overlapping: zero-width matches)."""


def _names_longest_first(actor: Actor) -> tuple[str, ...]:
    """An actor's names and aliases as written (longer first, so "Keir Starmer" wins
    over "Starmer"); shorter than three letters or with a lost character, they are
    too ambiguous to find a stance by."""
    names = [n for n in (actor.name, *actor.aliases) if len(n) > 2 and "?" not in n]
    return tuple(sorted(names, key=len, reverse=True))


def _name_ending_at(text: str, end: int, names: tuple[str, ...]) -> int | None:
    r"""Where the longest of ``names`` that ends at ``end`` starts, as a whole word; else None.

    A stance verb always follows white space, so the name's right edge is a word
    boundary already; its left edge must not be a letter, digit, _ or hyphen
    (what ``(?<![\w-])`` would say).
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


def _name_starting_at(text: str, start: int, names: tuple[str, ...]) -> int | None:
    """Where the longest of ``names`` that starts at ``start`` ends, as a whole word; else None."""
    for name in names:
        end = start + len(name)
        if text.startswith(name, start) and (
            end == len(text) or not (text[end].isalnum() or text[end] in "_-")
        ):
            return end
    return None


def _actor_after(source: Source, actors: list[Actor]) -> Iterator[StanceMention]:
    """Stances whose actor is named after the stance words, or before "whom they hope to convince"."""
    text = source.text
    found: list[tuple[str, int, int]] = [
        (stance, m.start(), m.end()) for stance, p in _ACTOR_AFTER for m in p.finditer(text)
    ]
    tails = list(_SOUGHT_AFTER_NAME.finditer(text))
    for actor in actors:
        names = _names_longest_first(actor)
        if not names:
            continue
        for stance, start, at in found:
            name_end = _name_starting_at(text, at, names)
            if name_end is None or source.is_boilerplate(start):
                continue
            obj = _object_after(text, name_end)
            if obj is not None:
                s_start, s_end = source.article.sentence_span(start, obj[1])
                yield StanceMention(
                    source.id, actor.id, stance, obj[0], start, obj[1], text[s_start:s_end]
                )
        for tail in tails:
            before = tail.start()
            while before > 0 and text[before - 1] in " \t,":
                before -= 1
            named = _name_ending_at(text, before, names)
            if named is None or source.is_boilerplate(named):
                continue
            obj = _object_after(text, tail.end())
            if obj is not None:
                s_start, s_end = source.article.sentence_span(named, obj[1])
                yield StanceMention(
                    source.id, actor.id, "sought", obj[0], named, obj[1], text[s_start:s_end]
                )


def stance_mentions(source: Source, actors: Iterable[Actor]) -> Iterator[StanceMention]:
    """Every "<actor> <stance verb> <object>" in the article body, and the reverse order
    ("hope to convince <actor> to ...", "<actor>, whom they hope to convince to ...").

    The stance verbs are found first, in one pass over the text; then each
    candidate actor is tried only where a verb begins (its name must end right
    there), instead of scanning the whole article once per actor.
    """
    text = source.text
    candidates = _candidates(text, tuple(actors))
    if "convince" in text or "persuade" in text or " by " in text or " from " in text:
        yield from _actor_after(source, candidates)
    verbs = [m.start() for m in _STANCE_AHEAD.finditer(text)]
    if not verbs:
        return
    for actor in candidates:
        names = _names_longest_first(actor)
        if not names:
            continue
        for at in verbs:
            start = _name_ending_at(text, at, names)
            if start is None or source.is_boilerplate(start):
                continue
            verb = _STANCE.match(text, at)
            if verb is None:
                continue
            stance = next(name for name, _ in _STANCES if verb.group(name))
            obj = _object_after(text, verb.end())
            if obj is None:
                continue
            head, end = obj
            s_start, s_end = source.article.sentence_span(start, end)
            yield StanceMention(source.id, actor.id, stance, head, start, end, text[s_start:s_end])


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


def claim_stance_disagreements(pack: Pack, stop: Stop = never) -> list[Disagreement]:
    """An actor given different stances by the sentences cited for one claim, in different sources.

    The author grouped the sentences under one disputed point, so the objects
    need not match word for word ("refused to offer such support" / "hope to
    convince Trump to provide security guarantees"): the actor and the claim
    are what tie them together.
    """
    mentions: dict[str, list[StanceMention]] = {}
    names = {a.id: a.name for a in pack.actors}
    found: list[Disagreement] = []
    for claim in Checked(pack.claims, stop):
        by_actor: dict[str, dict[tuple[str, str], DisagreementValue]] = {}
        for value in claim.values:
            for e in value.evidence:
                if e.source not in mentions:
                    mentions[e.source] = list(stance_mentions(pack.source(e.source), pack.actors))
                for m in mentions[e.source]:
                    if e.sentence_start <= m.start < e.sentence_end:
                        by_actor.setdefault(m.actor, {}).setdefault(
                            (m.source, m.stance),
                            DisagreementValue(m.stance, m.source, m.sentence, m.start, m.end),
                        )
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


def pledge_stance_disagreements(pack: Pack, stop: Stop = never) -> list[Disagreement]:
    """A pledge whose cited sentences give the actor different stances in different sources.

    The author grouped the sentences under one pledge; the stance each sentence
    gives is read from its text, so "offered to help" in one source and
    "expressed interest in joining" in another are told apart.
    """
    mentions: dict[str, list[StanceMention]] = {}
    found: list[Disagreement] = []
    by_id = {a.id: a for a in pack.actors}
    for pledge in Checked(pack.pledges, stop):
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
