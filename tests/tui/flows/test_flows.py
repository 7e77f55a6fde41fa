"""Every keyboard flow of the reader, driven with Pilot, asserting state and offsets.

Expected offsets are computed here from the article text (``str.index`` of the
words), never copied from the pack's own anchoring.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from support import YoungPasses
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList
from tui_helpers import reader, wait_until

from briefing.model.collector import collector_paused
from briefing.model.pack import Pack
from briefing.tui.actions import opening
from briefing.tui.app import BriefingApp
from briefing.tui.detail_rows import EvidenceRow, LinkRow
from briefing.tui.screens.export import ExportScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.pledges import PledgeBoardScreen
from briefing.tui.screens.search import SearchScreen
from briefing.tui.screens.timeline import TimelineScreen
from briefing.tui.widgets.article import ArticleView
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.reading_notice import ReadingNotice
from briefing.tui.widgets.source_view import Highlight

POLAND_QUOTE = "Poland offered logistics support"
POLAND_SENTENCE = "For example, Poland offered logistics support"


def poland_highlight(pack: Pack) -> Highlight:
    """Where the Poland pledge must be highlighted, found in the article text itself."""
    pledge = pack.get("poland-logistics")
    assert pledge is not None
    source_id = pledge.evidence[0].source  # type: ignore[union-attr]
    text = pack.source(source_id).text
    start = text.index(POLAND_QUOTE)
    sentence_start = text.index(POLAND_SENTENCE)
    sentence_end = text.index(".", start) + 1
    return Highlight(source_id, start, start + len(POLAND_QUOTE), sentence_start, sentence_end)


async def test_first_frame_then_pack_loads_with_counts(pack: Pack) -> None:
    app = BriefingApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        # The first frame is up before the pack: the panes show a loading indicator.
        assert app.main.query_one("#panes").loading or app.pack is not None
        await wait_until(pilot, lambda: app.pack is not None, "the pack")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        navigator = app.main.query_one(Navigator)
        headers = [str(node.label) for node in navigator.root.children]
        assert headers == [
            f"Actors ({len(pack.actors)})",
            f"Meetings ({len(pack.meetings)})",
            f"Pledges ({len(pack.pledges)})",
            f"Claims ({len(pack.claims)})",
            f"Sources ({len(pack.sources)})",
        ]
        assert app.focused is navigator
        assert app.main.current is not None and app.main.current.item_id == pack.actors[0].id


async def test_a_quick_read_is_in_the_first_frame(
    pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read that ends within QUICK_LOAD fills the panes as they mount: never a loading state."""
    monkeypatch.setattr(opening, "QUICK_LOAD", 60.0)  # the machine's load must not decide it
    asked: list[str] = []

    def loading_widget(screen: MainScreen) -> ReadingNotice:
        asked.append("loading")
        return ReadingNotice()

    monkeypatch.setattr(MainScreen, "get_loading_widget", loading_widget)
    app = BriefingApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.pack is not None  # before any pause: it was read before the first frame
        await pilot.pause()
        assert app.main.current is not None and app.main.current.item_id == pack.actors[0].id
        # The tree places its cursor when it has built its lines (on idle, after the
        # messages the settling of the screen queues): a condition, not a count of pauses.
        navigator = app.main.query_one(Navigator)
        await wait_until(pilot, lambda: navigator.cursor_node is not None, "the tree's cursor")
    assert asked == []


