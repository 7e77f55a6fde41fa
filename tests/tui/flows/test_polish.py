"""Issue 22: each bug a new user met, reproduced through the reader (failing before the fix)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FIXTURES
from tui_helpers import reader

from briefing.model.pack import Pack
from briefing.tui.screens.disagreements import DisagreementsScreen
from briefing.tui.screens.export import ExportScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.key_bar import KeyBar


async def test_bug1_end_and_page_keys_move_the_navigator(pack: Pack) -> None:
    async with reader() as r:
        r.navigator.focus()
        await r.press("end")
        node = r.navigator.cursor_node
        assert node is not None and node.data is not None
        assert node.data.item_id == pack.sources[-1].id
        await r.press("home")
        assert r.navigator.cursor_line == 0
        await r.press("pagedown")
        assert r.navigator.cursor_line > 5


async def test_bug2_enter_in_disagreements_opens_the_chosen_sources_evidence(pack: Pack) -> None:
    async with reader() as r:
        await r.press("x")
        screen = r.app.screen
        assert isinstance(screen, DisagreementsScreen)
        # The row whose value is "37" (one source's count among "about 20"s).
        row = next(i for i, row in enumerate(screen.rows) if row.value == "37")
        for _ in range(row):
            await r.press("down")
        await r.press("enter")
        chosen = screen.rows[row]
        assert r.current_id == "coalition-size"
        highlight = r.source_view.highlight
        assert highlight is not None and highlight.source_id == chosen.source
        claim = pack.get("coalition-size")
        assert claim is not None
        shown = claim.evidence[r.app.main.current.evidence]  # type: ignore[union-attr]
        assert shown.source == chosen.source and shown.sentence == chosen.sentence


async def test_bug4_over_dialogs_the_footer_offers_only_what_works_there() -> None:
    async with reader(size=(120, 36)) as r:
        bar = r.app.main.query_one(KeyBar)
        assert "t Timeline" in bar.shown
        for key, screen_type in (("question_mark", HelpScreen), ("e", ExportScreen)):
            await r.press(key)
            assert isinstance(r.app.screen, screen_type)
            await r.pilot.pause()
            for letter in ("t Timeline", "x Disputes", "b Board", "/ Search", "e Export"):
                assert letter not in bar.shown, (key, bar.shown)
            assert "esc Close" in bar.shown
            assert r.app.check_action("timeline", ()) is False
            await r.press("escape")
            assert r.app.screen is r.app.main


async def test_bug5_enter_on_the_format_exports_and_the_buttons_show_at_80x24(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with reader(size=(80, 24)) as r:
        await r.press("e")
        screen = r.app.screen
        assert isinstance(screen, ExportScreen)
        go = screen.query_one("#export-go")
        box = screen.query_one("#export-box")
        assert go.region.bottom <= box.region.bottom - 1, (go.region, box.region)
        screen.query_one("#export-format").focus()
        await r.press("down")  # the cursor on HTML
        await r.press("enter")
        assert r.app.screen is r.app.main
        written = list(tmp_path.iterdir())
        assert [p.suffix for p in written] == [".html"], written


async def test_bug6_the_footer_at_80_columns_keeps_whole_labels_and_the_main_keys() -> None:
    async with reader(size=(80, 24)) as r:
        bar = r.app.main.query_one(KeyBar)
        shown = bar.shown
        assert len(shown) <= bar.size.width
        for entry in ("? Help", "q Quit", "⏎ Follow", "e Export", "/ Search"):
            assert entry in shown, shown
        # Every entry drawn is whole: each label is a command's footer text.
        from briefing.tui.commands import COMMANDS

        labels = {c.footer_text() for c in COMMANDS} | {"Unzoom"}
        for entry in shown.split("  "):
            assert entry.split(" ", 1)[1] in labels, entry


async def test_a_source_opens_at_its_first_line() -> None:
    """A source (no highlight) opens at its first line (bug 8 itself: the test below)."""
    async with reader() as r:
        await r.browse_to("ipaper")
        from briefing.tui.widgets.article import ArticleView

        assert r.source_view.query_one(ArticleView).scroll_offset.y == 0


async def test_bug10_marking_keeps_the_date_and_a_heading_marks_nothing() -> None:
    async with reader(notifications=True) as r:
        r.navigator.focus()
        await r.press("down")  # the first actor
        await r.press("home")  # the Actors heading
        node = r.navigator.cursor_node
        assert node is not None and node.data is not None and node.data.item_id is None
        await r.press("space")
        assert r.app.marked == frozenset()
        assert any("Nothing to mark" in notice for notice in r.notices), r.notices
        await r.press("down", "space")
        assert len(r.app.marked) == 1
        assert r.app.main.sub_title == "as of 2025-03-13 · 1 marked"


async def test_empty_states_say_why_a_key_did_nothing() -> None:
    async with reader(notifications=True) as r:
        await r.browse_to("poland-logistics")
        await r.press("n")
        await r.press("right_square_bracket")
        assert "Only one evidence item." in r.notices
        assert "Nothing ahead in the history." in r.notices


async def test_zoom_keeps_header_and_footer_and_says_how_to_leave() -> None:
    async with reader(size=(80, 24)) as r:
        r.detail.focus()
        await r.press("z")
        assert r.app.main.zoomed
        assert r.navigator.display is False or not r.navigator.region.height
        assert r.detail.region.height > 15
        assert "z Unzoom" in r.app.main.query_one(KeyBar).shown
        await r.press("z")
        assert not r.app.main.zoomed and r.navigator.region.height > 0


async def test_meetings_are_listed_by_date_in_the_navigator(pack: Pack) -> None:
    async with reader() as r:
        header = next(
            n for n in r.navigator.root.children if n.data and n.data.section == "meetings"
        )
        dates = [pack.get(n.data.item_id).date for n in header.children if n.data]  # type: ignore[union-attr]
        known = [d for d in dates if d]
        assert known == sorted(known) and dates[: len(known)] == known


async def test_help_carries_the_legend_and_the_palette_finds_it_and_themes() -> None:
    from briefing.tui.commands import CommandsProvider

    async with reader() as r:
        await r.press("question_mark")
        screen = r.app.screen
        assert isinstance(screen, HelpScreen)
        marks = [sample.plain for sample, _ in screen.legend]
        for mark in ("quoted words", "[3 src/3 outlets B1]", "[D MT]", "2/2 C3", "96"):
            assert mark in marks
        await r.press("escape")
        provider = CommandsProvider(r.app.main)
        found = [str(hit.text) async for hit in provider.search("keys")]
        assert any(name.startswith("Help") for name in found), found
        titles = [c.title for c in r.app.get_system_commands(r.app.main)]
        assert "Theme" in titles and "Screenshot" in titles


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
async def test_a_long_name_in_the_navigator_is_cut_with_an_ellipsis_and_its_kind_kept(
    pack: Pack, size: tuple[int, int]
) -> None:
    async with reader(size=size) as r:
        for actor in pack.actors:
            if actor.kind != "group" and "Commonwealth" not in actor.name:
                continue
            node = r.navigator.node_for(actor.id)
            assert node is not None
            r.navigator.scroll_to(y=node.line, animate=False)
            await r.pilot.pause()
            drawn = r.navigator.render_line(node.line - int(r.navigator.scroll_offset.y)).text
            kinds = (f"({actor.kind})", f"({actor.kind[:3]}.)")  # "(org.)" when short of room
            assert drawn.rstrip().endswith(kinds), drawn
            if f"{actor.name} ({actor.kind})" not in drawn:
                assert "…" in drawn, drawn


async def test_an_actor_without_evidence_says_its_highlight_is_a_mention(pack: Pack) -> None:
    """Empty state: the article shown for an actor with no evidence says what it is."""
    actor = next(a for a in pack.actors if not a.evidence)
    async with reader(size=(80, 24), notifications=True) as r:
        await r.browse_to(actor.id)
        await r.until(lambda: r.source_view.highlight is not None, "the first mention shown")
        assert "no evidence of its own" in str(r.source_view.border_subtitle)
        await r.press("n")
        assert any("sentences that name it" in notice for notice in r.notices), r.notices
        with_evidence = next(a for a in pack.actors if a.evidence)
        await r.browse_to(with_evidence.id)
        assert str(r.source_view.border_subtitle) == ""


LONG_HEADLINE = FIXTURES / "long_headline"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_bug8_a_fresh_pack_opens_its_article_at_the_headline(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Bug 8: a fresh pack's first item (an actor named low in an article with a long
    headline) opened the article scrolled past the start of its headline."""
    from briefing.cli import main
    from briefing.tui.widgets.article import ArticleView

    root = tmp_path / "pack"
    assert main(["init", str(root), str(LONG_HEADLINE), "--as-of", "2025-06-05"]) == 0
    async with reader(str(root), size=size) as r:
        await r.until(lambda: r.source_view.highlight is not None, "the first mention shown")
        await r.pilot.pause()
        article = r.source_view.query_one(ArticleView)
        highlight = r.source_view.highlight
        assert highlight is not None
        last = article.line_of(highlight.sentence_end - 1)
        assert last < article.scrollable_content_region.height  # it fits below the headline
        assert article.scroll_offset.y == 0, article.scroll_offset


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_a_lost_character_keeps_its_mark_inside_the_quote(pack: Pack, theme: str) -> None:
    """Light and dark: the damaged word in a quote is coloured, on the quote's background."""
    from briefing.tui.widgets.article import ArticleView

    async with reader() as r:
        r.app.theme = theme
        await r.pilot.pause()
        await r.browse_to("martin")  # quoted as "Irish Prime Minister Miche?l Martin"
        view = r.source_view.query_one(ArticleView)
        row = r.source_view.highlight_line() - int(view.scroll_offset.y)
        segments = [s for y in (row, row + 1) for s in view.render_line(y) if s.text.strip()]
        quote = next(s for s in segments if "Irish" in s.text)
        lost = next(s for s in segments if "Miche?l" in s.text)
        assert lost.style is not None and quote.style is not None
        assert lost.style.bgcolor == quote.style.bgcolor  # still inside the quote
        assert lost.style.color != quote.style.color and lost.style.underline


