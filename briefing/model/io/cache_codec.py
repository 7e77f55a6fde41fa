"""The load cache's line format, derived from the model's dataclasses.

Split out of ``cache.py`` (which keys, checks, reads and writes entries): this half
turns a :class:`Pack` into JSON lines; :mod:`briefing.model.io.rebuild.cache_lines`
rebuilds it, checking every offset against the article it names. Both follow the
shapes declared here.

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
from json.scanner import make_scanner
from typing import Any

from briefing.model.diagnostics import Diagnostic
from briefing.model.pack import Pack
from briefing.model.text import Article
from briefing.model.types import Evidence, Source

# typeshed declares make_scanner as taking itself; it takes the decoder, as json.decoder does.
_scan: Callable[[str, int], tuple[Any, int]] = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


def decode(line: str) -> Any:
    """The one JSON value that is ``line`` (a final newline allowed); ValueError if it is not one.

    The decoder's C scanner called straight: ``json.loads`` sets up and matches
    white space around each value, a fifth of the JSON time over the ~21,000
    lines of a 1,000-article entry. Stricter than ``loads`` only in refusing
    white space around the value, which no line written by :func:`dumps` has.
    """
    try:
        value, end = _scan(line, 0)
    except StopIteration:
        raise ValueError("not a JSON value") from None
    if end != len(line) and line[end:] != "\n":
        raise ValueError("more than one JSON value on a line")
    return value


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

PLAIN = (str, int, bool, type(None))

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
def field_types(cls: type) -> dict[str, Any]:
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


def type_parts(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    origin = typing.get_origin(tp)
    if origin is types.UnionType:
        origin = typing.Union
    return origin, typing.get_args(tp)


def is_plain(tp: Any) -> bool:
    """A JSON scalar as it is: str, int, bool, or one of those or None."""
    origin, args = type_parts(tp)
    if origin is typing.Union:
        return all(a in PLAIN for a in args)
    return tp in PLAIN


def unsupported(tp: Any, where: str) -> TypeError:
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
        tp = field_types(Pack)[f.name]
        origin, args = type_parts(tp)
        item = args[0] if origin is tuple and len(args) == 2 and args[1] is Ellipsis else None
        if isinstance(item, type) and is_dataclass(item):
            found.append((f.name, item, True))
        elif is_dataclass(tp) and isinstance(tp, type):
            found.append((f.name, tp, False))
        else:
            raise unsupported(tp, f"Pack.{f.name}")
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
                (f.name, self._field(cls, f.name, field_types(cls)[f.name]))
                for f in stored_fields(cls)
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
        if is_plain(tp):
            return None
        origin, args = type_parts(tp)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            inner = self._type(args[0], where)
            if inner is None:
                return list
            return lambda value: [inner(x) for x in value]
        if origin is tuple and all(a in PLAIN for a in args):
            return list
        if tp is Article:
            return _flat_sentences
        if isinstance(tp, type) and issubclass(tp, Enum):
            return _enum_value
        if isinstance(tp, type) and is_dataclass(tp):
            return self.of_class(tp)
        raise unsupported(tp, where)

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


def _build_every_class() -> None:
    """Build each stored class's encoder once, at import.

    A field of a type this module cannot store then fails when briefing starts
    (and every test with it), not at the first store of a pack that sets it
    (:mod:`briefing.model.io.rebuild.cache_lines` does the same for decoders).
    """
    encoder = Encoder({})
    for _, cls, _ in sections():
        encoder.of_class(cls)


_build_every_class()
