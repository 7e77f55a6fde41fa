"""The garbage-collector policy's one tool; only entry points (the CLI, the reader) use it.

Loading a pack, or indexing its actors, allocates millions of small objects
that all stay alive and form no cycles: each pass of the cyclic collector would
walk them again for nothing (more than half of a large pack's load time). The
library never switches the collector off itself, since that is a decision for
the whole process: the CLI and the reader pause it around loading, then freeze
what they keep (``gc.freeze``) so later passes skip it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (back on after, if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_for_good() -> None:
    """Move everything alive now out of the collector's sight (a loaded pack kept to the end).

    Where a block paused the collector, call it inside the block, before the
    collector is back on: in CPython (3.11, checked by tests/model/test_collector.py)
    ``gc.freeze`` also empties the young generation's count. Re-enabled first, the
    collector found that count at tens of thousands and its next allocation made a
    pass over everything the block built, only for the freeze to follow: 7-12 ms
    after the reader's imports and 34 ms after a 1,000-article load, measured with
    ``gc.callbacks``. The freeze is process-wide: garbage any thread left while the
    collector was paused is frozen too, and never collected (what each call site
    keeps that way is in docs/decisions.md).
    """
    gc.freeze()