async def test_the_collector_pauses_for_the_first_frame_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A quick read's panes are mounted with the collector off; it is on again from the
    first frame (Ready), and an app closed before that frame leaves it on too."""
    monkeypatch.setattr(opening, "QUICK_LOAD", 60.0)  # the machine's load must not decide it
    seen: dict[str, bool] = {}
    fill = MainScreen._fill

    def filling(screen: MainScreen, derived: Any) -> None:
        seen.setdefault("filling", gc.isenabled())
        fill(screen, derived)

    monkeypatch.setattr(MainScreen, "_fill", filling)
    ready = BriefingApp.on_ready

    def first_frame(app: BriefingApp) -> None:
        ready(app)
        # Sampled here, not after a pause: the load worker pauses it again itself
        # for its own work once the screen has settled, which may be by then.
        seen["after the first frame"] = gc.isenabled()

    monkeypatch.setattr(BriefingApp, "on_ready", first_frame)
    assert gc.isenabled()
    app = BriefingApp(None)
    with YoungPasses() as passes:
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_until(pilot, lambda: "after the first frame" in seen, "the first frame")
            await app.workers.wait_for_complete()  # its analysis pauses the collector too
    assert seen == {"filling": False, "after the first frame": True}
    assert gc.isenabled()
    # Each pause froze what it kept before the collector was back on. On the default
    # pack a late freeze of the load or of the first frame's widgets leaves a pass
    # over thousands of objects (~5,400 for the load, measured), which this catches;
    # the later checks' and the analysis's pauses build too little here to tell.
    assert passes.crowded == []

    # Closed between the hand-over and the first frame: on_unmount ends the pause.
    early = BriefingApp(None)
    early._until_first_frame.enter_context(collector_paused())
    assert not gc.isenabled()
    early.on_unmount()
    assert gc.isenabled()


async def test_the_views_styles_are_read_when_a_view_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first frame parses the main screen's styles only; the views' are read when a
    screen is first pushed, and it is styled by them (the border views.tcss gives it)."""
    monkeypatch.setattr(opening, "QUICK_LOAD", 60.0)
    seen: list[bool] = []
    fill = MainScreen._fill

    def filling(screen: MainScreen, derived: Any) -> None:
        seen.append(screen.app.stylesheet.has_source(BriefingApp.VIEWS_CSS_PATH))
        fill(screen, derived)

    monkeypatch.setattr(MainScreen, "_fill", filling)
    app = BriefingApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert seen == [False]
        assert not app.stylesheet.has_source(BriefingApp.VIEWS_CSS_PATH)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        box = app.screen.query_one("#help-box")
        assert box.styles.border_top[0] == "round"


async def test_arrows_and_jk_move_the_navigator(pack: Pack) -> None:
    async with reader() as r:
        first, second = pack.actors[0].id, pack.actors[1].id
        assert r.current_id == first
        await r.press("down")
        assert r.current_id == second
        await r.press("k")
        assert r.current_id == first
        await r.press("j")
        assert r.current_id == second
        await r.press("up")
        assert r.current_id == first


async def test_tab_and_shift_tab_cycle_the_panes() -> None:
    async with reader() as r:
        assert r.app.focused is r.navigator
        await r.press("tab")
        assert r.app.focused is r.detail
        await r.press("tab")
        assert r.app.focused is not None and r.app.focused.id == "article-scroll"
        await r.press("shift+tab")
        assert r.app.focused is r.detail
        await r.press("shift+tab")
        assert r.app.focused is r.navigator


async def test_browsing_to_a_pledge_highlights_its_sentence_and_quote(pack: Pack) -> None:
    async with reader() as r:
        await r.browse_to("poland-logistics")
        assert r.current_id == "poland-logistics"
        expected = poland_highlight(pack)
        assert r.source_view.highlight == expected
        view = r.source_view
        assert view.source is not None
        text = view.source.text
        assert text[expected.start : expected.end] == POLAND_QUOTE
        # The highlighted sentence is scrolled into view.
        scroller = view.query_one("#article-scroll", ArticleView)
        line = view.highlight_line()
        # The line found by offset really is the one that shows the sentence's start.
        start, end = scroller.line_range(line)
        assert start <= expected.sentence_start < end
        assert (
            scroller.scroll_y
            <= line
            < scroller.scroll_y + scroller.scrollable_content_region.height
        )


async def test_enter_follows_pledge_to_actor_and_back_to_pledge(pack: Pack) -> None:
    async with reader() as r:
        await r.browse_to("poland-logistics")
        await r.press("enter")  # open: into the detail pane
        assert r.app.focused is r.detail
        await r.detail_cursor_to(LinkRow("poland"))
        await r.press("enter")
        assert r.current_id == "poland"
        # The actor lists its pledges; enter on the pledge link returns to it.
        await r.detail_cursor_to(LinkRow("poland-logistics"))
        await r.press("enter")
        assert r.current_id == "poland-logistics"
        assert r.source_view.highlight == poland_highlight(pack)


async def test_enter_on_evidence_goes_to_its_sentence(pack: Pack) -> None:
    async with reader() as r:
        await r.browse_to("poland-logistics")
        await r.press("enter")
        await r.detail_cursor_to(EvidenceRow(0))
        await r.press("enter")
        assert r.app.focused is not None and r.app.focused.id == "article-scroll"
        assert r.source_view.highlight == poland_highlight(pack)


