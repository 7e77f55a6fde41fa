"""Build the resolved model from checked records: anchor quotes, resolve references.

Split out of ``load.py`` (which reads and checks the files): this half turns the
records of a read pack into the immutable dataclasses, locating every quote in its
article and reporting each failure with the closest passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from briefing.model.analysis.dates.meeting_dates import meeting_date
from briefing.model.analysis.faithfulness import check, level
from briefing.model.anchoring.anchor import Anchorer
from briefing.model.anchoring.closest import closest_passage
from briefing.model.anchoring.drift import drift_message
from briefing.model.diagnostics import suggest
from briefing.model.io.records import (
    AcceptFields,
    ActorFields,
    ClaimFields,
    FlagsFields,
    MeetingFields,
    Outline,
    PackFields,
    PledgeFields,
    RawEvidence,
    Ref,
    SourceFields,
)
from briefing.model.io.schema import Walker
from briefing.model.pack import Pack
from briefing.model.text import Article
from briefing.model.types import (
    Accepted,
    Actor,
    Claim,
    ClaimValue,
    Evidence,
    Flags,
    Meeting,
    PackMeta,
    Participant,
    Pledge,
    Source,
    Uncited,
)

LIST_SECTIONS = ("sources", "actors", "meetings", "pledges", "claims")
SHOWN_LINES = 10
"""An ambiguous quote's diagnostic lists the lines of its first ten occurrences."""


F = TypeVar("F")


@dataclass
class TypedRecord(Generic[F]):
    """One entity as written, with the walker of the file it came from.

    ``fields`` is the checked mapping, typed by its TypedDict in
    :mod:`briefing.model.io.records`: build reads each section as its own
    record type (``TypedRecord[ActorFields]``, ...).
    """

    walker: Walker
    node: Outline
    """Where the record and its fields were written (its YAML subtree is not kept)."""
    fields: F


Record = TypedRecord[Any]
"""A record of any section, as the loader files it by section name."""


@dataclass
class LoadState:
    """Everything read so far from one pack: records by section, articles, and what went wrong."""

    root: Path
    records: dict[str, list[TypedRecord[Any]]] = field(
        default_factory=lambda: {s: [] for s in LIST_SECTIONS}
    )
    """Section name -> its records; build reads each section as its own record type."""
    meta: TypedRecord[PackFields] | None = None
    articles: dict[str, tuple[Article, str]] = field(default_factory=dict)
    """source id -> (article, display path)."""
    anchorers: dict[str, Anchorer] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    """Sources whose article no longer matches its sha256: lost quotes get a suggested replacement."""
    incomplete: bool = False
    """A file could not be read: missing ids would only be noise, so they are not reported."""
    meta_seen: bool = False
    """A 'pack' section exists (even one with errors): "no file defines it" would be false."""
    broken_ids: set[str] = field(default_factory=set)
    """Ids of entities that failed validation: references to them are not reported again."""
    boilerplate: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    """Source id -> its boilerplate line ranges, to warn about evidence quoted from them."""
    uncited: list[tuple[Walker, Ref, Evidence]] = field(default_factory=list)
    """Every anchored `uncited` entry, checked against the facts' evidence at the end."""
    faithfulness: bool = False
    """Check each fact against its own evidence (``briefing validate``)."""
    outlines: dict[str, tuple[Walker, Outline]] = field(default_factory=dict)
    """Fact id -> where it was written, to point the faithfulness findings at a field."""


