"""Find a half-remembered fragment in a pack's articles and make it a quote.

Authors retyping quotes make mistakes the loader then rejects; ``briefing find``
locates what they remember (exactly, then fuzzily), widens it by whole words
until it occurs once in its article, and hands back the article's own characters
to paste. The same search suggests the replacement for a quote whose article
changed (:mod:`briefing.model.anchoring.drift`). It reads only the ``sources`` section, so
it works on a pack that does not validate yet, which is when authors need it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.diagnostics import Diagnostic, DiagnosticList
from briefing.model.io.files import (
    Budget,
    Refused,
    article_text,
    read_article,
    read_yaml_file,
    yaml_files,
)
from briefing.model.io.paths import display, resolve_pack_root
from briefing.model.io.yaml_read import YMap, YScalar, YSeq, read_yaml
from briefing.model.io.yaml_write import quoted, scalar
from briefing.model.text import Article

MIN_SIMILARITY = 70.0
"""Below this a fuzzy passage is more likely a coincidence than what the author meant."""
TIE = 3.0
"""Fuzzy passages within this many points of the best are all shown: the author picks."""

_RIGHT = re.compile(r"[ \t]*[^\s]+")
_LEFT = re.compile(r"[^\s]+[ \t]*$")


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

    def evidence_yaml(self) -> str:
        """A ready-to-paste evidence item: ``- {source: x, quote: "..."}``."""
        extra = f", occurrence: {self.occurrence}" if self.occurrence else ""
        return f"- {{source: {scalar(self.source)}, quote: {quoted(self.quote)}{extra}}}"


def read_sources(
    pack: str | os.PathLike[str] | None,
) -> tuple[list[SourceText], DiagnosticList]:
    """Every readable source of a pack, even one whose facts do not validate.

    Files are read as the loader reads them (:mod:`briefing.model.io.files`), so
    a FIFO, a device, a symlink loop or a file out of the pack gets the same
    one-line diagnostic as ``briefing validate`` gives, never a hang.
    Raises FileNotFoundError (one line) when PACK names no pack.
    """
    root, data_dir = resolve_pack_root(pack)
    sources: list[SourceText] = []
    problems = DiagnosticList()
    budget = Budget()
    try:
        files = yaml_files(root, data_dir)
    except Refused as exc:
        problems.append(Diagnostic(display(data_dir), 1, 1, exc.message))
        files = []
    for yaml_path in files:
        shown = display(yaml_path)
        try:
            data = read_yaml_file(root, yaml_path, budget)
        except Refused as exc:
            problems.append(Diagnostic(shown, 1, 1, exc.message))
            continue
        tree, _ = read_yaml(data, shown)
        section = tree.items.get("sources") if isinstance(tree, YMap) else None
        if section is None or not isinstance(section[1], YSeq):
            continue
        for item in section[1].items:
            if not isinstance(item, YMap):
                continue
            ident, file = (item.items.get(k, (None, None))[1] for k in ("id", "file"))
            if not isinstance(ident, YScalar) or not isinstance(file, YScalar):
                continue
            try:
                article = read_article(root, file.value, budget)
            except Refused as exc:
                problems.append(Diagnostic(shown, file.line, file.col, exc.message, hint=exc.hint))
                continue
            text, problem = article_text(article, display(root / file.value))
            if problem is not None:
                problems.append(problem)
            if text is not None:
                sources.append(
                    SourceText(ident.value, file.value, Anchorer(Article.from_text(text)))
                )
    return sources, problems


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and trim white space at both ends."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _count(anchorer: Anchorer, quote: str) -> list[int]:
    return [f.start for f in anchorer.find_all(quote)]


def make_unique(anchorer: Anchorer, start: int, end: int) -> tuple[int, int, int | None]:
    """Widen [start, end) by whole words, rightwards then leftwards within its line,
    until the passage occurs once in the article; else (start, end, occurrence)."""
    text = anchorer.article.text
    while True:
        starts = _count(anchorer, text[start:end])
        if len(starts) <= 1:
            return start, end, None
        right = _RIGHT.match(text, end)
        if right is not None:
            end = right.end()
            continue
        line_start = text.rfind("\n", 0, start) + 1
        left = _LEFT.search(text, line_start, start)
        if left is not None:
            start = left.start()
            continue
        return start, end, starts.index(start) + 1 if start in starts else None


def _place(source: SourceText, start: int, end: int, match: str, similarity: float) -> Place:
    text = source.article.text
    start, end = _snap(text, start, end)
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
    """The passage of one article most like ``fragment`` (case ignored), kept to one line."""
    text = source.article.text
    if not fragment.strip() or not text.strip():
        return None
    lowered = text.lower()
    haystack = lowered if len(lowered) == len(text) else text
    alignment = fuzz.partial_ratio_alignment(fragment.lower(), haystack)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    start, end = alignment.dest_start, alignment.dest_end
    # A passage across a paragraph break is kept to the line holding most of it.
    middle = (start + end) // 2
    line_start = text.rfind("\n", 0, middle) + 1
    line_end = text.find("\n", middle)
    start, end = max(start, line_start), min(end, len(text) if line_end < 0 else line_end)
    start, end = _snap(text, start, end)
    if end <= start:
        return None
    start, end = _best_bounds(text, fragment, start, end, line_start, line_end)
    similarity = round(fuzz.ratio(fragment.lower(), text[start:end].lower()), 1)
    return _place(source, start, end, "fuzzy", similarity)


def _best_bounds(
    text: str, fragment: str, start: int, end: int, line_start: int, line_end: int
) -> tuple[int, int]:
    """Move each end by whole words to the passage most like ``fragment``.

    The alignment has the fragment's length, so a quote that grew ("two
    coastal patrol vessels" for "two patrol vessels") would lose its last word.
    """
    reach = max(12, len(fragment) // 2)
    limit = len(text) if line_end < 0 else line_end
    starts = [
        m.start()
        for m in re.finditer(r"(?<!\S)\S", text[:limit])
        if max(line_start, start - reach) <= m.start() <= start + reach
    ]
    ends = [
        m.end()
        for m in re.finditer(r"\S(?!\S)", text[:limit])
        if end - reach <= m.end() <= min(limit, end + reach)
    ]
    wanted = fragment.lower()
    best = (fuzz.ratio(wanted, text[start:end].lower()), start, end)
    for s in starts:
        for e in ends:
            if e > s:
                score = fuzz.ratio(wanted, text[s:e].lower())
                if score > best[0]:
                    best = (score, s, e)
    return _snap(text, best[1], best[2])


def find(sources: list[SourceText], fragment: str) -> tuple[list[Place], Place | None]:
    """(places to quote, best rejected fuzzy passage): exact first, then fuzzy.

    More than one place means the fragment is ambiguous across or within
    articles; every place is then widened until unique (or given an occurrence).
    """
    places = [
        _place(source, hit.start, hit.end, hit.match, 100.0)
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
