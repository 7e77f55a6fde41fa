"""The JSON export: a stable contract that tests and other tools read.

Field names and shapes are documented in docs/json-contract.md; new keys may be
added, existing ones never renamed or removed. Offsets are character offsets into
the article text (see docs/pack-format.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing import __version__
from briefing.export.jsonenc import Encoded, Stream, iter_document
from briefing.model.analysis import RELIABILITY, outlet_identity
from briefing.model.analysis.analyse import Analysis, FactAnalysis, analyse
from briefing.model.analysis.dates import MeetingDate
from briefing.model.analysis.disagreements import (
    Disagreement,
    ValueContext,
    claim_context,
    read_contexts,
)
from briefing.model.pack import Pack
from briefing.model.types import Actor, Claim, Evidence, Meeting, Pledge, Source

SCHEMA_VERSION = 1


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    """One evidence item as the contract shapes it."""
    return {
        "source": evidence.source,
        "quote": evidence.quote,
        "start": evidence.start,
        "end": evidence.end,
        "sentence": evidence.sentence,
        "sentence_start": evidence.sentence_start,
        "sentence_end": evidence.sentence_end,
        "match": evidence.match,
    }


def _evidence(items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [evidence_dict(e) for e in items]


def support_dict(found: FactAnalysis | None) -> dict[str, int]:
    """``{sources, outlets}``: how many sources, and independent outlets, back a fact."""
    if found is None:
        return {"sources": 0, "outlets": 0}
    return {"sources": found.support.sources, "outlets": found.support.outlets}


def grading_dict(found: FactAnalysis | None) -> dict[str, Any] | None:
    """The Admiralty rating of a fact and where it came from."""
    if found is None:
        return None
    g = found.grade
    return {
        "reliability": g.reliability,
        "credibility": g.credibility,
        "rating": g.rating,
        "basis": g.basis,
        "reason": g.reason,
        "machine_translated": g.machine_translated,
        "caveats": list(g.caveats),
        "source_ids": list(found.support.source_ids),
    }


def _analysed(found: FactAnalysis | None) -> dict[str, Any]:
    return {
        "support": support_dict(found),
        "credibility": found.grade.credibility if found else None,
        "grading": grading_dict(found),
    }


class _Shared:
    """The parts of records that recur, made once each when the JSON is written.

    Facts share their analysis (one :class:`FactAnalysis` per set of sources and
    credibility: 20,000 meetings, pledges and claim values, 1,000 distinct
    analyses at 1,000 articles) and
    values their context (the same publication day, date and basis: 35,000 values,
    1,900 contexts): ``support`` and ``grading`` of an analysis, and a context, are made
    and encoded once (:class:`Encoded`) and placed in every record that has
    them. For plain data (``to_dict``) each record gets fresh dicts.
    """

    def __init__(self, encoded: bool) -> None:
        self.encoded = encoded
        self._analyses: dict[FactAnalysis, dict[str, Any]] = {}
        self._contexts: dict[ValueContext, Encoded] = {}

    def analysed(self, found: FactAnalysis | None) -> dict[str, Any]:
        """``support``, ``credibility`` and ``grading`` of a fact or claim value."""
        if not self.encoded or found is None:
            return _analysed(found)
        # By value: facts share analysis objects, but each claim value has its own.
        parts = self._analyses.get(found)
        if parts is None:
            parts = _analysed(found)
            parts["support"] = Encoded(parts["support"])
            parts["grading"] = Encoded(parts["grading"])
            self._analyses[found] = parts
        return parts

    def context(self, context: ValueContext | None) -> dict[str, Any] | Encoded | None:
        """A disagreement value's ``context``."""
        if not self.encoded or context is None:
            return _context(context)
        hit = self._contexts.get(context)
        if hit is None:
            hit = self._contexts[context] = Encoded(_context(context))
        return hit


