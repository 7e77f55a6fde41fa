"""The `/` actor search, the actor's mentions in the detail pane, and actors in the palette."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input, OptionList
from tui_helpers import reader

from briefing.model.names import mentions
from briefing.model.pack import Pack
from briefing.tui.detail_rows import PAGE, MentionRow
from briefing.tui.screens.search import SearchScreen

ZELENSKYY = "zelenskyy"


async def test_a_garbled_name_typed_into_search_opens_the_right_actor(pack: Pack) -> None:
    async with reader() as r:
        await r.press("slash")
        screen = r.app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one(OptionList)
        seen_tops = []
        for char in "Starmmer":
            await r.pilot.press(char)
            await r.pilot.pause()
            seen_tops.append(screen.hits[0].actor_id if screen.hits else None)
        # Re-ranked on every keystroke; from "Star" on the top result is Starmer.
        assert seen_tops[3:] == ["starmer"] * 5, seen_tops
        assert screen.query_one(Input).value == "Starmmer"
        assert results.highlighted == 0
        assert results.highlighted_option is not None
        assert results.highlighted_option.id == "starmer"
        assert screen.hits[0].matched in {"Starmmer", "Keir Starmer"}
        await r.press("enter")
        assert r.app.screen is r.app.main
        assert r.current_id == "starmer"
        # The actor's mentions are listed: every one the model finds, in order.
        expected = mentions(pack, "starmer")
        assert r.detail.mentions == tuple(expected)
        listed = [row.target for row in r.detail.content.rows]
        assert [t for t in listed if isinstance(t, MentionRow)] == [
            MentionRow(i) for i in range(min(len(expected), PAGE))
        ]


async def test_arrow_keys_choose_another_result_and_escape_cancels() -> None:
    async with reader() as r:
        await r.press("slash")
        await r.pilot.press(*"Irish")
        await r.pilot.pause()
        screen = r.app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.hits[0].actor_id == "ireland" and screen.hits[0].matched == "Irish"
        before = r.current_id
        await r.press("escape")
        assert r.app.screen is r.app.main and r.current_id == before
        await r.press("slash")
        await r.pilot.press(*"Micheal")
        await r.pilot.pause()
        screen = r.app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.hits[0].actor_id == "martin"
        if len(screen.hits) > 1:
            await r.press("down")
            assert screen.query_one(OptionList).highlighted == 1
            await r.press("up")
        await r.press("enter")
        assert r.current_id == "martin"


async def test_nonsense_shows_no_result_and_enter_does_nothing() -> None:
    async with reader() as r:
        await r.press("slash")
        await r.pilot.press(*"xqzv")
        await r.pilot.pause()
        screen = r.app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.hits == []
        assert screen.query_one(OptionList).highlighted is None
        await r.press("enter")
        assert r.app.screen is screen


async def test_a_mention_under_the_cursor_is_highlighted_in_its_article(pack: Pack) -> None:
    async with reader() as r:
        await r.press("slash")
        await r.pilot.press(*"Starmmer")
        await r.press("enter")
        garbled = next(i for i, m in enumerate(r.detail.mentions) if m.matched == "Starmmer")
        await r.detail_cursor_to(MentionRow(garbled))
        mention = r.detail.mentions[garbled]
        text = pack.source(mention.source_id).text
        start = text.index("Starmmer says the peace force")
        highlight = r.source_view.highlight
        assert highlight is not None
        assert (highlight.source_id, highlight.start, highlight.end) == (
            mention.source_id,
            start,
            start + len("Starmmer"),
        )
        assert r.current_id == "starmer"  # looking at a mention does not navigate away


async def test_actors_are_in_the_command_palette() -> None:
    async with reader() as r:
        await r.press("ctrl+p")
        assert isinstance(r.app.screen, CommandPalette)
        await r.pilot.press(*"Zelenskiy")
        await r.app.workers.wait_for_complete()  # the palette's search, not a fixed delay
        await r.press("enter")
        await r.until(lambda: r.app.screen is r.app.main, "the palette closed")
        assert r.app.screen is r.app.main
        assert r.current_id == ZELENSKYY
