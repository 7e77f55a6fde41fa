"""Which actors a sentence names, asked once per sentence instead of once per actor.

:class:`~briefing.model.names.actor_mentions.NamedIn` answers "does this
sentence name this actor?" with the actor's regexes and a fuzzy pass. A check
that asks it for every actor that could speak for a participant (a country and
every person affiliated to it) asks O(actors) questions a sentence, so a pack's
check grew with the square of its size (78 s at 1,000 articles). This index
narrows the question to the few actors a sentence *could* name, then asks
``NamedIn`` about those only, so the answer is the same by construction:

- **exact forms**: a name form's regex can only match where the form's first
  run of letters stands as a whole word (its letters may be a lost-letter
  ``?`` in the text, or in the name); forms are looked up by that word;
- **garbled forms**: ``fuzz.ratio >= threshold`` bounds the Indel distance
  ``d <= (1 - threshold/100) * (len_a + len_b)``; two strings within Levenshtein
  (hence Indel) distance ``d`` share at least ``max(len) - 1 - 2d`` character
  pairs (the q-gram lemma, q = 2), so a skeleton close to a run of words shares
  one of that run's rarest ``pairs - needed + 1`` pairs (prefix filtering).
  Runs too short for the bound to say anything are compared with every
  skeleton of that many words and a plausible length.

Sentences or names with a ``?`` (a lost letter) or a character the ASCII rules
do not cover are not narrowed: their actors are always asked (``always``), and a
sentence with a ``?`` asks every actor (:meth:`NameIndex.named` returns None and
the caller asks its own few candidates directly, as before).

Cost: building is linear in the actors' name forms; a sentence costs its runs
of words times the postings of their rarest pairs, plus ``NamedIn`` for each
candidate, independent of the number of actors named elsewhere in the pack.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz

from briefing.model.names.actor_mentions import FUZZY_THRESHOLD, NamedIn, finders
from briefing.model.names.folding import WILDCARD
from briefing.model.types import Actor

_TOKEN = re.compile(r"[^\W_]+")
_SIMPLE_KEY = re.compile(r"[a-z0-9]+")


def _pairs(text: str) -> list[tuple[str, int]]:
    """The string's character pairs, the k-th repeat of a pair numbered k (a multiset)."""
    seen: Counter[str] = Counter()
    out = []
    for i in range(len(text) - 1):
        pair = text[i : i + 2]
        out.append((pair, seen[pair]))
        seen[pair] += 1
    return out


def needed_pairs(window: int, skel: int, threshold: float) -> int:
    """Pairs two strings of these lengths share at least, when their ratio meets ``threshold``.

    Below 1 the lengths say nothing; None when the lengths alone rule the ratio out.
    """
    distance = math.floor((100.0 - threshold) / 100.0 * (window + skel) + 0.01)
    if abs(window - skel) > distance:
        return -(10**9)  # Indel distance is at least the difference in length
    return max(window, skel) - 1 - 2 * distance


def _lengths(window: int, threshold: float) -> range:
    """Skeleton lengths worth testing against a run of ``window`` characters (a superset)."""
    share = (100.0 - threshold) / 100.0
    low = math.floor(window * (1 - share) / (1 + share)) - 1
    high = math.ceil(window * (1 + share) / (1 - share)) + 1
    return range(max(low, 1), high + 1)