def _anchor(
    walker: Walker, raw: RawEvidence, state: LoadState, expect_source: str | None = None
) -> Evidence | None:
    """Locate one quote; every failure is a diagnostic with the closest passage."""
    source = raw.source.value
    if source not in state.anchorers:
        known = [r.fields["id"].value for r in state.records["sources"]]
        if source not in known and source not in state.broken_ids and not state.incomplete:
            walker.error(raw.source, f"unknown source '{source}'", hint=suggest(source, known))
        return None  # a source that failed to load was reported already
    if expect_source is not None and source != expect_source:
        walker.error(
            raw.source, f"evidence for a claim value must come from its source '{expect_source}'"
        )
        return None
    anchorer = state.anchorers[source]
    article = anchorer.article
    found = anchorer.find_all(raw.quote)
    where = Ref(raw.quote, raw.line, raw.col)
    if not found and source in state.changed:
        walker.error(where, drift_message(anchorer, source, raw.quote))
        return None
    if not found:
        closest = closest_passage(anchorer, raw.quote)
        if closest is None:
            walker.error(where, f"quote not found in source '{source}'")
        else:
            line = article.line_of(closest.start)
            walker.error(
                where,
                f"quote not found in source '{source}'; closest passage is on line {line}, "
                f"{closest.similarity:.0f}% similar",
                hint=closest.text,
            )
        return None
    if raw.occurrence is None and len(found) > 1:
        lines = ", ".join(str(article.line_of(f.start)) for f in found[:SHOWN_LINES])
        if len(found) > SHOWN_LINES:  # a one-word quote can occur 80,000 times: one line
            lines += f", … and {len(found) - SHOWN_LINES:,} more"
        walker.error(
            where,
            f"quote occurs {len(found):,} times in source '{source}' (lines {lines}); "
            f"add occurrence: 1 to {len(found)}, or quote more words",
        )
        return None
    index = (raw.occurrence or 1) - 1
    if index >= len(found):
        walker.error(
            where,
            f"occurrence {raw.occurrence} requested but the quote occurs {len(found)} time(s)",
        )
        return None
    hit = found[index]
    if raw.comment is not None:
        cut = raw.comment.split()[0]
        if re.match(r"\s+" + re.escape(cut), article.text[hit.end :]):
            walker.error(
                where,
                f"the quote stops before '{cut}': in YAML ' #' starts a comment, "
                "so put the whole quote in double quotes",
            )
            return None
    line = article.line_of(hit.start)
    if any(first <= line <= last for first, last in state.boilerplate.get(source, ())):
        walker.warn(
            where,
            f"quote is on boilerplate line {line} of source '{source}' (site furniture, not the article)",
        )
    sentence_start, sentence_end = article.sentence_span(hit.start, hit.end)
    return Evidence(
        source=source,
        quote=article.text[hit.start : hit.end],
        start=hit.start,
        end=hit.end,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        sentence=article.text[sentence_start:sentence_end],
        match=hit.match,
    )


def _evidence(
    record: TypedRecord[Any], state: LoadState, items: list[RawEvidence], source: str | None = None
) -> tuple[Evidence, ...]:
    anchored = [_anchor(record.walker, raw, state, source) for raw in items]
    return tuple(e for e in anchored if e is not None)


def _check_ref(
    record: TypedRecord[Any], ref: Ref | None, known: dict[str, Any], what: str, state: LoadState
) -> str | None:
    if ref is None:
        return None
    if ref.value not in known and ref.value not in state.broken_ids and not state.incomplete:
        record.walker.error(
            ref, f"unknown {what} '{ref.value}'", hint=suggest(ref.value, list(known))
        )
    return ref.value


def build_pack(state: LoadState) -> Pack | None:
    """Resolve references and anchor quotes; None if the metadata is missing."""
    records = state.records
    _prepare_quotes(state)
    actor_ids = dict.fromkeys(r.fields["id"].value for r in records["actors"])
    source_ids = dict.fromkeys(r.fields["id"].value for r in records["sources"])
    sources = tuple(
        _source(r, state) for r in records["sources"] if r.fields["id"].value in state.articles
    )
    sources_by_id = {s.id: s for s in sources}
    actors = [_actor(r, state, actor_ids) for r in _drain(records["actors"])]
    meetings = []
    for r in _drain(records["meetings"]):
        meetings.append(_meeting(r, state, actor_ids))
        _remember(state, r, meetings[-1].id)
        _check_meeting_date(r, meetings[-1], sources_by_id)
    pledges = []
    for r in _drain(records["pledges"]):
        pledges.append(_pledge(r, state, actor_ids))
        _remember(state, r, pledges[-1].id)
    claims = []
    for r in _drain(records["claims"]):
        claims.append(_claim(r, state, source_ids))
        _remember(state, r, claims[-1].id)
    _check_uncited(state, [*actors, *meetings, *pledges, *claims])
    if state.meta is None:
        return None
    m = state.meta.fields
    meta = PackMeta(
        title=m["title"],
        story=m["story"],
        as_of=m["as_of"],
        notes=m.get("notes"),
        checks=m.get("checks") or (),
    )
    pack = Pack(
        str(state.root),
        meta,
        sources,
        tuple(actors),
        tuple(meetings),
        tuple(pledges),
        tuple(claims),
    )
    if state.faithfulness:
        _check_faithfulness(state, pack)
    return pack


def _accepted(items: list[AcceptFields] | None) -> tuple[Accepted, ...]:
    return tuple(Accepted(a["rule"], a["reason"]) for a in items or ())


def _remember(state: LoadState, record: Record, fact_id: str) -> None:
    """Keep where a fact was written, for the faithfulness findings (validate only)."""
    if state.faithfulness:
        state.outlines[fact_id] = (record.walker, record.node)


