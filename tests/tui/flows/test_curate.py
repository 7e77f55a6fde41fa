"""Curating in the reader: review candidates and add facts by key, the YAML checked byte by byte."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from support import FIXTURES
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Input, Select
from tui_helpers import Reader, reader

from briefing.cli import main
from briefing.tui.screens.add_fact import AddFactScreen
from briefing.tui.screens.search import SearchScreen
from briefing.tui.widgets.article import ArticleView

STORY = FIXTURES / "init_story"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "baltic"
    assert main(["init", str(root), str(STORY), "--as-of", "2025-06-02"]) == 0
    return root


def data(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "data").glob("*.yaml"))}


def diff(before: bytes, after: bytes) -> list[str]:
    """The golden diff: the removed and added lines, nothing else."""
    lines = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def headers(r: Reader) -> list[str]:
    return [str(node.label) for node in r.navigator.root.children]


async def edited(r: Reader) -> None:
    """Wait until the edit worker has finished and the reader shows its result."""
    await r.app.workers.wait_for_complete()
    await r.until(lambda: not r.app.editing, "the edit to finish")
    await r.pilot.pause()


async def test_confirm_and_undo_by_keys(pack: Path) -> None:
    before = data(pack)
    async with reader(str(pack)) as r:
        # 9 candidate actors, 1 draft meeting (three sentences) and 3 draft pledges from init
        assert headers(r)[:2] == ["To review (13)", "Actors (0)"]
        assert r.current_id == "kaja-kallas"  # the first candidate is shown first
        label = str(r.navigator.cursor_node.label) if r.navigator.cursor_node else ""
        assert label.startswith("? actor: Kaja Kallas")
        await r.press("c")
        await edited(r)
        after = data(pack)
        assert diff(before["actors.yaml"], after["actors.yaml"]) == ["-    candidate: true"]
        assert after["facts.yaml"] == before["facts.yaml"]
        assert headers(r)[:2] == ["To review (12)", "Actors (1)"]
        assert r.current_id == "latvia"  # on to the next candidate
        await r.press("c")
        await edited(r)
        assert headers(r)[:2] == ["To review (11)", "Actors (2)"]
        assert r.app.main.history.can_back  # the history is kept across reloads
        await r.press("u")
        await edited(r)
        await r.press("u")
        await edited(r)
        assert data(pack) == before
        assert headers(r)[:2] == ["To review (13)", "Actors (0)"]
        assert r.app.check_action("undo_edit", ()) is False  # nothing left to undo


async def test_reject_by_delete_and_a_refused_reject(pack: Path) -> None:
    assert b"    actor: lithuania\n" in data(pack)["facts.yaml"]  # a pledge init drafted
    before = data(pack)
    async with reader(str(pack), notifications=True) as r:
        await r.browse_to("lithuania")
        await r.press("delete")
        await edited(r)
        assert data(pack) == before  # refused: a pledge names it
        assert any("unknown actor 'lithuania'" in n for n in r.notices)
        assert r.current_id == "lithuania"
        await r.browse_to("baltic-states")
        await r.press("delete")
        await edited(r)
        lines = diff(before["actors.yaml"], data(pack)["actors.yaml"])
        assert "-  - id: baltic-states" in lines and all(x.startswith("-") for x in lines)
        assert r.app.pack is not None and r.app.pack.get("baltic-states") is None
        assert r.current_id == "estonia"  # the next candidate
        await r.press("u")  # undone: back on the record it brought back
        await edited(r)
        assert data(pack) == before
        assert r.current_id == "baltic-states"


async def test_merge_with_the_fuzzy_actor_search(pack: Path) -> None:
    before = data(pack)
    async with reader(str(pack)) as r:
        await r.browse_to("finland")
        await r.press("m")
        await r.until(lambda: isinstance(r.app.screen, SearchScreen), "the actor search")
        await r.pilot.press(*"estnia")  # a typo still finds it
        await r.press("enter")
        await edited(r)
        lines = diff(before["actors.yaml"], data(pack)["actors.yaml"])
        assert [x for x in lines if x.startswith("+")] == [
            "+    aliases: [Estonian, Finland, Finnish, Helsinki]"
        ]
        assert "-  - id: finland" in lines
        assert r.app.pack is not None and r.app.pack.get("finland") is None


async def open_form(r: Reader) -> AddFactScreen:
    r.app.main.query_one(ArticleView).focus()
    await r.pilot.pause()
    await r.press("a")
    await r.until(lambda: isinstance(r.app.screen, AddFactScreen), "the add-fact form")
    screen = r.app.screen
    assert isinstance(screen, AddFactScreen)
    return screen


def fill(screen: AddFactScreen, **values: str) -> None:
    for name, value in values.items():
        screen.query_one(f"#add-{name}", Input).value = value


async def test_add_a_meeting_from_the_highlighted_sentence(pack: Path) -> None:
    before = data(pack)
    async with reader(str(pack)) as r:
        await r.browse_to("kaja-kallas")  # her first mention is highlighted in s01
        await r.until(lambda: r.source_view.highlight is not None, "the mention highlighted")
        screen = await open_form(r)
        screen.query_one("#add-kind", Select).value = "meeting"
        await r.pilot.pause()
        assert screen.query_one("#add-date-text", Input).value == "on Monday"
        assert screen.query_one("#add-status", Select).value == "held"  # "hosted": past
        fill(screen, what="Tallinn talks", actor="estonia")
        await r.pilot.pause()
        assert screen.query_one("#add-id", Input).value == "tallinn-talks"
        await r.press("ctrl+s")
        await edited(r)
        quote = (
            "Estonian Prime Minister Kaja Kallas hosted her Latvian and Lithuanian counterparts"
            " in Tallinn on Monday to agree joint patrols of the region's harbours."
        )
        # appended after init's drafts, in their style (a blank line between records)
        assert diff(before["facts.yaml"], data(pack)["facts.yaml"]) == [
            "+",
            "+  - id: tallinn-talks",
            "+    title: Tallinn talks",
            "+    date: null",
            "+    date_text: on Monday",
            "+    status: held",
            "+    participants:",
            "+      - {actor: estonia, role: attendee}",
            "+    evidence:",
            f'+      - {{source: harbour-wire, quote: "{quote}"}}',
        ]
        assert r.current_id == "tallinn-talks"
        await r.press("u")
        await edited(r)
        assert data(pack) == before


async def test_add_a_pledge_from_a_mouse_selection_and_refuse_a_duplicate(pack: Path) -> None:
    async with reader(str(pack), notifications=True) as r:
        await r.browse_to("s02-coastal-daily")
        article = r.app.main.query_one(ArticleView)
        words = "Lithuania would send divers and a command ship"
        start = article.content.plain.index(words)
        end = start + len(words)
        first, last = article.line_of(start), article.line_of(end)
        r.app.main.selections = {
            article: Selection(
                Offset(start - article.line_range(first)[0], first),
                Offset(end - article.line_range(last)[0], last),
            )
        }
        screen = await open_form(r)
        assert screen.query_one("#add-quote", Input).value == words
        fill(screen, what="divers and a command ship", actor="lithuania", conditions="")
        screen.query_one("#add-status", Select).value = "committed"
        await r.press("ctrl+s")
        await edited(r)
        before = data(pack)
        assert b"  - id: lithuania-divers-command-ship\n" in before["facts.yaml"]
        assert r.current_id == "lithuania-divers-command-ship"
        # the same id again: refused by the check, the files untouched
        await r.browse_to("s02-coastal-daily")
        screen = await open_form(r)
        fill(screen, what="more divers", actor="lithuania", id="lithuania-divers-command-ship")
        await r.press("ctrl+s")
        await edited(r)
        assert data(pack) == before
        assert any("duplicate id 'lithuania-divers-command-ship'" in n for n in r.notices)
        # the form is back with what was typed, to fix the id rather than type it all again
        await r.until(lambda: isinstance(r.app.screen, AddFactScreen), "the form again")
        again = r.app.screen
        assert again.query_one("#add-what", Input).value == "more divers"
        assert again.query_one("#add-actor", Input).value == "lithuania"
        assert again.query_one("#add-id", Input).value == "lithuania-divers-command-ship"


async def test_a_file_changed_behind_the_readers_back(pack: Path) -> None:
    actors = pack / "data" / "actors.yaml"
    async with reader(str(pack), notifications=True) as r:
        changed = actors.read_bytes().replace(b"name: Latvia\n", b"name: Republic of Latvia\n")
        actors.write_bytes(changed)
        await r.press("c")
        await edited(r)
        assert actors.read_bytes() == changed  # never clobbered
        assert any("changed on disk" in n for n in r.notices)
        assert r.app.pack is not None and r.app.pack.actor("latvia").name == "Republic of Latvia"
        await r.press("c")  # after the reload, the edit goes through on the new bytes
        await edited(r)
        assert diff(changed, actors.read_bytes()) == ["-    candidate: true"]


@pytest.mark.parametrize(
    ("size", "compact"),
    [
        ((80, 24), {"pledge": True, "meeting": True}),
        ((120, 36), {"pledge": False, "meeting": True}),
    ],
)
async def test_the_form_fits_the_terminal(
    pack: Path, size: tuple[int, int], compact: dict[str, bool]
) -> None:
    """Bordered fields while they all fit, one line each when not: never a scrolled form.

    At 120x36 a pledge's 7 bordered rows fit (28 lines in a 32-line box); a
    meeting's 9 (34 lines) do not.
    """
    from textual.containers import VerticalScroll
    from textual.widgets import Button

    async with reader(str(pack), size=size) as r:
        await r.browse_to("kaja-kallas")
        await r.until(lambda: r.source_view.highlight is not None, "the mention highlighted")
        screen = await open_form(r)
        for kind in ("pledge", "meeting"):
            screen.query_one("#add-kind", Select).value = kind
            await r.pilot.pause()
            assert screen.has_class("-compact") is compact[kind], kind
            assert screen.query_one("#add-quote", Input).compact is compact[kind]
            box = screen.query_one("#add-box", VerticalScroll)
            assert box.max_scroll_y == 0, f"{kind}: the form scrolls at {size}"
            assert screen.query_one("#add-go", Button).region.bottom <= size[1]


async def test_tab_moves_between_the_add_fact_forms_fields(pack: Path) -> None:
    """tab and shift+tab walk the form (they did nothing over it: only the first field
    could be reached without the mouse)."""
    async with reader(str(pack)) as r:
        await r.browse_to("kaja-kallas")
        await r.until(lambda: r.source_view.highlight is not None, "the mention highlighted")
        screen = await open_form(r)
        seen = [r.app.focused]
        for _ in range(4):
            await r.press("tab")
            seen.append(r.app.focused)
        assert all(w is not None and w.screen is screen for w in seen)
        assert len({id(w) for w in seen}) == len(seen)  # a new field each time
        await r.press("shift+tab")
        assert r.app.focused is seen[-2]
        assert screen.query_one("#add-what", Input) in seen


async def test_the_marked_count_follows_a_marked_fact_deleted(pack: Path) -> None:
    """Two candidates marked, one rejected: the header and the footer row say 1 marked,
    as the export dialog does (they kept saying 2)."""
    async with reader(str(pack)) as r:
        for item_id in ("baltic-states", "estonia"):
            await r.browse_to(item_id)
            await r.press("space")
        main_screen = r.app.main
        count = main_screen.query_one("#marked-count")
        assert r.app.marked == {"baltic-states", "estonia"}
        assert "2 marked" in main_screen.sub_title and "2 marked" in str(count.render())
        await r.browse_to("baltic-states")
        await r.press("delete")
        await edited(r)
        assert r.app.marked == {"estonia"}
        assert "1 marked" in main_screen.sub_title and "1 marked" in str(count.render())
