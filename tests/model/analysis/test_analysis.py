"""Corroboration, Admiralty grading, disagreement detection and their JSON contract."""

from __future__ import annotations

import json
import shutil
import textwrap
from itertools import combinations
from pathlib import Path

import pytest
from support import REPO, sha

from briefing.export.jsonout import render
from briefing.model import load_pack
from briefing.model.analysis import computed_credibility, outlet_identity
from briefing.model.analysis.analyse import analyse
from briefing.model.analysis.disagreements.detect import count_mentions, detect, figures_conflict
from briefing.model.pack import Pack

ARTICLES = {
    "a.txt": "Poland offered troops for the force. About 20 countries are in the talks.\n",
    "b.txt": "Poland offered troops, officials said. Some 37 countries are in the talks.\n",
    "c.txt": "Poland declined to send troops. The talks involve 19 countries.\n",
}


def _tiny_pack(tmp_path: Path, extra: str = "") -> Pack:
    """Three sources; a and b both retell Bloomberg, c is its own outlet."""
    root = tmp_path / "pack"
    (root / "data").mkdir(parents=True)
    (root / "seeds").mkdir()
    for name, text in ARTICLES.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")

    def src(ident: str, name: str, outlet: str, more: str) -> str:
        return textwrap.indent(
            f"- id: {ident}\n  file: seeds/{name}\n  sha256: {sha(ARTICLES[name])}\n"
            f"  outlet: {outlet}\n  title: T\n  published: 2025-03-10\n  language: en\n{more}",
            "  ",
        )

    yaml = (
        "pack:\n  title: T\n  story: S\n  as_of: 2025-03-16\nsources:\n"
        + src("a", "a.txt", "Kyiv Daily", "  original_outlet: Bloomberg\n  grade: C\n")
        + src(
            "b",
            "b.txt",
            "Another Site (retelling)",
            "  original_outlet: The Bloomberg\n  grade: B\n",
        )
        + src("c", "c.txt", "Wire", "  grade: B\n  flags:\n    machine_translated: true\n")
        + "actors:\n  - {id: poland, name: Poland, kind: country}\n"
        + textwrap.dedent(extra)
    )
    (root / "data" / "pack.yaml").write_text(yaml, encoding="utf-8")
    result = load_pack(root)
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    return result.pack


PLEDGE = """\
pledges:
  - id: poland-troops
    actor: poland
    contribution: troops
    status: offered
    evidence:
      - {source: a, quote: "Poland offered troops for the force"}
      - {source: b, quote: "Poland offered troops, officials said"}
"""


def test_same_original_outlet_counts_once(tmp_path: Path) -> None:
    pack = _tiny_pack(tmp_path, PLEDGE)
    analysed = analyse(pack).of(pack.pledges[0].id)
    assert analysed is not None
    found = analysed.support
    assert (found.sources, found.outlets) == (2, 1)
    assert found.single_source
    assert found.shown() == "2 sources / 1 outlet"
    assert outlet_identity(pack.source("a")) == outlet_identity(pack.source("b")) == "bloomberg"


def test_independent_outlets_count_separately(tmp_path: Path) -> None:
    pack = _tiny_pack(
        tmp_path, PLEDGE + '      - {source: c, quote: "Poland declined to send troops"}\n'
    )
    found = analyse(pack).of("poland-troops")
    assert found is not None
    assert (found.support.sources, found.support.outlets) == (3, 2)
    assert found.grade.rating == "B2"  # best source B, two independent outlets
    assert found.grade.machine_translated  # c is machine-translated, and the fact says so
    assert any("machine-translated: c" in c for c in found.grade.caveats)


def test_claim_value_backed_by_every_source_giving_it(tmp_path: Path) -> None:
    claims = """\
claims:
  - id: size
    topic: How many countries
    values:
      - {value: about 20, source: a, evidence: [{source: a, quote: "About 20 countries"}]}
      - {value: About 20, source: c, evidence: [{source: c, quote: "19 countries"}]}
      - {value: "37", source: b, evidence: [{source: b, quote: "Some 37 countries"}]}
"""
    pack = _tiny_pack(tmp_path, claims)
    analysis = analyse(pack)
    first, second, third = (analysis.value("size", i) for i in range(3))
    assert first and second and third
    assert (first.support.sources, first.support.outlets) == (2, 2)
    assert (third.support.sources, third.support.outlets) == (1, 1)
    # "37" is contradicted by two independent outlets and backed by one: improbable.
    assert third.grade.credibility == "5"
    assert first.grade.credibility == "2"


