"""Every error class of `briefing validate`, asserted as the exact line an author sees."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import ARTICLE, PackMaker, sha

from briefing.cli import main
from briefing.model import load_pack


def errors_of(root: Path) -> list[str]:
    """The formatted diagnostics, with paths relative to the pack folder."""
    old = os.getcwd()
    os.chdir(root)
    try:
        result = load_pack(".")
    finally:
        os.chdir(old)
    return [d.format() for d in result.diagnostics]


def test_valid_pack_has_no_diagnostics(make_pack: PackMaker) -> None:
    root = make_pack(
        """\
        actors:
          - {id: poland, name: Poland, kind: country}
        pledges:
          - id: poland-logistics
            actor: poland
            contribution: logistics support
            status: offered
            evidence:
              - {source: wire, quote: "Poland offered"}
        """
    )
    result = load_pack(root)
    assert result.diagnostics == []
    assert result.pack is not None
    assert result.pack.pledges[0].evidence[0].start == ARTICLE.index("Poland offered")


def test_yaml_syntax_error(make_pack: PackMaker) -> None:
    root = make_pack("actors:\n  - id: [unclosed\n")
    assert errors_of(root) == [
        "data/facts.yaml:3:1: error: YAML syntax error: did not find expected ',' or ']'"
    ]


def test_unknown_field_suggests_the_nearest(make_pack: PackMaker) -> None:
    root = make_pack("actors:\n  - {id: poland, name: Poland, kind: country, alias: [Polska]}\n")
    assert errors_of(root) == [
        "data/facts.yaml:2:47: error: unknown field 'alias' in actor (did you mean 'aliases'?)"
    ]


def test_wrong_type(make_pack: PackMaker) -> None:
    root = make_pack("actors:\n  - {id: poland, name: [Poland], kind: country}\n")
    assert errors_of(root) == ["data/facts.yaml:2:24: error: expected a string, found a list"]


def test_missing_field(make_pack: PackMaker) -> None:
    root = make_pack("actors:\n  - {id: poland, name: Poland}\n")
    assert errors_of(root) == ["data/facts.yaml:2:5: error: actor is missing required field 'kind'"]


def test_duplicate_id_names_the_first(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - {id: poland, name: Poland, kind: country}\n  - {id: poland, name: Polska, kind: country}\n"
    )
    assert errors_of(root) == [
        "data/facts.yaml:3:10: error: duplicate id 'poland' (first defined at data/facts.yaml:2:10)"
    ]


def test_duplicate_mapping_key_is_detected(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    name: Polska\n    kind: country\n"
    )
    assert errors_of(root) == [
        "data/facts.yaml:4:5: error: duplicate key 'name' (first defined at line 3, column 5); "
        "YAML would silently keep only the last"
    ]


def test_dangling_reference_suggests_nearest_id(make_pack: PackMaker) -> None:
    root = make_pack(
        """\
        actors:
          - {id: poland, name: Poland, kind: country}
        pledges:
          - id: p1
            actor: polland
            contribution: logistics
            status: offered
            evidence: [{source: wire, quote: "Poland offered"}]
        """
    )
    assert errors_of(root) == [
        "data/facts.yaml:5:12: error: unknown actor 'polland' (did you mean 'poland'?)"
    ]


def test_unknown_source_suggests_nearest(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        '    evidence: [{source: wyre, quote: "Poland offered"}]\n'
    )
    assert errors_of(root) == [
        "data/facts.yaml:5:25: error: unknown source 'wyre' (did you mean 'wire'?)"
    ]


def test_bad_date(make_pack: PackMaker) -> None:
    root = make_pack(
        """\
        meetings:
          - id: m1
            title: Talks
            date: 2025-02-30
            date_text: on Tuesday
            status: held
            evidence: [{source: wire, quote: "Leaders met in Paris"}]
        """
    )
    assert errors_of(root) == [
        "data/facts.yaml:4:11: error: '2025-02-30' is not a date in YYYY-MM-DD form"
    ]


def test_unknown_status_suggests(make_pack: PackMaker) -> None:
    root = make_pack(
        """\
        actors:
          - {id: poland, name: Poland, kind: country}
        pledges:
          - id: p1
            actor: poland
            contribution: logistics
            status: ofered
            evidence: [{source: wire, quote: "Poland offered"}]
        """
    )
    assert errors_of(root) == [
        "data/facts.yaml:7:13: error: unknown pledge status 'ofered' (expected one of: offered, committed, "
        "conditional, considering, undecided, declined, proposed, delivered, paused) (did you mean 'offered'?)"
    ]


def test_unknown_kind(make_pack: PackMaker) -> None:
    root = make_pack("actors:\n  - {id: poland, name: Poland, kind: nation}\n")
    assert errors_of(root) == [
        "data/facts.yaml:2:38: error: unknown actor kind 'nation' (expected one of: person, country, "
        "organisation, group)"
    ]


def test_missing_article_suggests_nearest_file(make_pack: PackMaker) -> None:
    header = (
        "pack: {title: T, story: S, as_of: 2025-03-16}\n"
        "sources:\n"
        f"  - {{id: wire, file: seeds/b.txt, sha256: {sha(ARTICLE)}, outlet: W, title: T,"
        " published: 2025-03-10, language: en}\n"
    )
    root = make_pack(header=header)
    assert errors_of(root) == [
        "data/pack.yaml:3:22: error: article file 'seeds/b.txt' not found (did you mean 'seeds/a.txt'?)"
    ]


def test_non_utf8_article_reported_at_line_and_column(make_pack: PackMaker) -> None:
    root = make_pack()
    (root / "seeds" / "a.txt").write_bytes(b"First line.\nCaf\xe9 au lait.\n")
    assert errors_of(root) == [
        "seeds/a.txt:2:4: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_changed_article_is_reported_not_silently_reanchored(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Poland offered"}]\n'
    )
    (root / "seeds" / "a.txt").write_text(
        ARTICLE.replace("Poland offered", "Poland proposed"), encoding="utf-8"
    )
    lines = errors_of(root)
    assert lines[0] == (
        "data/facts.yaml:5:38: error: quote not found in source 'wire', whose article changed "
        "since the pack was written; suggested replacement from line 3, 69% similar: "
        'quote: "Poland proposed"'
    )
    assert lines[1].startswith(
        "data/pack.yaml:8:13: error: article 'seeds/a.txt' changed since the pack was written"
    )


def test_quote_not_found_names_closest_passage(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Leaders met in Berlin on Tuesday"}]\n'
    )
    assert errors_of(root) == [
        "data/facts.yaml:5:38: error: quote not found in source 'wire'; closest passage is on line 1, "
        "89% similar (did you mean 'Leaders met in Paris on Tuesday'?)"
    ]


def test_ambiguous_quote_needs_occurrence(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Officials said talks went well."}]\n'
    )
    assert errors_of(root) == [
        "data/facts.yaml:5:38: error: quote occurs 2 times in source 'wire' (lines 4, 4); "
        "add occurrence: 1 to 2, or quote more words"
    ]


def test_occurrence_disambiguates(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Officials said talks went well.", occurrence: 2}]\n'
    )
    pack = load_pack(root).pack
    assert pack is not None
    second = ARTICLE.rindex("Officials said talks went well.")
    assert pack.actors[0].evidence[0].start == second
    assert pack.actors[0].evidence[0].sentence_start == second


def test_an_occurrence_in_other_digits_is_an_error_not_a_crash(make_pack: PackMaker) -> None:
    """ "²" passes ``str.isdigit`` but not ``int``: the load raised ValueError on it."""
    for written in ("²", "٣", "0"):
        root = make_pack(
            "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
            '    evidence: [{source: wire, quote: "Officials said talks went well.", '
            f"occurrence: {written}}}]\n"
        )
        errors = errors_of(root)
        assert len(errors) == 1, errors
        assert f"expected a whole number from 1, found '{written}'" in errors[0], errors


def test_yaml_scalars_stay_strings(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - {id: norway, name: no, kind: country, aliases: [1.10, 012, 2025-03-11, 1:20]}\n"
    )
    pack = load_pack(root).pack
    assert pack is not None
    assert pack.actors[0].name == "no"
    assert pack.actors[0].aliases == ("1.10", "012", "2025-03-11", "1:20")


@pytest.mark.parametrize(
    ("argv", "code"),
    [(["validate"], 0), (["validate", "/nonexistent/pack"], 2), (["frobnicate", "--x"], 2)],
)
def test_exit_codes(argv: list[str], code: int, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) if code == 2 and argv[0] == "frobnicate" else _nothing():
        assert main(argv) == code


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_invalid_pack_exits_1_without_traceback(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack("actors:\n  - {id: poland, name: Poland}\n")
    assert main(["validate", str(root)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == "briefing: 1 error; the pack is not valid"


def test_one_bad_field_in_a_source_is_one_error_not_a_cascade(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Poland offered"}]\n'
    )
    pack_yaml = root / "data" / "pack.yaml"
    pack_yaml.write_text(
        pack_yaml.read_text(encoding="utf-8") + '    flags: {boilerplate_lines: ["5-3"]}\n',
        encoding="utf-8",
    )
    assert errors_of(root) == [
        "data/pack.yaml:13:33: error: line range '5-3' ends before it starts"
    ]


def test_evidence_on_a_boilerplate_line_is_a_warning(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Officials said talks went well.", occurrence: 1}]\n'
    )
    pack_yaml = root / "data" / "pack.yaml"
    pack_yaml.write_text(
        pack_yaml.read_text(encoding="utf-8") + '    flags: {boilerplate_lines: ["4"]}\n',
        encoding="utf-8",
    )
    assert errors_of(root) == [
        "data/facts.yaml:5:38: warning: quote is on boilerplate line 4 of source 'wire' "
        "(site furniture, not the article)"
    ]


def test_uncited_entry_that_is_cited_is_a_warning(make_pack: PackMaker) -> None:
    root = make_pack(
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Poland offered"}]\n'
    )
    pack_yaml = root / "data" / "pack.yaml"
    pack_yaml.write_text(
        pack_yaml.read_text(encoding="utf-8")
        + '    uncited:\n      - {quote: "but no troops", reason: "x"}\n      - {quote: "Leaders met", reason: "y"}\n'
        + '      - {quote: "in Paris on Tuesday", reason: "z"}\n',
        encoding="utf-8",
    )
    assert errors_of(root) == [
        "data/pack.yaml:14:17: warning: sentence listed as uncited is cited by 'poland'; remove it from uncited",
        "data/pack.yaml:16:17: warning: sentence listed as uncited twice",
    ]


def test_a_broken_pack_section_is_not_also_reported_missing(make_pack: PackMaker) -> None:
    header = "pack:\n  title: Test pack\n  story: A test.\n  as_of: 2025-02-30\n"
    root = make_pack(header=header)
    assert errors_of(root) == [
        "data/pack.yaml:4:10: error: '2025-02-30' is not a date in YYYY-MM-DD form"
    ]
