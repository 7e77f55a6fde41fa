"""Fuzzy actor search, indexed once so every keystroke stays within a frame.

Every actor's name and aliases (plus generic synonyms such as demonyms, and
derived forms such as a person's surname or initials) are folded and turned
into transliteration skeletons when the index is built (see
:mod:`briefing.model.names.folding`). A query then takes three steps:

1. **exact**: the folded query (titles dropped, ``?`` resolved against the
   index's vocabulary) is looked up in a dictionary: an alias, a synonym
   ("British"), a surname, initials ("K Starmer") or an acronym ("EU");
2. **shortlist**: small indexes are scanned whole (a scan of 1,000 strings
   costs what the plain rapidfuzz call costs); large ones are pruned through a
   trigram inverted index, so only a few hundred strings are scored;
3. **fuzzy**: rapidfuzz ``WRatio`` scores the query's skeleton against the
   shortlist's skeletons, which handles typos, token order and partial names;
   a one-word query must come close to the start of a word of the name
   (:func:`at_a_word`).

Queries shorter than three letters only match the start of a word, which is
what someone typing a name expects while the first letters come in.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from rapidfuzz import fuzz, process

from briefing.model.names.folding import (
    SYNONYMS,
    WILDCARD,
    acronym,
    fold,
    initials_form,
    skeleton,
    strip_titles,
)
from briefing.model.pack import Pack
from briefing.model.types import Actor

SCAN_LIMIT = 3000
"""Up to this many fuzzy strings, score them all (no pruning overhead)."""
SHORTLIST = 300
"""How many trigram-shortlisted strings a large index scores with rapidfuzz."""
FUZZY_CUTOFF = 72.0
"""Fuzzy scores below this are noise: nonsense queries return nothing."""
WORD_START = 70.0
"""How close a one-word query must be to the start of some word of a name (see
:func:`at_a_word`)."""
POSTINGS_BUDGET = 12_000
"""How many trigram postings a keystroke may count (rarest trigrams first)."""
PREFIX_CAP = 300
"""Short queries score at most this many word-prefix candidates."""

EXACT = 100.0
SYNONYM = 98.0
DERIVED = 97.0
"""Exact scores: an alias as written; a generic synonym; a surname, initials or acronym."""
TITLE_DROPPED = 0.5
"""An exact match found only once titles are dropped ranks just below one as written."""
FUZZY_MAX = 96.0
"""A fuzzy match (even a perfect skeleton match, "Polland") ranks below every exact one."""

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the actor, how well it matched, and by which name."""

    actor_id: str
    name: str
    kind: str
    score: float
    matched: str
    """The name, alias or synonym (as written) that the query matched best."""

    def as_json(self) -> dict[str, object]:
        """The CLI's JSON shape: ``{id, name, kind, score, matched}``."""
        return {
            "id": self.actor_id,
            "name": self.name,
            "kind": self.kind,
            "score": self.score,
            "matched": self.matched,
        }


def at_a_word(skel: str, choice: str) -> bool:
    """True when a one-word query skeleton is close to the start of some word of
    ``choice`` (a multi-word query is always taken: its words are matched as tokens).

    ``WRatio`` takes a short query's best partial match anywhere: "Abiy" (skeleton
    "abi") scored Saudi Arabia 90 through the "abi" inside "arabia", level with Abiy
    Ahmed for the typo "Abyi". A name is typed from a word's start, so the query is
    compared with the text from each word's start, spaces dropped (a lost space:
    "FrançoisMishustin"), one letter longer (a typo may add one). O(words x query).
    """
    if " " in skel:
        return True
    cut = len(skel) + 1
    words = choice.split()
    return any(
        fuzz.ratio(skel, "".join(words[at:])[:cut]) >= WORD_START for at in range(len(words))
    )


def _grams(text: str) -> set[str]:
    """Trigrams of each word, padded so word starts and ends count."""
    grams: set[str] = set()
    for word in text.split():
        grams |= _word_grams(word)
    return grams


@lru_cache(maxsize=65536)
def _word_grams(word: str) -> frozenset[str]:
    padded = f" {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


