"""Issue 22: the timeline and the pledge board show what they are for at 120 and 80 columns.

Each column drawn must lie wholly inside the table and be wide enough to read;
what a narrow table leaves out, the panel below shows for the highlighted row.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static
from tui_helpers import reader

from briefing.model.pack import Pack
from briefing.model.types import Meeting, meetings_by_date
from briefing.tui.screens.pledges import PledgeBoardScreen, board_order
from briefing.tui.screens.timeline import TimelineScreen

SIZES = [(120, 36), (80, 24)]


def visible_columns(table: DataTable[object]) -> dict[str, int]:
    """Each column wholly inside the table's width, by heading, with its drawn width."""
    shown: dict[str, int] = {}
    right = 0
    for column in table.ordered_columns:
        right += column.get_render_width(table)
        if right <= table.scrollable_content_region.width:
            shown[str(column.label)] = column.get_render_width(table) - 2 * table.cell_padding
    return shown


def panel_text(screen: object, name: str) -> str:
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    return str(screen.query_one(f"#{name}-explain-text", Static).render())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_timeline_shows_its_columns_and_the_meeting_whole_below(
    pack: Pack, size: tuple[int, int]
) -> None:
    async with reader(size=size) as r:
        await r.press("t")
        screen = r.app.screen
        assert isinstance(screen, TimelineScreen)
        columns = visible_columns(screen.query_one(DataTable))
        for heading in ("Date", "Meeting", "Status", "Support"):
            assert heading in columns, columns
        assert columns["Meeting"] >= 30, columns
        if size[0] >= 120:
            assert columns.get("As written", 0) >= 16, columns
        first, second = meetings_by_date(pack.meetings)[:2]
        for meeting in (first, second):
            shown = panel_text(screen, "timeline")
            assert meeting.title in shown and meeting.date_text in shown, shown
            assert meeting.place is None or meeting.place in shown
            for participant in meeting.participants:
                found = pack.get(participant.actor)
                assert getattr(found, "name", participant.actor) in shown
            await r.press("down")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_board_shows_conditions_and_the_pledge_whole_below(
    pack: Pack, size: tuple[int, int]
) -> None:
    async with reader(size=size) as r:
        await r.press("b")
        screen = r.app.screen
        assert isinstance(screen, PledgeBoardScreen)
        columns = visible_columns(screen.query_one(DataTable))
        for heading in ("Actor", "Status", "Contribution", "Conditions"):
            assert heading in columns, columns
        assert columns["Conditions"] >= 20, columns
        conditional = next(p for p in board_order(pack) if len(p.conditions) > 0)
        row = board_order(pack).index(conditional)
        for _ in range(row):
            await r.press("down")
        shown = panel_text(screen, "board")
        assert conditional.contribution in shown
        for condition in conditional.conditions:
            assert condition in shown, shown
        for evidence in conditional.evidence:
            assert evidence.quote in shown, shown


async def test_rows_wrap_instead_of_cutting_the_meeting_title(pack: Pack) -> None:
    async with reader(size=(80, 24)) as r:
        await r.press("t")
        table = r.app.screen.query_one(DataTable)
        longest = max(pack.meetings, key=lambda m: len(m.title))
        assert isinstance(longest, Meeting)
        key = next(k for k in table.rows if k.value == longest.id)
        assert table.rows[key].height >= 2
        title = str(table.get_cell(key, next(k for k in table.columns if k.value == "meeting")))
        words = title.replace("…", "").split()
        assert " ".join(words) in longest.title  # the start of the title, over two lines
