"""The pack schema, and a walker that checks YAML trees against it.

The schema is a table of fields and converters rather than a class per entity,
so adding a field is one line and every entity gets the same diagnostics for
unknown, missing and mistyped fields. Converters return plain values; references
to other ids are kept as :class:`Ref` (with their position) to be resolved once
every id is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from sys import intern
from typing import Any

from briefing.model.analysis.faithfulness import LEVELS, RULES
from briefing.model.diagnostics import Diagnostic, Severity, suggest
from briefing.model.io import records
from briefing.model.io.records import Outline as Outline  # re-exported: read.py imports it here
from briefing.model.io.records import RawEvidence, RawUncited
from briefing.model.io.records import Ref as Ref  # re-exported: read.py imports it here
from briefing.model.io.yaml_nodes import YMap, YNode, YScalar, YSeq, kind_name
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


def uncited_item(w: Walker, node: YNode) -> RawUncited | Invalid:
    """``{quote, reason, occurrence?}`` of a source's ``uncited`` list."""
    fields = w.record(node, UNCITED, "uncited sentence")
    if fields is None:
        return INVALID
    assert isinstance(node, YMap)
    quote = node.items["quote"][1]  # point at the quote itself: that is what the author fixes
    return RawUncited(
        fields["quote"],
        fields["reason"],
        fields.get("occurrence"),
        quote.line,
        quote.col,
        quote.comment if isinstance(quote, YScalar) else None,
    )


def _record_of(spec: Spec, what: str) -> Converter:
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


EVIDENCE = fields_of(records.EvidenceFields, source=ref, quote=text, occurrence=positive_int)
evidence_list = list_of(evidence_item)
required_evidence = list_of(evidence_item, min_items=1)

FLAGS = fields_of(
    records.FlagsFields,
    machine_translated=boolean,
    garbled=boolean,
    boilerplate_lines=list_of(line_range),
    lost_characters=list_of(text),
)
UNCITED = fields_of(records.UncitedFields, quote=text, reason=text, occurrence=positive_int)
PARTICIPANT = fields_of(
    records.ParticipantFields, actor=ref, role=choice(PARTICIPANT_ROLES, "participant role")
)
ACCEPT = fields_of(
    records.AcceptFields, rule=choice(tuple(RULES), "faithfulness rule"), reason=text
)
accept_list = list_of(_record_of(ACCEPT, "accepted judgement"))


def checks(w: Walker, node: YNode) -> tuple[tuple[str, str], ...] | Invalid:
    """``{rule: off|warning|error}`` for the faithfulness rules."""
    if not isinstance(node, YMap):
        return w.error(node, f"checks must be a mapping of rule: level, found {kind_name(node)}")
    result: list[tuple[str, str]] = []
    ok = True
    for name, (key, value) in node.items.items():
        if name not in RULES:
            w.error(key, f"unknown faithfulness rule '{name}'", hint=suggest(name, tuple(RULES)))
            ok = False
            continue
        level = choice(LEVELS, "check level")(w, value)
        if isinstance(level, Invalid):
            ok = False
            continue
        result.append((intern(name), level))
    return tuple(result) if ok else INVALID


CLAIM_VALUE = fields_of(
    records.ClaimValueFields,
    value=text,
    source=ref,
    evidence=required_evidence,
    credibility=choice(CREDIBILITY, "credibility"),
)


def _flags(w: Walker, node: YNode) -> Any:
    """A source's flags; ``flags:`` with nothing under it (every suggestion deleted) is none."""
    if isinstance(node, YScalar) and node.is_null:
        return {}
    return _record_of(FLAGS, "flags")(w, node)


SECTIONS: dict[str, Spec] = {
    "pack": fields_of(
        records.PackFields, title=text, story=text, as_of=iso_date, notes=text, checks=checks
    ),
    "sources": fields_of(
        records.SourceFields,
        id=ident,
        file=text,
        sha256=sha256,
        outlet=text,
        title=text,
        published=date_or_null,
        language=text,
        translated_from=text,
        original_outlet=text,
        url=text,
        grade=choice(GRADES, "grade"),
        date_reasoning=text,
        flags=_flags,
        uncited=list_of(uncited_item),
        notes=text,
    ),
    "actors": fields_of(
        records.ActorFields,
        id=ident,
        name=text,
        kind=choice(ACTOR_KINDS, "actor kind"),
        aliases=list_of(text),
        role=text,
        affiliation=ref,
        candidate=boolean,
        notes=text,
        evidence=evidence_list,
    ),
    "meetings": fields_of(
        records.MeetingFields,
        id=ident,
        title=text,
        date=date_or_null,
        date_text=text,
        date_reasoning=text,
        place=text,
        status=choice(MEETING_STATUSES, "meeting status"),
        participants=list_of(_record_of(PARTICIPANT, "participant")),
        evidence=required_evidence,
        credibility=choice(CREDIBILITY, "credibility"),
        notes=text,
        accept=accept_list,
        candidate=boolean,
    ),
    "pledges": fields_of(
        records.PledgeFields,
        id=ident,
        actor=ref,
        contribution=text,
        status=choice(PLEDGE_STATUSES, "pledge status"),
        conditions=list_of(text),
        evidence=required_evidence,
        credibility=choice(CREDIBILITY, "credibility"),
        notes=text,
        accept=accept_list,
        candidate=boolean,
    ),
    "claims": fields_of(
        records.ClaimFields,
        id=ident,
        topic=text,
        values=list_of(_record_of(CLAIM_VALUE, "claim value"), min_items=2),
        notes=text,
        accept=accept_list,
    ),
}
