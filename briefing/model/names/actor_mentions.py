"""Where an actor is named in the articles, and whether a fact cites that sentence.

An author curating a pack needs the sentences the pack still misses: every
place an actor is named whose sentence no fact cites. Names are found in a
folded view of each article (accents, case and punctuation gone, offsets mapped
back), by every name and alias of the actor, its surname, the generic synonyms
("British" for the United Kingdom), and, for garbled spellings nobody listed,
fuzzily: a run of words whose transliteration skeleton is close to a name's.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from briefing.model.names.folding import (
    WILDCARD,
    fold,
    fold_keep_case,
    fold_with_map,
    skeleton,
    strip_titles,
    synonyms_of,
)
from briefing.model.names.search import ActorIndex
from briefing.model.names.word_index import WORD, WordIndex
from briefing.model.pack import Pack
from briefing.model.text import SentenceOf
from briefing.model.types import Actor, Source, Span

FUZZY_THRESHOLD = 88.0
"""Skeleton similarity above which a run of words is a garbled mention ("Starmmer")."""
MIN_FUZZY_LETTERS = 5
"""Shorter names are not matched fuzzily: "Italy" and "Iraq" are one edit apart too often."""


class SearchStopped(Exception):
    """A mentions search was told to stop part way (its caller no longer wants the result)."""


@dataclass(frozen=True, slots=True)
class Mention(SentenceOf):
    """One place an actor is named, with its sentence and whether a fact cites it.

    The sentence and the matched words are offsets into ``text``, the article's
    own string, sliced on asking: an actor shown in the reader keeps its
    mentions for the session (thousands each: ~1.7 MiB an actor at 1,000
    articles when each kept a copy of its sentence and words).
    """

    source_id: str
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    name: str
    """The actor's name or alias they were matched by."""
    fuzzy: bool
    cited: bool
    """True when an evidence span of any fact overlaps the sentence."""
    text: str = field(repr=False)
    """The whole article the offsets count in (shared with its source)."""
    boilerplate: bool = False
    score: float = 100.0

    @property
    def matched(self) -> str:
        """The words as they stand in the article (``Starmmer``)."""
        return self.text[self.start : self.end]

    def as_json(self) -> dict[str, object]:
        """The CLI's JSON shape."""
        return {
            "source": self.source_id,
            "start": self.start,
            "end": self.end,
            "matched": self.matched,
            "name": self.name,
            "fuzzy": self.fuzzy,
            "score": self.score,
            "cited": self.cited,
            "boilerplate": self.boilerplate,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class _Folded:
    """An article folded once: text, offset map, and its words with skeletons.

    The last 64 articles folded are kept (a mentions search reads every article
    for each actor shown), so the offsets are machine arrays: a tuple of int
    objects cost ~36 bytes a character and ~120 a word, ~20-30 MiB for the 64.
    """

    text: str
    mapping: array[int]
    """The offset in the article of each folded character (and one for the end)."""
    starts: array[int]
    ends: array[int]
    skeletons: tuple[str, ...]
    """Each word's start, end (folded coordinates) and skeleton, in text order."""


@lru_cache(maxsize=64)
def _fold_article(text: str) -> _Folded:
    folded, mapping = fold_with_map(text)
    starts, ends, skeletons = array("q"), array("q"), []
    for m in WORD.finditer(folded):
        starts.append(m.start())
        ends.append(m.end())
        skeletons.append(skeleton(m.group().casefold()))
    return _Folded(folded, mapping, starts, ends, tuple(skeletons))


def _is_acronym(written: str) -> bool:
    """``UK``, ``U.S.``, ``EU``: matched with their case, so "us" the pronoun is not the US."""
    letters = [c for c in written if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


def _word_bodies(written: str) -> tuple[list[str], int]:
    """The regex for each folded word of ``written``, and the flags they are compiled with."""
    acronym = _is_acronym(written)
    parts = []
    for word in fold(written).split():
        chars = []
        for char in word:
            if char == WILDCARD:
                chars.append(r"[^\W_?]")  # the name's lost letter: any letter in the text
            elif char.isalpha():
                text_char = char.upper() if acronym else char
                chars.append(f"[{re.escape(text_char)}?]")  # the text's lost letter
            else:
                chars.append(re.escape(char))
        parts.append("".join(chars))
    return parts, 0 if acronym else re.IGNORECASE


def _bounded(body: str) -> str:
    return rf"(?<![^\W_]){body}(?![^\W_])"


def name_pattern(written: str) -> re.Pattern[str] | None:
    """A regex finding ``written`` as whole words in a folded article."""
    parts, flags = _word_bodies(written)
    if not parts:
        return None
    return re.compile(_bounded(r"\s+".join(parts)), flags)


def word_patterns(written: str) -> list[re.Pattern[str]]:
    """One regex a word of ``written``, same guards and flags as :func:`name_pattern`: each
    matches inside an article word wherever the whole name matches (the word index's question)."""
    parts, flags = _word_bodies(written)
    return [re.compile(_bounded(part), flags) for part in parts]


def name_forms(actor: Actor) -> list[str]:
    """Every written form to look for: names, aliases, surname, generic synonyms."""
    names = [actor.name, *actor.aliases]
    for written in list(names):
        stripped = strip_titles(fold(written))
        names.extend(synonyms_of(stripped))
        words = stripped.split()
        if actor.kind == "person" and len(words) > 1 and len(words[-1]) >= 4:
            names.append(written.split()[-1])
    return list(dict.fromkeys(names))


def mentions(
    pack: Pack,
    actor_id: str,
    index: ActorIndex | None = None,
    *,
    fuzzy_threshold: float = FUZZY_THRESHOLD,
    include_boilerplate: bool = False,
    stop: Callable[[], bool] | None = None,
    words: WordIndex | None = None,
) -> list[Mention]:
    """Every place ``actor_id`` is named in every source, in source and text order.

    Site furniture (boilerplate lines) is skipped unless ``include_boilerplate``,
    in which case its mentions are marked. Raises KeyError for an unknown actor.
    ``index`` is the pack's actor index (built here when not given: pass one
    when asking for many actors). ``words``, the pack's word index, limits the
    search to the articles that can name the actor (the same answer, sooner).
    ``stop`` is asked before each article; when it returns True the search
    raises :class:`SearchStopped` (it ends within one article's time).
    """
    actor = pack.actor(actor_id)
    names = name_forms(actor)
    patterns = [(name, p) for name in names if (p := name_pattern(name)) is not None]
    fuzzy_names = {
        skeleton(strip_titles(fold(n)).replace(WILDCARD, "")): n
        for n in names
        if not _is_acronym(n)
    }
    fuzzy_names = {
        s: n for s, n in fuzzy_names.items() if len(s.replace(" ", "")) >= MIN_FUZZY_LETTERS
    }
    if index is None:
        index = ActorIndex.build(pack)
    sources: Iterable[Source] = pack.sources
    if words is not None:
        held: set[int] = set()
        held.update(*(words.exact(word_patterns(n)) for n in names))
        held.update(*(words.fuzzy(skel, fuzzy_threshold) for skel in fuzzy_names))
        sources = [pack.sources[number] for number in sorted(held)]
    found: list[Mention] = []
    shared: dict[int, int] = {}  # one int object per offset value, not four per mention
    for source in sources:
        if stop is not None and stop():
            raise SearchStopped(actor_id)
        folded = _fold_article(source.text)
        spans = _exact_spans(source.text, folded, patterns)
        spans += _fuzzy_spans(
            folded, fuzzy_names, spans, fuzzy_threshold, index.exact_owners, actor.id
        )
        evidence: tuple[Span, ...] | None = None  # the source's spans, made once (pack.spans)
        for start, end, name, fuzzy, score in _longest_first(spans):
            boilerplate = source.is_boilerplate(start)
            if boilerplate and not include_boilerplate:
                continue
            if evidence is None:
                evidence = pack.spans(source.id)
            found.append(
                _mention(evidence, source, (start, end), name, fuzzy, score, boilerplate, shared)
            )
    return found


_Span = tuple[int, int, str, bool, float]
"""(start, end, name matched by, fuzzy, score) in the original article's offsets."""


def _exact_spans(
    text: str, folded: _Folded, patterns: list[tuple[str, re.Pattern[str]]]
) -> list[_Span]:
    spans: list[_Span] = []
    for name, pattern in patterns:
        for m in pattern.finditer(folded.text):
            start, end = folded.mapping[m.start()], folded.mapping[m.end() - 1] + 1
            if text.startswith(".", end) and "." in text[start:end]:
                end += 1  # "U.S." keeps its last dot
            spans.append((start, end, name, False, 100.0))
    return spans


def _fuzzy_spans(
    folded: _Folded,
    names: dict[str, str],
    exact: list[_Span],
    threshold: float,
    owners_of: Callable[[str], set[str]],
    actor_id: str,
) -> list[_Span]:
    """Runs of words close to a name, not already found and not another actor's name."""
    if not names or not folded.skeletons:
        return []
    taken = [(s, e) for s, e, *_ in exact]
    spans: list[_Span] = []
    sizes = {len(s.split()) for s in names}
    for size in sizes:
        windows = [
            " ".join(folded.skeletons[i : i + size])
            for i in range(len(folded.skeletons) - size + 1)
        ]
        for skel, name in names.items():
            if len(skel.split()) != size:
                continue
            for _w, score, i in process.extract(
                skel, windows, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                first, last = folded.starts[i], folded.ends[i + size - 1]
                start, end = folded.mapping[first], folded.mapping[last - 1] + 1
                if any(s < end and start < e for s, e in taken):
                    continue
                if owners_of(fold(folded.text[first:last])) - {actor_id}:
                    continue  # "Iceland" is its own actor, not a garbled "Ireland"
                taken.append((start, end))
                spans.append((start, end, name, True, round(score, 1)))
    return spans


def _longest_first(spans: list[_Span]) -> list[_Span]:
    """Overlapping finds reduced to the longest ("Sir Keir Starmer" over "Starmer"), in text order."""
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[3])):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _mention(
    evidence_spans: tuple[Span, ...],
    source: Source,
    span: tuple[int, int],
    name: str,
    fuzzy: bool,
    score: float,
    boilerplate: bool,
    shared: dict[int, int],
) -> Mention:
    start, end = (shared.setdefault(x, x) for x in span)
    sentence_start, sentence_end = (
        shared.setdefault(x, x) for x in source.article.sentence_span(start, end)
    )
    cited = any(
        span.evidence.start < sentence_end and sentence_start < span.evidence.end
        for span in evidence_spans
    )
    return Mention(
        source_id=source.id,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        start=start,
        end=end,
        text=source.text,
        name=name,
        fuzzy=fuzzy,
        cited=cited,
        boilerplate=boilerplate,
        score=score,
    )


@lru_cache(maxsize=4096)
def finders(
    name: str, aliases: tuple[str, ...], kind: str
) -> tuple[tuple[re.Pattern[str], ...], tuple[str, ...]]:
    """An actor's exact patterns and fuzzy skeletons, built once per actor's names."""
    names = name_forms(Actor("", name, kind, aliases))
    patterns = tuple(p for name in names if (p := name_pattern(name)) is not None)
    skeletons = tuple(
        dict.fromkeys(
            s
            for n in names
            if not _is_acronym(n)
            and len((s := skeleton(strip_titles(fold(n)).replace(WILDCARD, ""))).replace(" ", ""))
            >= MIN_FUZZY_LETTERS
        )
    )
    return patterns, skeletons


class NamedIn:
    """One sentence, folded once, asked whether it names each of several actors.

    Same forms as :func:`mentions`: names, aliases, surname and generic synonyms
    exactly, and garbled spellings ("Starmmer") by the skeleton similarity of
    each run of words as long as a name. Cost per question: one regex per name
    form, and, only when none matches, one fuzzy pass per name over the
    sentence's words; the words' skeletons are made once, on the first fuzzy pass.
    """

    def __init__(self, text: str, fuzzy_threshold: float = FUZZY_THRESHOLD) -> None:
        self.folded = fold_keep_case(text)
        self.threshold = fuzzy_threshold
        self._words: list[str] | None = None
        self._by_size: dict[int, list[str]] = {}

    def windows(self, size: int) -> list[str]:
        """Every run of ``size`` word skeletons, made on first use."""
        found = self._by_size.get(size)
        if found is None:
            if self._words is None:
                self._words = [skeleton(w.casefold()) for w in WORD.findall(self.folded)]
            words = self._words
            found = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
            self._by_size[size] = found
        return found

    def names(self, actor: Actor) -> bool:
        """True when the sentence names ``actor``."""
        patterns, skeletons = finders(actor.name, actor.aliases, actor.kind)
        if any(p.search(self.folded) for p in patterns):
            return True
        if not skeletons:
            return False
        for skel in skeletons:
            windows = self.windows(len(skel.split()))
            if windows and process.extractOne(
                skel, windows, scorer=fuzz.ratio, score_cutoff=self.threshold
            ):
                return True
        return False


def named_in(actor: Actor, text: str, fuzzy_threshold: float = FUZZY_THRESHOLD) -> bool:
    """True when ``text`` (a sentence) names ``actor`` (see :class:`NamedIn`)."""
    return NamedIn(text, fuzzy_threshold).names(actor)
