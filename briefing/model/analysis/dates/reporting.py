"""Where a sentence says who said it: the reporting frame around a reported clause.

"Hartley said on Monday that the next round would be held on May 20" and "The
ministers will meet on March 12, his office said" each carry two times: when it
was said (past, "on Monday") and when the event is (future, "May 20"). The
tense and date of the event come from the reported clause, never from the
frame; a date inside the frame dates the saying. This module finds the frames
so :func:`briefing.model.analysis.dates.tense.sentence_tense` and the drafters
read each clause on its own.

Shapes found (no regex backtracking; O(words + commas x FRAME_WORDS) per sentence):
- leading: "<subject> said [on Tuesday] that <clause>", "<subject> told reporters
  [on Monday] that <clause>" (the frame ends at "that"; without "that" it ends
  after the verb and its object words up to a date expression);
- inserted or trailing: "<clause>, his office said[ on Tuesday][.|, <clause>]",
  "<clause>, said Maria Ruiz, the foreign minister." (the frame runs from the
  comma to the next comma or the end).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from briefing.model.names.vocabulary import MONTHS, WEEKDAYS

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
_WORDS = re.compile(r"[\w'’.-]+")
_THAT = re.compile(r"\bthat\b")
_WHEN = "|".join(sorted(MONTHS | WEEKDAYS | {"week", "weekend", "month", "night", "year"}))
_DATED_SAYING = re.compile(
    r"(?:\s+(?:reporters|journalists|parliament|lawmakers|[A-Z][\w'’-]*))?"
    rf"\s+(?:on|last|this|late on|earlier on)\s+(?i:{_WHEN})\b(?:\s+\d{{1,2}}\b)?"
)
"""'said on Monday the ...', 'told reporters last week the ...': the saying dated, no 'that'."""


def reporting_frames(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) spans of ``sentence`` that are reporting frames, in order."""
    words = [(m.start(), m.end(), m.group().lower().rstrip(".")) for m in _WORDS.finditer(sentence)]
    starts = [w[0] for w in words]
    frames: list[tuple[int, int]] = []
    # Inserted or trailing: ", <up to FRAME_WORDS words with a reporting verb>[, ...]".
    comma = sentence.find(",")
    while comma >= 0:
        first_after = bisect_right(starts, comma)
        after = words[first_after : first_after + FRAME_WORDS]
        nxt = sentence.find(",", comma + 1)
        stop = nxt if nxt >= 0 else len(sentence)
        verb = next((w for w in after if w[0] < stop and w[2] in REPORTING_VERBS), None)
        if verb is not None and not _THAT.search(sentence, verb[1], stop):
            frames.append((comma, stop))
        comma = nxt
    # Leading: "<subject> said ... that <clause>".
    first = next((w for w in words if w[2] in REPORTING_VERBS), None)
    if first is not None and not any(a <= first[0] < b for a, b in frames):
        that = _THAT.search(sentence, first[1])
        clause_break = min(
            (i for i in (sentence.find(c, first[1]) for c in ',;:"“') if i >= 0),
            default=len(sentence),
        )
        if that is not None and that.start() < clause_break:
            frames.insert(0, (0, that.end()))
        else:
            dated = _DATED_SAYING.match(sentence, first[1])
            if dated is not None:
                frames.insert(0, (0, dated.end()))
    return frames


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
