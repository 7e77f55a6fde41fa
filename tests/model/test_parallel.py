"""The second core: ``both`` forks only when allowed, gives the same answers, and never leaves a child."""

from __future__ import annotations

import _thread
import errno
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from support import article_source, synthetic_pack

from briefing.model import parallel
from briefing.model.analysis.disagreements import detect as detect_module
from briefing.model.analysis.disagreements import read_contexts
from briefing.model.analysis.disagreements import values as values_module
from briefing.model.analysis.disagreements.values import ValueRows
from briefing.model.io import load_pack
from briefing.model.parallel import both, can_fork, second_core, threads_alive

T = TypeVar("T")


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Inside ``second_core`` with only ``threading``'s threads counted.

    Under pytest-xdist each worker runs execnet's I/O thread, started outside
    ``threading`` and holding nothing the child needs, which ``threads_alive``
    counts (as it must for any other process): these tests fork all the same.
    A test that needs a thread to stop the fork starts one through ``threading``.
    """
    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        pytest.skip("the export forks on Linux with two cores only")
    monkeypatch.setattr(parallel, "threads_alive", threading.active_count)
    with second_core():
        assert can_fork(), "another test left a thread running: nothing here would fork"
        yield


def _no_child_left() -> bool:
    """True when this process has no child, running or unreaped."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_without_the_entry_points_word_both_run_here() -> None:
    here = os.getpid()
    assert not can_fork()
    assert both(os.getpid, os.getpid) == (here, here)


def test_threads_alive_counts_threads_threading_never_started() -> None:
    if not os.path.isdir("/proc/self/task"):
        pytest.skip("the system gives no count of a process's threads")
    before = threads_alive()
    lock = _thread.allocate_lock()
    lock.acquire()
    started = threading.Event()

    def waits() -> None:
        started.set()
        lock.acquire()

    _thread.start_new_thread(waits, ())
    try:
        assert started.wait(30)
        assert threads_alive() == before + 1
    finally:
        lock.release()


def test_inside_second_core_the_first_runs_in_a_child_and_its_result_comes_back(
    forking: None,
) -> None:
    here = os.getpid()
    theirs, ours = both(lambda: (os.getpid(), [1, 2, 3]), os.getpid)
    assert ours == here
    assert theirs[0] != here
    assert theirs[1] == [1, 2, 3]
    assert _no_child_left()


def test_shared_objects_come_back_as_the_parents_own(forking: None) -> None:
    shared = [object(), object(), object()]
    (pid, back), _ = both(lambda: (os.getpid(), [shared[2], shared[0]]), list, shared=shared)
    assert pid != os.getpid()  # it did cross a process boundary
    assert back[0] is shared[2] and back[1] is shared[0]


def test_a_child_that_fails_or_is_killed_leaves_its_share_to_the_parent(forking: None) -> None:
    parent = os.getpid()

    def fails_in_a_child() -> str:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return "done here"

    def killed_in_a_child() -> str:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "done here"

    files = _open_files()
    assert both(fails_in_a_child, lambda: "ours") == ("done here", "ours")
    assert both(killed_in_a_child, lambda: "ours") == ("done here", "ours")
    # A result that does not pickle: the child ends, the parent makes it.
    made, _ = both(lambda: lambda: os.getpid(), lambda: None)
    assert made() == parent
    assert _open_files() == files  # every pipe closed
    assert _no_child_left()


def test_a_fork_that_fails_leaves_both_shares_to_the_parent(
    forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_memory() -> int:
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_memory)
    files = _open_files()
    here = os.getpid()
    assert both(os.getpid, os.getpid) == (here, here)
    assert _open_files() == files


def test_an_error_in_the_first_is_raised_as_in_a_serial_run(forking: None) -> None:
    def broken() -> None:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        both(broken, lambda: None)
    assert _no_child_left()


def test_when_the_second_raises_the_child_is_ended_and_reaped(forking: None) -> None:
    never = threading.Event()  # never set: the child would wait for it (30 s at most)

    def waits() -> None:
        never.wait(30)

    def stops() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        both(waits, stops)
    assert _no_child_left()


def test_a_process_with_threads_never_forks(forking: None) -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait, args=(30,))
    worker.start()
    try:
        assert not can_fork()
        here = os.getpid()
        assert both(os.getpid, os.getpid, worth=True) == (here, here)
    finally:
        release.set()
        worker.join()


def test_a_value_pickles_with_its_context_read_or_not() -> None:
    source = article_source("wire", "Donors pledged about €1.2bn last week. Others gave more.")
    rows = ValueRows()
    rows.add("about EUR 1.2bn", source, 15, 30, 15, (0, 38))
    rows.add("about EUR 1.2bn", source, 15, 30, 15, (0, 38))
    unread, read = rows[0], rows[1]
    read.context  # noqa: B018 (read before pickling)
    for value in (unread, read):
        back = pickle.loads(pickle.dumps(value))
        assert back.context_read == value.context_read
        assert back == value and hash(back) == hash(value)
        assert back.sentence == value.sentence == "Donors pledged about €1.2bn last week."


def test_detection_and_contexts_on_two_cores_equal_the_serial_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forking: None
) -> None:
    root = synthetic_pack(12, tmp_path / "pack")
    serial_pack = load_pack(str(root)).pack
    forked_pack = load_pack(str(root)).pack
    assert serial_pack is not None and forked_pack is not None
    # Serial: 12 articles are below the detector's own threshold for a child, and
    # the contexts are read one at a time.
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
    forked = detect_module.detect(forked_pack)
    unread = sum(1 for d in forked for v in d.values if not v.context_read)
    assert unread > 100
    read_contexts(forked)
    assert any(d.kind == "amount" for d in forked)  # the child's share is in the answer
    here = str(os.getpid())
    calls = [tuple(line.split()) for line in pids.read_text().splitlines()]
    assert ("amount_disagreements", here) not in calls
    assert any(name == "amount_disagreements" for name, _ in calls)
    contexts_here = sum(1 for name, pid in calls if name == "value_context" and pid == here)
    contexts_there = sum(1 for name, pid in calls if name == "value_context" and pid != here)
    assert (contexts_here, contexts_there) == (unread // 2, unread - unread // 2)
    assert forked == serial
    assert all(v.context_read for d in forked for v in d.values)
    assert [[v.context for v in d.values] for d in forked] == [
        [v.context for v in d.values] for d in serial
    ]
    assert _no_child_left()
