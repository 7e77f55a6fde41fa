"""How much of each article the pack covers, and which actor mentions it misses.

An author's question after curating is "did I miss anything?". We answer it per
source: the article's sentences (boilerplate excluded), how many are cited by a
fact, how many are deliberately left out with a reason, and the remaining ones
that name a known actor: those are the likely gaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model.names.actor_mentions import mentions
from briefing.model.names.search import ActorIndex
from briefing.model.names.word_index import WordIndex
from briefing.model.pack import Pack
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


def coverage(pack: Pack) -> list[SourceCoverage]:
    """Per-source coverage, in pack order."""
    # Who is named in which sentence: the same matching as `briefing mentions`
    # (aliases, synonyms, lost characters, garbled spellings), so the two agree.
    named_in: dict[tuple[str, int], list[str]] = {}
    index = ActorIndex.build(pack)
    words = WordIndex.build([source.text for source in pack.sources])  # read each article once
    for actor in pack.actors:
        for mention in mentions(pack, actor.id, index, words=words):
            actors = named_in.setdefault((mention.source_id, mention.sentence_start), [])
            if actor.id not in actors:
                actors.append(actor.id)
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
            named = named_in.get((source.id, start))
            if named:
                gaps.append(Gap(start, end, source.text[start:end], tuple(named)))
        report.append(SourceCoverage(source, total, cited, explained, tuple(gaps)))
    return report
