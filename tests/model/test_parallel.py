"""The second core: ``both`` forks only when allowed, gives the same answers, and never leaves a child."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from support import synthetic_pack

from briefing.model.analysis.disagreements import detect as detect_module
from briefing.model.analysis.disagreements import read_contexts
from briefing.model.analysis.disagreements import values as values_module
from briefing.model.io import load_pack
from briefing.model.parallel import both, can_fork, second_core

T = TypeVar("T")

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2,
    reason="forking needs os.fork and two cores",
)


def _no_child_left() -> bool:
    """True when this process has no child, running or unreaped."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_without_the_entry_points_word_both_run_here() -> None:
    here = os.getpid()
    assert not can_fork()
    assert both(os.getpid, os.getpid) == (here, here)


@needs_fork
def test_inside_second_core_the_first_runs_in_a_child_and_its_result_comes_back() -> None:
    here = os.getpid()
    with second_core():
        assert can_fork()
        theirs, ours = both(lambda: (os.getpid(), [1, 2, 3]), os.getpid)
    assert ours == here
    assert theirs[0] != here
    assert theirs[1] == [1, 2, 3]
    assert _no_child_left()


@needs_fork
def test_shared_objects_come_back_as_the_parents_own() -> None:
    shared = [object(), object(), object()]
    with second_core():
        (pid, back), _ = both(lambda: (os.getpid(), [shared[2], shared[0]]), list, shared=shared)
    assert pid != os.getpid()  # it did cross a process boundary
    assert back[0] is shared[2] and back[1] is shared[0]


@needs_fork
def test_a_child_that_fails_leaves_its_share_to_the_parent() -> None:
    parent = os.getpid()

    def fails_in_a_child() -> str:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return "done here"

    with second_core():
        assert both(fails_in_a_child, lambda: "ours") == ("done here", "ours")
        # A result that does not pickle: the child ends, the parent makes it.
        made, _ = both(lambda: lambda: os.getpid(), lambda: None)
    assert made() == parent
    assert _no_child_left()


@needs_fork
def test_an_error_in_the_first_is_raised_as_in_a_serial_run() -> None:
    def broken() -> None:
        raise ValueError("broken")

    with second_core(), pytest.raises(ValueError, match="broken"):
        both(broken, lambda: None)
    assert _no_child_left()


@needs_fork
def test_when_the_second_raises_the_child_is_ended_and_reaped() -> None:
    started = threading.Event()  # never set: the child would wait for ever

    def waits() -> None:
        started.wait()

    def stops() -> None:
        raise KeyboardInterrupt

    with second_core(), pytest.raises(KeyboardInterrupt):
        both(waits, stops)
    assert _no_child_left()


def test_a_process_with_threads_never_forks() -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        with second_core():
            assert not can_fork()
            here = os.getpid()
            assert both(os.getpid, os.getpid, worth=True) == (here, here)
    finally:
        release.set()
        worker.join()


@needs_fork
def test_detection_and_contexts_on_two_cores_equal_the_serial_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = synthetic_pack(12, tmp_path / "pack")
    serial_pack = load_pack(str(root)).pack
    forked_pack = load_pack(str(root)).pack
    assert serial_pack is not None and forked_pack is not None
    serial = detect_module.detect(serial_pack)
    for found in serial:
        for value in found.values:
            value.context  # noqa: B018 (read, one at a time)
    monkeypatch.setattr(detect_module, "FORK_AT_SOURCES", 1)
    monkeypatch.setattr(values_module, "FORK_AT_VALUES", 1)
    # Each process that finds amounts or reads a context writes its id down.
    pids = tmp_path / "pids"

    def noted(function: Callable[..., T]) -> Callable[..., T]:
        def run(*args: object) -> T:
            with pids.open("a") as out:
                out.write(f"{function.__name__} {os.getpid()}\n")
            return function(*args)

        return run

    monkeypatch.setattr(
        detect_module, "amount_disagreements", noted(detect_module.amount_disagreements)
    )
    monkeypatch.setattr(values_module, "value_context", noted(values_module.value_context))
    with second_core():
        forked = detect_module.detect(forked_pack)
        read_contexts(forked)
    assert any(d.kind == "amount" for d in forked)  # the child's share is in the answer
    here = str(os.getpid())
    by_whom = {tuple(line.split()) for line in pids.read_text().splitlines()}
    assert {name for name, pid in by_whom if pid != here} == {
        "amount_disagreements",
        "value_context",
    }
    assert ("value_context", here) in by_whom  # and half the contexts were read here
    assert ("amount_disagreements", here) not in by_whom
    assert forked == serial
    assert all(v.context_read for d in forked for v in d.values)
    assert [[v.context for v in d.values] for d in forked] == [
        [v.context for v in d.values] for d in serial
    ]
    assert _no_child_left()
