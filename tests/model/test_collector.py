"""The collector policy: what a paused block freezes costs no pass once the collector is back."""

from __future__ import annotations

import gc
import time

from support import YoungPasses

from briefing.model.collector import collector_paused, keep_for_good


def _collector_on() -> None:
    """Wait (bounded) for the collector to be on: a reader test earlier in this process
    may have left a cancelled load worker finishing its checks with it paused."""
    deadline = time.monotonic() + 10
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()


def _build(count: int) -> list[list[int]]:
    """``count`` small tracked objects, kept (as a loaded pack is)."""
    return [[n] for n in range(count)]


def test_freezing_inside_the_pause_leaves_no_pass_over_what_was_built() -> None:
    _collector_on()
    with YoungPasses() as passes:
        with collector_paused():
            kept = _build(20_000)
            keep_for_good()
        after = _build(50)  # the allocations that would set off the left-over pass
    assert gc.isenabled()
    assert passes.crowded == []
    assert len(kept) == 20_000 and len(after) == 50


def test_the_probe_sees_the_pass_a_late_freeze_leaves() -> None:
    """The same block freezing after the collector is back: the probe the other tests
    rely on does see the pass over everything the block built."""
    _collector_on()
    with YoungPasses() as passes:
        with collector_paused():
            kept = _build(20_000)
        after = _build(50)
        keep_for_good()
    assert passes.crowded and passes.crowded[0] > 15_000  # the young count, net of frees
    assert len(kept) == 20_000 and len(after) == 50
