"""The closest passage to a quote that was not found: the one "did you mean" of the project.

The loader's hint, ``briefing find``'s fuzzy answer and the drift suggestion all ask
the same question, so they share this one answer (before, the loader and ``find``
used two algorithms and suggested different passages for the same typo).

Aligning a quote against a whole article costs about quote length x article length,
worse for quotes over 64 characters (a 9,000-character quote in 94 KB took 11.5 s),
so the article is first narrowed to a few candidate windows, each costing
O(article) to find:

- *anchors*: the quote's rarest words, looked up in a word index of the article
  (built once per article), vote for the offset at which the quote would start;
  the best-supported offsets are candidates (at most :data:`VOTES` votes counted);
- *probes*: the quote's first and last :data:`PROBE` characters are aligned over
  the whole article (bit-parallel, one machine word a character: linear), so a
  quote whose words are all misspelt or all common still finds its place.

Only those windows are aligned, and only :data:`ALIGN` characters of the quote at a
time (a longer quote is placed by aligning its head and its tail). On ordinary input
the answer is the one a whole-article alignment gives (a property test compares them).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from briefing.model.anchoring.anchor import Anchorer, occurrences

PROBE = 64
"""Characters of the quote aligned over the whole article (one machine word: linear)."""
ALIGN = 512
"""At most this many characters of the quote are aligned in one window."""
CANDIDATES = 4
"""Offsets suggested by the anchor words that are aligned (besides the probes')."""
ANCHORS = 48
"""Distinct words of the quote (the longest) counted in the article as anchors."""
VOTES = 50_000
"""Anchor votes cast at most (rarest words first): bounds the work on repetitive text."""
SNAP = 64
"""Characters a passage is widened at most at each end to reach a word boundary."""
BOUNDS_WORK = 40_000
"""The bounds search tries at most (BOUNDS_WORK / quote length)² start/end pairs, ≤ 64²."""

_WORD = re.compile(r"\w+")
_RIGHT = re.compile(r"[ \t]*[^\s]+")
_WORD_START = re.compile(r"(?<!\S)\S")
_WORD_END = re.compile(r"\S(?!\S)")


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage most like a quote that was not found, in the article's own offsets."""

    start: int
    end: int
    text: str
    similarity: float
    """``fuzz.ratio`` of quote and passage, case ignored (0-100), before widening."""
    occurrence: int | None = None
    """Set when the passage, widened by whole words, still occurs more than once."""


def closest_passage(anchorer: Anchorer, quote: str) -> Closest | None:
    """The passage of the article most like ``quote`` (case ignored), kept to one line,
    widened or narrowed by whole words to the best match, then widened until it occurs
    once (ready to paste as a quote); None for an empty quote or text.

    Worst case O(n + m·min(m, ALIGN)) for an article of n and a quote of m characters
    (plus the article's word index, O(n) once per article); see docs/hostile-input.md.
    """
    text = anchorer.article.text
    if not quote.strip() or not text.strip():
        return None
    wanted = quote.lower()
    aligned = best_alignment(anchorer, wanted)
    if aligned is None:
        return None
    _, start, end = aligned
    # A passage across a paragraph break is kept to the line holding most of it.
    middle = (start + end) // 2
    line_start = text.rfind("\n", 0, middle) + 1
    line_end = text.find("\n", middle)
    start, end = max(start, line_start), min(end, len(text) if line_end < 0 else line_end)
    start, end = snap(text, start, end)
    if end <= start:
        return None
    start, end = _best_bounds(text, wanted, start, end, line_start, line_end)
    similarity = round(fuzz.ratio(wanted, text[start:end].lower()), 1)
    start, end, occurrence = make_unique(anchorer, start, end)
    return Closest(start, end, text[start:end], similarity, occurrence)


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words (by at most :data:`SNAP` characters each way:
    a "word" of a million letters is not one) and trim white space at both ends."""
    floor, ceiling = max(0, start - SNAP), min(len(text), end + SNAP)
    while start > floor and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < ceiling and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def best_alignment(anchorer: Anchorer, wanted: str) -> tuple[float, int, int] | None:
    """(score, start, end) of the best alignment of ``wanted`` (lower case) among the
    candidate windows of the article's folded text.

    For a quote of at most :data:`ALIGN` characters the score is
    ``fuzz.partial_ratio``'s, the one a whole-article alignment would give when the
    windows hold the best passage (a property test checks they do on ordinary input);
    for a longer one it is the ratio of the quote to the passage placed by its ends.
    """
    haystack = anchorer.folded
    size = len(wanted)
    slack = max(32, size // 4)
    offsets = _anchor_offsets(haystack, wanted, slack) + _probe_offsets(haystack, wanted)
    best: tuple[float, int, int] | None = None
    tried: set[int] = set()
    for offset in offsets:
        if offset in tried:
            continue
        tried.add(offset)
        found = _align_at(haystack, wanted, offset, slack)
        if found is None:
            continue
        score, start, end = found
        if best is None or score > best[0] or (score == best[0] and start < best[1]):
            best = (score, start, end)
    return best


WIDEN = 64
"""Words a passage is widened at most to make it unique; past that it gets an occurrence."""


def make_unique(anchorer: Anchorer, start: int, end: int) -> tuple[int, int, int | None]:
    """Widen [start, end) by whole words, rightwards then leftwards within its line,
    until the passage occurs once in the article; else (start, end, occurrence).

    At most :data:`WIDEN` steps, each two ``find`` calls (is there a second
    occurrence?) and a scan of one word: a line of "a a a a …" no longer widens one
    word at a time across a megabyte, listing every occurrence at each step.
    """
    text = anchorer.article.text
    for _ in range(WIDEN):
        passage = text[start:end]
        if text.find(passage, text.find(passage) + 1) < 0:
            return start, end, None
        right = _RIGHT.match(text, end)
        if right is not None:
            end = right.end()
            continue
        line_start = text.rfind("\n", 0, start) + 1
        left = _word_before(text, line_start, start)
        if left is None:
            break
        start = left
    starts = occurrences(text, text[start:end])
    if len(starts) <= 1:
        return start, end, None
    return start, end, starts.index(start) + 1 if start in starts else None


def _word_before(text: str, line_start: int, start: int) -> int | None:
    """Start of the word before ``start`` (spaces and tabs between), within its line.

    A backward scan: the pattern ``[^\\s]+[ \\t]*$`` searched from the line's start
    tries every position of the line, and backtracks through a long token at each.
    """
    index = start
    while index > line_start and text[index - 1] in " \t":
        index -= 1
    word_end = index
    while index > line_start and not text[index - 1].isspace():
        index -= 1
    return index if index < word_end else None


def _align_at(haystack: str, wanted: str, offset: int, slack: int) -> tuple[float, int, int] | None:
    """Align ``wanted`` in a window around ``offset`` (where it would start).

    Up to :data:`ALIGN` characters the whole quote is aligned; a longer quote is placed
    by aligning its head around ``offset`` and its tail around ``offset + len``, and
    scored by the ratio of the whole quote to the passage between them.
    """
    size = len(wanted)
    if size <= ALIGN:
        low = max(0, offset - slack)
        window = haystack[low : offset + size + slack]
        if not window:
            return None
        got = fuzz.partial_ratio_alignment(wanted, window)
        if got is None or got.dest_end <= got.dest_start:
            return None
        return got.score, low + got.dest_start, low + got.dest_end
    head_low = max(0, offset - slack)
    head = fuzz.partial_ratio_alignment(wanted[:ALIGN], haystack[head_low : offset + ALIGN + slack])
    tail_low = max(0, offset + size - ALIGN - slack)
    tail = fuzz.partial_ratio_alignment(wanted[-ALIGN:], haystack[tail_low : offset + size + slack])
    if head is None or tail is None:
        return None
    start, end = head_low + head.dest_start, tail_low + tail.dest_end
    if end <= start:
        return None
    return fuzz.ratio(wanted, haystack[start:end]), start, end


def _anchor_offsets(haystack: str, wanted: str, slack: int) -> list[int]:
    """Where the quote would start, by the votes of its rarest words (best first).

    The :data:`ANCHORS` longest distinct words of the quote are counted in the article
    (``str.count``: one linear scan each, in C), and the rarest vote first: each of their
    occurrences votes for the offset at which the quote would then start, until
    :data:`VOTES` votes are cast. A misspelt word is simply absent; a common one is
    counted last.
    """
    in_quote: dict[str, list[int]] = {}
    for match in _WORD.finditer(wanted):
        if len(match.group()) >= 3:
            in_quote.setdefault(match.group(), []).append(match.start())
    chosen = sorted(in_quote, key=lambda w: (-len(w), in_quote[w][0]))[:ANCHORS]
    counts = {w: haystack.count(w) for w in chosen}
    votes: Counter[int] = Counter()
    bucket = max(8, slack // 2)
    cast = 0
    for word in sorted((w for w in chosen if counts[w]), key=lambda w: counts[w]):
        offsets = in_quote[word]
        place = haystack.find(word)
        while place >= 0 and cast < VOTES:
            before = haystack[place - 1 : place]
            after = haystack[place + len(word) : place + len(word) + 1]
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                for offset in offsets[: VOTES - cast]:
                    votes[(place - offset) // bucket] += 1
                cast += min(len(offsets), VOTES - cast)
            else:
                cast += 1  # a word inside a longer one costs a step, not a vote
            place = haystack.find(word, place + 1)
        if cast >= VOTES:
            break
    # A bucket and its neighbours vote together: an insertion shifts the offset a little.
    scored = Counter({b: n + votes.get(b - 1, 0) + votes.get(b + 1, 0) for b, n in votes.items()})
    return [max(0, b * bucket + bucket // 2) for b, _ in scored.most_common(CANDIDATES)]


def _probe_offsets(haystack: str, wanted: str) -> list[int]:
    """Where the quote would start, by aligning its first and last PROBE characters."""
    offsets = []
    head = fuzz.partial_ratio_alignment(wanted[:PROBE], haystack)
    if head is not None:
        offsets.append(max(0, head.dest_start - head.src_start))
    if len(wanted) > PROBE:
        tail = fuzz.partial_ratio_alignment(wanted[-PROBE:], haystack)
        if tail is not None:
            offsets.append(max(0, tail.dest_end - len(wanted)))
    return offsets


def _best_bounds(
    text: str, wanted: str, start: int, end: int, line_start: int, line_end: int
) -> tuple[int, int]:
    """Move each end by whole words to the passage most like ``wanted``.

    The alignment has the quote's length, so a quote that grew ("two coastal patrol
    vessels" for "two patrol vessels") would lose its last word. Each end moves
    within half the quote's length, among the nearest word boundaries: at most
    (BOUNDS_WORK / m)² pairs (64² at most), so the ratios computed cost O(BOUNDS_WORK²/64)
    whatever the quote's length m.
    """
    reach = max(12, len(wanted) // 2)
    side = max(4, min(64, BOUNDS_WORK // max(1, len(wanted))))
    limit = len(text) if line_end < 0 else line_end
    low, high = max(line_start, start - reach), min(limit, start + reach + 1)
    starts = sorted(
        (m.start() for m in _WORD_START.finditer(text, low, high)), key=lambda s: abs(s - start)
    )[:side]
    ends = sorted(
        (
            m.end()
            for m in _WORD_END.finditer(
                text, max(line_start, end - reach - 1), min(limit, end + reach)
            )
        ),
        key=lambda e: abs(e - end),
    )[:side]
    best = (fuzz.ratio(wanted, text[start:end].lower()), start, end)
    for s in sorted(starts):
        for e in sorted(ends):
            if e > s:
                score = fuzz.ratio(wanted, text[s:e].lower())
                if score > best[0]:
                    best = (score, s, e)
    return snap(text, best[1], best[2])
