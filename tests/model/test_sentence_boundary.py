"""The sentence-end pattern opens with its character class (fast) and finds what the
look-behind-first definition finds, on text built from the characters it looks at."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.model import text as text_module

DEFINITION = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s++[\"'“‘(\[]?[A-Z0-9À-Þ])")
"""A whole run of end punctuation (tried where a run starts), its closing quotes or
brackets, then white space and a capital or digit: the pattern as first written."""

ALPHABET = ".!?…\"'”’)] \n\tAaZ0É“‘([xÞß"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
@example("Dr. Smith... Then? No!! Yes.\u201d He (said). A")
@example("...A")
def test_boundary_finds_what_the_definition_finds(line: str) -> None:
    found = [m.span() for m in text_module.pattern(text_module._BOUNDARY).finditer(line)]
    assert found == [m.span() for m in DEFINITION.finditer(line)]
