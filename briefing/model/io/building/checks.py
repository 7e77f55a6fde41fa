"""Checks across a built pack's records: faithfulness, meeting dates, uncited sentences.

Each rule lives elsewhere (analysis); here each finding is pointed at the YAML field the
author would change. Split out of the section builders, which turn one record into one fact.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.model.analysis.dates.meeting_dates import MeetingDate, meeting_date
from briefing.model.analysis.faithfulness import check, level
from briefing.model.io.building.state import LoadState
from briefing.model.io.building.walker import Walker
from briefing.model.io.records import Outline
from briefing.model.pack import Pack
from briefing.model.types import Actor, Claim, Meeting, Pledge, Source


def check_faithfulness(state: LoadState, pack: Pack) -> None:
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


def check_meeting_date(
    walker: Walker, node: Outline, meeting: Meeting, sources: dict[str, Source]
) -> MeetingDate:
    """Warn when the curated date, the date as written and the other sources disagree.

    The rules live in briefing.model.analysis.dates.resolve; here each finding is pointed at the
    YAML field the author would change (``node``, where the meeting was written). The
    resolved date is returned for the pack to keep
    (:class:`briefing.model.analysis.dates.meeting_dates.CheckedDates`).
    """
    checked = meeting_date(meeting, sources)
    for field_name, message in checked.problems:
        walker.warn(node.get(field_name) or node.at("id"), message)
    return checked


def check_meeting_dates(
    written: Sequence[tuple[Walker, Outline, Meeting]], sources: dict[str, Source]
) -> tuple[MeetingDate, ...]:
    """:func:`check_meeting_date` for each (walker, outline, meeting), in order.

    One call for them all, so the loader can run it at once or leave it for later
    (warnings only: nothing the reader's first screen shows needs it).
    """
    return tuple(check_meeting_date(w, node, m, sources) for w, node, m in written)


def check_uncited(state: LoadState, facts: list[Actor | Meeting | Pledge | Claim]) -> None:
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
