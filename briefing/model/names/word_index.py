"""Which articles can hold a name: the pack's words, each with the articles holding it.

A mentions search (:func:`briefing.model.names.actor_mentions.mentions`) reads
every article: it folds the text, runs every name regex and compares each name's
skeleton with every run of words. That is linear in the pack per actor, about
3 s of CPU at 5,000 articles, and the reader's background search of it competed
with the keys. Most articles cannot name a given actor, and which ones can is
decided by their words alone, so the pack's words are indexed once:

- **words**: the distinct runs of non-space characters of each folded article
  (case kept: acronyms are matched with their case), for the exact forms;
- **skeletons**: the distinct skeletons of the words the fuzzy search compares
  (:data:`WORD`, casefolded), for garbled spellings.

Each vocabulary is one ``"\\n"``-joined string with the articles holding each
entry in one flat machine array: about 2.4 million (word, article) pairs at
5,000 synthetic articles cost ~10 MiB, where Python sets of ints would cost ten
times that. Building it folds every article once (the cost of one search).

The search then asks for the candidate articles (:meth:`WordIndex.exact` and
:meth:`WordIndex.fuzzy`) and runs the unchanged per-article algorithm on those
only; the answers are a superset of the articles with a match, never fewer (the
full scan stays the oracle in the tests). Worst case per question: one regex
pass over the vocabulary per name word, one rapidfuzz pass over the skeleton
vocabulary per fuzzy name word, and sets of article numbers as large as the pack.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, LCSseq

from briefing.model.names.folding import fold_keep_case, skeleton
from briefing.model.once import Stop, check, never

WORD = re.compile(r"[^\W_]+(?:\?[^\W_]+)*")
"""A word as the fuzzy search counts them in a folded article (a lost letter ``?`` inside)."""


class Vocabulary:
    """Distinct strings, and for each the sorted numbers of the articles holding it."""

    def __init__(self, entries: dict[str, array[int]], typecode: str) -> None:
        self.text = "\n".join(entries) + "\n"
        """Every entry followed by a newline (no entry holds one): one regex pass finds them."""
        self.starts: array[int] = array("I")
        self.offsets: array[int] = array("I", [0])
        self.articles: array[int] = array(typecode)
        position = 0
        for entry, holders in entries.items():
            self.starts.append(position)
            position += len(entry) + 1
            self.articles.extend(holders)
            self.offsets.append(len(self.articles))

    def __len__(self) -> int:
        return len(self.starts)

    def entries(self) -> list[str]:
        """The entries in their numbering (made on asking: they are not kept as objects)."""
        return self.text[:-1].split("\n") if self.starts else []

    def matching(self, pattern: re.Pattern[str]) -> set[int]:
        """Numbers of the entries in which ``pattern`` finds a match (it cannot match a newline)."""
        return {bisect_right(self.starts, m.start()) - 1 for m in pattern.finditer(self.text)}

    def holders(self, numbers: Iterable[int]) -> set[int]:
        """The articles holding any of the entries ``numbers``."""
        found: set[int] = set()
        for number in numbers:
            found.update(self.articles[self.offsets[number] : self.offsets[number + 1]])
        return found

    def nbytes(self) -> int:
        """Bytes of storage (the string counted at one byte a character, as ASCII is kept)."""
        arrays = (self.starts, self.offsets, self.articles)
        return len(self.text) + sum(a.itemsize * len(a) for a in arrays)


def max_indel(name_length: int, threshold: float) -> int:
    """The most insertions and deletions a run of words may differ from a name by and score ``threshold``.

    ``fuzz.ratio`` is ``100 * (1 - d / (n + m))`` for an indel distance ``d``
    between lengths ``n`` (the name) and ``m``; ``m <= n + d``, so a score of at
    least ``t`` needs ``d <= 2n(100 - t) / t``. A millionth is added so a bound
    that is a whole number in exact arithmetic is not lost to rounding.
    """
    return math.floor(2 * name_length * (100 - threshold) / threshold + 1e-6)


class WordIndex:
    """The words and word skeletons of a pack's articles (numbered in pack order)."""

    def __init__(self, words: Vocabulary, skeletons: Vocabulary, articles: int) -> None:
        self.words = words
        self.skeletons = skeletons
        self.count = articles

    @classmethod
    def build(cls, texts: Sequence[str], stop: Stop = never) -> WordIndex:
        """Index ``texts`` (the articles, in pack order); ``stop`` is asked before each one."""
        typecode = "H" if len(texts) <= 1 << 16 else "I"
        words: dict[str, array[int]] = {}
        skeletons: dict[str, array[int]] = {}
        skeletons_of: dict[str, tuple[str, ...]] = {}
        for number, text in enumerate(texts):
            check(stop)
            held: set[str] = set()
            for word in set(fold_keep_case(text).split()):
                words.setdefault(word, array(typecode)).append(number)
                found = skeletons_of.get(word)
                if found is None:
                    found = tuple(skeleton(w.casefold()) for w in WORD.findall(word))
                    skeletons_of[word] = found
                held.update(found)
            for skel in held:
                skeletons.setdefault(skel, array(typecode)).append(number)
        return cls(Vocabulary(words, typecode), Vocabulary(skeletons, typecode), len(texts))

    def nbytes(self) -> int:
        """Bytes of the index's storage."""
        return self.words.nbytes() + self.skeletons.nbytes()

    def exact(self, word_patterns: Sequence[re.Pattern[str]]) -> set[int]:
        """Articles that may hold an exact form whose words the patterns find, one pattern a word.

        A form's match lies word by word inside whitespace-separated words of
        the folded article, each word's pattern (with its own word-boundary
        guards) matching there, so an article lacking any one word is not a
        candidate.
        """
        found: set[int] | None = None
        for pattern in word_patterns:
            holders = self.words.holders(self.words.matching(pattern))
            found = holders if found is None else found & holders
            if not found:
                return set()
        return found if found is not None else set()

    def fuzzy(self, name: str, threshold: float) -> set[int]:
        """Articles that may hold a run of words whose skeleton scores ``threshold`` against ``name``.

        ``name`` is a name's skeleton (words separated by single spaces); a
        window is as many consecutive word skeletons, joined by spaces. For one
        word the window is a vocabulary entry, so the answer is exact. For ``k``
        words, with ``D`` = :func:`max_indel` and an optimal alignment of name
        and window leaving ``s`` spaces unmatched (then ``s`` on each side):

        - ``s = 0``: the spaces pair up in order, so each name word is aligned
          with the window word at its place, within ``D`` edits of it: the
          article holds, for every name word, a skeleton within ``D`` of it;
        - ``s >= 1`` (possible only when ``D >= 2``: words run together or split,
          "keirst armer"): the letters alone align within ``D - 2`` edits, each
          window word with its own stretch of the name's letters
          (:meth:`_run_together`).
        """
        if threshold <= 0:
            return set(range(self.count))
        entries = self.skeletons.entries()
        parts = name.split()
        if len(parts) == 1:
            hits = process.extract(
                name, entries, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            )
            return self.skeletons.holders(number for _entry, _score, number in hits)
        budget = max_indel(len(name), threshold)
        found: set[int] | None = None
        for part in sorted(parts, key=len, reverse=True):
            near = process.extract(
                part, entries, scorer=Indel.distance, score_cutoff=budget, limit=None
            )
            holders = self.skeletons.holders(number for _entry, _cost, number in near)
            found = holders if found is None else found & holders
            if not found:
                break
        together = found or set()
        if budget >= 2:
            together |= self._run_together(name.replace(" ", ""), len(parts), budget - 2)
        return together

    def _run_together(self, letters: str, size: int, rest: int) -> set[int]:
        """Articles that may hold ``size`` words aligning with ``letters`` within ``rest`` edits.

        The words cut the letters into consecutive pieces, each word within its
        piece's edits, the edits summing to at most ``rest``. So the article
        holds a first word near a prefix and a last word near the suffix after
        it (for two words, the very suffix after that prefix), and a longest
        word within ``rest`` of a substring, at least ``ceil((letters - rest) /
        size)`` long. Each part is a vocabulary pass; pieces are at most
        ``len(letters) + 1`` prefixes and as many suffixes.
        """
        entries = self.skeletons.entries()
        longest = math.ceil((len(letters) - rest) / size)
        hits = process.extract(
            letters,
            entries,
            scorer=LCSseq.similarity,
            score_cutoff=max(longest - rest, 0),
            limit=None,
        )
        anywhere = self.skeletons.holders(
            number
            for entry, common, number in hits
            if len(entry) >= longest
            and len(entry) - common <= rest
            and substring_indel(entry, letters) <= rest
        )
        if not anywhere:
            return set()
        ends = range(len(letters) + 1)
        firsts = [self._near(letters[:end], entries, rest) for end in ends]
        lasts = [self._near(letters[end:], entries, rest) for end in ends]
        found: set[int] = set()
        for spent in range(rest + 1):
            before: set[int] = set()
            for end in ends:
                first = firsts[end].get(spent, set())
                before = first if size == 2 else before | first
                if before:
                    found |= before & lasts[end].get(rest - spent, set())
        return found & anywhere

    def _near(self, piece: str, entries: list[str], rest: int) -> dict[int, set[int]]:
        """For each cost up to ``rest``: the articles holding a skeleton within it of ``piece``."""
        hits = process.extract(piece, entries, scorer=Indel.distance, score_cutoff=rest, limit=None)
        by_cost: dict[int, set[int]] = {}
        for cost in range(rest + 1):
            by_cost[cost] = self.skeletons.holders(n for _e, c, n in hits if c <= cost)
        return by_cost


def substring_indel(word: str, text: str) -> int:
    """The fewest insertions and deletions turning ``word`` into some substring of ``text``.

    Dynamic programming with a free start and end in ``text``: O(len(word) *
    len(text)) steps in Python, asked only for the few vocabulary entries the
    LCS bound let through, each a word against a name's letters.
    """
    previous = [0] * (len(text) + 1)
    for row, char in enumerate(word, 1):
        current = [row] + [0] * len(text)
        for column, other in enumerate(text, 1):
            best = min(previous[column], current[column - 1]) + 1
            if char == other and previous[column - 1] < best:
                best = previous[column - 1]
            current[column] = best
        previous = current
    return min(previous)
