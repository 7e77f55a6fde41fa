"""Locate a quote in its article: exact, then normalised, then with lost characters.

An author copies quotes from a browser or a PDF, so curly quotes become straight,
line breaks become spaces and dashes change; scraped text loses characters
("Miche?l"). Each tier is tried only when the cheaper one finds nothing, and every
offset is reported in the article's own text, so highlighting is always exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from briefing.model.normalise import normalise, normalise_with_spans
from briefing.model.text import Article


@dataclass(frozen=True, slots=True)
class Found:
    """Where a quote was found, and how (``exact``, ``normalised``, ``lost-character``)."""

    start: int
    end: int
    match: str


class Anchorer:
    """Finds quotes in one article, building the normalised view at most once."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self._prepared: dict[str, list[Found]] = {}
        """Quotes located by :meth:`prepare` that needed the normalised view."""

    def prepare(self, quotes: Iterable[str]) -> None:
        """Locate now every quote that needs the normalised view, then drop the view.

        The view (the normalised text and two offset arrays, ~8 bytes a character)
        is needed only for quotes without an exact match; a loader that meets an
        article's quotes spread over the whole pack would keep every article's view
        until the end. Preparing one article's quotes at a time keeps one view;
        :meth:`find_all` then answers those quotes from what was found here (the
        same answer: it depends only on the article and the quote). A quote not
        prepared is located as usual, rebuilding the view if needed.
        """
        text = self.article.text
        for quote in quotes:
            if quote not in self._prepared and text.find(quote) < 0:
                self._prepared[quote] = self._find_all(quote)
        self.__dict__.pop("_normalised", None)

    @cached_property
    def _normalised(self) -> tuple[str, Sequence[int], Sequence[int]]:
        return normalise_with_spans(self.article.text)

    def find_all(self, quote: str) -> list[Found]:
        """Every occurrence of ``quote`` in the cheapest tier that has any."""
        prepared = self._prepared.get(quote)
        if prepared is not None:
            return list(prepared)
        return self._find_all(quote)

    def _find_all(self, quote: str) -> list[Found]:
        text = self.article.text
        hits = occurrences(text, quote)
        if hits:
            return [Found(s, s + len(quote), "exact") for s in hits]
        needle = normalise(quote)
        if not needle:
            return []
        norm, starts, ends = self._normalised
        found = [
            self._back(starts, ends, s, s + len(needle), "normalised")
            for s in occurrences(norm, needle)
        ]
        if found or "?" not in norm or needle.isascii():
            return found  # (a lost character is a non-ASCII letter of the quote)
        return [
            self._back(starts, ends, s, s + len(needle), "lost-character")
            for s in _lost_character_matches(norm, needle, self._lost_key)
        ]

    @cached_property
    def _lost_key(self) -> str:
        """The normalised text with every non-ASCII letter written ``?`` (see
        :func:`_lost_character_matches`); built once per article, on first need."""
        return _lost_key(self._normalised[0])

    def _back(
        self, starts: Sequence[int], ends: Sequence[int], start: int, end: int, how: str
    ) -> Found:
        """Map a normalised [start, end) back to original offsets (whole characters)."""
        return Found(starts[start], ends[end - 1], how)

    @cached_property
    def folded(self) -> str:
        """The article in lower case, offset for offset, for the closest-passage search
        (the article itself when lower-casing would change its length, as "İ" does)."""
        text = self.article.text
        lowered = text.lower()
        return lowered if len(lowered) == len(text) else text


LOST_CHARACTER_WORK = 4_000_000
"""Characters the lost-character tier verifies at most for one quote (see below)."""


