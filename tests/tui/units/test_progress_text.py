"""The footer's count while the background analysis runs (plain Python, no app)."""

from __future__ import annotations

from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.tui.actions.loading import Progress


def test_the_count_follows_the_stages(pack: Pack) -> None:
    cancelled = False
    progress = Progress(Derived(pack), lambda: cancelled)
    assert progress.text() == f" indexing {len(pack.actors):,} actors… "
    progress.enter("analysing")
    assert not progress() and not progress()  # asked twice: two meetings done
    assert progress.text() == f" analysing 2/{len(pack.meetings):,} meetings "
    progress.enter("disagreements")
    assert progress.text() == " disagreements 0% "
    cancelled = True
    assert progress()  # the worker was cancelled: the computation gives way
    progress.enter("done")
    assert progress.text() == ""
