"""``case_folded``: the facts that make a lower-case scan find what a case-blind one finds."""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.model.text import case_folded

ALL = [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF]


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def test_lowering_keeps_length_and_class_wherever_it_is_used() -> None:
    for c in ALL:
        if c.lower() == c and c not in "ſı":
            continue  # unchanged by lowering: nothing to check
        lowered = case_folded(c)
        if lowered is None:
            assert c in "ſıİ", hex(ord(c))
            continue
        assert len(lowered) == 1
        assert _word(c) == _word(lowered), hex(ord(c))
        assert c.isspace() == lowered.isspace(), hex(ord(c))
        assert c.isdecimal() == lowered.isdecimal(), hex(ord(c))
        # Whatever it lowers to, it matches case-blind (so the lower-case scan finds no more)...
        assert re.fullmatch(re.escape(lowered), c, re.IGNORECASE), hex(ord(c))


def test_a_character_matching_an_ascii_letter_case_blind_lowers_to_it() -> None:
    # ... and what matches a letter case-blind lowers to that letter (so it finds no less).
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    for c in ALL:
        if not any_letter.fullmatch(c) or case_folded(c) is None:
            continue
        for letter in string.ascii_lowercase:
            if re.fullmatch(letter, c, re.IGNORECASE):
                assert case_folded(c) == letter, hex(ord(c))


PATTERN = re.compile(r"\bready to\b|\btalks?\b|\bsigned (?:up|on)\b|\bwon['’]t\b|\d+\s+k")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ready", "TO", "to", "talks", "Talk", "won’t", "WON'T", "K", "K", "ſ",
                         "İ", "ı", " ", "\n", "é", "_", "12", "signed Up", "x"]),
        max_size=20,
    ).map("".join)
)  # fmt: skip
def test_a_pattern_matches_at_the_same_places(text: str) -> None:
    lowered = case_folded(text)
    if lowered is None:
        assert any(c in text for c in "ſıİ")
        return
    blind = [m.span() for m in re.compile(PATTERN.pattern, re.IGNORECASE).finditer(text)]
    assert [m.span() for m in PATTERN.finditer(lowered)] == blind
