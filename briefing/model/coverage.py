"""How much of each article the pack covers, and which actor mentions it misses.

An author's question after curating is "did I miss anything?". We answer it per
source: the article's sentences (boilerplate excluded), how many are cited by a
fact, how many are deliberately left out with a reason, and the remaining ones
that name a known actor: those are the likely gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.model.pack import Pack
from briefing.model.text import normalise
from briefing.model.types import Source


@dataclass(frozen=True, slots=True)
class Gap:
    """A sentence that names an actor but is neither cited nor explained."""

    start: int
    end: int
    sentence: str
    actors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceCoverage:
    """Coverage figures for one source."""

    source: Source
    sentences: int
    cited: int
    explained: int
    gaps: tuple[Gap, ...]

    @property
    def ratio(self) -> float:
        """Share of article sentences that are cited (0 when the article is empty)."""
        return self.cited / self.sentences if self.sentences else 0.0


def _mention_patterns(pack: Pack) -> list[tuple[str, re.Pattern[str]]]:
    """One case-insensitive, word-bounded pattern per actor over its name and aliases.

    Matching runs on normalised text (straight quotes, single spaces), and a "?"
    in an alias (a lost character) matches any one character.
    """
    patterns = []
    for actor in pack.actors:
        names = sorted(
            {normalise(n) for n in (actor.name, *actor.aliases) if n.strip()}, key=len, reverse=True
        )
        alternatives = "|".join(re.escape(n).replace(r"\?", ".") for n in names)
        patterns.append((actor.id, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)))
    return patterns


def coverage(pack: Pack) -> list[SourceCoverage]:
    """Per-source coverage, in pack order."""
    patterns = _mention_patterns(pack)
    report = []
    for source in pack.sources:
        cited_spans = [
            (s.evidence.sentence_start, s.evidence.sentence_end) for s in pack.spans(source.id)
        ]
        reasoned = [(u.evidence.sentence_start, u.evidence.sentence_end) for u in source.uncited]
        total = cited = explained = 0
        gaps = []
        for start, end in source.article.sentences:
            if source.is_boilerplate(start):
                continue
            total += 1
            if any(a < end and b > start for a, b in cited_spans):
                cited += 1
                continue
            if any(a < end and b > start for a, b in reasoned):
                explained += 1
                continue
            sentence = source.text[start:end]
            folded = normalise(sentence)
            named = tuple(actor_id for actor_id, p in patterns if p.search(folded))
            if named:
                gaps.append(Gap(start, end, sentence, named))
        report.append(SourceCoverage(source, total, cited, explained, tuple(gaps)))
    return report
