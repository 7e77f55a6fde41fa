"""How many sources, and how many independent outlets, back each fact.

Two articles that both retell the same Bloomberg report are one witness, not
two: an outlet is identified by the outlet the article credits
(``original_outlet``) when there is one, else by its own ``outlet``, normalised
so that "The BBC" and "BBC (summary)" count once. A claim value is backed by
every source in the claim that gives the same value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from briefing.model.types import Claim, ClaimValue, Source

_PARENTHETICAL = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class Support:
    """The sources behind a fact and the independent outlets they come from."""

    source_ids: tuple[str, ...]
    outlet_names: tuple[str, ...]
    """Normalised outlet identities, one per independent outlet."""

    @property
    def sources(self) -> int:
        """Number of distinct sources citing the fact."""
        return len(self.source_ids)

    @property
    def outlets(self) -> int:
        """Number of independent outlets among those sources."""
        return len(self.outlet_names)

    @property
    def single_source(self) -> bool:
        """True when only one independent outlet backs the fact."""
        return self.outlets <= 1

    def shown(self) -> str:
        """ "2 sources / 1 outlet", as the reader and the note print it."""
        s = "source" if self.sources == 1 else "sources"
        o = "outlet" if self.outlets == 1 else "outlets"
        return f"{self.sources} {s} / {self.outlets} {o}"


def outlet_identity(source: Source) -> str:
    """The normalised outlet a source speaks for: its credited original, else its own."""
    return _outlet_name(source.original_outlet or source.outlet) or source.id


@lru_cache(maxsize=4096)
def _outlet_name(name: str) -> str:
    """An outlet's name folded for comparison (cached: a note asks for each source thousands of times)."""
    name = _PARENTHETICAL.sub(" ", name.casefold())
    name = _NON_WORD.sub(" ", name).strip()
    return name[4:] if name.startswith("the ") else name


def support_of_sources(source_ids: Iterable[str], sources: Mapping[str, Source]) -> Support:
    """Support from a set of source ids (unknown ids count as their own outlet)."""
    ids = tuple(dict.fromkeys(source_ids))
    outlets = tuple(dict.fromkeys(outlet_identity(sources[i]) if i in sources else i for i in ids))
    return Support(ids, outlets)


def canonical_value(value: str) -> str:
    """A claim value compared loosely: case, spacing and punctuation do not count."""
    return " ".join(_NON_WORD.sub(" ", value.casefold()).split())


def value_support(claim: Claim, value: ClaimValue, sources: Mapping[str, Source]) -> Support:
    """Every source in ``claim`` that gives the same value as ``value``."""
    wanted = canonical_value(value.value)
    ids = [v.source for v in claim.values if canonical_value(v.value) == wanted]
    ids += [
        e.source for v in claim.values if canonical_value(v.value) == wanted for e in v.evidence
    ]
    return support_of_sources(ids, sources)
