"""The detail pane in the reader: an item shows from its top, its name in the pane's title."""

from __future__ import annotations

import pytest
from tui_helpers import reader

from briefing.model.pack import Pack
from briefing.model.types import Actor, Pledge
from briefing.tui.detail_rows import EvidenceRow


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