def occurrences(text: str, needle: str, limit: int | None = None) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``, in O(n + m).

    Calling ``find`` again from each hit plus one re-reads the needle at every hit:
    "a" * 10,000 in "a" * 1,000,000 would compare 10^10 characters. Instead, with p the
    needle's smallest period, the hit p further on needs only the next p characters
    compared, and when that chain breaks no hit can start within m - p of the last one
    (two hits closer than that would make a shorter period), so ``find`` resumes there.
    With ``limit``, the first ``limit`` occurrences only.

    Most quotes occur once: one more ``find`` from the first hit plus one (linear,
    in C) says so before the period is computed, a Python loop over the needle that
    was ~15% of anchoring a 1,000-article pack when it ran for every quote.
    """
    size = len(needle)
    if size == 0:
        return []
    found: list[int] = []
    index = text.find(needle)
    if index < 0:
        return found
    if limit == 1 or text.find(needle, index + 1) < 0:
        return [index]
    period = smallest_period(needle)
    most = len(text) + 1 if limit is None else limit
    while index >= 0 and len(found) < most:
        # Every hit p apart up to where the text stops repeating with period p.
        last = (
            index
            + (periodic_until(text, index, index + size, period) - index - size) // period * period
        )
        found.extend(range(index, min(last, index + (most - len(found) - 1) * period) + 1, period))
        index = text.find(needle, found[-1] + size - period + 1)
    return found


def periodic_until(text: str, start: int, stop: int, period: int) -> int:
    """The largest end e >= ``stop`` such that text[start:e] repeats with ``period``
    (text[j] == text[j - period]), given that text[start:stop] does.

    Galloping: blocks of doubling length are compared with the block ``period``
    before them, then halving ones find the exact end; O(e - start) characters
    compared in C and O(log) slices, so a hit chain of 500,000 ("a " in "a a a …")
    costs one pass, not one Python step a hit.
    """
    step = 1  # doubled, then halved: powers of two add up to any length
    end = stop
    while end < len(text) and text.startswith(text[end - period : end - period + step], end):
        end += step
        step *= 2
    while step > 1:
        step //= 2
        if end < len(text) and text.startswith(text[end - period : end - period + step], end):
            end += step
    return min(end, len(text))


def smallest_period(text: str) -> int:
    """The smallest p > 0 with text[i] == text[i + p] for all i (Knuth-Morris-Pratt, O(m))."""
    border = [0] * len(text)
    k = 0
    for i in range(1, len(text)):
        while k and text[i] != text[k]:
            k = border[k - 1]
        if text[i] == text[k]:
            k += 1
        border[i] = k
    return len(text) - (border[-1] if text else 0)


def _lost_key(text: str) -> str:
    """``text`` with each non-ASCII letter (one a scraper may have lost) written ``?``.

    O(n + d) for d distinct characters: each is tested once and the text translated
    in C (one Python step a character took ~0.2 s a megabyte of Cyrillic).
    """
    if text.isascii():
        return text
    return text.translate({ord(c): "?" for c in set(text) if not c.isascii() and c.isalpha()})


def _lost_character_matches(norm: str, needle: str, key: str) -> list[int]:
    """Non-overlapping starts where ``needle`` occurs in ``norm`` with any of its non-ASCII
    letters written ``?`` ("Miche?l" for "Micheál").

    A match agrees with the needle everywhere once both have their non-ASCII letters
    written ``?``, so the candidates are the occurrences of one key in the other (found
    in linear time) and each is checked character by character. On text made to defeat
    this ("éééé…" with ``?`` in it) the candidates can be many: at most
    :data:`LOST_CHARACTER_WORK` characters are checked, after which the quote counts as
    not found (and gets its "did you mean").
    """
    if needle.isascii():
        return []
    budget = LOST_CHARACTER_WORK
    size = len(needle)
    # The needle's non-ASCII letters may be "?" in the text; its own "?" must be "?".
    lost = [j for j, c in enumerate(needle) if c == "?" or (not c.isascii() and c.isalpha())]
    found: list[int] = []
    for start in occurrences(key, _lost_key(needle), budget // (len(lost) + 1) + 1):
        if found and start < found[-1] + size:
            continue
        budget -= len(lost) + 1
        if budget < 0:
            break
        if all(norm[start + j] in ("?", needle[j]) for j in lost):
            found.append(start)
    return found
