"""The run-based ``normalise_with_map`` gives exactly what the per-character definition gives.

The fast version (issue 10) walks printable ASCII in runs; this keeps the simple
per-character definition as the reference and compares the two on arbitrary text.
"""

from __future__ import annotations

import unicodedata

from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.model.text import _TRANSLATE, normalise_with_map


def reference(text: str) -> tuple[str, list[int]]:
    """The definition: one character at a time."""
    out: list[str] = []
    mapping: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        if char.isspace():
            pending_space = bool(out)
            continue
        piece = char.translate(_TRANSLATE)
        if not piece:
            continue
        if not piece.isascii():
            piece = unicodedata.normalize("NFKC", piece).translate(_TRANSLATE)
        if pending_space:
            out.append(" ")
            mapping.append(index)
            pending_space = False
        for produced in piece:
            out.append(produced)
            mapping.append(index)
    mapping.append(len(text))
    return "".join(out), mapping


TRICKY = "ab c\n\t’‘“”–—`'\"ﬁ①\u200b\u00ad é\u3000x?\u2028½  .U.S."


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=40) | st.text(max_size=40))
def test_same_as_the_per_character_definition(text: str) -> None:
    assert normalise_with_map(text) == reference(text)


def test_same_on_the_seed_articles() -> None:
    for path in sorted((REPO / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert normalise_with_map(text) == reference(text), path.name
