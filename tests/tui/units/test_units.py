"""The reader's plain parts: history, keymap file, command list, docs/keys.md, safety, layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import REPO
from textual.geometry import Region
from tui_helpers import reader

from briefing.model.pack import Pack
from briefing.tui.app import BriefingApp
from briefing.tui.commands import COMMANDS, bindings, keys_markdown
from briefing.tui.keymap import keymap_path, load_keymap
from briefing.tui.state import History, Place
from briefing.tui.widgets import navigator as navigator_module
from briefing.tui.widgets.article import ArticleView


def test_history_browsing_replaces_and_links_push() -> None:
    history = History()
    history.visit(Place("a"), browse=True)
    history.visit(Place("b"), browse=True)  # browsing on: replaces a
    assert history.entries == [Place("b")]
    history.visit(Place("c"))  # a followed link: pushes
    history.visit(Place("d"))
    assert [p.item_id for p in history.entries] == ["b", "c", "d"]
    assert history.back() == Place("c")
    assert history.back() == Place("b")
    assert history.back() is None
    assert history.forward() == Place("c")
    history.visit(Place("e"))  # a new visit drops the forward entries
    assert [p.item_id for p in history.entries] == ["b", "c", "e"]
    assert not history.can_forward
    history.set_evidence(2)
    assert history.current == Place("e", 2)


def test_command_ids_are_unique_kebab_case_and_bindings_carry_them() -> None:
    ids = [c.id() for c in COMMANDS]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", i) for i in ids)
    assert [b.id for b in bindings()] == ids
    assert all(c.help_text() and c.ACTION for c in COMMANDS)


def test_every_command_action_exists_on_the_app() -> None:
    for command in COMMANDS:
        assert hasattr(BriefingApp, f"action_{command.ACTION}"), command.ACTION


def test_docs_keys_md_is_current() -> None:
    committed = (REPO / "docs" / "keys.md").read_text(encoding="utf-8")
    assert committed == keys_markdown(), (
        "regenerate: python -m briefing.tui.commands > docs/keys.md"
    )


def test_keymap_path_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFING_KEYMAP", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert keymap_path() == tmp_path / "briefing" / "keymap.toml"
    monkeypatch.setenv("BRIEFING_KEYMAP", str(tmp_path / "k.toml"))
    assert keymap_path() == tmp_path / "k.toml"


def test_keymap_loader_keeps_good_entries_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    assert load_keymap(path) == ({}, [])
    path.write_text('[keymap]\nback = "h, backspace"\nno-such = "x"\nquit = 3\n', encoding="utf-8")
    keymap, problems = load_keymap(path)
    assert keymap == {"back": "h,backspace"}
    assert len(problems) == 2 and "no-such" in problems[0] and "quit" in problems[1]
    path.write_text("keymap = 1\n", encoding="utf-8")
    assert load_keymap(path)[0] == {}
    path.write_bytes(b"\xff\xfe")
    assert "not valid TOML" in load_keymap(path)[1][0]


HOSTILE = "[bold]Evil[/bold] [@click=app.quit]x[/] \x1b]52;c;aGk=\x07"


async def test_markup_and_escapes_in_a_pack_are_shown_literally(make_pack) -> None:  # type: ignore[no-untyped-def]
    article = f"Leaders met in Paris. {HOSTILE} said hello.\n"
    root = make_pack(
        """\
        actors:
          - id: evil
            name: "[bold]Evil[/bold] [@click=app.quit]x[/]"
            kind: person
            evidence:
              - {source: wire, quote: "said hello"}
        """,
        article=article,
    )
    async with reader(str(root)) as r:
        assert r.app.pack is not None
        node = r.navigator.cursor_node
        assert node is not None and "[bold]Evil[/bold] [@click=app.quit]x[/]" in str(node.label)
        view = r.source_view.query_one(ArticleView)
        shown = "\n".join(
            "".join(segment.text for segment in view.render_line(y))
            for y in range(view.scrollable_content_region.height)
        )
        assert "[bold]Evil[/bold]" in shown and "\x1b" not in shown and "␛" in shown
        text = r.app.pack.sources[0].text
        assert r.source_view.highlight is not None
        assert r.source_view.highlight.start == text.index("said hello")


async def test_invalid_pack_ends_the_app_with_exit_1_and_diagnostics(make_pack) -> None:  # type: ignore[no-untyped-def]
    root = make_pack("pledges:\n  - id: x\n    actor: nobody\n")
    app = BriefingApp(str(root))
    async with app.run_test() as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert app.failure and all(
        re.match(r".+:\d+:\d+: (error|warning): ", line) for line in app.failure[:-1]
    )
    assert "not valid" in app.failure[-1]


async def test_narrow_terminal_stacks_the_panes() -> None:
    async with reader(size=(80, 24)) as r:
        assert r.app.main.has_class("-narrow")
        nav, detail, source = r.navigator.region, r.detail.region, r.source_view.region
        assert nav.width > 10 and detail.width > 20 and source.width >= 70
        assert source.y >= nav.bottom  # source below, full width
    async with reader(size=(120, 36)) as r:
        assert r.app.main.has_class("-wide")
        assert r.source_view.region.y == r.navigator.region.y  # side by side


async def test_flagged_source_banner_boilerplate_and_lost_characters(pack) -> None:  # type: ignore[no-untyped-def]
    translated = next(s for s in pack.sources if s.flags.machine_translated and s.flags.garbled)
    lost = next(s for s in pack.sources if s.flags.lost_characters)
    async with reader() as r:
        r.app.main.open_item(translated.id)
        await r.pilot.pause()
        view = r.source_view
        assert (
            view.highlight is None and view.source is not None and view.source.id == translated.id
        )
        assert "MACHINE-TRANSLATED" in view.flags_text and "GARBLED" in view.flags_text
        r.app.main.open_item(lost.id)
        await r.pilot.pause()
        word = lost.flags.lost_characters[0]
        start = lost.text.index(word)
        assert (start, start + len(word)) in view.marked_lost


async def test_navigator_pages_long_sections(monkeypatch: pytest.MonkeyPatch, pack) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(navigator_module, "PAGE", 2)
    async with reader() as r:
        actors_header = r.navigator.root.children[0]
        rows = actors_header.children
        assert len(rows) == 3 and rows[-1].data is not None and rows[-1].data.more
        # Following a link to an unloaded item loads pages until it is there.
        last = pack.actors[-1].id
        r.app.main.open_item(last)
        await r.pilot.pause()
        await r.pilot.pause()
        node = r.navigator.cursor_node
        assert node is not None and node.data is not None and node.data.item_id == last


async def test_a_tab_in_an_article_is_drawn_as_a_space(make_pack) -> None:  # type: ignore[no-untyped-def]
    """A raw tab would make the terminal jump to its next tab stop, past the wrap and the border."""
    article = "Officials\t\tsaid hello to the press in Paris.\n"
    root = make_pack(
        """\
        actors:
          - id: paris-officials
            name: Officials
            kind: group
            evidence:
              - {source: wire, quote: "said hello"}
        """,
        article=article,
    )
    async with reader(str(root)) as r:
        view = r.source_view.query_one(ArticleView)
        assert view.content.plain == article.replace("\t", " ")
        drawn = "".join(segment.text for segment in view.render_line(0))
        assert "\t" not in drawn and drawn.startswith("Officials  said hello")
        assert r.source_view.highlight is not None
        assert r.source_view.highlight.start == article.index("said hello")


def test_history_keeps_the_places_that_still_exist() -> None:
    history = History()
    for item in ("a", "b", "c", "b", "d"):
        history.visit(Place(item))
    history.back()  # on the second "b"
    history.keep(lambda item_id: item_id != "c")
    # the two visits of "b" now side by side are one: back does not stop twice on it
    assert [p.item_id for p in history.entries] == ["a", "b", "d"]
    assert history.current == Place("b") and history.index == 1 and history.can_forward
    history.back()
    assert history.current == Place("a")
    history.forward()
    history.keep(lambda item_id: item_id not in ("b",))  # the current place goes
    assert [p.item_id for p in history.entries] == ["a", "d"]
    assert history.current == Place("a")


def test_the_review_group_is_worked_through_in_order_then_backwards(
    tmp_path: Path, pack: Pack
) -> None:
    """After each confirm or reject the reader shows the next candidate; after the last,
    the one before it; with nothing to review, nothing (plain Python, no app)."""
    from briefing.cli import main
    from briefing.model.derived import Derived
    from briefing.model.io import load_pack
    from briefing.tui.labels import REVIEW, first_item, next_to_review, section_items

    root = tmp_path / "story"
    story = REPO / "tests" / "fixtures" / "init_story"
    assert main(["init", str(root), str(story), "--as-of", "2025-06-02"]) == 0
    loaded = load_pack(str(root)).pack
    assert loaded is not None
    derived = Derived(loaded)
    ids = [item.id for item in section_items(derived, REVIEW)]
    assert len(ids) >= 2
    assert first_item(derived) == ids[0]  # candidates come first
    walked = [ids[0]]
    while len(walked) < len(ids):
        following = next_to_review(derived, walked[-1])
        assert following is not None
        walked.append(following)
    assert walked == ids
    assert next_to_review(derived, ids[-1]) == ids[-2]
    assert next_to_review(derived, "no-such-item") == ids[0]

    settled = Derived(pack)  # the default pack: nothing to review
    assert section_items(settled, REVIEW) == ()
    assert next_to_review(settled, "uk") is None
    assert first_item(settled) == pack.actors[0].id


async def test_show_item_opens_a_folded_section_and_leaves_an_open_one_as_it_is(pack) -> None:  # type: ignore[no-untyped-def]
    """Textual's expand() rebuilds every line of the tree, even for an open section."""
    async with reader() as r:
        navigator = r.navigator
        actors = navigator.root.children[0]
        await r.until(lambda: navigator.cursor_node is not None, "the cursor on the first actor")
        lines = navigator._tree_lines
        navigator.show_item(pack.actors[2].id)
        assert actors.is_expanded and navigator._tree_lines is lines  # not built again
        actors.collapse()
        await r.pilot.pause()
        navigator.show_item(pack.actors[3].id)
        assert actors.is_expanded


