"""The load cache's line format, derived from the model's dataclasses.

Split out of ``cache.py`` (which keys, checks, reads and writes entries): this half
turns a :class:`Pack` into JSON lines and rebuilds it, checking every offset
against the article it names.

Nothing here lists a fact's fields. Each dataclass is stored as the list of its
``dataclasses.fields`` in declaration order, each value encoded by its type
annotation (strings and numbers as they are, tuples as lists, enums as their
value, nested dataclasses as nested lists), and each line of the entry is one
item of one of the :class:`Pack`'s own fields. A field added to the model is
stored and rebuilt with no edit here; a field of a type this module cannot store
fails at import (every test fails), never by quietly turning the cache off.

What is not stored, because the key already covers it, is declared once in
:data:`DERIVED` and rebuilt by the :class:`Decoder`: article text (read from the
article file, whose bytes are part of the key), so evidence keeps only offsets
and is given its article's text again; and a source's absolute path.
"""

from __future__ import annotations

import inspect
import json
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import Field, fields, is_dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from sys import intern
from typing import Any

from briefing.model.diagnostics import Diagnostic
from briefing.model.io.paths import display
from briefing.model.pack import Pack
from briefing.model.text import Article, Spans
from briefing.model.types import Evidence, Source

decode = json.JSONDecoder().decode
"""json.loads without its per-call set-up (~20,000 lines a load); bytes are decoded first."""

DERIVED: Mapping[type, frozenset[str]] = {
    Evidence: frozenset({"text"}),
    Source: frozenset({"path"}),
}
"""Fields not stored: an evidence's article text (its quote and sentence are
slices of it between stored offsets); a source's path is the pack root joined to its file."""

INTERNED = frozenset(
    {"id", "source", "actor", "affiliation", "kind", "status", "role", "language", "grade"}
    | {"match", "credibility"}
)
"""Fields holding ids and vocabulary values, interned when rebuilt as the loader
interns them: one string each rather than one per mention (a source id is in
each of its evidence items)."""

_PLAIN = (str, int, bool, type(None))

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


class Unencodable(Exception):
    """The pack holds something this format cannot give back the same: do not cache."""


def dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ------------------------------------------------------------------ the shapes


@cache
def stored_fields(cls: type) -> tuple[Field[Any], ...]:
    """The fields of ``cls`` a line stores, in declaration order (init fields, not derived)."""
    skipped = DERIVED.get(cls, frozenset())
    return tuple(f for f in fields(cls) if f.init and f.name not in skipped)


@cache
def _hints(cls: type) -> dict[str, Any]:
    """Each init field's type, its annotation evaluated where the field was declared.

    Like ``typing.get_type_hints`` but only for init fields, and each distinct
    annotation string evaluated once per module (this runs on the reader's
    startup path; ``get_type_hints`` of every class took ~10 ms).
    """
    hints: dict[str, Any] = {}
    for f in fields(cls):
        if not f.init:
            continue
        if isinstance(f.type, str):
            owner = next(c for c in cls.__mro__ if f.name in inspect.get_annotations(c))
            hints[f.name] = _evaluate(owner.__module__, f.type)
        else:
            hints[f.name] = f.type
    return hints


@cache
def _evaluate(module: str, annotation: str) -> Any:
    """An annotation string of the model's own code (never pack data), as get_type_hints would."""
    return eval(annotation, vars(sys.modules[module]))


