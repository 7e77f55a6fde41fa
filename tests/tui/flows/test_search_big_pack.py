"""Actor search on a pack with more actors than it lists: a keystroke never rebuilds them all."""

from __future__ import annotations

from pathlib import Path

from support import synthetic_pack
from textual.app import App
from textual.widgets import OptionList

from briefing.model.derived import Derived
from briefing.model.io.load import load_pack
from briefing.model.pack import Pack
from briefing.tui.screens.search import BROWSE, SearchScreen


def loaded_synthetic_pack(folder: Path) -> Pack:
    result = load_pack(str(synthetic_pack(60, folder)))
    assert result.pack is not None
    return result.pack


async def test_many_actors_list_a_page_and_typing_finds_the_rest(tmp_path: Path) -> None:
    pack = loaded_synthetic_pack(tmp_path / "pack")
    assert len(pack.actors) > BROWSE
    last = max(pack.actors, key=lambda a: a.name.casefold())
    app: App[None] = App()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SearchScreen(Derived(pack))
        await app.push_screen(screen)
        await pilot.pause()
        results = screen.query_one(OptionList)
        assert results.option_count == BROWSE + 1
        more = results.get_option_at_index(BROWSE)
        assert more.disabled and f"{len(pack.actors) - BROWSE:,} more" in str(more.prompt)
        assert last.id not in {results.get_option_at_index(i).id for i in range(BROWSE)}

        calls: list[int] = []
        original = results.set_options
        results.set_options = lambda options: calls.append(1) or original(options)  # type: ignore[method-assign]
        screen.show_results(last.name)
        assert screen.hits[0].actor_id == last.id
        assert results.highlighted_option is not None and results.highlighted_option.id == last.id
        assert calls == [1]
        rows = [results.get_option_at_index(i) for i in range(results.option_count)]
        screen.show_results(last.name)  # nothing changed on screen: nothing rebuilt
        assert calls == [1]
        assert [results.get_option_at_index(i) for i in range(results.option_count)] == rows
