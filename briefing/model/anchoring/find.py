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
from dataclasses import dataclass

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.anchoring.closest import closest_passage, make_unique, snap
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


def _place(source: SourceText, start: int, end: int, match: str, similarity: float) -> Place:
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
    return _place(source, passage.start, passage.end, "fuzzy", passage.similarity)


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