def _check_faithfulness(state: LoadState, pack: Pack) -> None:
    """Report what each fact says beyond its own evidence, on the field to change.

    The rules are in briefing.model.analysis.faithfulness; a finding the pack
    accepts is not reported (the reader and the note show it with its reason),
    and an acceptance no finding needs is, so none lingers after a fix.
    """
    findings = check(pack)
    for finding in findings:
        walker, outline = state.outlines.get(finding.fact, (None, None))
        if walker is None or outline is None or finding.accepted is not None:
            continue
        where = outline.get(finding.field) or outline.here()
        if level(pack, finding.rule) == "error":
            walker.error(where, finding.line())
        else:
            walker.warn(where, finding.line())
    used = {(f.fact, f.rule) for f in findings if f.accepted is not None}
    facts: tuple[Meeting | Pledge | Claim, ...] = (*pack.meetings, *pack.pledges, *pack.claims)
    for fact in facts:
        for accepted in fact.accepted:
            if (fact.id, accepted.rule) in used or level(pack, accepted.rule) == "off":
                continue
            walker, outline = state.outlines[fact.id]
            walker.warn(
                outline.get("accept") or outline.here(),
                f"'{fact.id}' accepts rule '{accepted.rule}', which finds nothing on it now: "
                "remove the acceptance",
            )


def _actor(r: TypedRecord[ActorFields], state: LoadState, actor_ids: dict[str, None]) -> Actor:
    f = r.fields
    _warn_candidate(r, "actor")
    return Actor(
        id=f["id"].value,
        name=f["name"],
        kind=f["kind"],
        aliases=tuple(dict.fromkeys(f.get("aliases") or ())),
        role=f.get("role"),
        affiliation=_check_ref(r, f.get("affiliation"), actor_ids, "actor", state),
        candidate=bool(f.get("candidate")),
        notes=f.get("notes"),
        evidence=_evidence(r, state, f.get("evidence") or []),
    )


def _meeting(
    r: TypedRecord[MeetingFields], state: LoadState, actor_ids: dict[str, None]
) -> Meeting:
    f = r.fields
    _warn_candidate(r, "meeting")
    participants = tuple(
        Participant(_check_ref(r, p["actor"], actor_ids, "actor", state) or "", p["role"])
        for p in f.get("participants") or []
    )
    return Meeting(
        id=f["id"].value,
        title=f["title"],
        date=f["date"],
        date_text=f["date_text"],
        status=f["status"],
        evidence=_evidence(r, state, f["evidence"]),
        place=f.get("place"),
        date_reasoning=f.get("date_reasoning"),
        participants=participants,
        credibility=f.get("credibility"),
        notes=f.get("notes"),
        accepted=_accepted(f.get("accept")),
        candidate=bool(f.get("candidate")),
    )


def _pledge(r: TypedRecord[PledgeFields], state: LoadState, actor_ids: dict[str, None]) -> Pledge:
    f = r.fields
    _warn_candidate(r, "pledge")
    return Pledge(
        id=f["id"].value,
        actor=_check_ref(r, f["actor"], actor_ids, "actor", state) or "",
        contribution=f["contribution"],
        status=f["status"],
        evidence=_evidence(r, state, f["evidence"]),
        conditions=tuple(f.get("conditions") or ()),
        credibility=f.get("credibility"),
        notes=f.get("notes"),
        accepted=_accepted(f.get("accept")),
        candidate=bool(f.get("candidate")),
    )


def _warn_candidate(
    r: TypedRecord[ActorFields] | TypedRecord[MeetingFields] | TypedRecord[PledgeFields], what: str
) -> None:
    """A proposed record (``candidate: true``) is a warning until the author confirms it."""
    f = r.fields
    if f.get("candidate"):
        verb = "proposed" if what == "actor" else "drafted"
        r.walker.warn(
            f["id"],
            f"{what} '{f['id'].value}' is a candidate {verb} by 'briefing init' or 'briefing add': "
            "confirm it (remove 'candidate') or delete it",
        )


def _claim(r: TypedRecord[ClaimFields], state: LoadState, source_ids: dict[str, None]) -> Claim:
    f = r.fields
    values = []
    for v in f["values"]:
        source = _check_ref(r, v["source"], source_ids, "source", state) or ""
        values.append(
            ClaimValue(
                v["value"],
                source,
                _evidence(r, state, v["evidence"], source),
                credibility=v.get("credibility"),
            )
        )
    return Claim(
        id=f["id"].value,
        topic=f["topic"],
        values=tuple(values),
        notes=f.get("notes"),
        accepted=_accepted(f.get("accept")),
    )


