"""A pack fresh from `briefing init` opens in the reader: articles and candidates browsable."""

from __future__ import annotations

from pathlib import Path

from support import FIXTURES
from tui_helpers import reader

from briefing.cli import main
from briefing.model import load_pack

STORY = FIXTURES / "init_story"


async def test_fresh_pack_opens_with_its_candidates(tmp_path: Path) -> None:
    root = tmp_path / "baltic"
    assert main(["init", str(root), str(STORY), "--as-of", "2025-06-02"]) == 0
    loaded = load_pack(root)
    assert loaded.pack is not None
    expected_actors = [a.id for a in loaded.pack.actors]
    assert "kaja-kallas" in expected_actors and "nordic-maritime-council" in expected_actors
    # the drafts from the articles' sentences are there to review too
    assert loaded.pack.meetings and loaded.pack.pledges
    async with reader(str(root)) as r:
        assert r.app.pack is not None
        assert r.app.failure == []
        headers = [str(node.label) for node in r.navigator.root.children]
        assert headers == [
            # every actor and draft from init is a candidate: all of them are to review
            f"To review ({len(expected_actors) + len(loaded.pack.meetings) + len(loaded.pack.pledges)})",
            "Actors (0)",
            "Meetings (0)",
            "Pledges (0)",
            "Claims (0)",
            "Sources (3)",
        ]
        review = r.navigator.root.children[0]  # the candidates, in pack order
        drafts = [f.id for f in (*loaded.pack.meetings, *loaded.pack.pledges)]
        assert [n.data.item_id for n in review.children if n.data] == expected_actors + drafts
        # browse a candidate: its detail says it is proposed, not confirmed
        await r.browse_to("kaja-kallas")
        assert r.current_id == "kaja-kallas"
        prompts = [
            str(r.detail.get_option_at_index(i).prompt) for i in range(r.detail.option_count)
        ]
        assert any("proposed, not yet confirmed" in p for p in prompts)
        assert any("Kal?as" in p for p in prompts)
        # and the articles are there to read before any fact is written
        await r.browse_to("s03-baltic-post")
        assert r.current_id == "s03-baltic-post"
        assert r.source_view.source is not None
        assert r.source_view.source.id == "s03-baltic-post"
        assert r.source_view.source.flags.lost_characters == ("Kal?as",)
