"""`briefing coverage`: figures per source and the gaps an author still has to close."""

from __future__ import annotations

import pytest
from support import ARTICLE, PackMaker

from briefing.cli import main
from briefing.model import load_pack
from briefing.model.authoring.coverage import coverage

FACTS = """\
actors:
  - {id: poland, name: Poland, kind: country}
  - {id: martin, name: Micheál Martin, kind: person, aliases: [Miche?l Martin]}
pledges:
  - id: poland-logistics
    actor: poland
    contribution: logistics support
    status: offered
    evidence: [{source: wire, quote: "Poland offered"}]
"""


def test_gaps_are_sentences_naming_an_actor_that_nothing_cites(make_pack: PackMaker) -> None:
    pack = load_pack(make_pack(FACTS)).pack
    assert pack is not None
    (row,) = coverage(pack)
    assert row.sentences == 6
    assert row.cited == 1
    assert [(g.sentence, g.actors) for g in row.gaps] == [
        ("Irish Prime Minister Miche?l Martin said Ireland would send peacekeepers.", ("martin",))
    ]
    assert row.gaps[0].start == ARTICLE.index("Irish Prime")


def test_a_reason_closes_a_gap(make_pack: PackMaker) -> None:
    header_extra = (
        '    uncited:\n      - {quote: "Miche?l Martin said", reason: "Covered elsewhere."}\n'
    )
    root = make_pack(FACTS)
    pack_yaml = root / "data" / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8") + header_extra, encoding="utf-8")
    pack = load_pack(root).pack
    assert pack is not None
    (row,) = coverage(pack)
    assert (row.cited, row.explained, row.gaps) == (1, 1, ())


def test_cli_strict_fails_on_gaps(make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_pack(FACTS)
    assert main(["coverage", str(root)]) == 0
    assert main(["coverage", "--strict", str(root)]) == 1
    out = capsys.readouterr().out
    assert (
        "seeds/a.txt:2:1: martin: Irish Prime Minister Miche?l Martin said Ireland would send peacekeepers."
        in out
    )


def test_default_pack_has_no_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--strict"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "source",
        "cited",
        "/",
        "sentences",
        "coverage",
        "explained",
        "gaps",
    ]
    assert lines[-1].split()[-1] == "0"
