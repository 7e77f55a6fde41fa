"""Rebuilding the model from the load cache's lines (the cache's other half).

:mod:`briefing.model.io.cache_codec` declares the line format (derived from the
model's dataclasses) and writes it; this module reads it back, one line at a
time, into the same dataclasses, checking every offset against the article it
names: a wrong shape or an offset out of range is a ValueError (a cache miss),
never a wrong model. Split from the codec by concern (writing / rebuilding).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from sys import intern
from types import CodeType
from typing import Any

from briefing.model.diagnostics import Diagnostic
from briefing.model.io.cache_codec import (
    DERIVED,
    INTERNED,
    PLAIN,
    Decode,
    field_types,
    is_plain,
    sections,
    stored_fields,
    type_parts,
    unsupported,
)
from briefing.model.io.paths import display
from briefing.model.offsets import Spans
from briefing.model.pack import Pack
from briefing.model.text import Article
from briefing.model.types import Evidence, Source


def _interned(value: str | None) -> str | None:
    return None if value is None else intern(value)


class _Shared(dict[Any, Any]):
    """Each distinct value's first object, for one decode: strings, small records, their tuples.

    The JSON scanner makes a new string for every value it reads, so a meeting
    title, a place, a date or a pledge's contribution repeated across thousands
    of facts was kept once a fact (~13 MiB of copies at 5,000 articles of the
    benchmark pack), and so was each equal participant (an actor and a role),
    flag set and tuple of them (~4 MiB more). These are immutable and compared
    by value, so one object serves them all. Looked up through ``__getitem__``
    (a C call when the value was seen); dropped with the decoder once the pack
    is built, unlike :func:`sys.intern`, which is kept for ids and vocabulary words.
    """

    def __missing__(self, key: Any) -> Any:
        self[key] = key
        return key


def is_value(tp: Any) -> bool:
    """True for what :class:`_Shared` may share: text, and immutable records of text and numbers.

    A frozen dataclass is one when every field is (Participant, Accepted, Flags);
    not one with a field the decoder derives (Evidence, Source: each is unique,
    and hashing them would cost without saving anything).
    """
    if is_plain(tp):
        return True
    origin, args = type_parts(tp)
    if origin is tuple:
        return all(a is Ellipsis or is_value(a) for a in args)
    if isinstance(tp, type) and is_dataclass(tp):
        frozen = tp.__dataclass_params__.frozen  # type: ignore[attr-defined]
        return bool(frozen) and tp not in DERIVED and all(map(is_value, field_types(tp).values()))
    return False


class Decoder:
    """Rebuilds the dataclasses line by line, checking every offset against its article.

    Each class is rebuilt positionally from its line, after converting only the
    fields that need it (tuples, nested dataclasses, enums, interned strings):
    this runs on the reader's startup path, ~20,000 lines for 1,000 articles.
    """

    def __init__(self, root: Path, texts: dict[str, str], keep: bool = True) -> None:
        self.root = root
        self.keep = keep
        """False when only checking lines (store): nothing is kept, no second model."""
        self.texts_by_file = texts
        self.texts: dict[str, str] = {}
        """Source id -> its article text, for the evidence lines after it."""
        self._text = ""
        """The article text of the source line being rebuilt (for its sentences)."""
        self._shared = _Shared()
        """Each repeated value's one object (see :class:`_Shared`)."""
        self._ints: dict[int, int] = {}
        """Each offset value's one int object (offsets repeat across articles: ~4,000
        distinct values for ~90,000 evidence offsets at 1,000 articles, 28 bytes each)."""
        self._classes: dict[type, Decode] = {}
        self._sections = {name: (self.of_class(cls), many) for name, cls, many in sections()}
        self.values: dict[str, Any] = {name: [] if many else None for name, _, many in sections()}

    def add(self, kind: str, item: list[Any]) -> object:
        """Rebuild one line's object and keep it for :meth:`finish`; returns the object."""
        if kind not in self._sections:
            raise ValueError(f"unknown line kind {kind!r}")
        rebuild, many = self._sections[kind]
        built = rebuild(item)
        if many:
            if self.keep:
                self.values[kind].append(built)
        elif self.values[kind] is not None:
            raise ValueError(f"two {kind} lines")
        else:
            self.values[kind] = built
        return built

    def finish(self) -> Pack:
        """The pack of every line added (ValueError if a single-item line is missing).

        The decoder's work state is dropped here, before the pack is returned: the
        decoders it built refer to it (a reference cycle), and the reader freezes what
        is alive right after the load with the collector paused (``gc.freeze``), which
        kept every decoder's lists and shared values (~3.5 MiB at 5,000 articles) for
        the session.
        """
        try:
            values: dict[str, Any] = {}
            for name, _, many in sections():
                value = self.values[name]
                if value is None:
                    raise ValueError(f"no {name} line")
                values[name] = tuple(value) if many else value
            return Pack(str(self.root), **values)
        finally:
            self._classes.clear()
            self._sections.clear()
            self._shared.clear()
            self._ints.clear()
            self.values.clear()

    def of_class(self, cls: type) -> Decode:
        """The decoder of one dataclass (built once per class and decoder)."""
        if cls not in self._classes:
            self._classes[cls] = self._class_decoder(cls)
        return self._classes[cls]

    def _class_decoder(self, cls: type) -> Decode:
        """A function rebuilding ``cls`` from its stored list, written for this class.

        Like the ``__init__`` that :mod:`dataclasses` writes, its source is made
        from the class's own fields (names and positions of the model's code,
        never pack data): the shape check, the prepare and derive steps, then one
        call of the class with each stored value converted in place in the
        argument list. A generic loop over the fields with a list insert for each
        derived one cost twice as much, and this runs ~65,000 times when the
        reader starts on 1,000 articles. ``derive`` sees the stored values, before
        conversion (offsets and file names, which are stored as they are).
        """
        stored = stored_fields(cls)
        width = len(stored)
        at = {f.name: i for i, f in enumerate(stored)}
        scope: dict[str, Any] = {"cls": cls, "ValueError": ValueError, "list": list}
        for i, f in enumerate(stored):
            conv = self._field(cls, f.name, field_types(cls)[f.name])
            if conv is not None:
                scope[f"c{i}"] = conv
        prepare, derive = self._special(cls, at)
        scope["prepare"], scope["derive"] = prepare, derive
        derived = DERIVED.get(cls, frozenset())
        args: list[str] = []
        for f in fields(cls):
            if not f.init:
                continue
            if f.name in derived:
                args.append(f"made[{sum(1 for a in args if a.startswith('made['))}]")
            else:
                i = at[f.name]
                args.append(f"c{i}(v{i})" if f"c{i}" in scope else f"v{i}")
        names = ", ".join(f"v{i}" for i in range(width))
        lines = [
            "def rebuild(item):",
            f"    if type(item) is not list or len(item) != {width}:",
            f"        raise ValueError('a {cls.__name__} line of the wrong shape')",
        ]
        if prepare is not None:
            lines.append("    prepare(item)")
        if derive is not None:
            lines.append("    made = derive(item)")
        lines.append(f"    ({names},) = item" if width else "    pass")
        lines.append(f"    return cls({', '.join(args)})")
        exec(_compiled("\n".join(lines)), scope)  # the model's own field names and positions only
        rebuild: Decode = scope.pop("rebuild")  # its globals are the scope: no cycle through it
        return rebuild

    def _field(self, cls: type, name: str, tp: Any) -> Decode | None:
        """How field ``name`` of ``cls`` is rebuilt from its JSON value (None: as it is)."""
        if cls is Diagnostic and name == "path":
            return lambda place: display(self.root / place)
        if name in INTERNED and is_plain(tp):
            return intern if tp is str else _interned
        return self._type(tp, f"{cls.__name__}.{name}")

    def _type(self, tp: Any, where: str) -> Decode | None:
        share = self._shared.__getitem__
        if tp is str or tp == str | None:
            return share
        if is_plain(tp):
            return None
        origin, args = type_parts(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            inner = self._type(args[0], where)
            if inner is None:
                return tuple
            if is_value(tp):
                return lambda value: share(tuple(map(inner, value)))
            return lambda value: tuple(map(inner, value))
        if origin is tuple and all(a in PLAIN for a in args):
            return _fixed_tuple(len(args))
        if tp is Article:
            return self._article
        if isinstance(tp, type) and issubclass(tp, Enum):
            return tp
        if isinstance(tp, type) and is_dataclass(tp):
            rebuild = self.of_class(tp)
            if is_value(tp):
                return lambda item: share(rebuild(item))
            return rebuild
        raise unsupported(tp, where)

    def _special(
        self, cls: type, at: dict[str, int]
    ) -> tuple[Callable[[list[Any]], None] | None, Callable[[list[Any]], tuple[Any, ...]] | None]:
        """(prepare, derive) for the classes with :data:`DERIVED` fields.

        ``prepare`` sees the stored values before they are converted; ``derive``
        returns the derived fields' values in declaration order.
        """
        if cls is Evidence:
            source, start, end = at["source"], at["start"], at["end"]
            first, last = at["sentence_start"], at["sentence_end"]
            texts = self.texts

            offsets = (start, end, first, last)
            shared = self._ints

            def evidence(item: list[Any]) -> tuple[str]:
                text = texts[item[source]]
                if not (0 <= item[first] <= item[start] <= item[end] <= item[last] <= len(text)):
                    raise ValueError("evidence offsets out of range")
                for i in offsets:  # one int object per distinct offset, not four per evidence
                    item[i] = shared.setdefault(item[i], item[i])
                return (text,)

            return None, evidence
        if cls is Source:
            ident, file = at["id"], at["file"]

            def enter(item: list[Any]) -> None:
                """Its text is needed by its sentences and by the evidence of its uncited."""
                self._text = self.texts[item[ident]] = self.texts_by_file[item[file]]

            def path(item: list[Any]) -> tuple[str]:
                return (str(self.root / item[file]),)

            return enter, path
        return None, None

    def _article(self, flat: list[int]) -> Article:
        """The article of the source being rebuilt, from its flat sentence offsets."""
        text = self._text
        try:
            sentences = Spans.from_flat(flat)
        except OverflowError as exc:
            raise ValueError("sentence offsets out of range") from exc
        # Sentences are stored in text order and never overlap (split_sentences),
        # so the offsets never decrease: checked in C, then the two ends. Stricter
        # than each pair in range, which it implies; a store checks its lines by
        # decoding them, so an entry this refuses is never written.
        if flat and (flat[0] < 0 or flat[-1] > len(text) or flat != sorted(flat)):
            raise ValueError("sentence offsets out of range")
        return Article(text, sentences, Article.from_lines(text))


@cache
def _compiled(source: str) -> CodeType:
    """A decoder's source compiled once a process (it depends on its class alone).

    Every decoder is built at import (the check below) and again for each load,
    with its own converters in its scope: compiling the same source each time
    was half of a default-pack load from the cache (~2 ms of ~5), on the
    reader's path to its first frame.
    """
    return compile(source, "<cache decoder>", "exec")


def _fixed_tuple(width: int) -> Decode:
    def rebuild(value: list[Any]) -> tuple[Any, ...]:
        if len(value) != width:
            raise ValueError("a tuple of the wrong length")
        return tuple(value)

    return rebuild


Decoder(Path(), {})  # every class's decoder built at import: a field it cannot rebuild fails here
