"""Checking one YAML file's tree against a table of fields, collecting diagnostics.

:class:`Walker` reports every unknown, missing and mistyped field at its line
and column instead of raising at the first, so an author fixes a file in one
pass. The converters (a non-empty string, an id, a reference, a date, a choice
from a vocabulary, a list of ...) return plain values or :data:`INVALID`
after recording why; :mod:`briefing.model.io.schema` is the table of which
field of which record takes which converter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from sys import intern
from typing import Any

from briefing.model.diagnostics import Diagnostic, Severity, suggest
from briefing.model.io.records import Ref
from briefing.model.io.yaml_text.nodes import YMap, YNode, YScalar, YSeq, kind_name

_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_LINES = re.compile(r"^(\d+)(?:-(\d+))?$")


class Invalid:
    """Marker for a field whose value was wrong (a diagnostic was already made)."""


INVALID = Invalid()


class Walker:
    """Walks one file's YAML tree, collecting diagnostics instead of raising."""

    def __init__(self, path: str, problems: list[Diagnostic]) -> None:
        self.path = path
        self.problems = problems

    def error(self, node: YNode | Ref, message: str, hint: str | None = None) -> Invalid:
        """Record an error at ``node`` and return the INVALID marker."""
        self.problems.append(Diagnostic(self.path, node.line, node.col, message, hint=hint))
        return INVALID

    def warn(self, node: YNode | Ref, message: str) -> None:
        """Record a warning (the pack stays valid)."""
        self.problems.append(
            Diagnostic(self.path, node.line, node.col, message, severity=Severity.WARNING)
        )

    def record(
        self, node: YNode, spec: Mapping[str, tuple[Converter, bool]], what: str
    ) -> dict[str, Any] | None:
        """Check a mapping against ``spec`` ({field: (converter, required)})."""
        if not isinstance(node, YMap):
            self.error(node, f"{what} must be a mapping, found {kind_name(node)}")
            return None
        result: dict[str, Any] = {}
        ok = True
        for name, (key, value) in node.items.items():
            if name not in spec:
                self.error(key, f"unknown field '{name}' in {what}", hint=suggest(name, list(spec)))
                ok = False
                continue
            converted = spec[name][0](self, value)
            if converted is INVALID:
                ok = False
            result[name] = converted
        for name, (_, required) in spec.items():
            if required and name not in node.items:
                self.error(node, f"{what} is missing required field '{name}'")
                ok = False
        return result if ok else None


Converter = Callable[[Walker, YNode], Any]
Spec = dict[str, tuple[Converter, bool]]
"""Field name -> (converter, required), in the order fields are reported."""


def text(w: Walker, node: YNode) -> str | Invalid:
    """A non-empty string."""
    if not isinstance(node, YScalar) or node.is_null:
        return w.error(node, f"expected a string, found {kind_name(node)}")
    if not node.value.strip():
        return w.error(node, "must not be empty")
    return node.value


def ident(w: Walker, node: YNode) -> Ref | Invalid:
    """An id: lowercase letters, digits, '-' and '_', starting with a letter."""
    value = text(w, node)
    if isinstance(value, Invalid):
        return value
    assert isinstance(node, YScalar)
    if not _ID.match(value):
        return w.error(
            node,
            f"id '{value}' must be lowercase letters, digits, '-' or '_', starting with a letter",
        )
    return Ref(intern(value), node.line, node.col)


def ref(w: Walker, node: YNode) -> Ref | Invalid:
    """A reference to another id (resolved later)."""
    value = text(w, node)
    if isinstance(value, Invalid):
        return value
    # Ids are repeated in every reference (a source id in each of its evidence
    # items): interned, the model keeps one string per id.
    return Ref(intern(value), node.line, node.col)


def iso_date(w: Walker, node: YNode) -> str | Invalid:
    """A real calendar date written YYYY-MM-DD."""
    value = text(w, node)
    if isinstance(value, Invalid):
        return value
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or len(value) != 10:
        return w.error(node, f"'{value}' is not a date in YYYY-MM-DD form")
    return value


