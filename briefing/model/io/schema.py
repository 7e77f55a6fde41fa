"""The pack schema, and a walker that checks YAML trees against it.

The schema is a table of fields and converters rather than a class per entity,
so adding a field is one line and every entity gets the same diagnostics for
unknown, missing and mistyped fields. Converters return plain values; references
to other ids are kept as :class:`Ref` (with their position) to be resolved once
every id is known.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from sys import intern
from typing import Any

from rapidfuzz import fuzz, process

from briefing.model.diagnostics import Diagnostic, Severity
from briefing.model.io.yaml_read import YMap, YNode, YScalar, YSeq, kind_name
from briefing.model.types import (
    ACTOR_KINDS,
    CREDIBILITY,
    GRADES,
    MEETING_STATUSES,
    PARTICIPANT_ROLES,
    PLEDGE_STATUSES,
)

_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_LINES = re.compile(r"^(\d+)(?:-(\d+))?$")


class Invalid:
    """Marker for a field whose value was wrong (a diagnostic was already made)."""


INVALID = Invalid()


@dataclass(frozen=True, slots=True)
class Ref:
    """An id written somewhere in the pack, with its position for diagnostics."""

    value: str
    line: int
    col: int


@dataclass(frozen=True, slots=True, eq=False)
class Outline:
    """Where a checked mapping and each of its fields were written, without the values.

    A checked record keeps this instead of its YAML node, only to point later
    diagnostics at a field (``sha256:``, ``flags:``, ``date:``). Keeping the node
    kept every file's whole tree alive until the end of the load (~16 bytes of
    tree per byte of YAML, the largest part of the load's peak memory); an
    outline is the field names and one compact array of positions. Positions are
    those of the values (what an error about a field points at).
    """

    line: int
    col: int
    names: tuple[str, ...]
    positions: array[int]
    """Line and column of each field's value in turn (``names[i]`` at ``2*i``)."""
    comments: dict[str, str] | None = None
    """Field name -> the same-line comment after its plain scalar value, if any."""

    @classmethod
    def of(cls, node: YMap) -> Outline:
        """The outline of ``node``'s own fields (nothing below them is kept)."""
        items = node.items
        positions = array(
            "q", [n for _key, value in items.values() for n in (value.line, value.col)]
        )
        comments: dict[str, str] | None = None
        for name, (_key, value) in items.items():
            if isinstance(value, YScalar) and value.comment is not None:
                comments = comments or {}
                comments[name] = value.comment
        return cls(node.line, node.col, tuple(items), positions, comments)

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def at(self, name: str) -> Ref:
        """The position of field ``name``'s value (KeyError if the record has none)."""
        if name not in self.names:
            raise KeyError(name)
        index = 2 * self.names.index(name)
        return Ref(name, self.positions[index], self.positions[index + 1])

    def get(self, name: str) -> Ref | None:
        """The position of field ``name``'s value, or None if the record has none."""
        return self.at(name) if name in self.names else None

    def comment(self, name: str) -> str | None:
        """The same-line comment after field ``name``'s plain value (see YScalar.comment)."""
        return None if self.comments is None else self.comments.get(name)

    def here(self) -> Ref:
        """The position of the record itself."""
        return Ref("", self.line, self.col)


@dataclass(frozen=True, slots=True)
class RawEvidence:
    """An evidence item as written, before its quote is located."""

    source: Ref
    quote: str
    occurrence: int | None
    line: int
    col: int
    comment: str | None = None
    """A same-line ``# ...`` comment after an unquoted quote (see YScalar.comment)."""


