"""The reader's view of time: the timeline strip, the "Since DATE" view, the + marks, pledge history."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from since_pack import grow
from textual.pilot import Pilot
from textual.widgets import DataTable
from tui_helpers import settled, wait_until

from briefing.model import load_pack
from briefing.model.analysis.story_days import story_days
from briefing.model.io import last_note_date
from briefing.model.pack import Pack
from briefing.tui.app import BriefingApp
from briefing.tui.screens.since import SinceScreen, since_rows
from briefing.tui.screens.timeline import SELECTED, TimelineScreen
from briefing.tui.strip_layout import LABEL, columns, layout, place
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.timeline_strip import TimelineStrip

CHANGED = {"finland-committed", "lithuania-offered", "ships-first-month", "meeting-in-riga-2"}


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return grow(tmp_path_factory.mktemp("since-reader") / "baltic")


@asynccontextmanager
async def running(
    pack_arg: str | None = None, since: str | None = None, size: tuple[int, int] = (120, 36)
) -> AsyncIterator[tuple[BriefingApp, Pilot[None]]]:
    app = BriefingApp(pack_arg, since)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: settled(app), "the pack loaded and analysed")
        await app.workers.wait_for_complete()
        await pilot.pause()
        yield app, pilot


# ---------------------------------------------------------------- strip layout (no Textual)


def test_strip_layout_puts_each_day_in_a_column(pack: Pack) -> None:
    story = story_days(pack)
    strip = layout(story, 78)
    cols, cell = columns(story, 78)
    assert len(cols) == len(story.days) == 16 and cell == 4
    bars, marks, numbers, _months = ("".join(t for t, _ in row) for row in strip.rows)
    index = story.index_of("2025-03-11")
    assert index is not None
    at = len(LABEL) + index * cell
    held_that_day = len(story.days[index].held)
    assert marks[at : at + cell].strip() == "●" * held_that_day
    assert numbers[at : at + cell].strip() == "11"
    last = len(LABEL) + (len(cols) - 1) * cell
    assert marks[last : last + cell].strip() == "○"  # the planned virtual meeting on 15 Mar
    busiest = max(range(len(story.days)), key=lambda i: story.days[i].articles)
    start = len(LABEL) + busiest * cell
    assert bars[start : start + cell] == "█" * (cell - 1) + " "
    quiet = next(i for i, d in enumerate(story.days) if d.articles == 0)
    start = len(LABEL) + quiet * cell
    assert bars[start : start + cell] == "·" + " " * (cell - 1)


def test_narrow_strip_never_runs_day_numbers_together() -> None:
    line = place([str(d) for d in range(1, 31)], 1)
    # Each label stands alone ("11 13", never "111213"), all of them real day numbers.
    assert all(part.isdigit() and 1 <= int(part) <= 30 for part in line.split())
    assert line.startswith("1 3 5 7 9 11 ")


# ---------------------------------------------------------------------- the timeline strip


async def test_the_strips_cursor_selects_the_days_meetings(pack: Pack) -> None:
    async with running() as (app, pilot):
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        strip = screen.query_one(TimelineStrip)
        table = screen.query_one(DataTable)
        story = story_days(pack)
        day = story.index_of("2025-03-11")
        assert day is not None
        strip.focus()
        strip.select_column(day - 1)
        await pilot.press("right")  # the key moves one day
        await pilot.pause()
        expected = tuple(m.id for m in screen.meetings if m.date == "2025-03-11")
        assert len(expected) == 3 and screen.selected == expected
        first = table.get_row_index(expected[0])
        assert table.cursor_row == first
        marks = [str(table.get_cell(m.id, "day")) for m in screen.meetings]
        assert marks.count(SELECTED) == 3
        # The table's cursor on another day: the strip follows, the marks move.
        table.focus()
        last_dated = max(i for i, m in enumerate(screen.meetings) if m.date)
        table.move_cursor(row=last_dated)
        await pilot.pause()
        assert strip.column == story.index_of(screen.meetings[last_dated].date or "")
        assert screen.selected == (screen.meetings[last_dated].id,)


# -------------------------------------------------------------------------- "since" view


async def test_since_marks_the_navigator_and_lists_the_changes(grown: Path) -> None:
    async with running(str(grown), since="2025-06-02") as (app, pilot):
        navigator = app.main.query_one(Navigator)
        assert navigator.since == CHANGED
        assert str(navigator.node_for("finland-committed").label).startswith("+ ")  # type: ignore[union-attr]
        assert not str(navigator.node_for("latvia-offered").label).startswith("+ ")  # type: ignore[union-attr]
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SinceScreen)
        table = screen.query_one(DataTable)
        kinds = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert kinds == ["new", "status", "new value", "now held"]
        assert screen.targets == [
            "finland-committed",
            "lithuania-offered",
            "ships-first-month",
            "meeting-in-riga-2",
        ]
        table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.main.current is not None and app.main.current.item_id == "lithuania-offered"
        # The detail pane tells the pledge's status over time and links the earlier record.
        detail = app.main.query_one(DetailPane)
        rows = [str(detail.get_option_at_index(i).prompt) for i in range(detail.option_count)]
        assert any(
            "considering (2 Jun, harbour-wire-2025-06-02, source-2025-06-02) → offered (6 Jun, "
            "baltic-post-2025-06-06)" in row
            for row in rows
        )
        assert any("same pledge:" in row for row in rows)


async def test_w_without_since_uses_the_day_before_the_newest_articles(grown: Path) -> None:
    async with running(str(grown)) as (app, pilot):
        assert app.main.query_one(Navigator).since == frozenset()  # nothing marked until asked
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SinceScreen)
        assert screen.changes.since == "2025-06-05"
        assert "no note exported from this pack yet" in str(
            screen.query_one(DataTable).border_title
        )
        assert app.main.query_one(Navigator).since == CHANGED
        await pilot.press("w")  # again: closes the view
        await pilot.pause()
        assert app.screen is app.main


def test_since_rows_word_each_change(grown: Path) -> None:
    from briefing.model.analysis import changes_since

    pack = load_pack(grown).pack
    assert pack is not None
    rows = since_rows(pack, changes_since(pack, "2025-06-02"))
    assert [r[0] for r in rows] == ["new", "status", "new value", "now held"]
    assert rows[2][2] == "“ten” (harbour-wire-2025-06-06, 6 Jun)"
    assert rows[3][2] == "planned as of 2 Jun, reported held 6 Jun"


async def test_export_dialog_offers_the_clis_note_options(grown: Path, tmp_path: Path) -> None:
    """--candidates and --since in the reader: the note written is the CLI's, byte for byte."""
    from textual.widgets import Button, Checkbox, Input, RadioButton

    from briefing.export import render
    from briefing.tui.screens.export import ExportScreen

    target = tmp_path / "note.md"
    async with running(str(grown), since="2025-06-02", size=(80, 24)) as (app, pilot):
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        candidates = screen.query_one("#export-candidates", Checkbox)
        since = screen.query_one("#export-since", Checkbox)
        assert "2025-06-02" in str(since.label)
        assert not candidates.value and not since.value  # the CLI's defaults
        go = screen.query_one("#export-go", Button)
        assert go.region.bottom <= 24  # the options do not push Export off an 80x24 screen
        screen.query_one("#format-json", RadioButton).value = True
        await pilot.pause()
        assert candidates.disabled and since.disabled  # JSON keeps candidates, has no "since"
        screen.query_one("#format-md", RadioButton).value = True
        await pilot.pause()
        assert not candidates.disabled
        candidates.value = since.value = True
        screen.query_one("#export-file", Input).value = str(target)
        await pilot.pause()
        await pilot.click("#export-go")
        await wait_until(pilot, lambda: app.screen is not screen, "the export dialog closed")
        assert app.pack is not None
        expected = render(app.pack, "md", candidates=True, since="2025-06-02")
    assert target.read_text(encoding="utf-8") == expected
    assert expected != render(load_pack(grown).pack, "md")  # type: ignore[arg-type]
    # Recorded for the next --since last, as the CLI's export records it.
    assert last_note_date(grown) == load_pack(grown).pack.meta.as_of  # type: ignore[union-attr]


async def test_export_dialog_offers_no_candidates_option_without_candidates() -> None:
    from briefing.tui.screens.export import ExportScreen

    async with running() as (app, pilot):
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert not screen.query("#export-candidates")
