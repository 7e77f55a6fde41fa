"""A value computed once, on first use, whichever thread asks first.

Derived views of a pack are costly (seconds for a large pack) and asked for by
several threads of the reader at once; building one twice wastes that time,
and checking then setting without a lock lets two threads do exactly that.

Some of them (the analysis, disagreement detection) are built in the reader's
background workers, which must give way when the analyst quits: a worker
thread cannot be killed, and Python waits for it before the process exits. So
a computation may be given a ``stop`` callable, which it asks between pieces of
work (a meeting, an article); when it says so the computation raises
:class:`Stopped`, nothing is kept, and a later ``get`` starts again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar, cast

T = TypeVar("T")

Stop = Callable[[], bool]
"""Asked between pieces of a long computation: True means give up now."""


class Stopped(Exception):
    """A computation was told to stop (by its ``stop`` callable); nothing it built is kept."""


def never() -> bool:
    """The ``stop`` of a computation nobody will interrupt (the CLI, tests)."""
    return False


def check(stop: Stop) -> None:
    """Raise :class:`Stopped` when ``stop`` says so (called between pieces of work)."""
    if stop():
        raise Stopped


class Checked(Generic[T]):
    """``items`` iterated with ``stop`` asked before each one: a loop over articles gives way.

    Re-iterable (each ``iter`` starts again), so a function taking an iterable of
    sources can be handed one without knowing it may stop.
    """

    def __init__(self, items: Iterable[T], stop: Stop) -> None:
        self.items = items
        self.stop = stop

    def __iter__(self) -> Iterator[T]:
        for item in self.items:
            check(self.stop)
            yield item


class Stoppable(Generic[T]):
    """A value computed on first use, once, by ``compute(stop)``; a stopped attempt keeps nothing."""

    def __init__(self, compute: Callable[[Stop], T]) -> None:
        self._compute: Callable[[Stop], T] | None = compute
        self._value: T | None = None
        self._lock = threading.Lock()

    @property
    def done(self) -> bool:
        """True once the value exists (never blocks)."""
        return self._compute is None

    def known(self) -> T | None:
        """The value if some thread has built it, else None (never blocks, never builds)."""
        return self._value if self._compute is None else None

    def get(self, stop: Stop = never) -> T:
        """The value, computing it now if no thread has yet (the others wait for it).

        Raises :class:`Stopped` when ``stop`` interrupted the computation; a thread
        that was waiting for it then computes it itself.
        """
        if self._compute is not None:
            with self._lock:
                if self._compute is not None:  # no other thread built it meanwhile
                    self._value = self._compute(stop)
                    self._compute = None
        return cast("T", self._value)


class Once(Stoppable[T]):
    """A value computed on first use, once, even when several threads ask together."""

    def __init__(self, compute: Callable[[], T]) -> None:
        super().__init__(lambda _stop: compute())
