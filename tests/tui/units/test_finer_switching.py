"""The load worker's finer interpreter switching: set while it runs, restored after (plain Python)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from briefing.tui.actions.loading import SWITCH_INTERVAL, finer_switching

BEFORE = 0.004
"""An interval of the test's own, so that a restored default cannot pass by chance."""


@pytest.fixture(autouse=True)
def own_interval() -> Iterator[None]:
    saved = sys.getswitchinterval()
    sys.setswitchinterval(BEFORE)
    yield
    sys.setswitchinterval(saved)


def test_set_while_the_body_runs_and_restored_after() -> None:
    with finer_switching():
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(BEFORE)


def test_restored_when_the_body_raises() -> None:
    with pytest.raises(RuntimeError), finer_switching():
        raise RuntimeError("the worker failed")
    assert sys.getswitchinterval() == pytest.approx(BEFORE)


def test_never_coarser_than_it_was() -> None:
    sys.setswitchinterval(0.0005)
    with finer_switching():
        assert sys.getswitchinterval() == pytest.approx(0.0005)
    assert sys.getswitchinterval() == pytest.approx(0.0005)


def test_overlapping_workers_restore_it_when_the_last_ends() -> None:
    """A load and an analysis in two threads: the first to leave must not restore it."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, float] = {}

    def first() -> None:
        with finer_switching():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with finer_switching():
            second_in.set()
            first_out.wait(10)
            seen["after the first left"] = sys.getswitchinterval()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen["after the first left"] == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(BEFORE)
