"""How many independent sources support a statement.

A statement one article makes is weaker than one several articles make, and a
decision maker must be able to see which is which. Two articles from the same
outlet (or two write-ups of the same wire report) are not independent, so we
count outlets as well: the outlet an article credits (``original_outlet``) when
it names one, else the outlet that published it. Grading by source reliability
can be layered on top of this without changing callers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.model.corroboration import outlet_identity
from briefing.model.pack import Pack, evidence_of
from briefing.model.types import Evidence, Fact


@dataclass(frozen=True, slots=True)
class Support:
    """The distinct sources (ids) and outlets (names) behind a statement, in first-cited order."""

    sources: tuple[str, ...]
    outlets: tuple[str, ...]

    @property
    def single(self) -> bool:
        """True when only one article supports the statement."""
        return len(self.sources) <= 1


def outlet_of(pack: Pack, source_id: str) -> str:
    """The outlet that stands behind an article: the one it credits, else its publisher."""
    return outlet_identity(pack.source(source_id))


def support_of(pack: Pack, evidence: Iterable[Evidence]) -> Support:
    """Distinct sources and outlets among ``evidence``."""
    sources = tuple(dict.fromkeys(e.source for e in evidence))
    outlets = tuple(dict.fromkeys(outlet_of(pack, s) for s in sources))
    return Support(sources, outlets)


def support(pack: Pack, fact: Fact) -> Support:
    """Distinct sources and outlets among a fact's evidence."""
    return support_of(pack, evidence_of(fact))
