"""The article pane's own word wrap: offsets that cover the text, lines that fit.

The source pane cuts the styled article into lines by these offsets, and finds
the line to scroll to by bisecting them, so they must account for every
character exactly once and never overflow the pane.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.tui.widgets.article import wrap_offsets

TEXT = st.lists(
    st.sampled_from([*"ab cd  ef\n", "漢", "é", "—", "xxx", "supercalifragilistic"]),
    max_size=80,
).map("".join)


@given(TEXT, st.integers(min_value=1, max_value=40))
def test_lines_cover_the_text_in_order_and_fit(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    # In order, no gaps except the newline that ends each paragraph.
    position = 0
    for start, end in lines:
        assert start == position or (text[position:start] == "\n" and start == position + 1)
        assert start <= end
        assert "\n" not in text[start:end]
        position = end
    assert position == len(text)
    assert len(lines) >= text.count("\n") + 1
    for start, end in lines:
        shown = text[start:end].rstrip(" ")
        # A single character wider than the pane is the only thing allowed to overflow.
        assert cell_len(shown) <= width or len(shown) == 1


def test_words_move_whole_to_the_next_line() -> None:
    text = "Poland offered logistics support"
    lines = [text[s:e] for s, e in wrap_offsets(text, 16)]
    assert lines == ["Poland offered ", "logistics ", "support"]


def test_a_word_wider_than_the_pane_is_folded() -> None:
    text = "a supercalifragilistic b"
    lines = [text[s:e] for s, e in wrap_offsets(text, 6)]
    assert lines == ["a ", "superc", "alifra", "gilist", "ic b"]


def test_empty_lines_are_kept() -> None:
    assert wrap_offsets("a\n\nb", 10) == [(0, 1), (2, 2), (3, 4)]
