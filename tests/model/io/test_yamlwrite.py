"""Generated YAML scalars read back unchanged by the strict reader, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.model.io import (
    YMap,
    YScalar,
    YSeq,
    comment,
    flow_list,
    has_forbidden,
    quoted,
    read_yaml,
    scalar,
)


def PACK_TEXT(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Text a pack may hold: the loader refuses control and bidi characters even
    when written as escapes ("\\e", "\\u202e"), so they cannot round-trip."""
    return st.text(min_size=min_size, max_size=max_size).filter(lambda s: not has_forbidden(s))


def read_value(document: str) -> YScalar | YSeq:
    tree, problems = read_yaml(document.encode("utf-8"), "t.yaml")
    assert problems == []
    assert isinstance(tree, YMap)
    value = tree.items["k"][1]
    assert isinstance(value, YScalar | YSeq)
    return value


@settings(max_examples=300)
@given(PACK_TEXT(min_size=1, max_size=40))
def test_scalar_and_quoted_round_trip(text: str) -> None:
    for written in (scalar(text), quoted(text)):
        value = read_value(f"k: {written}  # {comment(text)}\n")
        assert isinstance(value, YScalar)
        assert value.value == text


def test_words_yaml_1_1_would_coerce_are_quoted() -> None:
    for word in ("no", "Yes", "on", "null", "2025", "1.10", "012", "- x", "a: b", "x #y"):
        assert scalar(word).startswith('"'), word
    assert scalar("Kaja Kallas") == "Kaja Kallas"


@given(st.lists(PACK_TEXT(min_size=1, max_size=12), min_size=1, max_size=5))
def test_flow_lists_round_trip(items: list[str]) -> None:
    value = read_value(f"k: {flow_list(items)}\n")
    assert isinstance(value, YSeq)
    assert [v.value for v in value.items if isinstance(v, YScalar)] == items


def test_characters_the_reader_refuses_are_written_visibly() -> None:
    """An article title with ESC or a bidi override still gives a pack that loads."""
    tree, problems = read_yaml(
        ("title: " + quoted("Breaking\x1b[2J news\u202e")).encode(), "t.yaml"
    )
    assert problems == []
    assert isinstance(tree, YMap)
    value = tree.items["title"][1]
    assert isinstance(value, YScalar) and value.value == "Breaking␛[2J news⍰"