class ActorIndex:
    """Every actor's names, folded, skeletonised and indexed once; searched per keystroke."""

    def __init__(self, actors: Iterable[Actor], *, scan_limit: int = SCAN_LIMIT) -> None:
        # Building allocates hundreds of thousands of small objects that all stay
        # alive, none in a cycle: an entry point that builds a large index pauses
        # the collector around it (briefing.model.collector), as it does for loading.
        self._build(actors, scan_limit)

    def _build(self, actors: Iterable[Actor], scan_limit: int) -> None:
        self.actors: tuple[Actor, ...] = tuple(actors)
        self._by_id = {actor.id: i for i, actor in enumerate(self.actors)}
        exact: dict[str, dict[int, tuple[float, str]]] = {}
        self._vocab: set[str] = set()
        self.choices: list[str] = []
        """Skeletons scored by the fuzzy step (parallel to the two lists below)."""
        self._owner_numbers: array[int] = array("i")
        """Each choice's actor number (an array: a (number, name) tuple a choice held ~1.3 MiB)."""
        self._owner_names: list[str] = []
        """Each choice's name as written."""
        self._surnames: set[int] = set()
        """Choices that are only a person's surname: for one-word queries only."""
        seen: set[tuple[int, str]] = set()
        pairs: dict[tuple[float, str], tuple[float, str]] = {}
        for number, actor in enumerate(self.actors):
            for text, folded, stripped, score in self._forms(actor):
                self._add(number, text, folded, stripped, score, exact, seen, pairs)
        # Each key's owners as a tuple once built: a dict an exact key (~30,000 at
        # 5,000 articles, most with one owner) held ~5 MiB more for the session.
        triples: dict[tuple[int, float, str], tuple[int, float, str]] = {}
        self._exact: dict[str, tuple[tuple[int, float, str], ...]] = {
            key: tuple(
                triples.setdefault(triple, triple)
                for triple in ((n, score, text) for n, (score, text) in owners.items())
            )
            for key, owners in exact.items()
        }
        """Folded key -> (actor number, score, name as written) of each actor it names exactly."""
        del exact
        prefix: dict[str, list[int]] = {}
        for choice_id in sorted(range(len(self.choices)), key=lambda i: len(self.choices[i])):
            starts = {w[:n] for w in self.choices[choice_id].split() for n in (1, 2)}
            for start in starts:
                prefix.setdefault(start, []).append(choice_id)
        # Postings are machine arrays, not lists of int objects (~12 bytes less a posting).
        self._prefix: dict[str, array[int]]
        self._grams: dict[str, array[int]] | None = None
        if len(self.choices) > scan_limit:
            grams: dict[str, list[int]] = {}
            for choice_id, choice in enumerate(self.choices):
                for gram in _grams(choice):
                    postings = grams.get(gram)
                    if postings is None:
                        grams[gram] = [choice_id]
                    else:
                        postings.append(choice_id)
            self._grams = {gram: array("i", postings) for gram, postings in grams.items()}
        self._prefix = {start: array("i", ids) for start, ids in prefix.items()}
        # The word-trigram cache served the build (names share words); kept, it held
        # ~6 MiB of trigram sets at 5,000 articles for the session's few queries.
        _word_grams.cache_clear()

    @classmethod
    def build(cls, source: Pack | Iterable[Actor], *, scan_limit: int = SCAN_LIMIT) -> ActorIndex:
        """Index a pack's actors (or any actors); do this once, at load."""
        actors = source.actors if isinstance(source, Pack) else source
        return cls(actors, scan_limit=scan_limit)

    @staticmethod
    def _forms(actor: Actor) -> list[tuple[str, str, str, float]]:
        """(written, folded, without titles, exact score) of names, aliases and table synonyms."""
        forms = []
        for written in (actor.name, *actor.aliases):
            folded = fold(written)
            stripped = strip_titles(folded)
            forms.append((written, folded, stripped, EXACT))
            group = SYNONYMS.get(stripped)
            if group is not None:
                for term in group:
                    folded_term = fold(term)
                    forms.append((term, folded_term, strip_titles(folded_term), SYNONYM))
        return forms

    def _add(
        self,
        number: int,
        text: str,
        folded: str,
        stripped: str,
        score: float,
        exact: dict[str, dict[int, tuple[float, str]]],
        seen: set[tuple[int, str]],
        pairs: dict[tuple[float, str], tuple[float, str]],
    ) -> None:
        if not folded:
            return
        kind = self.actors[number].kind
        # "Sir Karis" as written outranks every other Karis whose alias only
        # becomes "karis" once its title is dropped.
        keys = {folded: score}
        keys.setdefault(stripped, score - TITLE_DROPPED)
        if kind == "person":
            words = stripped.split()
            if len(words) > 1 and len(words[-1]) >= 3:
                keys.setdefault(words[-1], DERIVED)
            initials = initials_form(stripped)
            if initials:
                keys.setdefault(initials, DERIVED)
        else:
            short = acronym(stripped)
            if short and len(short) >= 2:
                keys.setdefault(short, DERIVED)
        for key, key_score in keys.items():
            owners = exact.setdefault(key, {})
            if owners.get(number, (0.0, ""))[0] < key_score:
                # One (score, written) pair for all the keys of a name, not one a key.
                pair = (key_score, text)
                owners[number] = pairs.setdefault(pair, pair)
        self._vocab.update(stripped.split())
        skel = skeleton(stripped.replace(WILDCARD, ""))
        fuzzy_forms = [skel]
        if stripped != folded:  # a title as written can be mistyped too ("Miister Rubio")
            fuzzy_forms.append(skeleton(folded.replace(WILDCARD, "")))
        if kind == "person" and " " in skel and len(skel.split()[-1]) >= 3:
            fuzzy_forms.append(skel.split()[-1])  # "Healy" is a typo of the surname
        for form in fuzzy_forms:
            # "KSA", "UK": fuzzy matches of three letters are noise; the exact step has them.
            if len(form) > 3 and (number, form) not in seen:
                seen.add((number, form))
                if " " not in form and " " in skel:
                    self._surnames.add(len(self.choices))
                self.choices.append(form)
                self._owner_numbers.append(number)
                self._owner_names.append(text)

    def __len__(self) -> int:
        """How many strings the fuzzy step can score."""
        return len(self.choices)

    def actor(self, actor_id: str) -> Actor | None:
        """The indexed actor with this id, or None."""
        number = self._by_id.get(actor_id)
        return None if number is None else self.actors[number]

    def exact_owners(self, folded: str) -> set[str]:
        """Ids of actors that a folded string names exactly (used to keep mentions apart)."""
        return {self.actors[n].id for n, _score, _text in self._exact.get(folded, ())}

    def _resolve_wildcards(self, query: str) -> str:
        """Replace each ``?`` word by a known word it can stand for (``miche?l`` -> ``micheal``)."""
        if WILDCARD not in query:
            return query
        words = []
        for word in query.split():
            if WILDCARD in word and word not in self._vocab:
                options = [word.replace(WILDCARD, c, 1) for c in _LETTERS]
                options.append(word.replace(WILDCARD, "", 1))
                found = next((o for o in options if o in self._vocab), None)
                word = found if found is not None else word.replace(WILDCARD, "")
            words.append(word)
        return " ".join(words)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The best ``limit`` actors for ``query``, best first (empty for nonsense).

        A limit over the number of actors means all of them: it is clamped, so a
        limit of 2**63 never reaches rapidfuzz (whose C limit would overflow).
        """
        folded = fold(query)
        limit = min(limit, len(self.actors))
        if not folded or limit <= 0:
            return []
        stripped = strip_titles(folded)
        resolved = self._resolve_wildcards(stripped)
        best: dict[int, tuple[float, int, str]] = {}

        def offer(number: int, score: float, tier: int, text: str) -> None:
            current = best.get(number)
            if current is None or (score, -tier) > (current[0], -current[1]):
                best[number] = (score, tier, text)

        for key in dict.fromkeys((folded, stripped, resolved)):
            for number, score, text in self._exact.get(key, ()):
                offer(number, score, 0, text)
        skel = skeleton(resolved.replace(WILDCARD, ""))
        several_words = " " in skel
        for choice_id, score in self._fuzzy(skel, len(resolved.replace(" ", "")), limit):
            if several_words and choice_id in self._surnames:
                continue  # "Jonh Kallas" is John Kallas, not any Kallas
            number, text = self._owner_numbers[choice_id], self._owner_names[choice_id]
            offer(number, min(score, FUZZY_MAX), 1, text)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1], item[0]))
        hits = []
        for number, (score, _tier, text) in ranked[:limit]:
            actor = self.actors[number]
            hits.append(Hit(actor.id, actor.name, actor.kind, round(score, 1), text))
        return hits

    def _fuzzy(self, skel: str, typed: int, limit: int) -> list[tuple[int, float]]:
        """(choice id, score) of the best fuzzy matches, each at the start of a word
        of its name for a one-word query (:func:`at_a_word`)."""
        return [
            (index, score)
            for index, score in self._scored(skel, typed, limit)
            if at_a_word(skel, self.choices[index])
        ]

    def _scored(self, skel: str, typed: int, limit: int) -> list[tuple[int, float]]:
        """(choice id, score) of the best fuzzy matches of a query skeleton.

        ``typed`` is how many letters the query had before skeletonising: under
        three, only word starts are matched (the user is still typing).
        """
        letters = len(skel.replace(" ", ""))
        if letters == 0:
            return []
        wanted = limit * 3 + 5
        if typed < 3:
            starts = self._prefix.get(skel.split()[-1][:2], array("i"))[:PREFIX_CAP]
            found = process.extract(
                skel, [self.choices[i] for i in starts], scorer=fuzz.WRatio, limit=wanted
            )
            return [(starts[index], score) for _c, score, index in found]
        if letters < 3:
            return []  # "zzzz zzzz" collapses to "s s": nothing to score fairly
        if self._grams is None:
            found = process.extract(
                skel, self.choices, scorer=fuzz.WRatio, limit=wanted, score_cutoff=FUZZY_CUTOFF
            )
            return [(index, score) for _c, score, index in found]
        ids = self._shortlist(skel)
        found = process.extract(
            skel,
            [self.choices[i] for i in ids],
            scorer=fuzz.WRatio,
            limit=wanted,
            score_cutoff=FUZZY_CUTOFF,
        )
        return [(ids[index], score) for _c, score, index in found]

    def _shortlist(self, skel: str) -> list[int]:
        """Choice ids sharing the most trigrams with the query (a large index only).

        Rare trigrams are counted first and common ones only while the budget
        lasts: in "International Defence Command of Farage" the trigrams of
        "Farage" pick out the few candidates, and "com" (in thousands of names)
        would only cost time.
        """
        assert self._grams is not None
        lists = sorted(
            (postings for gram in _grams(skel) if (postings := self._grams.get(gram))),
            key=len,
        )
        counts: Counter[int] = Counter()
        spent = 0
        rest = 0
        for rest, postings in enumerate(lists):  # noqa: B007 (rest is used below)
            if spent and spent + len(postings) > POSTINGS_BUDGET:
                break
            counts.update(postings)
            spent += len(postings)
        else:
            rest = len(lists)
        if len(counts) <= SHORTLIST:
            return list(counts)
        wide = heapq.nlargest(SHORTLIST * 3, counts.items(), key=itemgetter(1))
        if rest < len(lists):
            # The common trigrams still separate near-ties ("Yluia Kubilius" among
            # every Kubilius): count them for the leading candidates only, in C.
            leading = {i for i, _n in wide}
            refined = Counter(dict(wide))
            for postings in lists[rest:]:
                refined.update(leading.intersection(postings))
            wide = refined.most_common(SHORTLIST)
        return [i for i, _n in wide[:SHORTLIST]]


def search(pack: Pack, query: str, limit: int = 10) -> list[Hit]:
    """Search a pack's actors once (a caller searching again keeps an :class:`ActorIndex`)."""
    return ActorIndex.build(pack).search(query, limit)