@pytest.mark.parametrize(
    "theme", ["textual-light", "textual-dark", "solarized-light", "catppuccin-latte"]
)
async def test_other_cited_passages_stay_faint_beside_the_highlight(theme: str) -> None:
    """The tint on the article's other cited passages is well under the sentence highlight's."""
    async with reader() as r:
        r.app.theme = theme
        await r.pilot.pause()
        view = r.source_view
        base = view.get_visual_style().background

        def distance(kind: str) -> int:
            tint = view.get_visual_style(f"source-view--{kind}").background
            return sum(abs(a - b) for a, b in zip(tint.rgb, base.rgb, strict=True))

        assert distance("other") < 0.6 * distance("sentence"), theme


def _contrast(a: object, b: object) -> float:
    """WCAG contrast ratio of two Rich colours."""

    def luminance(colour: object) -> float:
        def channel(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        r, g, b = colour.triplet  # type: ignore[attr-defined]
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_the_search_score_is_readable_on_the_chosen_row(theme: str) -> None:
    from textual.widgets import OptionList

    async with reader() as r:
        r.app.theme = theme
        await r.pilot.pause()
        await r.press("slash")
        await r.pilot.press(*"Healey")
        results = r.app.screen.query_one(OptionList)
        await r.until(lambda: results.option_count > 0, "search results")
        await r.pilot.pause()
        score = next(s for s in results.render_line(0) if s.text.strip().isdigit())
        assert score.style is not None and score.style.color is not None
        assert _contrast(score.style.color, score.style.bgcolor) >= 4.5, score
