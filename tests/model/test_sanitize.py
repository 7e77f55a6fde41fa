"""The display sanitiser: visible, length-preserving, never emits control bytes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.model.sanitize import UNKNOWN_INVISIBLE, clean, clean_line, has_unsafe


def test_escape_sequences_become_visible() -> None:
    assert clean("\x1b]52;c;ZXZpbA==\x07title") == "␛]52;c;ZXZpbA==␇title"
    assert clean("\x1b[2J") == "␛[2J"
    assert clean("a\x7fb\x9bc") == f"a␡b{UNKNOWN_INVISIBLE}c"


def test_bidi_and_zero_width_are_shown() -> None:
    assert clean("abc\u202edcba\u200b") == f"abc{UNKNOWN_INVISIBLE}dcba{UNKNOWN_INVISIBLE}"


def test_layout_is_kept_or_flattened() -> None:
    assert clean("a\nb\tc") == "a\nb\tc"
    assert clean_line("a\nb\tc\r") == "a b c␍"


def test_plain_text_is_returned_unchanged() -> None:
    text = "Miche?l Martin said “no” – [sic] [/] [@click=app.quit]x[/]"
    assert clean(text) is text
    assert not has_unsafe(text)


@given(st.text())
def test_clean_preserves_length_and_removes_every_control(text: str) -> None:
    out = clean(text)
    assert len(out) == len(text)
    assert not has_unsafe(out)
    assert all(c in "\n\t" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) for c in out)
