"""Usage errors: one line, exit 2, nothing written (found in review)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REPO

from briefing.cli import main


def test_init_refuses_an_impossible_as_of_date_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new"
    article = str(REPO / "seeds" / "000_cd8297b2b3133685.txt")
    assert main(["init", str(target), article, "--as-of", "2025-02-30"]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "briefing: error: --as-of '2025-02-30' is not a date in YYYY-MM-DD form"
    )
    assert not target.exists()


@pytest.mark.parametrize("query", ["", "   "])
def test_search_refuses_an_empty_query(query: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", query]) == 2
    assert capsys.readouterr().err.startswith("briefing: error: QUERY is empty")


def test_export_refuses_an_empty_output_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "-o", ""]) == 2
    assert capsys.readouterr().err.startswith("briefing: error: -o/--output is empty")


def test_open_names_a_missing_pack_before_asking_for_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["/nonexistent/pack"]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "briefing: error: no pack at '/nonexistent/pack': no such folder"
    )


@pytest.mark.parametrize(("typed", "meant"), [("valdate", "validate"), ("exprot", "export")])
def test_a_misspelt_command_is_named_as_one(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 22 bug 12: "briefing valdate" said "no pack at 'valdate'"."""
    assert main([typed]) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"briefing: error: unknown command '{typed}' (did you mean '{meant}'?)"
    )


def test_a_word_like_no_command_is_still_taken_as_a_pack(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["zzqx"]) == 2
    assert capsys.readouterr().err.strip() == "briefing: error: no pack at 'zzqx': no such folder"


def test_a_file_given_as_the_pack_is_called_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 22 bug 12: "briefing README.md" said it "is not inside a pack's data/ folder"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    assert main(["README.md"]) == 2
    assert capsys.readouterr().err.strip() == (
        "briefing: error: 'README.md' is a file, not a pack folder (give the folder that holds data/)"
    )
