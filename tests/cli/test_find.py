"""`briefing find`: exact, fuzzy and ambiguous fragments become ready-to-paste evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import ARTICLE, PackMaker

from briefing.cli import main
from briefing.model import load_pack
from briefing.model.anchoring import find
from briefing.model.authoring import read_sources
from briefing.model.io import YMap, YScalar, YSeq, read_yaml


def pasted(output: str, root: Path) -> list[tuple[str, str, str | None]]:
    """Parse find's output as YAML (it must be pasteable) into (source, quote, occurrence)."""
    tree, problems = read_yaml(output.encode("utf-8"), "out")
    assert problems == []
    assert isinstance(tree, YSeq)
    items = []
    for item in tree.items:
        assert isinstance(item, YMap)
        values = {k: v.value for k, (_, v) in item.items.items() if isinstance(v, YScalar)}
        items.append((values["source"], values["quote"], values.get("occurrence")))
    return items


def test_exact_fragment(make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_pack()
    assert main(["find", "Poland offered", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "# wire (seeds/a.txt, line 3): exact match"
    assert pasted(out, root) == [("wire", "Poland offered", None)]


def test_fragment_with_straight_quotes_gives_the_articles_own_characters(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack()
    assert main(["find", 'offered "logistics support" - but', str(root)]) == 0
    out = capsys.readouterr().out
    assert "normalised match" in out
    assert pasted(out, root) == [("wire", "offered “logistics support” – but", None)]


def test_fuzzy_fragment_with_typos(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack()
    assert main(["find", "irish prime minster michael martin", str(root)]) == 0
    out = capsys.readouterr().out
    [(source, quote, _)] = pasted(out, root)
    assert source == "wire"
    assert quote == "Irish Prime Minister Miche?l Martin"
    assert "% similar to what you typed" in out.splitlines()[0]


def test_ambiguous_fragment_is_widened_until_unique(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack()
    assert main(["find", "talks went well", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "# found in 2 places: each item anchors; keep the ones you mean"
    items = pasted(out, root)
    assert items == [
        ("wire", "talks went well. Officials", None),
        ("wire", "well. Officials said talks went well.", None),
    ]
    # each suggested quote, pasted as evidence, anchors once, at the place it names
    text = ARTICLE
    first, second = (q for _, q, _ in items)
    assert text.count(first) == 1 and text.count(second) == 1
    assert text.index(second) > text.index(first)
    for quote in (first, second):
        facts = f'actors:\n  - {{id: x, name: X, kind: group, evidence: [{{source: wire, quote: "{quote}"}}]}}\n'
        assert load_pack(make_pack(facts)).errors == []


def test_fragment_in_two_articles_lists_both(tmp_path: Path, make_pack: PackMaker) -> None:
    root = make_pack()
    (root / "seeds" / "b.txt").write_text("Poland offered nothing else.\n", encoding="utf-8")
    (root / "data" / "more.yaml").write_text(
        "sources:\n  - {id: other, file: seeds/b.txt, sha256: " + "0" * 64 + ", outlet: O, "
        "title: T, published: null, language: en}\n",
        encoding="utf-8",
    )
    sources, problems = read_sources(root)
    assert problems == []
    places, _ = find(sources, "Poland offered")
    # sources in the pack's own order (data files by name: more.yaml before pack.yaml)
    assert [(p.source, p.quote, p.line) for p in places] == [
        ("other", "Poland offered", 1),
        ("wire", "Poland offered", 3),
    ]


def test_identical_lines_need_an_occurrence(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack(article="Same words here.\nSame words here.\n")
    assert main(["find", "words", str(root)]) == 0
    items = pasted(capsys.readouterr().out, root)
    assert items == [
        ("wire", "Same words here.", "1"),
        ("wire", "Same words here.", "2"),
    ]
    facts = 'actors:\n  - {id: x, name: X, kind: group, evidence: [{source: wire, quote: "Same words here.", occurrence: 2}]}\n'
    result = load_pack(make_pack(facts, article="Same words here.\nSame words here.\n"))
    assert result.pack is not None
    assert result.pack.actors[0].evidence[0].start == len("Same words here.\n")


def test_nothing_close_is_exit_1_with_the_best_try(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack()
    assert main(["find", "zebra unicorn xylophone", str(root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing: error: not found in 1 sources; the closest is in wire line")


def test_find_works_on_a_pack_that_does_not_validate(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack(
        'actors:\n  - {id: x, name: X, kind: group, evidence: [{source: wire, quote: "not there"}]}\n'
    )
    assert load_pack(root).pack is None
    assert main(["find", "Leaders met", str(root)]) == 0
    assert pasted(capsys.readouterr().out, root) == [("wire", "Leaders met", None)]


def test_quote_with_yaml_specials_round_trips(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    article = 'He said: "no" # not yes \\ back\n'
    root = make_pack(article=article)
    assert main(["find", 'said: "no" # not', str(root)]) == 0
    assert pasted(capsys.readouterr().out, root) == [("wire", 'said: "no" # not', None)]
