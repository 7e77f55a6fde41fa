"""Character offsets into an article, kept compact: one machine array per run.

An article holds its sentences and line starts as offsets, and a pack of
thousands of articles holds them all for a session; tuples of ints cost ten
times the memory. Split from :mod:`briefing.model.text`, whose :class:`Article`
keeps them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

OFFSET_CODE = "i"
"""The machine type of :class:`Offsets` and :class:`Spans`: a C int, 4 bytes.

An offset counts characters of one article, and the loader reads no file over
16 MiB (``MAX_FILE_BYTES``), far below 2**31; half the memory of 8-byte offsets
(~3 MiB at 5,000 articles). A larger offset raises OverflowError, never wraps."""


class Offsets(Sequence[int]):
    """An immutable run of character offsets, kept in one machine array.

    A pack holds ~34 sentences and ~14 lines an article, and a tuple of ints
    costs a slot plus an int object (36 bytes) per offset, a sentence's pair
    another tuple: ~25 MiB at 5,000 articles for what 4 bytes an offset hold.
    Compares equal to a tuple or list of the same ints.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Iterable[int] = ()) -> None:
        self._values = values if isinstance(values, array) else array(OFFSET_CODE, values)

    def __len__(self) -> int:
        return len(self._values)

    def count_up_to(self, offset: int) -> int:
        """How many of the (sorted) offsets are ``<= offset``: a binary search on the array."""
        return bisect_right(self._values, offset)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Offsets: ...
    def __getitem__(self, index: int | slice) -> int | Offsets:
        if isinstance(index, slice):
            return Offsets(self._values[index])
        return self._values[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Offsets):
            return self._values == other._values
        if isinstance(other, (tuple, list)):
            return tuple(self._values) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._values))

    def __repr__(self) -> str:
        return f"Offsets({list(self._values)!r})"


class Spans(Sequence[tuple[int, int]]):
    """An immutable run of (start, end) pairs, kept flat in one machine array.

    See :class:`Offsets` for why; a pair is made when one is asked for.
    Compares equal to a tuple or list of the same pairs.
    """

    __slots__ = ("_flat",)

    def __init__(self, pairs: Iterable[tuple[int, int]] = ()) -> None:
        self._flat = array(OFFSET_CODE, (x for pair in pairs for x in pair))

    @classmethod
    def from_flat(cls, flat: Iterable[int]) -> Spans:
        """The pairs of ``flat`` (start, end, start, end, ...); ValueError if its length is odd."""
        spans = cls()
        spans._flat = array(OFFSET_CODE, flat)
        if len(spans._flat) % 2:
            raise ValueError("an odd number of offsets for (start, end) pairs")
        return spans

    @property
    def flat(self) -> Offsets:
        """Every start and end in order (how the load cache stores them)."""
        return Offsets(self._flat)

    @property
    def starts(self) -> Offsets:
        """The start of each pair."""
        return Offsets(self._flat[0::2])

    def __len__(self) -> int:
        return len(self._flat) // 2

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> Spans: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | Spans:
        if isinstance(index, slice):
            return Spans(list(self)[index])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("span index out of range")
        return self._flat[2 * index], self._flat[2 * index + 1]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        values = iter(self._flat)
        return zip(values, values, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spans):
            return self._flat == other._flat
        if isinstance(other, (tuple, list)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._flat))

    def __repr__(self) -> str:
        return f"Spans({list(self)!r})"
