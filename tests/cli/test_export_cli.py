"""``briefing export`` end to end: files, refusals, filters and exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.export import render
from briefing.model import load_pack


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_writes_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    target = tmp_path / f"note.{fmt}"
    code, out, err = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert code == 0 and out == ""
    pack = load_pack().pack
    assert pack is not None
    assert target.read_text(encoding="utf-8") == render(pack, fmt)
    assert err.startswith(f"wrote {target} (")


def test_default_is_markdown_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    assert out.startswith("# ") and "[^1]:" in out


def test_refuses_to_overwrite_then_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "note.md"
    target.write_text("old\n", encoding="utf-8")
    code, out, err = run(capsys, "export", "-o", str(target))
    assert code == 1 and out == ""
    assert err == f"briefing: error: {target}: already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "old\n"
    code, _, _ = run(capsys, "export", "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_unwritable_place_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "missing" / "note.md"))
    assert code == 1
    assert err.count("\n") == 1 and "does not exist" in err and "Traceback" not in err


def test_actor_filter_and_unknown_actor(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--actor", "poland")
    assert code == 0 and "| Poland |" in out and "| France |" not in out
    code, out, err = run(capsys, "export", "--actor", "polnd")
    assert code == 2 and out == ""
    assert err == "briefing: error: unknown actor 'polnd'; did you mean 'poland'?\n"


def test_item_selection(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--item", "poland-logistics", "--format", "md")
    assert code == 0
    assert "| Poland | logistics support |" in out and "## Meetings" not in out
    code, _, err = run(capsys, "export", "--item", "poland-logistic")
    assert code == 2 and "did you mean 'poland-logistics'" in err


def test_relative_output_lands_in_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "export", "--format", "html", "-o", "note.html")
    assert code == 0 and (tmp_path / "note.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["note.html"]
    assert os.path.getsize(tmp_path / "note.html") > 1000


def test_a_command_s_load_is_frozen_before_the_collector_is_back() -> None:
    """What a command loaded is frozen inside the pause: no collector pass walks it
    first (one did, at every command: 34 ms at 1,000 articles)."""
    from support import YoungPasses

    from briefing.cli.common import load_or_report

    with YoungPasses() as passes:
        pack, code = load_or_report(None)
    assert pack is not None and code == 0
    assert passes.crowded == []


def test_export_is_made_with_the_collector_paused_and_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector is off while the pieces are made and written (no cycles to find), on after."""
    import gc

    import briefing.export as export

    seen: list[bool] = []
    made = export.render_chunks

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        for piece in made(*args, **kwargs):  # type: ignore[arg-type]
            seen.append(gc.isenabled())
            yield piece

    monkeypatch.setattr(export, "render_chunks", watched)
    assert gc.isenabled()
    target = tmp_path / "note.json"
    code, _, _ = run(capsys, "export", "--format", "json", "-o", str(target))
    assert code == 0 and target.stat().st_size > 0
    assert seen and not any(seen)
    assert gc.isenabled()
