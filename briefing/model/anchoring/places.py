"""Places to quote in an article: the exact hits of a fragment, else its closest passage.

Authors retyping quotes make mistakes the loader then rejects. Given what they
remember, this finds it (exactly, then fuzzily), widens it by whole words until
it occurs once in its article, and hands back the article's own characters. The
same search suggests the replacement for a quote whose article changed (the
loader's drift message). It is pure: reading the pack's articles is
:mod:`briefing.model.authoring.find`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.anchoring.closest import closest_passage, make_unique, snap
from briefing.model.text import Article

MIN_SIMILARITY = 70.0
"""Below this a fuzzy passage is more likely a coincidence than what the author meant."""
TIE = 3.0
"""Fuzzy passages within this many points of the best are all shown: the author picks."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """One article of a pack, as ``find`` needs it."""

    id: str
    file: str
    anchorer: Anchorer

    @property
    def article(self) -> Article:
        """The article text and its lines."""
        return self.anchorer.article


@dataclass(frozen=True, slots=True)
class Place:
    """A passage to quote: unique in its article (or with ``occurrence``)."""

    source: str
    file: str
    start: int
    end: int
    quote: str
    line: int
    match: str
    """``exact``, ``normalised``, ``lost-character`` or ``fuzzy``."""
    similarity: float
    occurrence: int | None = None


def place_at(source: SourceText, start: int, end: int, match: str, similarity: float) -> Place:
    text = source.article.text
    start, end = snap(text, start, end)
    start, end, occurrence = make_unique(source.anchorer, start, end)
    return Place(
        source.id,
        source.file,
        start,
        end,
        text[start:end],
        source.article.line_of(start),
        match,
        similarity,
        occurrence,
    )


def closest(source: SourceText, fragment: str) -> Place | None:
    """The passage of one article most like ``fragment`` (the one closest-passage
    algorithm, :func:`~briefing.model.anchoring.closest.closest_passage`), made unique."""
    passage = closest_passage(source.anchorer, fragment)
    if passage is None:
        return None
    return place_at(source, passage.start, passage.end, "fuzzy", passage.similarity)


def find(sources: list[SourceText], fragment: str) -> tuple[list[Place], Place | None]:
    """(places to quote, best rejected fuzzy passage): exact first, then fuzzy.

    More than one place means the fragment is ambiguous across or within
    articles; every place is then widened until unique (or given an occurrence).
    """
    places = [
        place_at(source, hit.start, hit.end, hit.match, 100.0)
        for source in sources
        for hit in source.anchorer.find_all(fragment)
    ]
    if places:
        return _dedupe(places), None
    fuzzy = [p for p in (closest(s, fragment) for s in sources) if p is not None]
    fuzzy.sort(key=lambda p: -p.similarity)
    good = [p for p in fuzzy if p.similarity >= MIN_SIMILARITY]
    if not good:
        return [], fuzzy[0] if fuzzy else None
    return [p for p in good if p.similarity >= good[0].similarity - TIE], None


def _dedupe(places: list[Place]) -> list[Place]:
    seen: dict[tuple[str, int, int], Place] = {}
    for place in places:
        seen.setdefault((place.source, place.start, place.end), place)
    return list(seen.values())
