"""Snapshots of the reader at 120x36 and 80x24 (pytest-textual-snapshot).

Regenerate after a deliberate change with ``pytest tests/tui/terminal/test_snapshots.py
--snapshot-update`` and look at the SVGs before committing them. The default
pack is the subject, so changing the pack changes these pictures.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from briefing.tui.app import BriefingApp
from briefing.tui.widgets.article import ArticleView
from briefing.tui.widgets.key_bar import KeyBar
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.source_view import SourceView

SIZES = [(120, 36), (80, 24)]
THEMES = [  # every picture in the dark theme at both sizes; the light one at 80x24
    pytest.param("textual-dark", (120, 36), id="dark-120x36"),
    pytest.param("textual-dark", (80, 24), id="dark-80x24"),
    pytest.param("textual-light", (80, 24), id="light-80x24"),
]


class FrozenApp(BriefingApp):
    """The reader with the cursor blink off, so pictures are stable."""

    CURSOR_BLINK = False


def after_load(
    *keys: str, open_item: str | None = None, theme: str = "textual-dark"
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the pack, optionally open an item, then press keys."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, BriefingApp)
        app.theme = theme
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The analysis and the disagreements arrive after the panes, from a worker thread
        # that competes with the UI thread: wait until they are in (the pictures show
        # support and ratings, and a scroll below is not delayed by them).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            derived = app.derived
            if derived is not None and derived.disagreements_ready:
                break
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The navigator puts its cursor on the first item once laid out: wait for it, or
        # a later move back to that item could overtake the item opened below.
        navigator = app.main.query_one(Navigator)
        for _ in range(200):
            node = navigator.cursor_node
            if node is not None and node.data is not None and node.data.item_id is not None:
                break
            await pilot.pause(0.01)
        if open_item is not None:
            app.main.open_item(open_item)
            await pilot.pause()
            source = app.main.query_one(SourceView)
            article = source.query_one(ArticleView)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # the highlighted sentence scrolled into view
                top, height = article.scroll_y, article.scrollable_content_region.height
                if source.highlight is not None and top <= source.highlight_line() < top + height:
                    break
                await pilot.pause(0.01)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        # Scrolling into view happens after a refresh and may animate: let it settle.
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        # The key bar follows focus and moves a frame or two after them (Textual
        # signals a bindings change after the focus lands): draw it from the settled
        # state, as the next frame would, so the picture does not depend on timing.
        for bar in app.screen.query(KeyBar):
            bar.refresh_keys()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(("theme", "size"), THEMES)
def test_main_screen(snap_compare, theme, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(FrozenApp(), terminal_size=size, run_before=after_load(theme=theme))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_flagged_source_highlighted(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    """The Poland pledge: its sentence in the machine-translated, garbled article."""
    assert snap_compare(
        FrozenApp(), terminal_size=size, run_before=after_load(open_item="poland-logistics")
    )


@pytest.mark.parametrize(("theme", "size"), THEMES)
def test_timeline(snap_compare, theme, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(FrozenApp(), terminal_size=size, run_before=after_load("t", theme=theme))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_strip_on_a_day(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    """The strip focused, its cursor on the last day: its planned meeting selected (▶) below."""
    assert snap_compare(FrozenApp(), terminal_size=size, run_before=after_load("t", "tab", "end"))


@pytest.mark.parametrize(("theme", "size"), THEMES)
def test_pledge_board(snap_compare, theme, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(FrozenApp(), terminal_size=size, run_before=after_load("b", theme=theme))


@pytest.mark.parametrize(("theme", "size"), THEMES)
def test_help_screen(snap_compare, theme, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        FrozenApp(), terminal_size=size, run_before=after_load("question_mark", theme=theme)
    )


@pytest.mark.parametrize(("theme", "size"), THEMES)
def test_export_dialog(snap_compare, theme, size, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir("/")  # the dialog shows where the note would go: the same on every machine
    assert snap_compare(FrozenApp(), terminal_size=size, run_before=after_load("e", theme=theme))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_disagreements_view(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The disagreements view: at 80 columns the sentence gives way and the grade stays whole."""
    assert snap_compare(FrozenApp(), terminal_size=size, run_before=after_load("x"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dates_view(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The dates view: each meeting's date as written, what it resolves to, by which rule."""
    assert snap_compare(FrozenApp(), terminal_size=size, run_before=after_load("d"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_with_a_misspelt_name(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Actor search (/) with a typo: the nearest actors, best first, with what matched."""
    assert snap_compare(FrozenApp(), terminal_size=size, run_before=after_load("slash", *"makron"))
