"""The reader's export (``e``): marked items or the whole pack, asked format and file name."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from notecheck import parse_markdown
from textual.widgets import Button, Input, RadioButton, Static
from tui_helpers import reader

from briefing.export import render
from briefing.model.pack import Pack
from briefing.model.sanitize import clean, clean_line
from briefing.tui.screens.export import ExportScreen, FormatChoice, default_name
from briefing.tui.widgets.key_bar import KeyBar

MARKED = ("poland-logistics", "paris-chiefs", "coalition-size")


def status(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-status", Static).render())


async def open_export(r: object, target: Path | None = None) -> ExportScreen:
    await r.press("e")  # type: ignore[attr-defined]
    screen = r.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ExportScreen)
    if target is not None:
        screen.query_one("#export-file", Input).value = str(target)
        await r.pilot.pause()  # type: ignore[attr-defined]
    return screen


async def test_three_marked_items_export_exactly_those(pack: Pack, tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    async with reader() as r:
        for item_id in MARKED:
            r.app.main.go(item_id)  # as following a link does; the navigator follows
            await r.pilot.pause()
            assert r.current_id == item_id
            await r.press("space")
        assert r.app.marked == frozenset(MARKED)
        screen = await open_export(r, target)
        assert "3 marked items" in str(screen.query_one("#export-scope", Static).render())
        await r.press("enter")
        assert r.app.screen is r.app.main  # closed after writing
    parsed = parse_markdown(target.read_text(encoding="utf-8"))
    facts = [pack.get(i) for i in MARKED]
    expected = {(clean(e.sentence), clean(e.quote)) for f in facts for e in f.evidence}  # type: ignore[union-attr]
    assert {(c.sentence, c.marked) for c in parsed.footnotes.values()} == expected
    pledges = next(t for t in parsed.tables if t[0][0] == "Actor")
    assert [row[1] for row in pledges[1:]] == [
        clean_line(pack.get("poland-logistics").contribution)
    ]  # type: ignore[union-attr]
    meetings = [text for section, text, _ in parsed.statements if section == "Meetings"]
    assert len(meetings) == 1 and clean_line(pack.get("paris-chiefs").title) in meetings[0]  # type: ignore[union-attr]
    assert target.read_text(encoding="utf-8") == render(pack, "md", only=set(MARKED))


async def test_nothing_marked_exports_the_whole_pack_under_the_default_name(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader() as r:
        screen = await open_export(r)
        assert screen.query_one("#export-file", Input).value == default_name(pack, "md")
        assert "whole pack" in str(screen.query_one("#export-scope", Static).render())
        await r.press("enter")
    written = tmp_path / default_name(pack, "md")
    assert written.name.startswith("briefing-coalition-of-the-willing-") and written.name.endswith(
        f"-{pack.meta.as_of}.md"
    )
    assert written.read_text(encoding="utf-8") == render(pack, "md")


async def test_choosing_html_changes_the_extension_and_the_output(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader() as r:
        screen = await open_export(r)
        await r.pilot.click("#format-html")
        await r.pilot.pause()
        assert screen.query_one("#format-html", RadioButton).value is True
        assert screen.query_one("#export-file", Input).value == default_name(pack, "html")
        await r.pilot.click("#export-go")
        await r.pilot.pause()
    assert (tmp_path / default_name(pack, "html")).read_text(encoding="utf-8") == render(
        pack, "html"
    )


async def test_an_existing_file_is_replaced_only_after_confirmation(
    pack: Pack, tmp_path: Path
) -> None:
    target = tmp_path / "note.md"
    target.write_text("old note\n", encoding="utf-8")
    async with reader() as r:
        screen = await open_export(r, target)
        await r.press("enter")
        assert r.app.screen is screen  # still asking
        assert target.read_text(encoding="utf-8") == "old note\n"
        assert "already exists" in status(screen) and screen.query_one("#export-status").has_class(
            "-warning"
        )
        await r.press("enter")  # the same name again: replace
        assert r.app.screen is r.app.main
    assert target.read_text(encoding="utf-8") == render(pack, "md")


async def test_changing_the_name_after_the_warning_asks_again(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("a\n", encoding="utf-8")
    second.write_text("b\n", encoding="utf-8")
    async with reader() as r:
        screen = await open_export(r, first)
        await r.press("enter")
        screen.query_one("#export-file", Input).value = str(second)
        await r.pilot.pause()
        await r.press("enter")
        assert r.app.screen is screen
        assert (first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")) == (
            "a\n",
            "b\n",
        )


async def test_a_refused_write_is_shown_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    async with reader(notifications=True) as r:
        screen = await open_export(r, tmp_path / "note.md")
        await r.press("enter")
        assert r.app.screen is screen
        assert "Permission denied" in status(screen)
        assert any("Permission denied" in notice for notice in r.notices)
        await r.press("escape")
        assert r.app.screen is r.app.main
    assert list(tmp_path.iterdir()) == []


async def test_the_keyboard_alone_reaches_the_format_and_exports_json(
    pack: Pack, tmp_path: Path
) -> None:
    """tab and shift+tab move between the dialog's fields (they did nothing there, so the
    format, the options and the buttons were out of the keyboard's reach)."""
    target = tmp_path / "note.md"
    async with reader() as r:
        screen = await open_export(r, target)
        assert r.app.focused is screen.query_one("#export-file", Input)
        assert "Next field" in r.app.main.query_one("#keys", KeyBar).shown
        await r.press("shift+tab")
        assert r.app.focused is screen.query_one("#export-format", FormatChoice)
        await r.press("down")
        await r.press("down")
        await r.press("enter")  # on "JSON data": that format, and export
        assert r.app.screen is r.app.main
    written = tmp_path / "note.json"
    assert not target.exists()
    assert written.read_text(encoding="utf-8") == render(pack, "json")


async def test_tab_goes_on_to_the_buttons_and_back(pack: Pack, tmp_path: Path) -> None:
    async with reader() as r:
        screen = await open_export(r, tmp_path / "note.md")
        order = []
        for _ in range(6):
            await r.press("tab")
            focused = r.app.focused
            order.append(focused.id if focused is not None else None)
        assert "export-go" in order and "export-cancel" in order
        while r.app.focused is not screen.query_one("#export-cancel", Button):
            await r.press("tab")
        await r.press("enter")  # Cancel
        assert r.app.screen is r.app.main
    assert list(tmp_path.iterdir()) == []
