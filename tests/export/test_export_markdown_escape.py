"""Property tests: any article text, escaped for Markdown, parses back to itself."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from notecheck import markdown_parser, parse_markdown

from briefing.export.doc import Footnote
from briefing.export.markdown import _escape_each, escape, footnote
from briefing.model.sanitize import clean

SYNTAX = "\\`*_[]<>|~#&!-+=.)(:;^ \t\n\u00a0abc1AZé“”\"'"
texts = st.text(alphabet=st.sampled_from(SYNTAX), min_size=1, max_size=40) | st.text(
    min_size=1, max_size=40
)


@st.composite
def quoted(draw: st.DrawFn) -> tuple[str, int, int]:
    sentence = clean(draw(texts)).strip()  # the sentence splitter strips every sentence
    if not sentence:
        sentence = "x"
    start = draw(st.integers(0, len(sentence) - 1))
    end = draw(st.integers(start + 1, len(sentence)))
    return sentence, start, end


@settings(max_examples=200, deadline=None)
@given(quoted())
@example(("Officials said *all* options_remain [open] | &amp; `x` too.", 20, 34))
@example(("x “quoted” y", 2, 10))
@example(("Ends \\\n  1) Indented\n- item\n===", 3, 12))
def test_a_cited_sentence_parses_back_verbatim_with_the_quote_marked(
    case: tuple[str, int, int],
) -> None:
    sentence, start, end = case
    note = Footnote(
        1, "s", "Wire, 2025-03-10, line 1", sentence[:start], sentence[start:end], sentence[end:]
    )
    text = "Statement.[^1]\n\n" + "\n".join(footnote(note))
    parsed = parse_markdown(text)
    cited = parsed.footnotes["1"]
    assert parsed.problems == []
    assert cited.sentence == sentence
    assert cited.marked == sentence[start:end]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_label_renders_as_itself_in_a_list_and_a_table(text: str) -> None:
    label = " ".join(clean(text).split())
    if not label:
        return
    env: dict[str, object] = {}
    tokens = markdown_parser().parse(
        f"- {escape(label)}\n\n| a |\n|---|\n| {escape(label)} |\n", env
    )
    inlines = [t for t in tokens if t.type == "inline"]
    rendered = ["".join(c.content for c in t.children or [] if c.type == "text") for t in inlines]
    kinds = {c.type for t in inlines for c in t.children or []}
    assert kinds <= {"text"}, kinds
    assert rendered == [label, "a", label]


@settings(max_examples=500, deadline=None)
@given(texts)
@example("- item")
@example("12) x & y &amp; z")
@example("plain words")
def test_the_fast_escape_is_the_character_by_character_definition(text: str) -> None:
    """escape() skips clean strings and copies runs; it must agree with the slow definition."""
    assert escape(text) == _escape_each(text)
