"""Locate a quote in its article: exact, then normalised, then with lost characters.

An author copies quotes from a browser or a PDF, so curly quotes become straight,
line breaks become spaces and dashes change; scraped text loses characters
("Miche?l"). Each tier is tried only when the cheaper one finds nothing, and every
offset is reported in the article's own text, so highlighting is always exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from briefing.model.text import Article, normalise, normalise_with_spans


@dataclass(frozen=True, slots=True)
class Found:
    """Where a quote was found, and how (``exact``, ``normalised``, ``lost-character``)."""

    start: int
    end: int
    match: str


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage most like a quote that was not found, for "did you mean"."""

    start: int
    end: int
    text: str
    similarity: float


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
        hits = _all_exact(text, quote)
        if hits:
            return [Found(s, s + len(quote), "exact") for s in hits]
        needle = normalise(quote)
        if not needle:
            return []
        norm, starts, ends = self._normalised
        found = [
            self._back(starts, ends, s, s + len(needle), "normalised")
            for s in _all_exact(norm, needle)
        ]
        if found or "?" not in norm:
            return found
        pattern = _lost_character_pattern(needle)
        if pattern is None:
            return []
        return [
            self._back(starts, ends, m.start(), m.end(), "lost-character")
            for m in pattern.finditer(norm)
        ]

    def _back(
        self, starts: Sequence[int], ends: Sequence[int], start: int, end: int, how: str
    ) -> Found:
        """Map a normalised [start, end) back to original offsets (whole characters)."""
        return Found(starts[start], ends[end - 1], how)

    def closest(self, quote: str) -> Closest | None:
        """The passage most similar to ``quote``, snapped to word boundaries."""
        text = self.article.text
        if not quote.strip() or not text:
            return None
        alignment = fuzz.partial_ratio_alignment(quote, text)
        if alignment is None:
            return None
        start, end = alignment.dest_start, alignment.dest_end
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        passage = text[start:end].strip()
        return Closest(start, end, passage, round(fuzz.ratio(quote, passage), 1))


def _all_exact(text: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``."""
    starts: list[int] = []
    index = text.find(needle)
    while index >= 0:
        starts.append(index)
        index = text.find(needle, index + 1)
    return starts


def _lost_character_pattern(needle: str) -> re.Pattern[str] | None:
    """A pattern in which each non-ASCII letter of the quote may appear as ``?``."""
    if needle.isascii():
        return None
    parts = [
        f"(?:{re.escape(c)}|\\?)" if not c.isascii() and c.isalpha() else re.escape(c)
        for c in needle
    ]
    return re.compile("".join(parts))