def date_basis_dict(checked: MeetingDate | None) -> dict[str, Any] | None:
    """What a meeting's date was resolved from, and how."""
    if checked is None:
        return None
    r = checked.resolution
    basis = checked.basis
    return {
        "expression": r.expression,
        "published": r.published.isoformat() if r.published else None,
        "source": basis.source if basis else None,
        "sentence": basis.sentence if basis else None,
        "tense": r.tense,
        "tense_from": basis.tense_from if basis else None,
        "rule": r.rule,
        "start": r.start.isoformat() if r.start else None,
        "end": r.end.isoformat() if r.end else None,
        "agrees": checked.agrees,
    }


def disagreement_dict(found: Disagreement, shared: _Shared) -> dict[str, Any]:
    """One disagreement found in the text."""
    return {
        "topic": found.topic,
        "kind": found.kind,
        "claim": found.claim,
        "values": [
            {
                "value": v.value,
                "source": v.source,
                "sentence": v.sentence,
                "start": v.start,
                "end": v.end,
                "context": shared.context(v.context),
            }
            for v in found.values
        ],
        "differs": found.explanation,
    }


def _context(context: ValueContext | None) -> dict[str, Any] | None:
    if context is None:
        return None
    return {
        "published": context.published,
        "when": context.when,
        "when_text": context.when_text,
        "counts": context.basis,
    }


def _remarks(fact: Meeting | Pledge | Claim) -> dict[str, Any]:
    """A fact's notes and the faithfulness judgements the pack accepts, with reasons."""
    return {
        "notes": fact.notes,
        "accepted": [{"rule": a.rule, "reason": a.reason} for a in fact.accepted],
    }


def _source(source: Source) -> dict[str, Any]:
    flags = source.flags
    return {
        "id": source.id,
        "file": source.file,
        "outlet": source.outlet,
        "title": source.title,
        "published": source.published,
        "language": source.language,
        "translated_from": source.translated_from,
        "original_outlet": source.original_outlet,
        "url": source.url,
        "sha256": source.sha256,
        "grade": source.grade,
        "reliability": RELIABILITY[source.grade],
        "outlet_identity": outlet_identity(source),
        "date_reasoning": source.date_reasoning,
        "notes": source.notes,
        "flags": {
            "machine_translated": flags.machine_translated,
            "garbled": flags.garbled,
            "boilerplate_lines": [list(r) for r in flags.boilerplate_lines],
            "lost_characters": list(flags.lost_characters),
        },
        "sentences": len(source.article.sentences),
        "uncited": [{"reason": u.reason, **evidence_dict(u.evidence)} for u in source.uncited],
    }


def _actor(a: Actor, found: Analysis) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "aliases": list(a.aliases),
        "role": a.role,
        "affiliation": a.affiliation,
        "candidate": a.candidate,
        "notes": a.notes,
        "evidence": _evidence(a.evidence),
        "support": support_dict(found.of(a.id)),
    }


def _meeting(m: Meeting, found: Analysis, shared: _Shared) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "date": m.date,
        "date_text": m.date_text,
        "date_reasoning": m.date_reasoning,
        "place": m.place,
        "status": m.status,
        "participants": [p.actor for p in m.participants],
        "roles": {p.actor: p.role for p in m.participants},
        "candidate": m.candidate,
        "evidence": _evidence(m.evidence),
        "date_precision": found.dates[m.id].resolution.precision,
        "date_basis": date_basis_dict(found.dates.get(m.id)),
        **_remarks(m),
        **shared.analysed(found.of(m.id)),
    }


def _pledge(p: Pledge, found: Analysis, shared: _Shared) -> dict[str, Any]:
    return {
        "id": p.id,
        "actor": p.actor,
        "contribution": p.contribution,
        "status": p.status,
        "conditions": list(p.conditions),
        "candidate": p.candidate,
        "evidence": _evidence(p.evidence),
        **_remarks(p),
        **shared.analysed(found.of(p.id)),
    }


def _claim(pack: Pack, c: Claim, found: Analysis, shared: _Shared) -> dict[str, Any]:
    return {
        "id": c.id,
        "topic": c.topic,
        "values": [
            {
                "value": v.value,
                "source": v.source,
                "evidence": _evidence(v.evidence),
                **shared.analysed(found.value(c.id, i)),
            }
            for i, v in enumerate(c.values)
        ],
        **_remarks(c),
        "differs": claim_context(pack, c),
    }