def suggest(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The nearest valid choice, for "did you mean"; None if nothing is close."""
    if not choices:
        return None
    best = process.extractOne(value, list(choices), scorer=fuzz.ratio, score_cutoff=70)
    return None if best is None else str(best[0])


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
    """A whole number from 1 up."""
    if isinstance(node, YScalar) and node.value.isdigit() and int(node.value) >= 1:
        return int(node.value)
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


def evidence_item(w: Walker, node: YNode) -> RawEvidence | Invalid:
    """``{source, quote, occurrence?}``."""
    fields = w.record(node, EVIDENCE, "evidence")
    if fields is None:
        return INVALID
    assert isinstance(node, YMap)
    quote = node.items["quote"][1]  # point at the quote itself: that is what the author fixes
    return RawEvidence(
        fields["source"],
        fields["quote"],
        fields.get("occurrence"),
        quote.line,
        quote.col,
        quote.comment if isinstance(quote, YScalar) else None,
    )


def _record_of(
    spec: Mapping[str, tuple[Converter, bool]], what: str, outline: bool = False
) -> Converter:
    """A nested record; with ``outline``, its field positions are kept as ``_node``."""

    def convert(w: Walker, node: YNode) -> dict[str, Any] | Invalid:
        fields = w.record(node, spec, what)
        if fields is None:
            return INVALID
        if outline:
            assert isinstance(node, YMap)
            fields["_node"] = Outline.of(node)  # positions only: the subtree is not kept
        return fields

    return convert


def _shown(node: YNode) -> str:
    return f"'{node.value}'" if isinstance(node, YScalar) else kind_name(node)


EVIDENCE: dict[str, tuple[Converter, bool]] = {
    "source": (ref, True),
    "quote": (text, True),
    "occurrence": (positive_int, False),
}
evidence_list = list_of(evidence_item)
required_evidence = list_of(evidence_item, min_items=1)

FLAGS: dict[str, tuple[Converter, bool]] = {
    "machine_translated": (boolean, False),
    "garbled": (boolean, False),
    "boilerplate_lines": (list_of(line_range), False),
    "lost_characters": (list_of(text), False),
}
UNCITED: dict[str, tuple[Converter, bool]] = {
    "quote": (text, True),
    "reason": (text, True),
    "occurrence": (positive_int, False),
}
PARTICIPANT: dict[str, tuple[Converter, bool]] = {
    "actor": (ref, True),
    "role": (choice(PARTICIPANT_ROLES, "participant role"), True),
}
CLAIM_VALUE: dict[str, tuple[Converter, bool]] = {
    "value": (text, True),
    "source": (ref, True),
    "evidence": (required_evidence, True),
    "credibility": (choice(CREDIBILITY, "credibility"), False),
}

SECTIONS: dict[str, dict[str, tuple[Converter, bool]]] = {
    "pack": {
        "title": (text, True),
        "story": (text, True),
        "as_of": (iso_date, True),
        "notes": (text, False),
    },
    "sources": {
        "id": (ident, True),
        "file": (text, True),
        "sha256": (sha256, True),
        "outlet": (text, True),
        "title": (text, True),
        "published": (date_or_null, True),
        "language": (text, True),
        "translated_from": (text, False),
        "original_outlet": (text, False),
        "url": (text, False),
        "grade": (choice(GRADES, "grade"), False),
        "date_reasoning": (text, False),
        "flags": (_record_of(FLAGS, "flags"), False),
        "uncited": (list_of(_record_of(UNCITED, "uncited sentence", outline=True)), False),
        "notes": (text, False),
    },
    "actors": {
        "id": (ident, True),
        "name": (text, True),
        "kind": (choice(ACTOR_KINDS, "actor kind"), True),
        "aliases": (list_of(text), False),
        "role": (text, False),
        "affiliation": (ref, False),
        "candidate": (boolean, False),
        "notes": (text, False),
        "evidence": (evidence_list, False),
    },
    "meetings": {
        "id": (ident, True),
        "title": (text, True),
        "date": (date_or_null, True),
        "date_text": (text, True),
        "date_reasoning": (text, False),
        "place": (text, False),
        "status": (choice(MEETING_STATUSES, "meeting status"), True),
        "participants": (list_of(_record_of(PARTICIPANT, "participant")), False),
        "evidence": (required_evidence, True),
        "credibility": (choice(CREDIBILITY, "credibility"), False),
        "candidate": (boolean, False),
    },
    "pledges": {
        "id": (ident, True),
        "actor": (ref, True),
        "contribution": (text, True),
        "status": (choice(PLEDGE_STATUSES, "pledge status"), True),
        "conditions": (list_of(text), False),
        "evidence": (required_evidence, True),
        "credibility": (choice(CREDIBILITY, "credibility"), False),
        "candidate": (boolean, False),
    },
    "claims": {
        "id": (ident, True),
        "topic": (text, True),
        "values": (list_of(_record_of(CLAIM_VALUE, "claim value"), min_items=2), True),
    },
}
