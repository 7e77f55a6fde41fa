"""Pilot tests for the dates and disagreements views, grades and support in the reader.

Expectations come from the model (briefing.model.analysis.analyse), which has its own
tests; here we check that the reader shows them and that the keys reach them.
"""

from __future__ import annotations

from textual.widgets import DataTable, Static
from tui_helpers import settled, wait_until

from briefing.model.analysis.analyse import analyse
from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.tui.app import BriefingApp
from briefing.tui.labels import label, source_label
from briefing.tui.screens.dates import DatesScreen
from briefing.tui.screens.disagreements import DisagreementsScreen
from briefing.tui.widgets.detail import DetailPane


async def _loaded(pilot) -> BriefingApp:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_until(pilot, lambda: settled(app), "the pack loaded and analysed")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app


async def test_dates_view_explains_each_resolution(pack: Pack) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await _loaded(pilot)
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DatesScreen)
        assert sorted(screen.row_ids) == sorted(m.id for m in pack.meetings)
        table = screen.query_one(DataTable)
        target = screen.row_ids.index("paris-chiefs")
        for _ in range(target):
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == target
        explained = str(screen.query_one("#dates-explain-text", Static).render())
        checked = analyse(pack).dates["paris-chiefs"]
        assert checked.resolution.rule in explained.replace("\n", " ")
        assert "2025-03-10" in explained  # the publication date it was resolved from
        assert "agrees" in explained
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.main.current_item is not None and app.main.current_item.id == "paris-chiefs"


async def test_dates_key_toggles_the_view() -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await _loaded(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DatesScreen)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is app.main


async def test_disagreements_view_lists_values_per_source(pack: Pack) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await _loaded(pilot)
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DisagreementsScreen)
        # The author's claims (one row per value), then found disagreements no claim covers.
        found = analyse(pack).disagreements
        uncovered = [d for d in found if d.claim is None]
        assert len(screen.rows) == sum(len(c.values) for c in pack.claims) + sum(
            len(d.values) for d in uncovered
        )
        size_rows = [i for i, row in enumerate(screen.rows) if row.target_id == "coalition-size"]
        ukr = next(i for i in size_rows if screen.rows[i].source == "ukr-bloomberg")
        for _ in range(ukr):
            await pilot.press("down")
        await pilot.pause()
        assert screen.query_one(DataTable).cursor_row == ukr
        explained = str(screen.query_one("#disagreements-explain-text", Static).render())
        assert "37" in explained and "grade C" in explained
        target = screen.target
        assert not isinstance(target, str) and target is not None
        assert target.item_id == "coalition-size"
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current_item is not None and app.main.current_item.id == "coalition-size"


async def test_detail_shows_support_rating_and_caveats(pack: Pack) -> None:
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await _loaded(pilot)
        app.main.open_item("starmer-albanese-talks")
        await pilot.pause()
        detail = app.main.query_one(DetailPane)
        rows = [str(detail.get_option_at_index(i).prompt) for i in range(detail.option_count)]
        text = "\n".join(rows)
        assert "support: 1 source / 1 outlet (single source)" in text
        assert "rating: D4" in text
        assert "caveat: machine-translated: ft-mt" in text
        assert "resolved: 2025-03-08..2025-03-09 (range)" in text


def test_labels_carry_grades_and_support(pack: Pack) -> None:
    assert source_label(pack, "ipaper").endswith("[B]")
    assert source_label(pack, "ft-mt").endswith("[D MT]")
    found = analyse(pack).of("paris-chiefs")
    assert found is not None
    meeting = next(m for m in pack.meetings if m.id == "paris-chiefs")
    derived = Derived(pack)
    assert "src" not in label(derived, meeting)  # no tag until the analysis is built
    _ = derived.analysis
    assert label(derived, meeting).endswith(f"[4 src/4 outlets {found.grade.rating}]")
    single = next(m for m in pack.meetings if m.id == "starmer-albanese-talks")
    assert "[single source D4]" in label(derived, single)


async def test_disagreements_table_keeps_the_grade_whole_at_80_columns() -> None:
    """At 80 columns the sentence gives way (the panel shows it), never the grade."""
    from briefing.tui.widgets.fitted_table import FittedTable

    app = BriefingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DisagreementsScreen)
        table = screen.query_one(FittedTable)
        shown = table.shown_columns()
        assert "grade" in shown and "sentence" not in shown
        grades = {app.pack.source(row.source).grade for row in screen.rows}  # type: ignore[union-attr]
        grade_width = table.widths[[c.key for c in table.columns_spec].index("grade")]
        assert grade_width is not None and grade_width >= len("Grade")
        assert all(len(g) + len(" MT") <= grade_width for g in grades)
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await _loaded(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert "sentence" in app.screen.query_one(FittedTable).shown_columns()
