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
