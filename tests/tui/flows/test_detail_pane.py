"""The detail pane in the reader: an item shows from its top, its name in the pane's title."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from tui_helpers import reader

from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.types import Actor, Pledge
from briefing.tui.app import BriefingApp
from briefing.tui.detail_rows import PAGE, EvidenceRow, MentionRow, MoreRow
from briefing.tui.widgets.detail import DetailPane


def _visible_text(pane: object) -> str:
    """The lines the pane draws now, as plain text."""
    height = pane.scrollable_content_region.height  # type: ignore[attr-defined]
    return "\n".join(pane.render_line(y).text for y in range(height))  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_new_item_shows_from_its_top_with_its_name(
    pack: Pack, size: tuple[int, int]
) -> None:
    """#22 bug 3: the pane scrolled to the first evidence or link, hiding the item's name."""
    async with reader(size=size) as r:
        first = pack.actors[0]
        assert r.current_id == first.id
        assert r.detail.scroll_y == 0
        assert first.name in str(r.detail.border_title)
        assert first.name in _visible_text(r.detail).splitlines()[0]
        # A pledge opened with enter: still from its top, its actor named in the title.
        pledge = next(p for p in pack.pledges if len(p.evidence) > 1)
        r.app.main.open_item(pledge.id)
        await r.pilot.pause()
        await r.pilot.pause()
        assert r.current_id == pledge.id
        assert r.detail.scroll_y == 0
        actor = pack.get(pledge.actor)
        assert isinstance(actor, Actor)
        assert str(r.detail.border_title).startswith(f"{Pledge.__name__}: {actor.name}")
        # Stepping to the next evidence item is what scrolls to it.
        await r.press("n")
        assert r.detail.highlighted == r.detail.index_of(EvidenceRow(1))
        assert f"2/{len(pledge.evidence)} " in _visible_text(r.detail)


async def test_more_shows_the_next_page_of_a_long_group(pack: Pack) -> None:
    """A group longer than a page ends in a "more" row; enter on it lists the next page."""
    derived = Derived(pack)
    actor = next(a for a in pack.actors if len(derived.mentions(a.id) or ()) > PAGE)
    async with reader() as r:
        r.app.main.open_item(actor.id)
        await r.pilot.pause()
        assert r.detail.index_of(MentionRow(PAGE - 1)) is not None
        assert r.detail.index_of(MentionRow(PAGE)) is None
        more = r.detail.index_of(MoreRow("mentions"))
        assert more is not None
        r.detail.highlighted = more
        await r.press("enter")
        assert r.detail.index_of(MentionRow(PAGE)) == more
        assert r.detail.highlighted == more
        assert r.detail.target() == MentionRow(PAGE)
        # The mention now under the cursor is the one shown in its article.
        mention = r.detail.mentions[PAGE]
        highlight = r.source_view.highlight
        assert highlight is not None
        assert (highlight.source_id, highlight.start) == (mention.source_id, mention.start)


async def test_quitting_mid_search_does_not_wait_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A mentions search in a worker gives way when Textual cancels it on quitting."""
    from briefing.model.names import actor_mentions
    from briefing.tui import mentions_finder
    from briefing.tui.widgets import detail as detail_module

    def endless(*_args: object, stop: Callable[[], bool], **_kwargs: object) -> list[object]:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if stop():
                raise actor_mentions.SearchStopped("stopped")
            time.sleep(0.01)
        return []

    monkeypatch.setattr(actor_mentions, "mentions", endless)
    monkeypatch.setattr(detail_module, "BACKGROUND_MENTIONS_CHARS", 0)
    monkeypatch.setattr(mentions_finder, "DELAY", 0.01)
    app = BriefingApp()
    async with app.run_test(size=(120, 36)) as pilot:
        detail = app.main.query_one(DetailPane)
        for _ in range(600):
            if detail.finder.running is not None:
                break
            await pilot.pause(0.05)
        assert detail.finder.running is not None
        began = time.monotonic()
        app.exit()
    assert time.monotonic() - began < 10