async def test_n_and_shift_n_step_through_evidence_across_sources(pack: Pack) -> None:
    meeting = next(m for m in pack.meetings if len({e.source for e in m.evidence}) > 1)
    async with reader() as r:
        await r.browse_to(meeting.id)
        first, second = meeting.evidence[0], meeting.evidence[1]
        assert r.source_view.highlight is not None
        assert r.source_view.highlight.source_id == first.source
        await r.press("n")
        text = pack.source(second.source).text
        start = text.index(second.quote)
        highlight = r.source_view.highlight
        assert highlight is not None
        assert (highlight.source_id, highlight.start, highlight.end) == (
            second.source,
            start,
            start + len(second.quote),
        )
        assert r.detail.highlighted == r.detail.index_of(EvidenceRow(1))
        await r.press("N")
        assert r.source_view.highlight is not None
        assert r.source_view.highlight.source_id == first.source
        # Wrapping round: N from the first goes to the last.
        await r.press("N")
        last = meeting.evidence[-1]
        assert r.source_view.highlight.source_id == last.source


async def test_n_is_disabled_when_the_fact_has_one_evidence_item() -> None:
    async with reader() as r:
        await r.browse_to("poland-logistics")
        assert r.app.check_action("next_evidence", ()) is None
        before = r.source_view.highlight
        await r.press("n")
        assert r.source_view.highlight == before


async def test_backspace_and_bracket_walk_the_history() -> None:
    async with reader() as r:
        await r.browse_to("poland-logistics")
        await r.press("enter")
        await r.detail_cursor_to(LinkRow("poland"))
        await r.press("enter")
        assert r.current_id == "poland"
        await r.press("backspace")
        assert r.current_id == "poland-logistics"
        # The navigator follows the history.
        node = r.navigator.cursor_node
        assert node is not None and node.data is not None
        assert node.data.item_id == "poland-logistics"
        await r.press("right_square_bracket")
        assert r.current_id == "poland"
        assert r.app.check_action("history_forward", ()) is None


async def test_space_marks_and_unmarks_the_current_fact() -> None:
    async with reader() as r:
        await r.browse_to("poland-logistics")
        await r.press("space")
        assert r.app.marked == frozenset({"poland-logistics"})
        node = r.navigator.cursor_node
        assert node is not None and str(node.label).startswith("● ")
        assert r.app.main.sub_title == "as of 2025-03-13 · 1 marked"
        await r.press("space")
        assert r.app.marked == frozenset()
        assert not str(node.label).startswith("●")


async def test_help_lists_every_command_with_its_key() -> None:
    from briefing.tui.commands import COMMANDS

    async with reader() as r:
        await r.press("question_mark")
        assert isinstance(r.app.screen, HelpScreen)
        table = r.app.screen.query_one(DataTable)
        assert table.row_count == len(COMMANDS)
        titles = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert titles == [c.title() for c in COMMANDS]
        await r.press("escape")
        assert r.app.screen is r.app.main


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_help_wraps_descriptions_instead_of_cutting_them(size: tuple[int, int]) -> None:
    from briefing.tui.commands import COMMANDS

    async with reader(size=size) as r:
        await r.press("question_mark")
        await r.pilot.pause()
        table = r.app.screen.query_one(DataTable)
        texts = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert texts == [c.help_text() for c in COMMANDS]
        # Nothing runs off to the right: the table needs no horizontal scrolling ...
        assert table.virtual_size.width <= table.scrollable_content_region.width
        # ... because long descriptions take two or three lines instead.
        heights = [table.rows[key].height for key in table.rows]
        assert max(heights) >= 2


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_help_scrolls_to_its_last_command_and_legend_row(size: tuple[int, int]) -> None:
    """Each table takes its whole height and the help box scrolls them: DataTable caps
    itself at its container's height and these tables cannot take focus, so the rows
    past the cap (at 80x24 all but the first eight commands) could not be reached."""
    async with reader(size=size) as r:
        await r.press("question_mark")
        await r.pilot.pause()
        screen = r.app.screen
        scroll = screen.query_one("#help-scroll")
        for table in screen.query(DataTable):
            assert table.size.height >= table.virtual_size.height, table.id
        assert scroll.max_scroll_y > 0  # the check saw a box that has to scroll
        if size != (80, 24):
            return  # the key's path once, where the box is smallest
        await r.press("end")
        await wait_until(r.pilot, lambda: scroll.scroll_y == scroll.max_scroll_y, "the end")
        legend = screen.query_one("#legend-table", DataTable)
        assert legend.region.bottom <= scroll.region.bottom  # its last row is on screen