class NameIndex:
    """The pack's distinct name forms by a word each must contain and by their skeletons' pairs.

    A form is asked once per sentence however many actors share it (every
    person with the surname "Kovac" has the form "Kovac"); what a sentence
    names is the union of the owners of its matching forms.
    """

    def __init__(self, actors: Iterable[Actor], threshold: float = FUZZY_THRESHOLD) -> None:
        self.threshold = threshold
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.speaks: dict[str, set[str]] = {}
        """Form (pattern source or skeleton) -> ids of its owners and of what they are affiliated to."""
        self.by_key: dict[str, list[str]] = {}
        self.always: list[str] = []
        self.skeletons: dict[int, list[str]] = {}
        """Words -> distinct skeletons of that many words."""
        self.by_length: dict[tuple[int, int], list[int]] = {}
        self.postings: dict[tuple[int, int], dict[tuple[str, int], list[int]]] = {}
        self._runs: dict[tuple[int, str], tuple[str, ...]] = {}
        for actor in actors:
            self._add(actor)

    def _add(self, actor: Actor) -> None:
        owner = {actor.id, actor.affiliation} if actor.affiliation else {actor.id}
        patterns, skeletons = finders(actor.name, actor.aliases, actor.kind)
        for pattern in patterns:
            form = "re:" + pattern.pattern
            if form not in self.speaks:
                self.speaks[form] = set()
                self.patterns[form] = pattern
                key = pattern_key(pattern.pattern)
                (self.always if key is None else self.by_key.setdefault(key, [])).append(form)
            self.speaks[form] |= owner
        for skel in skeletons:
            form = "sk:" + skel
            if form not in self.speaks:
                self.speaks[form] = set()
                size = len(skel.split())
                entries = self.skeletons.setdefault(size, [])
                index = len(entries)
                entries.append(skel)
                self.by_length.setdefault((size, len(skel)), []).append(index)
                postings = self.postings.setdefault((size, len(skel)), {})
                for token in _pairs(skel):
                    postings.setdefault(token, []).append(index)
            self.speaks[form] |= owner

    def named(self, view: NamedIn) -> frozenset[str] | None:
        """Ids of the actors ``view`` names and of what they are affiliated to.

        None when the sentence is not narrowed (a ``?`` or a character outside
        ASCII after folding): the caller asks its actors one by one.
        """
        text = view.folded
        if WILDCARD in text or not text.isascii() or view.threshold != self.threshold:
            return None
        found: set[str] = set()
        forms = list(self.always)
        for token in set(_TOKEN.findall(text.lower())):
            forms.extend(self.by_key.get(token, ()))
        for form in dict.fromkeys(forms):
            if self.patterns[form].search(text):
                found |= self.speaks[form]
        for size in self.skeletons:
            for window in set(view.windows(size)):
                for form in self._matching(size, window):
                    found |= self.speaks[form]
        return frozenset(found)

    def _matching(self, size: int, window: str) -> tuple[str, ...]:
        """The skeleton forms within the threshold of ``window`` (asked once per distinct run).

        ``NamedIn`` asks ``extractOne(skeleton, windows, score_cutoff)``: true
        when some run of the sentence scores at least the threshold with the
        skeleton. The same question per run, cached: runs of words repeat from
        sentence to sentence ("officials said"), so most cost one dict lookup.
        """
        key = (size, window)
        found = self._runs.get(key)
        if found is None:
            entries = self.skeletons[size]
            found = tuple(
                "sk:" + entries[i]
                for i in sorted(self._close(size, window))
                if fuzz.ratio(entries[i], window, score_cutoff=self.threshold)
            )
            self._runs[key] = found
        return found

    def _close(self, size: int, window: str) -> set[int]:
        """Skeletons of ``size`` words that may be within the threshold of ``window``."""
        close: set[int] = set()
        pairs: list[tuple[str, int]] | None = None
        for length in _lengths(len(window), self.threshold):
            members = self.by_length.get((size, length))
            if not members:
                continue
            needed = needed_pairs(len(window), length, self.threshold)
            if needed == -(10**9):
                continue
            if needed <= 0:
                close.update(members)
                continue
            postings = self.postings[(size, length)]
            if pairs is None:
                pairs = _pairs(window)
            tokens = sorted(pairs, key=lambda t: len(postings.get(t, ())))
            for token in tokens[: max(len(tokens) - needed + 1, 0)]:
                close.update(postings.get(token, ()))
        return close


def pattern_key(pattern: str) -> str | None:
    """A whole word every match of a name regex contains, or None when it has no fixed one.

    Reads the regex :func:`~briefing.model.names.actor_mentions.name_pattern`
    writes: a lookbehind, words joined by ``\\s+``, and per character a ``[c?]``
    class (a letter, or the text's lost letter: sentences with a ``?`` are not
    narrowed), ``[^\\W_?]`` (the name's lost letter: no fixed word) or an
    escaped literal (digits, punctuation). A word's fixed part is its leading
    run of letters and digits, which stands in the text as a whole word (the
    regex requires a non-letter either side). The longest such run is the key:
    a surname is rarer than a first name.
    """
    body = pattern.removeprefix(r"(?<![^\W_])").removesuffix(r"(?![^\W_])")
    keys = [k for word in body.split(r"\s+") if (k := _word_key(word)) is not None]
    return max(keys, key=len) if keys else None


def _word_key(word: str) -> str | None:
    key = []
    for m in _ELEMENT.finditer(word):
        if m.group(1) is not None:
            key.append(m.group(1).lower())
        elif m.group(2) is not None:
            return None  # the name's lost letter: any letter there
        else:
            written = m.group(3)
            if len(written) == 2 or not written.isalnum():
                break  # punctuation: the run ends
            key.append(written)
    found = "".join(key)
    return found if _SIMPLE_KEY.fullmatch(found) else None


_ELEMENT = re.compile(r"\[(.)\?\]|(\[\^\\W_\?\])|(\\.|.)", re.DOTALL)
