"""Admiralty (NATO) grading: how reliable each source is, how credible each fact is.

Analysts grade separately the *source* (A-F: its track record) and the
*information* (1-6: is it confirmed?), so a usually-reliable outlet can still
carry an unconfirmed rumour. The author sets a source's grade (default F,
"cannot be judged") and may set a fact's credibility; otherwise credibility is
computed from corroboration with the rules in :func:`computed_credibility`
(documented in docs/analysis.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.model.analysis.corroboration import Support
from briefing.model.types import GRADES, Source

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}
RELIABLE = frozenset("ABC")


@dataclass(frozen=True, slots=True)
class Grade:
    """A fact's Admiralty rating, where it came from, and its caveats."""

    reliability: str
    """Best reliability among the supporting sources (A best, F when none)."""
    credibility: str
    basis: str
    """``author`` (set in the pack) or ``computed``."""
    reason: str
    caveats: tuple[str, ...] = ()
    """One line per machine-translated or garbled supporting source."""

    @property
    def rating(self) -> str:
        """The two-character rating, e.g. ``B2``."""
        return f"{self.reliability}{self.credibility}"

    @property
    def machine_translated(self) -> bool:
        """True when some supporting source is a machine translation."""
        return any(c.startswith("machine-translated") for c in self.caveats)


def caveats(sources: Sequence[Source]) -> tuple[str, ...]:
    """Why the text of these sources must be read with care."""
    found: list[str] = []
    for source in sources:
        if source.flags.machine_translated:
            found.append(f"machine-translated: {source.id} ({source.outlet})")
        if source.flags.garbled:
            found.append(f"garbled text: {source.id}")
    return tuple(found)


def best_reliability(sources: Sequence[Source]) -> str:
    """The most reliable grade among ``sources`` (F when there are none)."""
    return min((s.grade for s in sources), default="F", key=GRADES.index)


def _careful(source: Source) -> bool:
    return source.flags.machine_translated or source.flags.garbled


def computed_credibility(
    support: Support, sources: Sequence[Source], contradicting_outlets: int = 0
) -> tuple[str, str]:
    """Credibility 1-6 from corroboration, with the reason in words.

    Rules, first match wins:
    no supporting source: 6; contradicted by more independent outlets than
    support it: 5; three or more outlets: 1; two: 2; one reliable (A-C) source
    in clean text: 3; one source graded F: 6; any other single source (D/E,
    machine-translated or garbled): 4. Then, when every supporting source is
    machine-translated or garbled, one step less (never past 6); a disputed
    value is never better than 2 (not "confirmed").
    """
    if not sources:
        return "6", "no source supports it"
    if contradicting_outlets > support.outlets:
        return "5", (
            f"contradicted by {contradicting_outlets} independent outlets, "
            f"supported by {support.outlets}"
        )
    if support.outlets >= 3:
        level, why = 1, f"{support.outlets} independent outlets agree"
    elif support.outlets == 2:
        level, why = 2, "2 independent outlets agree"
    else:
        only = min(sources, key=lambda s: (_careful(s), GRADES.index(s.grade)))
        if only.grade in RELIABLE and not _careful(only):
            level, why = 3, f"single source, graded {only.grade}"
        elif only.grade == "F":
            return "6", "single source whose reliability cannot be judged (F)"
        else:
            level, why = (
                4,
                f"single source, graded {only.grade}"
                + (", machine-translated or garbled" if _careful(only) else ""),
            )
    if support.outlets >= 2 and all(_careful(s) for s in sources):
        level += 1
        why += "; every one machine-translated or garbled"
    if contradicting_outlets and level < 2:
        level = 2
        why += f"; disputed by {contradicting_outlets} outlet(s)"
    return str(min(level, 6)), why


def grade(
    support: Support,
    sources: Sequence[Source],
    author: str | None = None,
    contradicting_outlets: int = 0,
) -> Grade:
    """The Admiralty rating of a fact backed by ``sources``."""
    found = caveats(sources)
    reliability = best_reliability(sources)
    if author is not None:
        return Grade(reliability, author, "author", "set by the author", found)
    level, why = computed_credibility(support, sources, contradicting_outlets)
    return Grade(reliability, level, "computed", why, found)
