"""Article text: sentence splitting, line starts and offsets.

News prose is one paragraph a line, full of abbreviations ("U.S.", "Dr.",
initials) and quotations, so sentence ends are found with a few explicit rules
rather than a general-purpose tokenizer. The normalised view a quote is compared
with when it is not found as written is :mod:`briefing.model.normalise`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from briefing.model.offsets import Offsets, Spans

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "adm",
        "rev",
        "hon",
        "jr",
        "sr",
        "no",
        "vol",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gov",
        "sen",
        "rep",
        "pres",
        "mt",
        "ft",
        "cf",
        "al",
        "approx",
        "dept",
        "est",
        "fig",
    ]
)
_BOUNDARY = r"[.!?…](?<![.!?…].)[.!?…]*+[\"'”’)\]]*+(?=\s++[\"'“‘(\[]?[A-Z0-9À-Þ])"
"""A sentence end: a whole run of end punctuation, its closing quotes or brackets, then
white space and a capital or digit. It is tried only where a run starts (the look-behind,
after the run's first character: the character before that one is not end punctuation)
and its quantifiers are possessive, so a run of r full stops costs O(r), not O(r²):
there is nothing to backtrack into (the characters after a run are never part of it).
Opening with the character class rather than the look-behind lets the engine skip to
the next candidate character in C instead of trying the whole pattern at every
position: 4x faster over a 1,000-article pack (0.10 -> 0.02 s). Compiled on first use
(:func:`pattern`), like the two below."""
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_INITIALISM = r"^(?:[A-Za-z]\.)*[A-Za-z]$"
_NEXT_WORD = r"[\"'“‘(\[]?([A-Za-z]+)"
_SENTENCE_STARTERS = frozenset(
    [
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "But",
        "And",
        "However",
        "Meanwhile",
        "In",
        "On",
        "At",
        "After",
        "Before",
        "When",
        "While",
        "Its",
        "Their",
        "His",
        "Her",
        "Our",
        "A",
        "An",
    ]
)


@cache
def pattern(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, once, when a sentence is first split.

    Why not at import: the reader imports this module before its first frame
    and, reading the pack from its load cache, splits no sentence; compiling
    the boundary pattern alone took ~2 ms of that start.
    """
    return re.compile(source)


def case_folded(text: str) -> str | None:
    """``text.lower()`` when a case-blind pattern finds exactly what its lower-case twin finds there.

    Why: Python's ``re.IGNORECASE`` folds every character it compares, which
    makes a scan over a whole article with a pattern of many words five to ten
    times slower than the same pattern without the flag. A pattern made of lower-case
    ASCII words, ``\\b``, ``\\w``, ``\\s``, ``\\d`` and punctuation, run without the flag over
    this text, matches at the same offsets as with the flag over ``text``:
    lowering keeps each character's length here and its class (word, space,
    digit), and the only characters that match an ASCII letter case-blind
    without lowering to it are the long s and the dotless i (None is returned
    when they occur, and when lowering changes the length: the dotted capital I).
    tests/model/test_case_folded.py checks these facts over every code point.
    Cost: one C pass over the text.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "ſ" in lowered or "ı" in lowered:
        return None
    return lowered


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of every sentence; a line never spans two.

    Headlines and captions without final punctuation are sentences of their own,
    which is what an analyst expects to see highlighted. Linear in ``len(text)``:
    every character is read a bounded number of times (by the boundary pattern,
    the token scan before a full stop, the word after it and the strip), whatever
    the text; see docs/hostile-input.md.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        _split_line(line, line_start, spans)
        line_start += len(line) + 1
    return spans


def _split_line(line: str, offset: int, spans: list[tuple[int, int]]) -> None:
    start = 0
    for match in pattern(_BOUNDARY).finditer(line):
        if match.group().startswith(".") and _is_abbreviation(line, match.start()):
            continue
        _add(line, offset, start, match.end(), spans)
        start = match.end()
    _add(line, offset, start, len(line), spans)


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation, not a sentence."""
    token = _token_before(line, dot)
    if not token:
        return False
    if token.lower().rstrip(".") in _ABBREVIATIONS:
        return True
    # "U.S", "J" (an initial), "e.g": letters separated by dots. "the U.S. He said"
    # still ends a sentence: a pronoun or article after it cannot continue a name.
    if not (pattern(_INITIALISM).match(token) and (len(token) == 1 or "." in token)):
        return False
    following = pattern(_NEXT_WORD).match(
        line, dot + 1 + (len(line) > dot + 1 and line[dot + 1] == " ")
    )
    return following is None or following.group(1) not in _SENTENCE_STARTERS


def _token_before(line: str, dot: int) -> str:
    """The word (letters and inner full stops, from a letter) that ends at ``dot``.

    Scanned backwards by hand: a "$"-anchored regex searched over the line tries
    every start position, and backtracks through every token on the way, for every
    full stop (quadratic on a long line of "aaaa. B" pieces). The scan stops at the
    first character that cannot be part of a token, so each character of a line is
    visited once over all its sentence ends (a token ends at a boundary's full stop
    and cannot reach back past the white space that follows the previous boundary).
    """
    start = dot
    while start > 0 and line[start - 1] in _TOKEN_CHARS:
        start -= 1
    while start < dot and line[start] == ".":
        start += 1
    return line[start:dot]


def _add(line: str, offset: int, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((offset + start + lead, offset + start + lead + len(stripped)))


class SentenceOf:
    """A base for what keeps its sentence as offsets into its article's one text.

    Evidence, actor mentions and the detectors' mentions are kept by the thousand for
    a session; each used to hold its own copy of its sentence. They hold the article's
    shared string and two offsets (the dataclass declares ``text``, ``sentence_start``
    and ``sentence_end``), and the sentence is sliced here, on asking.
    """

    __slots__ = ()
    text: str
    sentence_start: int
    sentence_end: int

    @property
    def sentence(self) -> str:
        """The whole sentences holding the span, as the article has them."""
        return self.text[self.sentence_start : self.sentence_end]


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text with its sentences, line starts and (lazily) normalised form."""

    text: str
    sentences: Spans
    line_starts: Offsets
    sentence_starts: Offsets = field(init=False, repr=False, compare=False)
    """Start offset of each sentence, for the binary search of :meth:`sentence_index`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentence_starts", self.sentences.starts)

    @classmethod
    def from_text(cls, text: str) -> Article:
        """Split once at load; every later lookup is a binary search."""
        return cls(text, Spans(split_sentences(text)), cls.from_lines(text))

    @staticmethod
    def from_lines(text: str) -> Offsets:
        """Offsets at which each line of ``text`` starts."""
        return Offsets((0, *(m.end() for m in re.finditer("\n", text))))

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the nearest before it)."""
        return max(0, self.sentence_starts.count_up_to(offset) - 1)

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """The smallest run of whole sentences covering [start, end).

        Two binary searches on the arrays themselves (what :meth:`sentence_index`
        and indexing :class:`Spans` do, without their calls): the detectors and
        the note ask for ~90 spans an article, ~460,000 at 5,000 articles.
        """
        starts = self.sentence_starts._values
        if not starts:
            return start, end
        first = max(0, bisect_right(starts, start) - 1)
        last = max(0, bisect_right(starts, max(start, end - 1)) - 1)
        flat = self.sentences._flat
        return min(flat[2 * first], start), max(flat[2 * last + 1], end)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        starts = self.line_starts._values
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.line_col(offset)[0]

    def lines_between(self, first: int, last: int) -> tuple[int, int]:
        """Character range [start, end) of 1-based lines ``first``..``last``."""
        starts: Sequence[int] = self.line_starts
        start = starts[first - 1] if first - 1 < len(starts) else len(self.text)
        end = starts[last] - 1 if last < len(starts) else len(self.text)
        return start, end