def _parts(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    origin = typing.get_origin(tp)
    if origin is types.UnionType:
        origin = typing.Union
    return origin, typing.get_args(tp)


def _is_plain(tp: Any) -> bool:
    """A JSON scalar as it is: str, int, bool, or one of those or None."""
    origin, args = _parts(tp)
    if origin is typing.Union:
        return all(a in _PLAIN for a in args)
    return tp in _PLAIN


def _unsupported(tp: Any, where: str) -> TypeError:
    return TypeError(f"the load cache cannot store {where} of type {tp!r}: teach cache_codec")


@cache
def sections() -> tuple[tuple[str, type, bool], ...]:
    """(Pack field, its item class, True for a tuple of items) for each line kind.

    Sources come before the facts that cite them because Pack declares them first.
    """
    found: list[tuple[str, type, bool]] = []
    for f in fields(Pack):
        if not f.init or f.name == "root":
            continue
        tp = _hints(Pack)[f.name]
        origin, args = _parts(tp)
        item = args[0] if origin is tuple and len(args) == 2 and args[1] is Ellipsis else None
        if isinstance(item, type) and is_dataclass(item):
            found.append((f.name, item, True))
        elif is_dataclass(tp) and isinstance(tp, type):
            found.append((f.name, tp, False))
        else:
            raise _unsupported(tp, f"Pack.{f.name}")
    return tuple(found)


# ------------------------------------------------------------------ encoding


class Encoder:
    """Turns a pack into lines: each dataclass a list of its stored fields' values."""

    def __init__(self, places: Mapping[str, str]) -> None:
        self.places = places
        """Diagnostic path as shown -> the same file relative to the pack root."""
        self._classes: dict[type, Encode] = {}

    def items(self, pack: Pack) -> Iterator[tuple[str, object, list[Any]]]:
        """(line kind, the object, its encoding) for each line, in Pack's field order."""
        for name, cls, many in sections():
            encode = self.of_class(cls)
            value = getattr(pack, name)
            for item in value if many else (value,):
                yield name, item, encode(item)

    def of_class(self, cls: type) -> Encode:
        """The encoder of one dataclass (built once per class)."""
        if cls not in self._classes:
            plan = [
                (f.name, self._field(cls, f.name, _hints(cls)[f.name])) for f in stored_fields(cls)
            ]

            def encode(obj: Any) -> list[Any]:
                return [
                    getattr(obj, name) if enc is None else enc(getattr(obj, name))
                    for name, enc in plan
                ]

            self._classes[cls] = encode
        return self._classes[cls]

    def _field(self, cls: type, name: str, tp: Any) -> Encode | None:
        if cls is Diagnostic and name == "path":
            return self._place
        return self._type(tp, f"{cls.__name__}.{name}")

    def _type(self, tp: Any, where: str) -> Encode | None:
        """How a value of type ``tp`` is written (None: as it is)."""
        if _is_plain(tp):
            return None
        origin, args = _parts(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            inner = self._type(args[0], where)
            if inner is None:
                return list
            return lambda value: [inner(x) for x in value]
        if origin is tuple and all(a in _PLAIN for a in args):
            return list
        if tp is Article:
            return _flat_sentences
        if isinstance(tp, type) and issubclass(tp, Enum):
            return _enum_value
        if isinstance(tp, type) and is_dataclass(tp):
            return self.of_class(tp)
        raise _unsupported(tp, where)

    def _place(self, path: str) -> str:
        if path not in self.places:
            raise Unencodable(path)  # a diagnostic we could not show again the same way
        return self.places[path]


def _flat_sentences(article: Article) -> list[int]:
    return list(article.sentences.flat)


def _enum_value(value: Enum) -> Any:
    return value.value


def encode_items(pack: Pack, places: dict[str, str]) -> Iterator[tuple[str, object, list[Any]]]:
    """(kind, the object, its encoding) for each line, sources before the facts citing them."""
    return Encoder(places).items(pack)


# ------------------------------------------------------------------ decoding


def _interned(value: str | None) -> str | None:
    return None if value is None else intern(value)


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
        """The pack of every line added (ValueError if a single-item line is missing)."""
        values: dict[str, Any] = {}
        for name, _, many in sections():
            value = self.values[name]
            if value is None:
                raise ValueError(f"no {name} line")
            values[name] = tuple(value) if many else value
        return Pack(str(self.root), **values)

    def of_class(self, cls: type) -> Decode:
        """The decoder of one dataclass (built once per class and decoder)."""
        if cls not in self._classes:
            self._classes[cls] = self._class_decoder(cls)
        return self._classes[cls]

    def _class_decoder(self, cls: type) -> Decode:
        stored = stored_fields(cls)
        width = len(stored)
        at = {f.name: i for i, f in enumerate(stored)}
        converts = [
            (i, conv)
            for i, f in enumerate(stored)
            if (conv := self._field(cls, f.name, _hints(cls)[f.name])) is not None
        ]
        prepare, derive = self._special(cls, at)
        init = [f for f in fields(cls) if f.init]
        positions = [i for i, f in enumerate(init) if f.name in DERIVED.get(cls, ())]

        def rebuild(item: list[Any]) -> Any:
            if type(item) is not list or len(item) != width:
                raise ValueError(f"a {cls.__name__} line of the wrong shape")
            if prepare is not None:
                prepare(item)
            for i, conv in converts:
                item[i] = conv(item[i])
            if derive is not None:
                for position, value in zip(positions, derive(item), strict=True):
                    item.insert(position, value)
            return cls(*item)

        return rebuild

    def _field(self, cls: type, name: str, tp: Any) -> Decode | None:
        """How field ``name`` of ``cls`` is rebuilt from its JSON value (None: as it is)."""
        if cls is Diagnostic and name == "path":
            return lambda place: display(self.root / place)
        if name in INTERNED and _is_plain(tp):
            return intern if tp is str else _interned
        return self._type(tp, f"{cls.__name__}.{name}")

    def _type(self, tp: Any, where: str) -> Decode | None:
        if _is_plain(tp):
            return None
        origin, args = _parts(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            inner = self._type(args[0], where)
            if inner is None:
                return tuple
            return lambda value: tuple(map(inner, value))
        if origin is tuple and all(a in _PLAIN for a in args):
            return _fixed_tuple(len(args))
        if tp is Article:
            return self._article
        if isinstance(tp, type) and issubclass(tp, Enum):
            return tp
        if isinstance(tp, type) and is_dataclass(tp):
            return self.of_class(tp)
        raise _unsupported(tp, where)

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
        if any(not (0 <= a <= b <= len(text)) for a, b in sentences):
            raise ValueError("sentence offsets out of range")
        return Article(text, sentences, Article.from_lines(text))


def _fixed_tuple(width: int) -> Decode:
    def rebuild(value: list[Any]) -> tuple[Any, ...]:
        if len(value) != width:
            raise ValueError("a tuple of the wrong length")
        return tuple(value)

    return rebuild


def _build_every_class() -> None:
    """Build each stored class's encoder and decoder once, at import.

    A field of a type this module cannot store then fails when briefing starts
    (and every test with it), not at the first store of a pack that sets it.
    """
    encoder = Encoder({})
    for _, cls, _ in sections():
        encoder.of_class(cls)
    Decoder(Path(), {})


_build_every_class()
