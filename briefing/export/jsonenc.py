"""JSON text identical to ``json.dumps(obj, ensure_ascii=False, indent=2)``, written in pieces.

Why not ``json.dumps``: with ``indent`` it never uses CPython's C encoder (only
``indent=None`` does), about 3x slower on a large export, and it builds the whole
document in memory, about ten times the output at peak. Here the document is
written a record at a time (:class:`Stream` items are made as they are written).
A list holding only scalars (participants, source ids) is encoded by the C
encoder in one call, its items separated by ",\\n" plus the indentation, which
is exactly what the indenting encoder writes between them. Dicts are walked here
with the same separators, strings encoded by the C string encoder, each key's
opening made once per level; a value that recurs is encoded once
(:class:`Encoded`). Tests hold the output byte-identical to ``json.dumps``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

INDENT = 2
_SCALARS = (str, int, float, bool, type(None))
_encode_key = json.encoder.encode_basestring


class Stream:
    """A JSON array whose items are made one at a time, while the document is written."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


class Encoded:
    """A value encoded once and written wherever it recurs, at any nesting level.

    An export repeats some values many times (at 1,000 articles, 16,000 meetings
    and pledges share 1,000 gradings, 35,000 disagreement values 1,900 contexts):
    the record builder encodes each once and places this instead of a fresh dict;
    placed deeper, the text is re-indented (:func:`deeper`), not encoded again.
    """

    __slots__ = ("_text",)

    def __init__(self, value: Any) -> None:
        self._text: dict[int, str] = {0: encode(value)}

    def at(self, level: int) -> str:
        """The text as written at nesting ``level`` (remembered per level)."""
        text = self._text.get(level)
        if text is None:
            text = self._text[level] = deeper(self._text[0], level)
        return text


_flat: dict[int, Callable[[Any], str]] = {}


def _flat_encoder(level: int) -> Callable[[Any], str]:
    """The C encoder, separating items as the indenting encoder does at ``level``.

    Made once per level and called directly: ``JSONEncoder.encode`` would build a
    new C encoder on every call, which costs more than encoding a small record.
    There is no check for circular references (an export is a tree).
    """
    encode = _flat.get(level)
    if encode is None:
        separator = ",\n" + " " * (INDENT * level)
        make = getattr(json.encoder, "c_make_encoder", None)
        if make is None:  # an interpreter without the C accelerator
            encode = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")).encode
        else:
            chunks = make(
                None,  # markers: no circular-reference check
                _unserialisable,
                _encode_key,
                None,  # indent: the C encoder takes none; the separator indents
                ": ",
                separator,
                False,  # sort_keys
                False,  # skipkeys
                True,  # allow_nan
            )

            def encode(obj: Any) -> str:
                return "".join(chunks(obj, 0))

        _flat[level] = encode
    return encode


def _unserialisable(obj: Any) -> Any:
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _is_flat(values: list[Any] | tuple[Any, ...]) -> bool:
    """Only scalars and empty containers (which both encoders write as ``[]``/``{}``)."""
    for value in values:
        kind = type(value)
        if kind in _SCALARS:
            continue
        if (kind is list or kind is dict) and not value:
            continue
        return False
    return True


_HEADS: list[dict[str, str]] = []
"""Per nesting level: key -> the text that opens its item (``,\\n`` and the indentation,
the key, ``: ``). An export writes the same few dozen keys ~millions of times; keys
that are data (the actor ids of a meeting's roles) are kept up to :data:`_MAX_HEADS`
a level, so a process exporting pack after pack holds a bounded table."""
_MAX_HEADS = 4096
_PADS: list[str] = []
"""Per nesting level: a newline and that level's indentation."""


def _heads(level: int) -> dict[str, str]:
    """The item openings of ``level`` (:data:`_HEADS`), made up to it on first use."""
    while len(_HEADS) <= level:
        _PADS.append("\n" + " " * (INDENT * len(_PADS)))
        _HEADS.append({})
    return _HEADS[level]


