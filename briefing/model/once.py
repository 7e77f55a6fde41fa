"""A value computed once, on first use, whichever thread asks first.

Derived views of a pack are costly (seconds for a large pack) and asked for by
several threads of the reader at once; building one twice wastes that time,
and checking then setting without a lock lets two threads do exactly that.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class Once(Generic[T]):
    """A value computed on first use, once, even when several threads ask together."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self._compute: Callable[[], T] | None = compute
        self._value: T | None = None
        self._lock = threading.Lock()

    @property
    def done(self) -> bool:
        """True once the value exists (never blocks)."""
        return self._compute is None

    def get(self) -> T:
        """The value, computing it now if no thread has yet (the others wait for it)."""
        if self._compute is not None:
            with self._lock:
                if self._compute is not None:  # no other thread built it meanwhile
                    self._value = self._compute()
                    self._compute = None
        return cast("T", self._value)
