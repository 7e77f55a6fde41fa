"""`briefing confirm / reject / merge`: the edit engine from the command line, exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FIXTURES

from briefing.cli import main

STORY = FIXTURES / "init_story"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "baltic"
    assert main(["init", str(root), str(STORY), "--as-of", "2025-06-02"]) == 0
    return root


def data(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "data").glob("*.yaml")}


def test_confirm_several_ids(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["confirm", str(pack), "latvia", "estonia"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "confirm 'latvia': written to " + str(pack / "data" / "actors.yaml"),
        "confirm 'estonia': written to " + str(pack / "data" / "actors.yaml"),
    ]
    assert err == ""
    text = (pack / "data" / "actors.yaml").read_text()
    assert text.count("\n    candidate: true\n") == 9 - 2


def test_one_line_per_problem_and_exit_1(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["confirm", str(pack), "latvia", "nobody\x1b]52;c;x\x07", "latvia"]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1  # the first latvia was confirmed
    assert err.splitlines() == [
        "briefing: error: no record with id 'nobody␛]52;c;x␇' in the pack's data files",
        "briefing: error: 'latvia' is not a candidate; nothing to confirm",
    ]
    assert "\x1b" not in err


def test_reject_refused_while_referenced(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = pack / "data" / "facts.yaml"
    lines = facts.read_text().splitlines()
    where = lines.index("    actor: lithuania") + 1  # the pledge init drafted names it
    before = data(pack)
    capsys.readouterr()
    assert main(["reject", str(pack), "lithuania"]) == 1
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0] == (
        "briefing: error: refused: reject 'lithuania' would make the pack invalid; nothing was written"
    )
    assert lines[1].endswith(f"facts.yaml:{where}:12: error: unknown actor 'lithuania'")
    assert data(pack) == before
    assert main(["merge", str(pack), "lithuania", "latvia"]) == 0
    assert "actor: latvia" in facts.read_text()
    assert main(["reject", str(pack), "baltic-states"]) == 0


def test_merge_refusals(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = data(pack)
    capsys.readouterr()
    assert main(["merge", str(pack), "latvia", "latvia"]) == 1
    assert main(["merge", str(pack), "latvia", "harbour-wire"]) == 1
    _, err = capsys.readouterr()
    assert err.splitlines() == [
        "briefing: error: cannot merge 'latvia' into itself",
        "briefing: error: 'harbour-wire' is not an actor (it is in 'sources')",
    ]
    assert data(pack) == before


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reject", str(tmp_path / "none"), "x"]) == 2
    assert "no pack at" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["merge", str(tmp_path), "only-one"])
    assert exited.value.code == 2


def test_a_note_leaves_candidates_out_unless_asked(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors = pack / "data" / "actors.yaml"
    actors.write_text(
        actors.read_text().replace(
            "  - id: nordic-maritime-council\n",
            "  - id: nordic-maritime-council\n    evidence:\n      - {source: harbour-wire, "
            'quote: "The Nordic Maritime Council welcomed the agreement."}\n',
        )
    )
    capsys.readouterr()
    assert main(["export", str(pack), "--format", "md"]) == 2  # nothing confirmed yet
    assert capsys.readouterr().err.endswith(
        "briefing: error: nothing to export: the pack's evidence is all on candidates "
        "(confirm some, or include candidates)\n"
    )
    # Marked (--item) drafts with evidence: refused for what they are, not "no evidence"
    assert main(["export", str(pack), "--item", "nordic-maritime-council"]) == 2
    assert capsys.readouterr().err.endswith(
        "briefing: error: nothing to export: the selected items with evidence are all "
        "candidates (confirm them, or include candidates)\n"
    )
    assert main(["export", str(pack), "--format", "md", "--candidates"]) == 0
    assert "Nordic Maritime Council" in capsys.readouterr().out
    assert main(["confirm", str(pack), "nordic-maritime-council"]) == 0
    capsys.readouterr()
    candidates = sum(
        1
        for f in (*loaded(pack).actors, *loaded(pack).meetings, *loaded(pack).pledges)
        if f.candidate
    )
    assert main(["export", str(pack), "--format", "md"]) == 0
    out, err = capsys.readouterr()
    assert "Nordic Maritime Council" in out
    assert err.endswith(
        f"briefing: {candidates} candidates left out of the note "
        "(confirm them, or add --candidates)\n"
    )


def loaded(pack: Path):  # type: ignore[no-untyped-def]
    from briefing.model import load_pack

    result = load_pack(pack)
    assert result.pack is not None
    return result.pack