def _prepare_quotes(state: LoadState) -> None:
    """Locate each article's quotes together, one article's normalised view at a time.

    Facts are built section by section, so every article's quotes come up in
    every section, and each article's normalised view (built when a quote has no
    exact match) stayed in memory until the end: ~20 MiB at 1,000 articles, at the
    load's peak. Diagnostics are still made in fact order by :func:`_anchor`.
    """
    quotes: dict[str, list[str]] = {}
    facts: list[TypedRecord[ActorFields | MeetingFields | PledgeFields]] = [
        *state.records["actors"],
        *state.records["meetings"],
        *state.records["pledges"],
    ]
    for fact in facts:
        for raw in fact.fields.get("evidence") or ():
            quotes.setdefault(raw.source.value, []).append(raw.quote)
    claims: list[TypedRecord[ClaimFields]] = state.records["claims"]
    for claim in claims:
        for value in claim.fields["values"]:
            for raw in value["evidence"]:
                quotes.setdefault(raw.source.value, []).append(raw.quote)
    sources: list[TypedRecord[SourceFields]] = state.records["sources"]
    for source_record in sources:
        for item in source_record.fields.get("uncited") or ():
            quotes.setdefault(source_record.fields["id"].value, []).append(item.quote)
    for source, anchorer in state.anchorers.items():
        anchorer.prepare(quotes.get(source, ()))


def _drain(records: list[TypedRecord[F]]) -> Iterator[TypedRecord[F]]:
    """Each record in order, dropped from ``records`` as it is handed out.

    A record (its fields as written, quotes and positions) is not needed once its
    fact is built; dropping it then keeps the records and the model they become
    from being in memory whole at the same time (the load's peak).
    """
    records.reverse()
    while records:
        yield records.pop()


def _check_meeting_date(
    record: TypedRecord[MeetingFields], meeting: Meeting, sources: dict[str, Source]
) -> None:
    """Warn when the curated date, the date as written and the other sources disagree.

    The rules live in briefing.model.analysis.dates.resolve; here each finding is pointed at the
    YAML field the author would change.
    """
    for field_name, message in meeting_date(meeting, sources).problems:
        node = record.node.get(field_name) or record.node.at("id")
        record.walker.warn(node, message)


def _check_uncited(state: LoadState, facts: list[Actor | Meeting | Pledge | Claim]) -> None:
    """An `uncited` entry must name a sentence nothing cites, and only once."""
    cited: dict[tuple[str, int], str] = {}
    for fact in facts:
        for evidence in fact.evidence:
            cited.setdefault((evidence.source, evidence.sentence_start), fact.id)
    seen: set[tuple[str, int]] = set()
    for walker, where, evidence in state.uncited:
        key = (evidence.source, evidence.sentence_start)
        if key in cited:
            walker.warn(
                where,
                f"sentence listed as uncited is cited by '{cited[key]}'; remove it from uncited",
            )
        elif key in seen:
            walker.warn(where, "sentence listed as uncited twice")
        seen.add(key)


def _source(record: TypedRecord[SourceFields], state: LoadState) -> Source:
    f = record.fields
    article, _ = state.articles[f["id"].value]
    flags: FlagsFields = f.get("flags") or {}
    uncited = []
    for item in f.get("uncited") or []:
        raw = RawEvidence(f["id"], item.quote, item.occurrence, item.line, item.col, item.comment)
        anchored = _anchor(record.walker, raw, state)
        if anchored is not None:
            uncited.append(Uncited(anchored, item.reason))
            state.uncited.append((record.walker, Ref(item.quote, raw.line, raw.col), anchored))
    return Source(
        id=f["id"].value,
        file=f["file"],
        path=str(state.root / f["file"]),
        sha256=f["sha256"],
        outlet=f["outlet"],
        title=f["title"],
        published=f["published"],
        language=f["language"],
        article=article,
        translated_from=f.get("translated_from"),
        original_outlet=f.get("original_outlet"),
        url=f.get("url"),
        grade=f.get("grade") or "F",
        date_reasoning=f.get("date_reasoning"),
        notes=f.get("notes"),
        flags=Flags(
            machine_translated=bool(flags.get("machine_translated")),
            garbled=bool(flags.get("garbled")),
            boilerplate_lines=tuple(flags.get("boilerplate_lines") or ()),
            lost_characters=tuple(flags.get("lost_characters") or ()),
        ),
        uncited=tuple(uncited),
    )