def test_author_credibility_wins(tmp_path: Path) -> None:
    pack = _tiny_pack(tmp_path, PLEDGE + "    credibility: 4\n")
    found = analyse(pack).of("poland-troops")
    assert found is not None
    assert (found.grade.credibility, found.grade.basis) == ("4", "author")


def test_bad_credibility_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "data", root / "data")
    path = root / "data" / "pledges.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    status: offered\n", "    status: offered\n    credibility: 7\n", 1)
    )
    lines = [d.format() for d in load_pack(root).errors]
    assert len(lines) == 1 and "unknown credibility '7'" in lines[0]


@pytest.mark.parametrize(
    ("outlets", "grades", "careful", "against", "expected"),
    [
        (0, [], False, 0, "6"),
        (3, ["C", "C", "C"], False, 0, "1"),
        (2, ["B", "C"], False, 0, "2"),
        (1, ["B"], False, 0, "3"),
        (1, ["B"], True, 0, "4"),  # single machine-translated source
        (1, ["D"], False, 0, "4"),
        (1, ["F"], False, 0, "6"),
        (2, ["C", "C"], True, 0, "3"),  # every source machine-translated: one step down
        (1, ["C"], False, 3, "5"),  # contradicted by more outlets
        (3, ["C", "C", "C"], False, 1, "2"),  # disputed: never "confirmed"
    ],
)
def test_credibility_rules(
    outlets: int, grades: list[str], careful: bool, against: int, expected: str
) -> None:
    from briefing.model.analysis import Support
    from briefing.model.text import Article
    from briefing.model.types import Flags, Source

    sources = [
        Source(
            id=f"s{i}",
            file="x",
            path="x",
            sha256="0" * 64,
            outlet=f"Outlet {i}",
            title="t",
            published=None,
            language="en",
            article=Article.from_text(""),
            grade=g,
            flags=Flags(machine_translated=careful),
        )
        for i, g in enumerate(grades)
    ]
    found = Support(tuple(s.id for s in sources), tuple(f"o{i}" for i in range(outlets)))
    assert computed_credibility(found, sources, against)[0] == expected


def _default_pack_without_claims(tmp_path: Path) -> Pack:
    root = tmp_path / "noclaims"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "data", root / "data")
    (root / "data" / "claims.yaml").unlink()
    result = load_pack(root)
    assert result.pack is not None and result.pack.claims == ()
    return result.pack


def test_coalition_sizes_found_without_a_claim(tmp_path: Path) -> None:
    pack = _default_pack_without_claims(tmp_path)
    counts = [d for d in detect(pack) if d.kind == "count"]
    (size,) = [d for d in counts if d.topic == "Number of countries"]
    by_source = {v.source: v.value for v in size.values}
    assert by_source["ukr-bloomberg"] == "37"
    assert {by_source[s] for s in ("ipaper", "ft-mt", "asiae", "bbc-summary")} == {"about 20"}
    for v in size.values:
        assert v.sentence in pack.source(v.source).text
        assert v.sentence.count("20") + v.sentence.count("37") >= 1
    assert size.claim is None  # nothing written down


def test_default_pack_disagreements_link_the_authors_claims() -> None:
    result = load_pack()
    assert result.pack is not None
    found = analyse(result.pack).disagreements
    size = next(d for d in found if d.topic == "Number of countries")
    assert size.claim == "coalition-size"
    canada = next(d for d in found if d.kind == "stance" and "Canada" in d.topic)
    assert {v.source: v.value for v in canada.values} == {
        "ft-mt": "offered",
        "asiae": "considering",
    }
    # the specific "five leading European states" is not lumped with "countries"
    assert all(
        "37" not in v.value or d.topic == "Number of countries" for d in found for v in d.values
    )


