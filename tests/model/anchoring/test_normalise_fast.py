"""The stretch-based normaliser gives exactly what the per-character definition gives.

``normalise_with_spans`` classifies each distinct character once and handles whole
stretches of the article in one step (runs of characters that stand alone, with
single white space between; runs of white space; runs of deleted characters); only
a character with combining marks goes through :func:`piece` on its own. This file
keeps the plain per-character loop (the definition) and checks that the output text
and both offset maps are identical, on text built to hit the edges: combining marks
right after a run, single and repeated spaces of every kind, backquotes, curly
quotes, dashes, zero-width characters, NFKC expansions and other white space, and
on adversarial shapes (all non-ASCII, long runs of one character, mixed scripts).
"""

from __future__ import annotations

import re
import unicodedata
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.model import normalise
from briefing.model.normalise import TRANSLATE, normalise_with_map, normalise_with_spans


def reference(text: str) -> tuple[str, list[int], list[int]]:
    """The per-character definition of the normalised view (no fast path).

    A run of white space (with any deleted characters inside it) becomes one space
    spanning it, from its first white-space character to the next character that
    produces output; none at the start or end.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space_from = -1
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            if out and space_from < 0:
                space_from = index
            index += 1
            continue
        stop = index + 1
        while stop < length and unicodedata.category(text[stop]).startswith("M"):
            stop += 1
        piece = text[index:stop].translate(TRANSLATE)
        if piece and not piece.isascii():
            piece = unicodedata.normalize("NFKC", piece).translate(TRANSLATE)
        if piece:
            if space_from >= 0:
                out.append(" ")
                starts.append(space_from)
                ends.append(index)
                space_from = -1
            for produced in piece:
                out.append(produced)
                starts.append(index)
                ends.append(stop)
        index = stop
    return "".join(out), starts, ends


# Characters chosen to sit on every boundary of the fast path.
EDGES = (
    "a",
    "Z",
    "0",
    ".",
    "~",
    "!",
    "_",
    "`",
    " ",
    "  ",
    "\n",
    "\t",
    "\u00a0",
    "\u2003",
    "\u3000",
    "\u0301",  # combining acute
    "\u0308",  # combining diaeresis
    "\u20dd",  # combining enclosing circle
    "\u0340",  # combining grave tone mark (NFKC changes it)
    "é",
    "ß",
    "ﬁ",  # NFKC: "fi"
    "\u2460",  # circled 1, NFKC "1"
    "‘",
    "’",
    "“",
    "”",
    "—",
    "–",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "?",
    "Ω",
    "\U0001d400",  # mathematical bold A, NFKC "A"
    "…",  # NFKC: "..."
    "\ufdfa",  # NFKC: 18 characters, the longest expansion
    "¨",  # NFKC: a space and a combining diaeresis
    "\uff9e",  # halfwidth voiced mark, NFKC: a combining mark
    "\u1100",  # Hangul leading consonant (not composed on its own)
    "\u1161",  # Hangul vowel
    "\u11a8",  # Hangul trailing consonant
    "가",
    "ж",
    "中",
    "\U0001f600",  # an emoji (outside the BMP, unchanged)
    "\x1c",  # ASCII white space that is not " "
    "\x01",  # a control character (kept)
    "\u0085",  # next line (white space)
    "\u2028",  # line separator (white space)
)

texts = st.one_of(
    st.lists(st.sampled_from(EDGES), max_size=40).map("".join),
    # Long runs of one edge between others: the stretches a run-based path takes whole.
    st.lists(
        st.tuples(st.sampled_from(EDGES), st.integers(1, 12)).map(lambda p: p[0] * p[1]),
        max_size=12,
    ).map("".join),
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60),
)


@settings(max_examples=500, deadline=None)
@given(texts)
@example("a\u200b\u200b…")  # deleted and expanded characters of one run: same length
@example("a \u200b b\u200b \u200bc")  # deleted characters beside single white space
def test_fast_path_equals_per_character_definition(text: str) -> None:
    out, starts, ends = normalise_with_spans(text)
    expected = reference(text)
    assert (out, list(starts), list(ends)) == expected
    assert normalise_with_map(text) == (expected[0], [*expected[1], len(text)])


def test_the_edges_are_exercised() -> None:
    """A quote-like sample through both: a mark after a run, spaces, quotes, ligatures."""
    text = "He said  \u201cthe cafe\u0301 is ﬁne\u201d \u2014 `ok`\u200b.\nNext  line e\u0301 x"
    out, starts, ends = normalise_with_spans(text)
    assert out == "He said \"the café is fine\" - 'ok'. Next line é x"
    assert (out, list(starts), list(ends)) == reference(text)
    # The accented e and its combining mark map back to both original characters.
    cafe = out.index("é")
    assert text[starts[cafe] : ends[cafe]] == "e\u0301"


@settings(max_examples=300, deadline=None)
@given(texts)
@example("a\u2019b\u00a0c\u0301 \u200bd\u2026e\U0001f600f")  # every special kind, non-ASCII
def test_both_ways_of_translating_a_non_ascii_text_equal_the_definition(text: str) -> None:
    """The sparse way (the special characters found and changed one by one) and the
    dense way (``str.translate``) are chosen by a density; each must give the definition."""
    expected = reference(text)
    for sparse in (0, 10**9):  # 0: always the sparse way; 10**9: translate unless none
        with mock.patch.object(normalise, "SPARSE", sparse):
            out, starts, ends = normalise_with_spans(text)
        assert (out, list(starts), list(ends)) == expected, sparse


def test_density_decides_the_way() -> None:
    finder = re.compile("[\u2019]")
    assert normalise.is_sparse(finder, "a" * 15 + "\u2019")
    assert not normalise.is_sparse(finder, "a" * 14 + "\u2019")
