"""A finding of the faithfulness rules, and the evidence sentences every rule reads.

Shared by :mod:`faithfulness` (the rules and the check) and :mod:`named_check`
(the rule that needs a per-pack index of who is named where).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.model.types import Evidence


@dataclass(frozen=True, slots=True)
class Finding:
    """One place a fact says more than its evidence."""

    fact: str
    kind: str
    """``meeting``, ``pledge`` or ``claim``."""
    rule: str
    field: str
    """The YAML field an author would change (``participants``, ``status``, ...)."""
    message: str
    sentence: str
    """The evidence sentence the finding is about (quoted in the diagnostic)."""
    accepted: str | None = None
    """The pack's stated reason, when it accepts this rule's judgement on this fact."""

    def line(self) -> str:
        """The finding as one line, quoting its sentence."""
        quoted = " ".join(self.sentence.split())
        if len(quoted) > 200:
            quoted = quoted[:199] + "…"
        return f"[{self.rule}] {self.message}: \u201c{quoted}\u201d"


SENTENCE_REACH = 2000
"""Characters either side of a quote read as its sentence: a scraped page without
full stops can make one "sentence" of a megabyte, and every rule reads sentences."""


def sentence_of(e: Evidence) -> str:
    if len(e.sentence) <= 2 * SENTENCE_REACH + (e.end - e.start):
        return e.sentence
    at = e.start - e.sentence_start
    return e.sentence[max(0, at - SENTENCE_REACH) : at + (e.end - e.start) + SENTENCE_REACH]


def sentences_of(evidence: Iterable[Evidence]) -> list[str]:
    return list(dict.fromkeys(sentence_of(e) for e in evidence))
