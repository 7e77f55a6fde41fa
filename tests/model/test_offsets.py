"""The article's compact offsets (offsets.Spans, offsets.Offsets) behave as the tuples they replace.

They hold a pack's sentence bounds and line starts in machine arrays for memory
(docs/performance.md, the memory round); every caller still sees (start, end)
pairs and ints, compares them with tuples, and a cache line of the wrong shape
is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.model.offsets import Offsets, Spans
from briefing.model.text import Article, split_sentences

TEXT = "Leaders met in Paris. They agreed on nothing!\nA second line. And more."


def test_an_articles_sentences_are_the_pairs_the_splitter_gives() -> None:
    article = Article.from_text(TEXT)
    pairs = split_sentences(TEXT)
    assert article.sentences == tuple(pairs) and list(article.sentences) == pairs
    assert len(article.sentences) == len(pairs) == 4
    assert article.sentences[1] == pairs[1] and article.sentences[-1] == pairs[-1]
    assert article.sentences[1:3] == pairs[1:3]
    assert article.line_starts == (0, TEXT.index("\n") + 1)
    assert [TEXT[a:b] for a, b in article.sentences][2] == "A second line."
    with pytest.raises(IndexError):
        article.sentences[4]


def test_lookups_answer_as_before() -> None:
    article = Article.from_text(TEXT)
    second = TEXT.index("They")
    assert article.sentence_index(second + 3) == 1
    assert article.sentence_span(second, second + 4) == article.sentences[1]
    assert article.line_col(TEXT.index("A second")) == (2, 1)


def test_equal_articles_hash_alike_and_a_flat_run_of_odd_length_is_refused() -> None:
    assert hash(Article.from_text(TEXT)) == hash(Article.from_text(TEXT))
    assert Spans.from_flat([0, 3, 4, 9]) == Spans([(0, 3), (4, 9)])
    assert list(Spans([(0, 3), (4, 9)]).flat) == [0, 3, 4, 9]
    with pytest.raises(ValueError):
        Spans.from_flat([0, 3, 4])


@given(st.lists(st.integers(0, 2**31 - 1)))
def test_offsets_are_the_ints_they_were_given(values: list[int]) -> None:
    ordered = sorted(values)
    offsets = Offsets(ordered)
    assert offsets == tuple(ordered) and list(offsets) == ordered
    for probe in (0, 7, 2**30, 2**40):
        assert offsets.count_up_to(probe) == sum(1 for v in ordered if v <= probe)


def test_an_offset_too_large_for_four_bytes_is_refused_not_wrapped() -> None:
    """Offsets are 4-byte C ints (an article file is at most 16 MiB): 2**31 cannot be one."""
    with pytest.raises(OverflowError):
        Offsets([0, 2**31])
    with pytest.raises(OverflowError):
        Spans([(0, 2**31)])
    assert list(Spans([(0, 2**31 - 1)])) == [(0, 2**31 - 1)]


@pytest.mark.parametrize("cache", [False, True])
def test_evidence_and_mentions_slice_their_articles_one_text(
    cache: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No copy of a quote or sentence per item: each holds its source's text (full and cached loads)."""
    from briefing.model.io import load_pack
    from briefing.model.names.actor_mentions import mentions

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("BRIEFING_NO_CACHE", "")
    if cache:
        load_pack(None, cache=True)  # store, then read back below
    pack = load_pack(None, cache=True).pack
    assert pack is not None
    evidence = [e for pledge in pack.pledges for e in pledge.evidence]
    assert evidence
    for e in evidence:
        text = pack.source(e.source).text
        assert e.text is text
        assert (
            e.quote == text[e.start : e.end]
            and e.sentence == text[e.sentence_start : e.sentence_end]
        )
    found = mentions(pack, pack.actors[0].id)
    assert found and all(m.text is pack.source(m.source_id).text for m in found)