async def test_keymap_file_remaps_keys_and_help_shows_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack: Pack
) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\nnext-evidence = "x"\nback = "h"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEFING_KEYMAP", str(keymap))
    meeting = next(m for m in pack.meetings if len(m.evidence) > 1)
    async with reader() as r:
        await r.browse_to(meeting.id)
        await r.press("x")
        assert r.app.main.current is not None and r.app.main.current.evidence == 1
        await r.press("question_mark")
        table = r.app.screen.query_one(DataTable)
        rows = {
            str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)
        }
        assert rows["Next evidence"] == "x"
        assert rows["Back"] == "h"


async def test_a_bad_keymap_is_one_notification_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text("[keymap\nnot toml", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_KEYMAP", str(keymap))
    async with reader(notifications=True) as r:
        assert any("not valid TOML" in notice for notice in r.notices)
        assert r.app.pack is not None


async def test_command_palette_runs_a_command() -> None:
    async with reader() as r:
        await r.press("ctrl+p")
        assert isinstance(r.app.screen, CommandPalette)
        await r.pilot.press(*"timeline")
        await r.app.workers.wait_for_complete()  # the palette's search, not a fixed delay
        await r.press("enter")
        await r.until(lambda: isinstance(r.app.screen, TimelineScreen), "the timeline")
        assert isinstance(r.app.screen, TimelineScreen)


async def test_slash_opens_actor_search_and_enter_opens_the_actor() -> None:
    async with reader() as r:
        await r.press("slash")
        assert isinstance(r.app.screen, SearchScreen)
        await r.pilot.press(*"pola")
        await r.pilot.pause()
        results = r.app.screen.query_one(OptionList)
        assert results.highlighted_option is not None
        assert results.highlighted_option.id == "poland"
        await r.press("enter")
        assert r.app.screen is r.app.main
        assert r.current_id == "poland"


async def test_search_escape_cancels() -> None:
    async with reader() as r:
        before = r.current_id
        await r.press("slash")
        assert isinstance(r.app.screen.focused, Input)
        await r.press("escape")
        assert r.app.screen is r.app.main
        assert r.current_id == before


async def test_e_opens_export() -> None:
    async with reader() as r:
        await r.press("e")
        assert isinstance(r.app.screen, ExportScreen)
        await r.press("escape")
        assert r.app.screen is r.app.main


async def test_timeline_lists_meetings_by_date_and_enter_opens_one(pack: Pack) -> None:
    async with reader() as r:
        await r.press("t")
        screen = r.app.screen
        assert isinstance(screen, TimelineScreen)
        table = screen.query_one(DataTable)
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        dated = sorted((m for m in pack.meetings if m.date), key=lambda m: m.date or "")
        assert keys == [m.id for m in dated] + [m.id for m in pack.meetings if not m.date]
        await r.press("enter")
        assert r.app.screen is r.app.main
        assert r.current_id == keys[0]


async def test_pledge_board_and_enter_opens_the_pledge(pack: Pack) -> None:
    async with reader() as r:
        await r.press("b")
        screen = r.app.screen
        assert isinstance(screen, PledgeBoardScreen)
        table = screen.query_one(DataTable)
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        assert sorted(keys) == sorted(p.id for p in pack.pledges)
        row = keys.index("poland-logistics")
        assert row > 0
        table.move_cursor(row=row - 1)  # set up through the table's API; j moves the last row
        await r.press("j")
        assert table.cursor_row == row
        status = table.get_row_at(row)[1]
        assert str(status) == "offered"
        await r.press("enter")
        assert r.current_id == "poland-logistics"
        assert r.source_view.highlight == poland_highlight(pack)


async def test_t_and_b_toggle_their_views() -> None:
    async with reader() as r:
        await r.press("t")
        assert isinstance(r.app.screen, TimelineScreen)
        await r.press("b")
        assert isinstance(r.app.screen, PledgeBoardScreen)
        await r.press("b")
        assert r.app.screen is r.app.main


async def test_q_quits() -> None:
    async with reader() as r:
        await r.pilot.press("q")
        await r.pilot.pause()
        assert r.app.return_code == 0
        assert not r.app.is_running


async def test_z_zooms_the_focused_pane() -> None:
    async with reader() as r:
        await r.press("z")
        assert r.app.main.zoomed and r.navigator.has_class("-zoom-target")
        await r.press("z")
        assert not r.app.main.zoomed


async def test_browsing_after_a_link_keeps_the_link_in_the_history() -> None:
    async with reader() as r:
        await r.browse_to("poland-logistics")
        await r.press("enter")
        await r.detail_cursor_to(LinkRow("poland"))
        await r.press("enter")
        assert r.current_id == "poland"
        r.navigator.focus()
        await r.press("down")  # browse on from Poland in the navigator
        assert r.current_id != "poland"
        await r.press("backspace")
        assert r.current_id == "poland"
        await r.press("backspace")
        assert r.current_id == "poland-logistics"


async def test_selecting_article_text_copies_the_sources_own_words(pack: Pack) -> None:
    from textual.geometry import Offset
    from textual.selection import Selection

    async with reader() as r:
        await r.browse_to("poland-logistics")
        article = r.source_view.query_one(ArticleView)
        source = r.source_view.source
        assert source is not None
        line = r.source_view.highlight_line()
        start, _ = article.line_range(line)
        _, end = article.line_range(line + 1)
        # Two wrapped lines, selected whole: the wrap point comes back as the text's space.
        r.app.screen.selections = {article: Selection(Offset(0, line), Offset(999, line + 1))}
        await r.pilot.pause()
        assert r.app.screen.get_selected_text() == source.text[start:end].rstrip()
        assert "\n" not in (r.app.screen.get_selected_text() or "")
        # Part of one line.
        r.app.screen.selections = {article: Selection(Offset(2, line), Offset(9, line))}
        await r.pilot.pause()
        assert r.app.screen.get_selected_text() == source.text[start + 2 : start + 9]


async def test_a_large_packs_mentions_are_found_in_the_background(
    pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the size limit the actor shows at once; its mentions follow from a thread."""
    from briefing.model.names import mentions
    from briefing.tui import mentions_finder
    from briefing.tui.widgets import detail as detail_module

    monkeypatch.setattr(detail_module, "BACKGROUND_MENTIONS_CHARS", 0)
    # Long enough that the search cannot start before the waiting state is checked.
    monkeypatch.setattr(mentions_finder, "DELAY", 60.0)
    actor = next(a for a in pack.actors if not a.evidence and len(mentions(pack, a.id)) >= 2)
    async with reader() as r:
        await r.browse_to(actor.id)
        assert r.current_id == actor.id
        expected = mentions(pack, actor.id)
        # Not found yet: the pane says so, and so does the source pane.
        assert r.detail.finding_mentions
        assert r.detail.mentions == ()
        assert r.source_view.highlight is None
        assert r.detail.get_option_at_index(r.detail.option_count - 1).prompt.plain.startswith(
            "Mentions (finding them in 5 articles"
        )
        # The cursor rests: the search starts after the (now short) delay, in a worker.
        assert r.app.derived is not None
        r.detail.finder.delay = 0.05
        r.detail.finder.want(r.app.derived, actor.id)
        for _ in range(400):
            if not r.detail.finding_mentions:
                break
            await r.pilot.pause(0.05)
        await r.pilot.pause()
        assert not r.detail.finding_mentions
        assert [(m.source_id, m.start) for m in r.detail.mentions] == [
            (m.source_id, m.start) for m in expected
        ]
        # The first mention is then shown in the source pane, as for a small pack.
        highlight = r.source_view.highlight
        assert highlight is not None
        assert (highlight.source_id, highlight.start) == (expected[0].source_id, expected[0].start)


async def test_a_theme_change_recolours_the_highlight() -> None:
    def backgrounds(view: ArticleView, y: int) -> set[object]:
        return {s.style.bgcolor for s in view.render_line(y) if s.style is not None}

    async with reader() as r:
        await r.browse_to("poland-logistics")
        view = r.source_view.query_one(ArticleView)
        row = r.source_view.highlight_line() - view.scroll_offset.y
        before = backgrounds(view, row)
        r.app.theme = "textual-light" if r.app.theme != "textual-light" else "textual-dark"
        await r.pilot.pause()
        await r.pilot.pause()
        after = backgrounds(view, row)
        assert after != before
        # What a fresh render under the new theme draws.
        r.source_view._render_article(scroll=False)
        assert backgrounds(view, row) == after
