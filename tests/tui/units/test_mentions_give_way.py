"""A running mentions search steps aside while the cursor moves (plain Python, no app)."""

from __future__ import annotations

import time

from briefing.tui import mentions_finder
from briefing.tui.mentions_finder import MentionsFinder


def finder(quiet: float) -> MentionsFinder:
    made = MentionsFinder(host=None, found=lambda _actor: None)  # type: ignore[arg-type]
    made.quiet = quiet
    return made


def test_a_search_goes_on_once_the_cursor_has_rested() -> None:
    waiting = finder(quiet=0.2)
    waiting.forget()  # the cursor moved just now
    moved = waiting.moved_at
    assert waiting.give_way(lambda: False) is False
    assert time.monotonic() - moved >= 0.2


def test_a_search_does_not_wait_when_the_cursor_rests() -> None:
    resting = finder(quiet=60)
    resting.moved_at = time.monotonic() - 61
    began = time.monotonic()
    assert resting.give_way(lambda: False) is False
    assert time.monotonic() - began < mentions_finder.PAUSE * 50


def test_a_paused_search_stops_when_cancelled() -> None:
    paused = finder(quiet=60)
    paused.forget()
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # cancelled while it waits

    began = time.monotonic()
    assert paused.give_way(cancelled) is True
    assert time.monotonic() - began < 30
