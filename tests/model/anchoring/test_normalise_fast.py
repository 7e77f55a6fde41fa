"""The run-based normaliser gives exactly what the per-character definition gives.

``normalise_with_spans`` copies runs of plain ASCII in one step and sends every
other character through ``_normalise_step``; this file keeps the plain
per-character loop (the definition, as it was before the fast path) and checks
that the output text and both offset maps are identical, on text built to hit
the edges: combining marks right after a run, single and repeated spaces,
backquotes, curly quotes, dashes, zero-width characters, NFKC ligatures and
other white space.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.model.text import _TRANSLATE, normalise_with_map, normalise_with_spans


def reference(text: str) -> tuple[str, list[int], list[int]]:
    """The per-character definition of the normalised view (no fast path)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending_space = False
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            pending_space = bool(out)
            index += 1
            continue
        stop = index + 1
        while stop < length and unicodedata.category(text[stop]).startswith("M"):
            stop += 1
        piece = text[index:stop].translate(_TRANSLATE)
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
)

texts = st.one_of(
    st.lists(st.sampled_from(EDGES), max_size=40).map("".join),
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60),
)


@settings(max_examples=500, deadline=None)
@given(texts)
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