def _encode(obj: Any, level: int, out: list[str]) -> None:
    """Append ``obj``'s text at nesting ``level`` (its first line already placed) to ``out``."""
    kind = type(obj)
    if kind is dict:
        if not obj:
            out.append("{}")
            return
        # Every dict is walked here, even one of scalars only: one C call for such a
        # dict (checked for first, then sliced into place) cost more than this loop.
        heads = _heads(level + 1)
        append = out.append
        append("{")
        first = True
        for key, value in obj.items():
            if type(key) is str:
                head = heads.get(key)
                if head is None:
                    head = "," + _PADS[level + 1] + _encode_key(key) + ": "
                    if len(heads) < _MAX_HEADS:
                        heads[key] = head
            else:
                head = "," + _PADS[level + 1] + _other_key(key) + ": "
            if first:
                head = head[1:]
                first = False
            append(head)
            kind = type(value)
            # Most values are strings, offsets, flags and nulls: written here with no
            # call, as json.dumps writes them (an int by int.__repr__, like its encoders).
            if kind is str:
                append(_encode_key(value))
            elif kind is int:
                append(int.__repr__(value))
            elif value is None:
                append("null")
            elif kind is bool:
                append("true" if value else "false")
            elif kind is Encoded:
                append(value.at(level + 1))
            elif (kind is list or kind is dict) and not value:
                append("[]" if kind is list else "{}")
            else:
                _encode(value, level + 1, out)
        append(_PADS[level])
        append("}")
    elif kind is list or kind is tuple:
        if not obj:
            out.append("[]")
            return
        _heads(level + 1)  # for its side: the indentations up to level + 1 (_PADS)
        if _is_flat(obj):
            text = _flat_encoder(level + 1)(list(obj))
            out.append("[" + _PADS[level + 1] + text[1:-1] + _PADS[level] + "]")
            return
        separator = "[" + _PADS[level + 1]
        comma = "," + _PADS[level + 1]
        for value in obj:
            out.append(separator)
            _encode(value, level + 1, out)
            separator = comma
        out.append(_PADS[level])
        out.append("]")
    elif kind is str:
        out.append(_encode_key(obj))
    elif kind is Encoded:
        out.append(obj.at(level))
    elif kind in _SCALARS:
        out.append(_flat_encoder(level)(obj))
    else:
        out.append(_fallback(obj, level))


def _other_key(key: Any) -> str:
    """A key that is not a string, as ``json.dumps`` writes it (``1`` -> ``"1"``, None -> ``"null"``)."""
    text = json.dumps({key: None}, ensure_ascii=False)
    return text[1 : -len(": null}")]


def _fallback(obj: Any, level: int) -> str:
    """What ``json.dumps`` itself writes (keys that are not strings, subclasses)."""
    return deeper(json.dumps(obj, ensure_ascii=False, indent=INDENT), level)


def deeper(text: str, level: int) -> str:
    """JSON text written at level 0, as written ``level`` deeper.

    The encoders never put a raw newline inside a value (a string's newline is
    written ``\\n``), so every newline of the text is one an indentation follows.
    """
    return text.replace("\n", "\n" + " " * (INDENT * level)) if level else text


def encode(obj: Any, level: int = 0) -> str:
    """``obj`` as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it (nested at ``level``)."""
    out: list[str] = []
    _encode(obj, level, out)
    return "".join(out)


def iter_document(fields: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """A JSON object, a field at a time; a :class:`Stream` value is written an item at a time.

    The pieces joined are ``json.dumps(dict(fields), ensure_ascii=False, indent=2)``
    (with each stream as a list) followed by a newline; each piece is one field or
    one streamed item, so nothing larger than a record is held.
    """
    separator = "{\n" + " " * INDENT
    inner = "\n" + " " * (INDENT * 2)
    empty = True
    for key, value in fields:
        empty = False
        head = separator + _encode_key(key) + ": "
        separator = ",\n" + " " * INDENT
        if not isinstance(value, Stream):
            yield head + encode(value, 1)
            continue
        opening = head + "[" + inner
        written = False
        for item in value.items:
            yield opening + encode(item, 2)
            opening = "," + inner
            written = True
        yield "\n" + " " * INDENT + "]" if written else head + "[]"
    yield "{}\n" if empty else "\n}\n"
