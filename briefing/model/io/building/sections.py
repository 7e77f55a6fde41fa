"""Build the resolved model from checked records, one section's builder a function.

Split out of ``read.py`` (which reads and checks the files): this half turns the
records of a read pack into the immutable dataclasses, resolving references between
them; the quotes are anchored by ``quotes.py`` and the checks across records are in
``checks.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from briefing.model.analysis.dates.meeting_dates import CheckedDates
from briefing.model.diagnostics import suggest
from briefing.model.io.building.checks import check_faithfulness, check_meeting_dates, check_uncited
from briefing.model.io.building.quotes import anchor, evidence, prepare_quotes
from briefing.model.io.building.state import LoadState, Record, TypedRecord
from briefing.model.io.building.walker import Walker
from briefing.model.io.records import (
    AcceptFields,
    ActorFields,
    ClaimFields,
    FlagsFields,
    MeetingFields,
    Outline,
    PledgeFields,
    RawEvidence,
    Ref,
    SourceFields,
)
from briefing.model.pack import Pack
from briefing.model.types import (
    Accepted,
    Actor,
    Claim,
    ClaimValue,
    Flags,
    Meeting,
    PackMeta,
    Participant,
    Pledge,
    Source,
    Uncited,
)

F = TypeVar("F")


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
    """Resolve references and anchor quotes; None if the metadata is missing.

    With ``state.defer_dates`` (the reader) the meeting-date checks are not run
    here but left in ``state.dates_later`` for the caller (see
    :class:`briefing.model.io.building.read.LaterChecks`); a pack that is not
    built (no metadata) has them run at once, so its report is whole.
    """
    records = state.records
    prepare_quotes(state)
    actor_ids = dict.fromkeys(r.fields["id"].value for r in records["actors"])
    source_ids = dict.fromkeys(r.fields["id"].value for r in records["sources"])
    sources = tuple(
        _source(r, state) for r in records["sources"] if r.fields["id"].value in state.articles
    )
    sources_by_id = {s.id: s for s in sources}
    actors = [_actor(r, state, actor_ids) for r in _drain(records["actors"])]
    meetings = []
    written: list[tuple[Walker, Outline, Meeting]] = []
    for r in _drain(records["meetings"]):
        meetings.append(_meeting(r, state, actor_ids))
        _remember(state, r, meetings[-1].id)
        written.append((r.walker, r.node, meetings[-1]))
    dates = None if state.defer_dates else check_meeting_dates(written, sources_by_id)
    pledges = []
    for r in _drain(records["pledges"]):
        pledges.append(_pledge(r, state, actor_ids))
        _remember(state, r, pledges[-1].id)
    claims = []
    for r in _drain(records["claims"]):
        claims.append(_claim(r, state, source_ids))
        _remember(state, r, claims[-1].id)
    check_uncited(state, [*actors, *meetings, *pledges, *claims])
    if state.meta is None:
        if dates is None:
            check_meeting_dates(written, sources_by_id)  # every warning in the report
        return None
    m = state.meta.fields
    meta = PackMeta(
        title=m["title"],
        story=m["story"],
        as_of=m["as_of"],
        notes=m.get("notes"),
        checks=m.get("checks") or (),
    )
    kept = tuple(meetings)
    pack = Pack(
        str(state.root),
        meta,
        sources,
        tuple(actors),
        kept,
        tuple(pledges),
        tuple(claims),
    )
    if dates is None:
        state.dates_later = lambda: CheckedDates(
            kept, sources, check_meeting_dates(written, sources_by_id)
        )
    else:
        pack.keep_checked_dates(CheckedDates(kept, sources, dates))
    if state.faithfulness:
        check_faithfulness(state, pack)
    return pack


def _accepted(items: list[AcceptFields] | None) -> tuple[Accepted, ...]:
    return tuple(Accepted(a["rule"], a["reason"]) for a in items or ())


def _remember(state: LoadState, record: Record, fact_id: str) -> None:
    """Keep where a fact was written, for the faithfulness findings (validate only)."""
    if state.faithfulness:
        state.outlines[fact_id] = (record.walker, record.node)


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
        evidence=evidence(r, state, f.get("evidence") or []),
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
    listed: set[str] = set()
    for p in f.get("participants") or []:
        if p["actor"].value in listed:
            r.walker.warn(
                p["actor"],
                f"actor '{p['actor'].value}' is listed twice among the participants of "
                f"meeting '{f['id'].value}'; keep one entry, with its stronger role",
            )
        listed.add(p["actor"].value)
    return Meeting(
        id=f["id"].value,
        title=f["title"],
        date=f["date"],
        date_text=f["date_text"],
        status=f["status"],
        evidence=evidence(r, state, f["evidence"]),
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
        evidence=evidence(r, state, f["evidence"]),
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
                evidence(r, state, v["evidence"], source),
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


def _drain(records: list[TypedRecord[F]]) -> Iterator[TypedRecord[F]]:
    """Each record in order, dropped from ``records`` as it is handed out.

    A record (its fields as written, quotes and positions) is not needed once its
    fact is built; dropping it then keeps the records and the model they become
    from being in memory whole at the same time (the load's peak).
    """
    records.reverse()
    while records:
        yield records.pop()


def _source(record: TypedRecord[SourceFields], state: LoadState) -> Source:
    f = record.fields
    article, _ = state.articles[f["id"].value]
    flags: FlagsFields = f.get("flags") or {}
    uncited = []
    for item in f.get("uncited") or []:
        raw = RawEvidence(f["id"], item.quote, item.occurrence, item.line, item.col, item.comment)
        anchored = anchor(record.walker, raw, state)
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