def _style_reads(monkeypatch: pytest.MonkeyPatch, cls: type) -> list[int]:
    """Count the reads of ``cls.rich_style`` (one item a read) from now on."""
    reads: list[int] = []
    style = cls.rich_style  # type: ignore[attr-defined]
    monkeypatch.setattr(cls, "rich_style", property(lambda w: reads.append(1) or style.fget(w)))
    return reads


async def test_the_article_reads_its_base_style_once_a_frame(
    monkeypatch: pytest.MonkeyPatch, pack
) -> None:  # type: ignore[no-untyped-def]
    """``rich_style`` walks every ancestor's styles: read once a frame, not once a line."""
    async with reader() as r:
        r.app.main.open_item(pack.sources[0].id)
        await r.pilot.pause()
        article = r.app.main.query_one(ArticleView)
        reads = _style_reads(monkeypatch, ArticleView)
        article.refresh()  # every line drawn again
        strips = article.render_lines(Region(0, 0, article.size.width, article.size.height))
        assert len(strips) == article.size.height > 10 and len(reads) == 1
        alone = article.render_line(0)  # drawn outside a frame: the same line
        assert alone.text.strip() and alone.text in strips[0].text
        assert alone.cell_length == article.scrollable_content_region.width


async def test_the_key_bar_is_worked_out_only_once_it_has_a_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before the layout nothing fits in it: working it out then was wasted (twice a start)."""
    from briefing.tui.widgets.key_bar import KeyBar

    widths: list[int] = []
    entries = BriefingApp.footer_entries

    def counted(app: BriefingApp) -> list[tuple[int, str, str, str, bool]]:
        widths.append(app.main.query_one(KeyBar).size.width)
        return entries(app)

    monkeypatch.setattr(BriefingApp, "footer_entries", counted)
    async with reader() as r:
        await r.until(lambda: bool(r.app.main.query_one(KeyBar).shown), "the footer drawn")
    assert widths and 0 not in widths


async def test_the_navigator_works_out_its_base_style_once_a_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tree reads ``rich_style`` for every row: within a frame it is worked out once."""
    from textual.widgets import Tree

    async with reader() as r:
        navigator = r.navigator
        style = Tree.rich_style
        reads = _style_reads(monkeypatch, Tree)
        navigator.refresh()  # every row drawn again
        strips = navigator.render_lines(Region(0, 0, navigator.size.width, navigator.size.height))
        assert len(strips) == navigator.size.height > 10 and len(reads) == 1
        assert navigator.rich_style == style.fget(navigator)  # outside a frame: as Textual's
