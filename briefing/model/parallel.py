"""Two independent pieces of work at once, the first in a forked child: the CLI's second core.

Why: an export of a large pack spends most of its time after the load in
detectors that read every article and share nothing (the amounts, the counts
and the stances), then in reading each disputed value's context. They are
pure Python and hold the interpreter lock, so threads would not overlap them;
a forked child starts with the loaded pack already in its memory (copy on
write: 8 ms for the ~400 MiB process of a 5,000-article export, its collector
frozen), does its share and sends back only its result, pickled. At 5,000
articles the amounts' result is ~1 MB against ~3 s of work.

Why only when an entry point allows it (:func:`second_core`): forking is a
decision for the whole process, like the collector's (see
:mod:`briefing.model.collector`). A process with threads (the reader, whose
workers detect in the background) must not fork: another thread may hold a
lock the child would then wait on for ever. So :func:`both` forks only inside
:func:`second_core`, with one thread alive, two cores usable, on Linux;
everywhere else it runs the two in turn, the same results.

Whatever goes wrong in the child (an exception, a kill, a result that does
not pickle) ends it without a word and the parent does the child's share
itself: the same answer, the time of a serial run. Objects the parent already
holds (a pack's sources, listed in ``shared``) travel as their place in that
list, not as copies, so the parent's result points at its own objects.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any, TypeVar

First = TypeVar("First")
Second = TypeVar("Second")

_allowed = False


@contextmanager
def second_core() -> Iterator[None]:
    """Let :func:`both` fork during the block (an entry point's choice: the CLI's)."""
    global _allowed
    was, _allowed = _allowed, True
    try:
        yield
    finally:
        _allowed = was


def _cores() -> int:
    """Cores this process may run on (its affinity: asked on Linux only, see :func:`can_fork`)."""
    return len(os.sched_getaffinity(0))


def threads_alive() -> int:
    """Threads in this process: the system's count where it gives one (Linux), since
    ``threading`` knows only the threads it started (not those of ``_thread`` or of
    a C library), else ``threading``'s."""
    try:
        return max(len(os.listdir("/proc/self/task")), threading.active_count())
    except OSError:
        return threading.active_count()


def can_fork() -> bool:
    """True when :func:`both` would run its first task in a child now.

    Linux only: where it is measured and tested, and where a fork without exec
    is safe for a single-threaded process. On macOS a process that has touched
    the system's frameworks must not fork without exec (why ``multiprocessing``
    spawns there); an export runs on one core there, as on Windows, which has
    no fork.
    """
    return _allowed and sys.platform == "linux" and _cores() >= 2 and threads_alive() == 1


class _Pickler(pickle.Pickler):
    """Pickles the objects of ``shared`` as their place in it (the parent has them)."""

    def __init__(self, file: IO[bytes], shared: Sequence[object]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._places = {id(item): place for place, item in enumerate(shared)}

    def persistent_id(self, obj: Any) -> int | None:
        return self._places.get(id(obj))


class _Unpickler(pickle.Unpickler):
    """Reads what :class:`_Pickler` wrote, a place in ``shared`` as the object there."""

    def __init__(self, file: IO[bytes], shared: Sequence[object]) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: Any) -> object:
        return self._shared[pid]


def both(
    first: Callable[[], First],
    second: Callable[[], Second],
    *,
    shared: Sequence[object] = (),
    worth: bool = True,
) -> tuple[First, Second]:
    """``(first(), second())``, with ``first`` run in a forked child when :func:`can_fork`.

    ``shared``: objects both processes hold that ``first``'s result may point
    at (sent as their place in the sequence). ``worth``: the caller's word that
    ``first`` is long enough to pay for a process (starting one and reading its
    result back costs ~10-20 ms). The child's result must pickle; when it does
    not, or the child fails in any way, the parent runs ``first`` itself after
    ``second``. A child that hangs would hang the parent: it runs the code the
    parent would run, and the one hang a fork adds (a lock held by another
    thread at the fork) is why no process with a second thread forks.
    """
    if not (worth and can_fork()):
        return first(), second()
    # Ctrl-C is held back from the fork until each process is inside its own
    # ``try``: a KeyboardInterrupt in between would unwind the caller's frames in
    # the child (its cleanup run twice) or leave a child nobody ends.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    ends: tuple[int, ...] = ()
    try:
        ends = read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:  # no descriptor, memory or process left for a child: one core it is
        for end in ends:
            os.close(end)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return first(), second()
    if pid == 0:  # the child: its share, its result down the pipe, and out
        code = 1
        try:
            global _allowed
            _allowed = False  # a child never forks again
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # Ctrl-C: out below
            os.close(read_end)
            result = first()
            with os.fdopen(write_end, "wb") as out:
                _Pickler(out, shared).dump(result)
            code = 0
        finally:
            # os._exit, never a normal exit: the parent's buffered output, its
            # atexit handlers and open files are the parent's to finish.
            os._exit(code)
    finished = False
    pipe: IO[bytes] | None = None
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(write_end)
        pipe = os.fdopen(read_end, "rb")
        ours = second()
        theirs: First
        try:
            theirs = _Unpickler(pipe, shared).load()
            read = True
        except Exception:  # a child that failed: its share is done here
            read = False
        pipe.close()  # before waiting: a child still writing gets EPIPE and ends
        _pid, status = os.waitpid(pid, 0)
        finished = True
        if not read or os.waitstatus_to_exitcode(status) != 0:
            theirs = first()
        return theirs, ours
    finally:
        if pipe is not None:
            pipe.close()
        if not finished:  # second() raised (Ctrl-C, a stop): the child goes too
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