def test_stance_conflict_detected_from_text(tmp_path: Path) -> None:
    pack = _tiny_pack(tmp_path)
    stances = [d for d in detect(pack) if d.kind == "stance"]
    assert len(stances) == 1
    assert stances[0].topic == "Stance of Poland on troop"
    assert {(v.source, v.value) for v in stances[0].values} == {
        ("a", "offered"),
        ("b", "offered"),
        ("c", "declined"),
    }


def test_compatible_figures_are_not_a_disagreement(tmp_path: Path) -> None:
    pack = _tiny_pack(tmp_path)
    mentions = [m for s in pack.sources for m in count_mentions(s)]
    assert {(m.source, m.value) for m in mentions} == {
        ("a", "about 20"),
        ("b", "about 37"),
        ("c", "19"),
    }
    assert not figures_conflict("about 20", "19")
    assert figures_conflict("about 20", "37")
    assert not figures_conflict("mostly Europe", "37")


def test_json_contract_additions() -> None:
    result = load_pack()
    assert result.pack is not None
    data = json.loads(render(result.pack))
    for meeting in data["meetings"]:
        assert set(meeting["support"]) == {"sources", "outlets"}
        assert meeting["date_precision"] in ("day", "range", "week", "month", "unknown")
        basis = meeting["date_basis"]
        assert basis["expression"] == meeting["date_text"]
        assert basis["published"] is None or len(basis["published"]) == 10
        assert meeting["credibility"] in list("123456")
    for pledge in data["pledges"]:
        assert pledge["support"]["sources"] >= pledge["support"]["outlets"] >= 1
    for claim in data["claims"]:
        for value in claim["values"]:
            assert set(value["support"]) == {"sources", "outlets"}
    assert {s["id"]: s["grade"] for s in data["sources"]}["ipaper"] == "B"
    paris = next(m for m in data["meetings"] if m["id"] == "paris-chiefs")
    assert (paris["date_basis"]["source"], paris["date_basis"]["published"]) == (
        "ipaper",
        "2025-03-10",
    )
    assert paris["support"] == {"sources": 4, "outlets": 4}
    ft = next(m for m in data["meetings"] if m["id"] == "starmer-albanese-talks")
    assert ft["date_precision"] == "range" and ft["support"] == {"sources": 1, "outlets": 1}
    assert ft["grading"]["machine_translated"] is True
    size = next(d for d in data["disagreements"] if d["topic"] == "Number of countries")
    assert set(size["values"][0]) >= {"value", "source", "sentence"}
    assert {v["value"] for v in size["values"]} == {"about 20", "37"}


# What the analysis keeps for a session is shared by value, and still reads the same:
# equal grades, outlet lists, mention keys and offsets are one object each, and a
# meeting date's sentence is sliced from its article on asking.
def _default_pack() -> Pack:
    result = load_pack()
    assert result.pack is not None
    return result.pack


def test_equal_grades_and_outlet_lists_are_one_object() -> None:
    analysis = analyse(_default_pack())
    results = [*analysis.facts.values(), *analysis.values.values()]
    equal_pairs = 0
    for a, b in combinations(results[:300], 2):
        if a.grade == b.grade:
            equal_pairs += 1
            assert a.grade is b.grade
        if a.support.outlet_names == b.support.outlet_names:
            assert a.support.outlet_names is b.support.outlet_names
    assert equal_pairs > 0


def test_a_placement_reads_its_sentence_from_the_article() -> None:
    pack = _default_pack()
    analysis = analyse(pack)
    placements = [p for d in analysis.dates.values() for p in d.placements]
    assert placements
    for p in placements:
        source = pack.source(p.source)
        assert p.text is source.text  # the article's one string, not a copy
        assert p.sentence == source.text[p.sentence_start : p.sentence_end]
        assert p.sentence_start <= p.start < p.end <= p.sentence_end
        assert p.resolution.expression.strip() in p.sentence


def test_count_mentions_share_keys_and_offsets_over_a_run() -> None:
    pack = _default_pack()
    shared: dict[int, int] = {}
    together = [m for s in pack.sources for m in count_mentions(s, shared)]
    alone = [m for s in pack.sources for m in count_mentions(s)]
    assert together == alone  # sharing changes no mention
    by_key = {}
    for m in together:
        assert by_key.setdefault(m.key, m.key) is m.key
        assert shared[m.start] is m.start and shared[m.sentence_end] is m.sentence_end
    assert len(by_key) < len(together)
