"""Property tests: the loader never raises, quotes anchor back, exports re-parse.

The corpus (test_corpus.py) pins the inputs we thought of; these find the ones
we did not. Every property runs with both YAML parsers where YAML is involved.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support import REPO, sha

from briefing.export.jsonout import render as render_json
from briefing.model import load_pack
from briefing.model.anchoring import Anchorer
from briefing.model.diagnostics import Diagnostic
from briefing.model.io import YMap, YNode, YScalar, YSeq, read_yaml
from briefing.model.io.yaml_text import read as yamlread
from briefing.model.text import Article

PARSERS = [yamlread.PURE_PARSER] + ([yamlread.LIBYAML_PARSER] if yamlread.LIBYAML_PARSER else [])
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
SEED_TEXTS = [Article.from_text(p.read_text(encoding="utf-8")) for p in SEEDS]

YAMLISH = st.lists(
    st.sampled_from(
        [*"ab1 :-?[]{},&*!|>'\"#%@`~\\\n\t.", "  ", "\n  ", "- ", ": ", "é", "\u202e", "\x1b"]
    ),
    max_size=40,
).map("".join)
SETTINGS = settings(max_examples=300, deadline=None)


def shape(node: YNode | None) -> object:
    """A tree as plain data, positions included, to compare the two parsers."""
    if node is None:
        return None
    if isinstance(node, YScalar):
        return ("s", node.value, node.line, node.col, node.plain, node.comment)
    if isinstance(node, YSeq):
        return ("l", node.line, node.col, [shape(i) for i in node.items])
    assert isinstance(node, YMap)
    return (
        "m",
        node.line,
        node.col,
        [(k, shape(key), shape(v)) for k, (key, v) in node.items.items()],
    )


def verdict(result: tuple[YNode | None, list[Diagnostic]]) -> object:
    """What must not depend on the parser: refused or not, and an accepted tree
    with its diagnostics exactly. How a refusal is worded may differ for
    malformed input (``![`` is a bad tag to one parser and a syntax error to
    the other); the corpus pins the wording for every case that matters."""
    tree, problems = result
    if tree is None and problems:
        return "refused"
    return ("read", shape(tree), [p.format() for p in problems])


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(data: bytes) -> None:
    for parser in PARSERS:
        tree, problems = read_yaml(data, "f.yaml", parser)
        assert all(isinstance(p, Diagnostic) for p in problems)
        if tree is None and not problems:  # an empty document, as PyYAML agrees
            assert yaml.safe_load(data) is None


@SETTINGS
@given(YAMLISH)
def test_yamlish_text_same_verdict_with_both_parsers(text: str) -> None:
    results = [read_yaml(text.encode("utf-8"), "f.yaml", parser) for parser in PARSERS]
    verdicts = [verdict(r) for r in results]
    assert all(v == verdicts[0] for v in verdicts), (text, verdicts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=st.binary(max_size=120) | YAMLISH.map(str.encode), article=st.binary(max_size=60))
def test_random_files_into_load_pack_give_diagnostics_only(facts: bytes, article: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "a.txt").write_bytes(article)
        (root / "data" / "pack.yaml").write_text(
            "pack: {title: T, story: S, as_of: 2025-03-16}\nsources:\n"
            "  - {id: w, file: seeds/a.txt, sha256: "
            + "0" * 64
            + ", outlet: O, title: T, published: null, language: en}\n",
            encoding="utf-8",
        )
        (root / "data" / "z.yaml").write_bytes(facts)
        result = load_pack(root)
        assert result.usage_error is None
        assert result.errors  # the sha256 is wrong (or the article unreadable) at least
        assert all(d.line >= 1 and d.col >= 1 for d in result.diagnostics)


@st.composite
def seed_substring(draw: st.DrawFn) -> tuple[Article, int, int]:
    article = draw(st.sampled_from(SEED_TEXTS))
    text = article.text
    start = draw(st.integers(0, len(text) - 2))
    end = draw(st.integers(start + 1, min(len(text), start + 200)))
    return article, start, end


@SETTINGS
@given(seed_substring())
def test_any_substring_anchors_back_to_its_first_occurrence(
    picked: tuple[Article, int, int],
) -> None:
    article, start, end = picked
    quote = article.text[start:end]
    first = article.text.find(quote)
    found = Anchorer(article).find_all(quote)
    assert found[0].match == "exact"
    assert (found[0].start, found[0].end) == (first, first + len(quote))


STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


@st.composite
def around_a_curly_character(draw: st.DrawFn) -> tuple[Article, int, int]:
    """A substring of a seed article that holds at least one curly quote or dash."""
    article = draw(st.sampled_from(SEED_TEXTS))
    text = article.text
    curly = [i for i, c in enumerate(text) if c in "“”‘’–—"]
    assume(curly)  # every seed article has some; this only guards a new seed
    at = draw(st.sampled_from(curly))
    start = max(0, at - draw(st.integers(0, 80)))
    end = min(len(text), at + 1 + draw(st.integers(0, 80)))
    return article, start, end


@SETTINGS
@given(around_a_curly_character())
def test_straightened_quote_anchors_to_the_same_offsets(picked: tuple[Article, int, int]) -> None:
    article, start, end = picked
    text = article.text
    # An author's selection starts and ends on a visible character.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    quote = text[start:end]
    straight = quote.translate(STRAIGHTEN)
    # Only when the straight form is not in the text as it stands: an exact hit
    # elsewhere wins (the cheapest tier that finds anything is used).
    assume(straight != quote and straight not in text)
    found = Anchorer(article).find_all(straight)
    assert (start, end) in [(f.start, f.end) for f in found]
    assert all(f.match == "normalised" for f in found)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
def test_default_pack_export_reparses_and_slices(
    parser: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlread, "PARSER", parser)
    result = load_pack(None)
    assert result.pack is not None, [d.format() for d in result.errors]
    data = json.loads(render_json(result.pack))
    texts = {s.id: s.text for s in result.pack.sources}
    count = 0
    for group in ("actors", "meetings", "pledges"):
        for item in data[group]:
            for ev in item["evidence"]:
                assert texts[ev["source"]][ev["start"] : ev["end"]] == ev["quote"]
                count += 1
    assert count > 0


# Everything YAML accepts in a double-quoted string: no C0/C1/bidi/non-characters.
SAFE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff",
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


@settings(max_examples=80, deadline=None)
@given(name=SAFE_TEXT, role=SAFE_TEXT)
def test_any_string_survives_load_and_json_export(name: str, role: str) -> None:
    article = "Leaders met in Paris.\n"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "a.txt").write_text(article, encoding="utf-8")
        (root / "data" / "pack.yaml").write_text(
            "pack: {title: T, story: S, as_of: 2025-03-16}\nsources:\n"
            f"  - {{id: w, file: seeds/a.txt, sha256: {sha(article)}, outlet: O, title: T,"
            " published: 2025-03-10, language: en}\n"
            "actors:\n"
            f"  - {{id: x, kind: person, name: {json.dumps(name, ensure_ascii=False)},"
            f" role: {json.dumps(role, ensure_ascii=False)}}}\n",
            encoding="utf-8",
        )
        old = os.getcwd()
        result = load_pack(root)
        assert os.getcwd() == old
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    exported = json.loads(render_json(result.pack))
    assert exported["actors"][0]["name"] == name
    assert exported["actors"][0]["role"] == role