def _kept(
    pack: Pack, selected: frozenset[str] | None
) -> tuple[list[Meeting], list[Pledge], list[Claim], list[Actor], list[Source]]:
    """The facts a selection keeps, with the actors and sources they refer to.

    The shape stays the contract's, so a consumer reads a selection exactly as it
    reads a whole pack: every actor or source id in it resolves.
    """
    if selected is None:
        return (
            list(pack.meetings),
            list(pack.pledges),
            list(pack.claims),
            list(pack.actors),
            list(pack.sources),
        )
    meetings = [m for m in pack.meetings if m.id in selected]
    pledges = [p for p in pack.pledges if p.id in selected]
    claims = [c for c in pack.claims if c.id in selected]
    wanted = set(selected)
    wanted.update(p.actor for p in pledges)
    wanted.update(a.actor for m in meetings for a in m.participants)
    actors = [a for a in pack.actors if a.id in wanted]
    used: set[str] = set()
    for evidence in (
        *(a.evidence for a in actors),
        *(m.evidence for m in meetings),
        *(p.evidence for p in pledges),
    ):
        used.update(e.source for e in evidence)
    used.update(e.source for c in claims for v in c.values for e in v.evidence)
    sources = [s for s in pack.sources if s.id in used]
    return meetings, pledges, claims, actors, sources


def _fields(
    pack: Pack, selected: frozenset[str] | None, found: Analysis, encoded: bool
) -> Iterator[tuple[str, Any]]:
    """The document's fields in the contract's order; sections are streamed a record at a time.

    ``encoded``: values that recur are placed as :class:`Encoded` text (for the
    writer), not as plain data.
    """
    meetings, pledges, claims, actors, sources = _kept(pack, selected)
    shared = _Shared(encoded)
    yield "schema_version", SCHEMA_VERSION
    yield "generator", f"briefing {__version__}"
    yield (
        "pack",
        {
            "title": pack.meta.title,
            "story": pack.meta.story,
            "as_of": pack.meta.as_of,
            "notes": pack.meta.notes,
            "checks": dict(pack.meta.checks),
        },
    )
    yield "sources", Stream(_source(s) for s in sources)
    yield "actors", Stream(_actor(a, found) for a in actors)
    yield "meetings", Stream(_meeting(m, found, shared) for m in meetings)
    yield "pledges", Stream(_pledge(p, found, shared) for p in pledges)
    yield "claims", Stream(_claim(pack, c, found, shared) for c in claims)
    # Every value's context at once (half on a second core when the CLI allows it),
    # not one at a time as each is written: the same contexts, sooner.
    read_contexts(found.disagreements)
    yield "disagreements", Stream(disagreement_dict(d, shared) for d in found.disagreements)


def to_dict(pack: Pack, analysis: Analysis | None = None) -> dict[str, Any]:
    """The whole pack as plain data, in the contract's shape (held in memory at once)."""
    return {
        key: list(value.items) if isinstance(value, Stream) else value
        for key, value in _fields(pack, None, analysis or analyse(pack), encoded=False)
    }


def iter_render(
    pack: Pack, selected: frozenset[str] | None = None, analysis: Analysis | None = None
) -> Iterator[str]:
    """The JSON text of ``briefing export --format json`` in pieces of about a record each.

    Joined, the pieces are ``json.dumps(to_dict(...), ensure_ascii=False, indent=2)``
    plus a newline, byte for byte; peak memory does not grow with the output.
    """
    return iter_document(_fields(pack, selected, analysis or analyse(pack), encoded=True))


def render(
    pack: Pack, selected: frozenset[str] | None = None, analysis: Analysis | None = None
) -> str:
    """The JSON text written by ``briefing export --format json`` (all of it, or a selection)."""
    return "".join(iter_render(pack, selected, analysis))
