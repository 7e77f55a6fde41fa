"""What both disagreement detectors share: the result types and the English word lists.

Split from :mod:`briefing.model.analysis.disagreements.detect` (the public entry point) so the
count detector (:mod:`briefing.model.analysis.disagreements.counts`) and the stance detector
(:mod:`briefing.model.analysis.disagreements.stances`) can each live in their own module
without importing one another. The function words come from :mod:`briefing.model.names.vocabulary`;
nothing here knows the story.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

from briefing.model.analysis.disagreements.context import ValueContext, explain, value_context
from briefing.model.parallel import both
from briefing.model.types import Source

FORK_AT_VALUES = 2_000
"""Values from which reading half their contexts is worth a second core (~30 ms of work
at 2,000, against ~10 ms to start a child and read its result back)."""

_UNREAD = object()
"""A value's context not read yet (None is a context read and found empty)."""


def readable(value: str) -> str:
    """A value as a person reads it: a count of five digits or more grouped by
    thousands ("120000000" -> "120,000,000"); the JSON contract keeps the digits."""
    return f"{int(value):,}" if len(value) >= 5 and value.isascii() and value.isdigit() else value


class DisagreementValue:
    """What one source says, with the sentence that says it.

    Immutable. Its ``context`` is given, or read from the sentence the first
    time it is asked for (``read_in``: the source, ``read_at``: the value's
    place in the sentence): reading it costs a pass of the date finder over
    the sentence (~0.1 ms), thousands of values are found at 1,000 articles,
    and a Markdown note shows none of them (the JSON contract and the reader
    do). Two slots, not a closure per value (~4 MiB at 1,000 articles).

    Its ``sentence`` is given, or (``sentence`` None) two offsets
    (``sentence_at``) into the article of ``read_in`` (or of ``sentence_in``,
    for a value whose context is not read), sliced on asking: a found disagreement can list
    thousands of values (35,000 at 1,000 articles), and a copy of each
    sentence kept for the session cost ~7 MiB per 1,000 articles.
    Equality and the hash take the sentence and the context as read.
    ``shared``: a detection run's int objects by value (offsets repeat across
    articles: one object each, not four 28-byte ints a value).
    """

    __slots__ = (
        "_at",
        "_context",
        "_in",
        "_sentence",
        "_sentence_end",
        "_sentence_start",
        "end",
        "source",
        "start",
        "value",
    )

    value: str
    source: str
    start: int
    """Offset of the mention in the article (for highlighting)."""
    end: int
    _sentence: str | None
    _sentence_start: int
    _sentence_end: int
    _context: object
    _in: Source | None
    _at: int

    def __init__(
        self,
        value: str,
        source: str,
        sentence: str | None,
        start: int,
        end: int,
        context: ValueContext | None = None,
        *,
        read_in: Source | None = None,
        read_at: int = 0,
        sentence_in: Source | None = None,
        sentence_at: tuple[int, int] = (0, 0),
        shared: dict[int, int] | None = None,
    ) -> None:
        sentence_start, sentence_end = sentence_at
        if shared is not None:  # one int object per offset value over a detection run
            keep = shared.setdefault
            start, end, read_at = keep(start, start), keep(end, end), keep(read_at, read_at)
            sentence_start = keep(sentence_start, sentence_start)
            sentence_end = keep(sentence_end, sentence_end)
        article = read_in or sentence_in
        if sentence is None and article is None:
            raise ValueError("a value without its sentence needs the source to read it in")
        lazy_context = context is None and read_in is not None
        # Each slot set by name, not in a loop over pairs: a detection run makes
        # ~45,000 values per 1,000 articles, and the loop was a fifth of its Python time.
        put = object.__setattr__
        put(self, "value", value)
        put(self, "source", source)
        put(self, "_sentence", sentence)
        put(self, "_sentence_start", sentence_start)
        put(self, "_sentence_end", sentence_end)
        put(self, "start", start)
        put(self, "end", end)
        put(self, "_context", _UNREAD if lazy_context else context)
        put(self, "_in", article if lazy_context or sentence is None else None)
        put(self, "_at", read_at)

    @property
    def sentence(self) -> str:
        """The sentence (or run of sentences) that gives the value."""
        given = self._sentence
        if given is not None:
            return given
        read_in: Source | None = self._in
        assert read_in is not None  # the constructor refuses neither
        return read_in.text[self._sentence_start : self._sentence_end]

    @property
    def context(self) -> ValueContext | None:
        """When the value holds (source date, the sentence's own date) and what it counts."""
        if self._context is _UNREAD:
            read_in: Source | None = self._in
            assert read_in is not None  # _UNREAD is set only with a source to read in
            self._keep_context(value_context(read_in, self.sentence, self._at))
        context: ValueContext | None = self._context  # type: ignore[assignment]
        return context

    @property
    def context_read(self) -> bool:
        """True once the context is known (asking for it costs nothing)."""
        return self._context is not _UNREAD

    def _keep_context(self, context: ValueContext | None) -> None:
        """Fill a context not read yet (never replace one): read here, or by
        :func:`read_contexts` in a forked child from the same sentence. The hash and
        equality read the context first, so nothing compared before can change."""
        if self._context is _UNREAD:
            object.__setattr__(self, "_context", context)
            if self._sentence is not None:
                object.__setattr__(self, "_in", None)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled slot by slot (a forked detector sends its values back, see
        :mod:`briefing.model.parallel`): the default way sets each slot through
        ``__setattr__``, which refuses. A context not read yet stays so."""
        unread = self._context is _UNREAD
        context = None if unread else self._context
        return _rebuilt, (context, unread, *(getattr(self, name) for name in _VALUE_SLOTS))

    def _key(self) -> tuple[str, str, str, int, int, ValueContext | None]:
        return (self.value, self.source, self.sentence, self.start, self.end, self.context)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DisagreementValue):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={value!r}"
            for name, value in zip(
                ("value", "source", "sentence", "start", "end", "context"), self._key(), strict=True
            )
        )
        return f"DisagreementValue({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"DisagreementValue is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"DisagreementValue is immutable: cannot delete {name}")


_VALUE_SLOTS = tuple(name for name in DisagreementValue.__slots__ if name != "_context")


def _rebuilt(context: object, unread: bool, *slots: object) -> DisagreementValue:
    """A value from what :meth:`DisagreementValue.__reduce__` kept: its context
    (unless not read yet), then every other slot in ``_VALUE_SLOTS`` order."""
    value = DisagreementValue.__new__(DisagreementValue)
    for name, kept in zip(_VALUE_SLOTS, slots, strict=True):
        object.__setattr__(value, name, kept)
    object.__setattr__(value, "_context", _UNREAD if unread else context)
    return value


class ValueRows(Sequence[DisagreementValue]):
    """A disagreement's values kept as columns, each :class:`DisagreementValue` made when asked for.

    The count and amount detectors find ~110,000 values at 5,000 articles, most
    in a few disagreements listing every source's figure; as objects that was
    ~13 MiB held for the whole session, while the reader shows a few of them
    (the note shows none). Here a value is its source, its interned figure and
    five offsets; made once asked for, it is kept (with its context, once read),
    as the tuple kept it. Equal to any sequence of the same values, a tuple
    included. :func:`places` reads where the values are without making them.
    """

    __slots__ = ("_made", "_offsets", "_sources", "_values")

    def __init__(self) -> None:
        self._sources: list[Source] = []
        self._values: list[str] = []
        self._offsets = array("q")
        """start, end, place in the sentence, sentence start and end; five a value."""
        self._made: dict[int, DisagreementValue] = {}

    def add(
        self,
        value: str,
        source: Source,
        start: int,
        end: int,
        read_at: int,
        sentence_at: tuple[int, int],
    ) -> None:
        """One more value: what :class:`DisagreementValue` takes with ``read_in=source``."""
        self._sources.append(source)
        self._values.append(value)
        self._offsets.extend((start, end, read_at, *sentence_at))

    def __len__(self) -> int:
        return len(self._values)

    @overload
    def __getitem__(self, index: int) -> DisagreementValue: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[DisagreementValue, ...]: ...

    def __getitem__(self, index: int | slice) -> DisagreementValue | tuple[DisagreementValue, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        made = self._made.get(index)
        if made is None:
            if not 0 <= index < len(self):
                raise IndexError("value index out of range")
            start, end, at, first, last = self._offsets[5 * index : 5 * index + 5]
            source = self._sources[index]
            made = DisagreementValue(
                self._values[index],
                source.id,
                None,
                start,
                end,
                read_in=source,
                read_at=at,
                sentence_at=(first, last),
            )
            made = self._made.setdefault(index, made)
        return made

    def __iter__(self) -> Iterator[DisagreementValue]:
        for index in range(len(self)):
            yield self[index]

    def places(self) -> Iterator[tuple[str, int]]:
        """(source id, start) of each value, none of them made."""
        offsets = self._offsets
        for index, source in enumerate(self._sources):
            yield source.id, offsets[5 * index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def places(values: Sequence[DisagreementValue]) -> Iterator[tuple[str, int]]:
    """(source id, start) of each value; of :class:`ValueRows` without making the values."""
    if isinstance(values, ValueRows):
        return values.places()
    return ((v.source, v.start) for v in values)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A point on which sources differ, as found in the text."""

    topic: str
    kind: str
    """``count``, ``amount``, ``percentage``, ``stance`` or ``meeting-date``."""
    values: Sequence[DisagreementValue]
    """A tuple, or :class:`ValueRows` (what the count and amount detectors find)."""
    claim: str | None = None
    """The author's claim on the same sentences, when there is one."""

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources taking part, in order of first appearance."""
        return tuple(dict.fromkeys(source for source, _ in places(self.values)))

    @property
    def explanation(self) -> str | None:
        """How the values differ in time or in what they count (None when they do not)."""
        with_context = [(v.value, v.context) for v in self.values if v.context is not None]
        return explain(with_context) if with_context else None


TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")
_SYNONYMS = {"nation": "country", "state": "country"}


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """The word lower-cased, plural ending dropped ("countries" -> "country", "nations" -> "country").

    Cached: the detectors ask for the lemma of ~180,000 words at 1,000 articles, a few
    thousand distinct ones (bounded: at most 8,192 words kept).
    """
    w = word.lower().replace("’", "'")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return _SYNONYMS.get(w, w)


def read_contexts(found: Iterable[Disagreement]) -> None:
    """Read the context of every value of ``found`` now, half of them on a second core.

    The JSON contract gives every value's context, and reading them is the
    largest cost of an export after the detection (114,000 values to read, ~5 s
    at 5,000 articles); each is a pure function of its sentence, so a forked child
    (:func:`briefing.model.parallel.both`, when the entry point allows it) reads
    the second half while this process reads the first. Without a second core,
    this is what asking each value in turn would do.
    """
    unread = [v for d in found for v in d.values if not v.context_read]
    half = len(unread) // 2

    def theirs() -> list[ValueContext | None]:
        kept: dict[ValueContext, ValueContext] = {}  # one object per distinct context
        return [
            None if c is None else kept.setdefault(c, c) for c in (v.context for v in unread[half:])
        ]

    def ours() -> None:
        for value in unread[:half]:
            value.context  # noqa: B018 (read now, kept by the value)

    contexts, _ = both(theirs, ours, worth=len(unread) >= FORK_AT_VALUES)
    for value, context in zip(unread[half:], contexts, strict=True):
        value._keep_context(context)