def date_or_null(w: Walker, node: YNode) -> str | Invalid | None:
    """A date, or ``null`` when the text does not allow one."""
    if isinstance(node, YScalar) and node.is_null:
        return None
    return iso_date(w, node)


def boolean(w: Walker, node: YNode) -> bool | Invalid:
    """Only ``true`` or ``false``: YAML 1.1's yes/no/on/off are refused as ambiguous."""
    if isinstance(node, YScalar) and node.plain and node.value in ("true", "false"):
        return node.value == "true"
    return w.error(node, f"expected true or false, found {_shown(node)}")


def positive_int(w: Walker, node: YNode) -> int | Invalid:
    """A whole number from 1 up, in ASCII digits: ``str.isdigit`` also says yes to
    "²" or "①", which ``int`` refuses (a ValueError out of the load, once)."""
    value = node.value if isinstance(node, YScalar) else ""
    if value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value)
    return w.error(node, f"expected a whole number from 1, found {_shown(node)}")


def sha256(w: Walker, node: YNode) -> str | Invalid:
    """64 lowercase hex digits."""
    value = text(w, node)
    if isinstance(value, str) and not _SHA.match(value):
        return w.error(node, "sha256 must be 64 lowercase hex digits (run: sha256sum FILE)")
    return value


def choice(values: tuple[str, ...], what: str) -> Converter:
    """One of a fixed vocabulary, with the nearest suggested on a typo."""

    def convert(w: Walker, node: YNode) -> str | Invalid:
        value = text(w, node)
        if isinstance(value, str) and value not in values:
            return w.error(
                node,
                f"unknown {what} '{value}' (expected one of: {', '.join(values)})",
                hint=suggest(value, values),
            )
        return value if isinstance(value, Invalid) else intern(value)

    return convert


def list_of(item: Converter, min_items: int = 0) -> Converter:
    """A list whose items all pass ``item``."""

    def convert(w: Walker, node: YNode) -> list[Any] | Invalid:
        if isinstance(node, YScalar) and node.is_null and min_items == 0:
            return []
        if not isinstance(node, YSeq):
            return w.error(node, f"expected a list, found {kind_name(node)}")
        if len(node.items) < min_items:
            return w.error(node, f"needs at least {min_items} item{'s' if min_items > 1 else ''}")
        values = [item(w, child) for child in node.items]
        return INVALID if any(v is INVALID for v in values) else values

    return convert


def line_range(w: Walker, node: YNode) -> tuple[int, int] | Invalid:
    """``"N"`` or ``"N-M"``: 1-based line numbers."""
    value = text(w, node)
    if isinstance(value, Invalid):
        return value
    match = _LINES.match(value.strip())
    if match is None or int(match.group(1)) < 1:
        return w.error(node, f"'{value}' is not a line number or range like \"21-26\"")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        return w.error(node, f"line range '{value}' ends before it starts")
    return first, last


def record_of(spec: Spec, what: str) -> Converter:
    """A nested mapping checked against ``spec``."""

    def convert(w: Walker, node: YNode) -> dict[str, Any] | Invalid:
        fields = w.record(node, spec, what)
        return INVALID if fields is None else fields

    return convert


def fields_of(record: Any, **converters: Converter) -> Spec:
    """The schema of one kind of mapping: each field of ``record`` with its converter.

    ``record`` is the mapping's TypedDict in :mod:`briefing.model.io.records`, which
    says which fields exist and which are required; a converter for a field it
    lacks, or a field without one, fails when this module is imported.
    """
    names = record.__required_keys__ | record.__optional_keys__
    if set(converters) != names:
        raise TypeError(
            f"schema of {record.__name__} lists {sorted(converters)}, the record has {sorted(names)}"
        )
    return {
        name: (convert, name in record.__required_keys__) for name, convert in converters.items()
    }


def _shown(node: YNode) -> str:
    return f"'{node.value}'" if isinstance(node, YScalar) else kind_name(node)
