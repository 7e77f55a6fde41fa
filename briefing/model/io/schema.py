"""The pack schema: which field of which record takes which converter.

The schema is a table of fields and converters rather than a class per entity,
so adding a field is one line and every entity gets the same diagnostics for
unknown, missing and mistyped fields (the walker and its converters are
:mod:`briefing.model.io.building.walker`). Converters return plain values;
references to other ids are kept as :class:`Ref` (with their position) to be
resolved once every id is known.
"""

from __future__ import annotations

from sys import intern
from typing import Any

from briefing.model.analysis.faithfulness import LEVELS, RULES
from briefing.model.diagnostics import suggest
from briefing.model.io import records
from briefing.model.io.building.walker import (
    INVALID,
    Invalid,
    Spec,
    Walker,
    boolean,
    choice,
    date_or_null,
    fields_of,
    ident,
    iso_date,
    line_range,
    list_of,
    positive_int,
    record_of,
    ref,
    sha256,
    text,
)
from briefing.model.io.records import Outline as Outline  # re-exported: read.py imports it here
from briefing.model.io.records import RawEvidence, RawUncited
from briefing.model.io.records import Ref as Ref  # re-exported: read.py imports it here
from briefing.model.io.yaml_text.nodes import YMap, YNode, YScalar, kind_name
from briefing.model.types import (
    ACTOR_KINDS,
    CREDIBILITY,
    GRADES,
    MEETING_STATUSES,
    PARTICIPANT_ROLES,
    PLEDGE_STATUSES,
)


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
accept_list = list_of(record_of(ACCEPT, "accepted judgement"))


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
    return record_of(FLAGS, "flags")(w, node)


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
        participants=list_of(record_of(PARTICIPANT, "participant")),
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
        values=list_of(record_of(CLAIM_VALUE, "claim value"), min_items=2),
        notes=text,
        accept=accept_list,
    ),
}
