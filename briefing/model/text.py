"""Article text: sentence splitting and the normalised view used to find quotes.

News prose is one paragraph a line, full of abbreviations ("U.S.", "Dr.",
initials) and quotations, so sentence ends are found with a few explicit rules
rather than a general-purpose tokenizer. The normalised view (NFKC, straight
quotes, plain dashes, collapsed white space, no zero-width characters) keeps a
map back to the original offsets, so a quote found there is still reported in
the article's own coordinates; it is built only when an exact match fails.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import MutableSequence, Sequence
from dataclasses import dataclass, field

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
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s++[\"'“‘(\[]?[A-Z0-9À-Þ])")
"""A sentence end: a whole run of end punctuation, its closing quotes or brackets, then
white space and a capital or digit. It is tried only where a run starts (the look-behind)
and its quantifiers are possessive, so a run of r full stops costs O(r), not O(r²):
there is nothing to backtrack into (the characters after a run are never part of it)."""
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
_NEXT_WORD = re.compile(r"[\"'“‘(\[]?([A-Za-z]+)")
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

_TRANSLATE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)


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
    for match in _BOUNDARY.finditer(line):
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
    if not (_INITIALISM.match(token) and (len(token) == 1 or "." in token)):
        return False
    following = _NEXT_WORD.match(line, dot + 1 + (len(line) > dot + 1 and line[dot + 1] == " "))
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


def normalise(text: str) -> str:
    """The comparable form of a quote (same rules as :func:`normalise_with_map`)."""
    return normalise_with_map(text)[0]


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map every output character to its source offset.

    ``mapping[i]`` is the offset in ``text`` of the character that produced
    output character ``i``; one extra entry maps the end. Runs of white space
    become one space, and leading/trailing white space is dropped.
    """
    out, starts, _ends = normalise_with_spans(text)
    return out, [*starts, len(text)]


def normalise_with_spans(text: str) -> tuple[str, array[int], array[int]]:
    """Normalise ``text``; output character ``i`` came from ``text[starts[i]:ends[i]]``.

    A base character and the combining marks after it are normalised together,
    so an article in NFD (``e`` + U+0301) matches a quote in NFC (``é``) and the
    other way round; the end offset then covers the marks, so a quote found this
    way is reported as the whole of the original characters.

    News prose is mostly printable ASCII with single spaces, which normalising
    leaves as it is, so such runs are copied and mapped in one step and only the
    other characters go one at a time through :func:`_normalise_step` (the
    per-character definition, which a property test compares this with). The
    offsets are kept in compact arrays (4 bytes an entry, not a list of int
    objects): the anchorer keeps this view of every article that needed it for the
    whole load, which was the largest part of its peak memory.
    """
    out: list[str] = []
    starts = array("i")
    ends = array("i")
    pending_space = False
    index = 0
    length = len(text)
    plain_run = _PLAIN_RUN.match
    iota = _iota(length + 1)
    while index < length:
        run = plain_run(text, index)
        if run is not None:
            stop = run.end()
            if stop < length and text[stop] >= "\u0300" and _is_mark(text[stop]):
                # The run's last character takes the combining mark after it:
                # leave it (and a space before it) to the per-character step.
                stop -= 1
                if text[stop - 1] == " ":
                    stop -= 1
            if stop > index:
                if pending_space:
                    out.append(" ")
                    starts.append(index)
                    ends.append(index)
                    pending_space = False
                chunk = text[index:stop]
                base = len(starts)
                out.append(chunk)
                starts += iota[index:stop]
                ends += iota[index + 1 : stop + 1]
                # A single space maps to the character after it, as a collapsed
                # run of white space does (an empty span there).
                space = chunk.find(" ")
                while space >= 0:
                    starts[base + space] += 1
                    space = chunk.find(" ", space + 1)
                index = stop
                continue
        index, pending_space = _normalise_step(text, index, out, starts, ends, pending_space)
    return "".join(out), starts, ends


_PLAIN_RUN = re.compile(r"[!-_a-~]+(?: [!-_a-~]+)*")
"""Printable ASCII but the backquote (which becomes an apostrophe), with single spaces
between: the characters normalising leaves as they are."""


_IOTA = array("i")


def _iota(size: int) -> array[int]:
    """0, 1, 2, ... at least ``size`` long: a run's offsets are a slice of it.

    Extending an array by a slice of another is a copy; extending it from a
    ``range`` converts each number (25x slower, a tenth of the load). It grows to
    the longest text normalised (4 bytes a character) and is replaced, never
    changed in place, so a reader in another thread keeps a whole one.
    """
    global _IOTA
    if len(_IOTA) < size:
        _IOTA = array("i", range(max(size, 2 * len(_IOTA))))
    return _IOTA


def _normalise_step(
    text: str,
    index: int,
    out: list[str],
    starts: MutableSequence[int],
    ends: MutableSequence[int],
    pending_space: bool,
) -> tuple[int, bool]:
    """Normalise the character at ``index`` (with its combining marks): the definition.

    Returns the index after it and whether a space is pending. White space only
    sets the pending space (a run of it becomes one space, none at the start or
    end); any other character is translated, NFKC-normalised when not ASCII, and
    each character produced maps to the whole group it came from.
    """
    char = text[index]
    if char.isspace():
        return index + 1, bool(out)
    length = len(text)
    stop = index + 1
    while stop < length and text[stop] >= "\u0300" and _is_mark(text[stop]):
        stop += 1
    group = text[index:stop]
    piece = group.translate(_TRANSLATE)
    if piece and not piece.isascii():
        piece = unicodedata.normalize("NFKC", piece).translate(_TRANSLATE)
    if piece:
        if pending_space:
            out.append(" ")
            starts.append(index)
            ends.append(index)
            pending_space = False
        for produced in piece:
            out.append(produced)
            starts.append(index)
            ends.append(stop)
    return stop, pending_space


def _is_mark(char: str) -> bool:
    """True for a combining mark (it belongs to the character before it)."""
    return unicodedata.category(char).startswith("M")


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text with its sentences, line starts and (lazily) normalised form."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    line_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    """Start offset of each sentence, for the binary search of :meth:`sentence_index`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentence_starts", tuple(s for s, _ in self.sentences))

    @classmethod
    def from_text(cls, text: str) -> Article:
        """Split once at load; every later lookup is a binary search."""
        return cls(text, tuple(split_sentences(text)), cls.from_lines(text))

    @staticmethod
    def from_lines(text: str) -> tuple[int, ...]:
        """Offsets at which each line of ``text`` starts."""
        return (0, *(m.end() for m in re.finditer("\n", text)))

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the nearest before it)."""
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """The smallest run of whole sentences covering [start, end)."""
        if not self.sentences:
            return start, end
        first = self.sentences[self.sentence_index(start)]
        last = self.sentences[self.sentence_index(max(start, end - 1))]
        return min(first[0], start), max(last[1], end)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.line_col(offset)[0]

    def lines_between(self, first: int, last: int) -> tuple[int, int]:
        """Character range [start, end) of 1-based lines ``first``..``last``."""
        starts: Sequence[int] = self.line_starts
        start = starts[first - 1] if first - 1 < len(starts) else len(self.text)
        end = starts[last] - 1 if last < len(starts) else len(self.text)
        return start, end
