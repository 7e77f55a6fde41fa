"""Read the tense of the clause around a date expression from the sentence.

Weekdays, weekends and bare day numbers resolve differently looking back and
looking ahead; this is the cheap, marker-based reading of which one a sentence
does, used by the caller of :func:`briefing.model.analysis.dates.resolve.resolve`.
"""

from __future__ import annotations

import re

from briefing.model.analysis.dates.expressions import Tense
from briefing.model.analysis.dates.reporting import REPORTING_VERBS, clause_span

_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|due\s+to|scheduled|set\s+to|expected\s+to|going\s+to|to\s+be\s+held"
    r"|upcoming|planned\s+for|is\s+to\s+be|are\s+to\s+be)\b|\w['’]ll\b"
)
_PAST_WORDS = (
    "was|were|had|did|held|met|spoke|said|told|took|gave|made|came|went|began|sat|saw|"
    "agreed|joined|talked|gathered|convened|discussed|hosted|attended|announced|stated|"
    "signed|visited|called|ago"
)
_PAST = re.compile(rf"\b(?:{_PAST_WORDS})\b|\b[a-z]{{3,}}ed\b")
"""Markers are case-sensitive: "Will" in "Coalition of Will" and "United" are names."""
_NOT_PAST = frozenset(
    {
        "scheduled",
        "expected",
        "planned",
        "proposed",
        "united",
        "armed",
        "based",
        "related",
        "interested",
        "concerned",
        "allied",
        "advanced",
        "limited",
        "detailed",
        "supposed",
        "needed",
        "red",
        "speed",
        "indeed",
        "seed",
        "need",
        "feed",
        "bed",
        "embed",
    }
)


_REPORTED_FUTURE = re.compile(r"\bwould\b(?!\s+have\b)")
"""'said that the talks would resume': the future of reported speech (not 'would have')."""

_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|this|these|those)\s+$", re.IGNORECASE
)
_AUXILIARY_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|get|gets)\s+$", re.IGNORECASE)
LOOK_BACK = 32
"""Characters before a word searched for the words in front of it ("the", "will be").

The look-behinds above match a word or two and their spaces; searching them
from the sentence's start instead tried every position before each past form,
quadratic in a sentence's length (a 100 KB run-on sentence took a minute)."""


def _not_past(sentence: str, match: re.Match[str]) -> bool:
    """An -ed word that is an adjective, or a participle after "be" ("will be discussed",
    "will be held": irregular participles too; "was held" is past by "was")."""
    word = match.group().lower()
    if word in _NOT_PAST:
        return True
    if word.endswith("ed") and _DETERMINER_BEFORE.search(
        sentence, max(0, match.start() - LOOK_BACK), match.start()
    ):
        return True  # "the disputed line", "a revised plan": an adjective
    return bool(
        _AUXILIARY_BEFORE.search(sentence, max(0, match.start() - LOOK_BACK), match.start())
    )


def sentence_tense(sentence: str, start: int, end: int | None = None) -> Tense | None:
    """The tense of the clause around ``sentence[start:end]`` (the expression), or None.

    Future markers ("will", "due to", "scheduled") and past forms ("held",
    "met", words in -ed) are collected; the one nearest to the expression wins,
    so "said the meeting will be held on Tuesday" reads as future. A reporting
    frame ("X said on Monday that", ", his office said") is a clause of its own
    (:mod:`briefing.model.analysis.dates.reporting`): an expression in the
    reported clause takes its tense from that clause, where "would" is the
    future of reported speech, and one in the frame from the frame.
    """
    stop = start if end is None else end
    lo, hi, in_frame = clause_span(sentence, start, stop)
    reported = not in_frame and (lo, hi) != (0, len(sentence))
    found = _nearest(sentence, start, stop, lo, hi, reported)
    if found is None and reported:
        found = _nearest(sentence, start, stop, 0, len(sentence), False)
    return found


def _nearest(
    sentence: str, start: int, stop: int, lo: int, hi: int, reported: bool
) -> Tense | None:
    """The tense of the marker in ``sentence[lo:hi]`` nearest to ``[start, stop)``."""
    best: tuple[int, Tense] | None = None
    markers: list[tuple[re.Pattern[str], Tense]] = [(_FUTURE, "future"), (_PAST, "past")]
    if reported:
        markers.append((_REPORTED_FUTURE, "future"))
    for pattern, tense in markers:
        for match in pattern.finditer(sentence, lo, hi):
            if tense == "past" and _not_past(sentence, match):
                continue
            if start <= match.start() < stop:
                continue  # inside the expression itself
            distance = match.start() - stop if match.start() >= stop else start - match.end()
            if best is None or distance < best[0]:
                best = (distance, tense)
    return None if best is None else best[1]


_AHEAD_BEFORE = re.compile(
    r"\b(?:will|shall|would|to|be|is|are|am|won['’]t)\s+(?:be\s+|have\s+)?$", re.IGNORECASE
)
"""A past form that is part of a future or infinitive ("will be held", "to be held")."""
AFTER_EVENT = re.compile(r"\b(?:[Aa]fter|[Ff]ollowing|[Ss]ince)\s+(?:a|an|the|their|its|last)\b")


def reports_past_event(sentence: str) -> bool:
    """True when the sentence tells something as done: a past form that is not a
    reporting verb ("was held", "met", "spoke"), or an event placed before the
    sentence's own time ("after a major clash", "following the talks").

    A meeting marked ``held`` needs one such sentence among its evidence;
    otherwise "held" was inferred (its date is before ``as_of``), not reported.
    """
    if AFTER_EVENT.search(sentence):
        return True
    return any(
        not _not_past(sentence, match)
        and match.group().lower() not in REPORTING_VERBS
        and not _AHEAD_BEFORE.search(sentence, max(0, match.start() - LOOK_BACK), match.start())
        for match in _PAST.finditer(sentence)
    )
