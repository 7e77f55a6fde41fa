"""Where a sentence says who said it: the reporting frame around a reported clause.

"Hartley said on Monday that the next round would be held on May 20" and "The
ministers will meet on March 12, his office said" each carry two times: when it
was said (past, "on Monday") and when the event is (future, "May 20"). The
tense and date of the event come from the reported clause, never from the
frame; a date inside the frame dates the saying. This module finds the frames
so :func:`briefing.model.analysis.dates.tense.sentence_tense` and the drafters
read each clause on its own.

Shapes found (no regex backtracking; O(characters + commas x FRAME_WORDS) per sentence):
- leading: "<subject> said [on Tuesday] that <clause>", "<subject> told reporters
  [on Monday] that <clause>" (the frame ends at "that"; without "that" it ends
  after the verb and its object words up to a date expression, or, for a speaker
  of a few words and a verb that takes a clause, "<subject> said <clause>", right
  after the verb);
- inserted or trailing: "<clause>, his office said[ on Tuesday][.|, <clause>]",
  "<clause>, said Maria Ruiz, the foreign minister." (the frame runs from the
  comma to the next comma or the end).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice

from briefing.model.names.vocabulary import MONTHS, WEEKDAYS
from briefing.model.text import case_folded

REPORTING_VERBS = frozenset(
    {
        "said",
        "says",
        "told",
        "tells",
        "stated",
        "announced",
        "added",
        "confirmed",
        "declared",
        "explained",
        "noted",
        "indicated",
        "insisted",
        "reported",
        "wrote",
        "quoted",
        "warned",
        "communicated",
        "informed",
    }
)
"""Verbs that introduce what someone said; their tense is the saying's, not the event's."""
FRAME_WORDS = 8
"""A trailing frame names its speaker within this many words after the comma."""
LEADING_WORDS = 6
"""A leading frame with neither "that" nor a date ("Lindner said ministers would meet
on March 20") names its speaker in at most this many words, before any comma."""
BARE_CLAUSE_VERBS = frozenset(
    {"said", "says", "stated", "announced", "added", "confirmed", "declared", "explained"}
    | {"noted", "indicated", "insisted", "warned"}
)
"""Reporting verbs that take the reported clause straight after them (not "told", which
takes who was told first)."""
_WORDS = re.compile(r"[\w'’.-]+")
"""The words of a sentence: runs of word characters, apostrophes, dots and hyphens."""
_VERB_WORDS = "|".join(sorted(REPORTING_VERBS, key=lambda verb: (-len(verb), verb)))
_VERB = re.compile(rf"(?<![\w'’.-])(?:{_VERB_WORDS})\.*+(?![\w'’.-])")
_VERB_ANY_CASE = re.compile(_VERB.pattern, re.IGNORECASE)
"""A whole word of :data:`_WORDS` that is a reporting verb with any trailing dots:
what ``word.lower().rstrip(".") in REPORTING_VERBS`` keeps, found in one pass without
splitting the sentence into words (a third of the cost of reading a sentence's tense).
``_VERB`` runs over the sentence lowered (:func:`briefing.model.text.case_folded`);
``_VERB_ANY_CASE``, when that cannot be, finds a superset that the same test then
narrows. The look-behind and look-ahead take one character each, and the dots are
taken possessively: linear in the sentence."""
_THAT = re.compile(r"\bthat\b")
_WHEN = "|".join(sorted(MONTHS | WEEKDAYS | {"week", "weekend", "month", "night", "year"}))
_DATED_SAYING = re.compile(
    r"(?:\s+(?:reporters|journalists|parliament|lawmakers|[A-Z][\w'’-]*))?"
    rf"\s+(?:on|last|this|late on|earlier on)\s+(?i:{_WHEN})\b(?:\s+\d{{1,2}}\b)?"
)
"""'said on Monday the ...', 'told reporters last week the ...': the saying dated, no 'that'."""


def _verbs(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) of every word of ``sentence`` that is a reporting verb, in order."""
    lowered = case_folded(sentence)
    if lowered is not None:
        return [m.span() for m in _VERB.finditer(lowered)]
    return [
        m.span()
        for m in _VERB_ANY_CASE.finditer(sentence)
        if m.group().lower().rstrip(".") in REPORTING_VERBS
    ]


def reporting_frames(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) spans of ``sentence`` that are reporting frames, in order.

    A sentence without a reporting verb has none, found by one pass; otherwise
    the words are read only between a comma and the verb after it (at most
    :data:`FRAME_WORDS` of them, and the stretches between commas do not overlap).
    """
    verbs = _verbs(sentence)
    if not verbs:
        return []
    verb_starts = [v[0] for v in verbs]
    frames: list[tuple[int, int]] = []
    # Inserted or trailing: ", <up to FRAME_WORDS words with a reporting verb>[, ...]".
    comma = sentence.find(",")
    while comma >= 0:
        nxt = sentence.find(",", comma + 1)
        stop = nxt if nxt >= 0 else len(sentence)
        at = bisect_right(verb_starts, comma)
        if at < len(verbs) and verbs[at][0] < stop:
            verb_start, verb_end = verbs[at]  # the first verb after the comma
            words_before = sum(
                1 for _ in islice(_WORDS.finditer(sentence, comma + 1, verb_start), FRAME_WORDS)
            )
            if words_before < FRAME_WORDS and not _THAT.search(sentence, verb_end, stop):
                frames.append((comma, stop))
        comma = nxt
    # Leading: "<subject> said ... that <clause>".
    first_start, first_end = verbs[0]
    if not any(a <= first_start < b for a, b in frames):
        that = _THAT.search(sentence, first_end)
        clause_break = min(
            (i for i in (sentence.find(c, first_end) for c in ',;:"“') if i >= 0),
            default=len(sentence),
        )
        if that is not None and that.start() < clause_break:
            frames.insert(0, (0, that.end()))
        else:
            dated = _DATED_SAYING.match(sentence, first_end)
            if dated is not None:
                frames.insert(0, (0, dated.end()))
            elif _bare_saying(sentence, first_start, first_end, clause_break):
                frames.insert(0, (0, first_end))
    return frames


def _bare_saying(sentence: str, verb_start: int, verb_end: int, clause_break: int) -> bool:
    """True for "<speaker> said <clause>" with no "that": a speaker of a few words
    before any comma, a verb that takes a clause, and a clause after it. Read as
    one clause, "Lindner said ministers would meet again on March 20" took its
    tense from "said" and put the meeting a year early."""
    verb = sentence[verb_start:verb_end].lower().rstrip(".")
    if verb not in BARE_CLAUSE_VERBS or "," in sentence[:verb_start]:
        return False
    speaker = sum(1 for _ in islice(_WORDS.finditer(sentence, 0, verb_start), LEADING_WORDS + 1))
    return (
        1 <= speaker <= LEADING_WORDS
        and _WORDS.search(sentence, verb_end, clause_break) is not None
    )


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int, bool]:
    """The part of ``sentence`` that holds ``[start, end)``: (lo, hi, in_frame).

    Inside a frame, the frame itself; otherwise the sentence from the end of a
    leading frame to the start of the first frame after the span.
    """
    frames = reporting_frames(sentence)
    lo, hi = 0, len(sentence)
    for a, b in frames:
        if a <= start < b:
            return a, b, True
        if b <= start:
            lo = max(lo, b)
        elif a >= end:
            hi = min(hi, a)
    return lo, hi, False
