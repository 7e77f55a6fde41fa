"""What is new or changed in a pack after a date: the analyst's morning question.

A fact's place in time is the publication date of the sources that support it
(the pack records no edit times, and the sources are what the analyst briefs
from). After DATE means published strictly later than DATE. Four kinds of change:

* **new facts**: meetings, pledges, claims and actors whose *first* dated
  evidence is later than DATE (a fact with only undated evidence is never
  called new: its date is unknown), except a record that is a later telling of
  a pledge or meeting already known (it is listed as the change it makes);
* **status changes**: pledges whose status as of DATE (the last status a source
  dated on or before DATE reported) differs from the latest status reported
  after DATE (:mod:`briefing.model.analysis.history`);
* **appeared values**: in a claim that already existed on DATE, a value no
  source dated on or before DATE gave (compared folded, so "About 20" and
  "about 20" are one value);
* **now held**: meetings reported as planned on or before DATE and as held
  after it, either as two records of one meeting (same date or same subject)
  or as one held record whose date lies after DATE but which a source dated
  on or before DATE already reported.

Everything here is computed from the loaded pack in O(facts + evidence) plus
the history's per-actor grouping; nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from briefing.model.analysis.history import (
    PledgeHistory,
    Step,
    first_date,
    pledge_histories,
    same_subject,
    source_dates,
)
from briefing.model.names.folding import fold
from briefing.model.pack import Pack
from briefing.model.types import Actor, Claim, ClaimValue, Evidence, Fact, Meeting, Pledge


def parse_day(text: str) -> str:
    """``text`` as ``YYYY-MM-DD``; ValueError with a one-line reason otherwise."""
    try:
        return Date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date: give it as YYYY-MM-DD (e.g. 2025-03-10)"
        ) from None


@dataclass(frozen=True, slots=True)
class NewFact:
    """A fact first reported after the date, with the evidence that reports it."""

    fact: Fact
    first: str


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A pledge whose reported status moved after the date."""

    pledge: Pledge
    """The record holding the latest status (the one to open)."""
    before: Step
    after: Step
    history: PledgeHistory


@dataclass(frozen=True, slots=True)
class AppearedValue:
    """A value of an existing claim that no source had given by the date."""

    claim: Claim
    value: ClaimValue
    first: str


@dataclass(frozen=True, slots=True)
class NowHeld:
    """A meeting reported as planned by the date and as held after it."""

    meeting: Meeting
    """The record that says it was held."""
    planned: tuple[Evidence, ...]
    held: tuple[Evidence, ...]
    held_first: str


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything new or changed after ``since``."""

    since: str
    new_facts: tuple[NewFact, ...]
    status_changes: tuple[StatusChange, ...]
    appeared_values: tuple[AppearedValue, ...]
    now_held: tuple[NowHeld, ...]

    @property
    def empty(self) -> bool:
        """True when nothing changed after the date."""
        return not (self.new_facts or self.status_changes or self.appeared_values or self.now_held)

    def item_ids(self) -> frozenset[str]:
        """Ids of every fact that is new or changed (the reader marks them in the navigator)."""
        ids = {n.fact.id for n in self.new_facts}
        ids.update(c.pledge.id for c in self.status_changes)
        ids.update(a.claim.id for a in self.appeared_values)
        ids.update(h.meeting.id for h in self.now_held)
        return frozenset(ids)

    def count(self) -> int:
        """How many lines the "since" view and the note's section list."""
        return (
            len(self.new_facts)
            + len(self.status_changes)
            + len(self.appeared_values)
            + len(self.now_held)
        )


def _after(day: str | None, since: str) -> bool:
    return day is not None and day > since


def _new_facts(pack: Pack, since: str, dates: dict[str, str | None]) -> list[NewFact]:
    facts: list[Fact] = [*pack.meetings, *pack.pledges, *pack.claims]
    facts.extend(a for a in pack.actors if a.evidence)
    found = []
    for fact in facts:
        first = first_date(fact.evidence, dates)
        if first is not None and first > since:
            found.append(NewFact(fact, first))
    kinds = {Meeting: 0, Pledge: 1, Claim: 2, Actor: 3}
    found.sort(key=lambda n: (n.first, kinds[type(n.fact)]))
    return found


def _status_changes(
    pack: Pack, since: str, pledges: Iterable[Pledge] | None = None
) -> list[StatusChange]:
    changes = []
    seen: set[tuple[str, ...]] = set()
    for history in pledge_histories(pack, pledges).values():
        if history.records in seen or not history.changed:
            continue
        seen.add(history.records)
        told = [t for s in history.steps for t in s.tellings if t.date is not None]
        earlier = [t for t in told if t.date is not None and t.date <= since]
        later = [t for t in told if _after(t.date, since)]
        if not earlier or not later or earlier[-1].status == later[-1].status:
            continue
        before = next(s for s in history.steps if earlier[-1] in s.tellings)
        after = next(s for s in history.steps if later[-1] in s.tellings)
        record = pack.get(later[-1].record)
        assert isinstance(record, Pledge)
        changes.append(StatusChange(record, before, after, history))
    changes.sort(key=lambda c: (c.after.first or "", c.pledge.id))
    return changes


def _appeared_values(pack: Pack, since: str, dates: dict[str, str | None]) -> list[AppearedValue]:
    found = []
    for claim in pack.claims:
        first = first_date(claim.evidence, dates)
        if first is None or first > since:
            continue  # undated, or the whole claim is new (listed with the new facts)
        known = {
            fold(v.value)
            for v in claim.values
            if (d := first_date(v.evidence, dates)) is not None and d <= since
        }
        for value in claim.values:
            day = first_date(value.evidence, dates)
            if _after(day, since) and fold(value.value) not in known:
                assert day is not None
                known.add(fold(value.value))
                found.append(AppearedValue(claim, value, day))
    found.sort(key=lambda a: (a.first, a.claim.id))
    return found


def _split(
    evidence: Iterable[Evidence], since: str, dates: dict[str, str | None]
) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
    early, late = [], []
    for item in evidence:
        day = dates.get(item.source)
        if day is not None and day <= since:
            early.append(item)
        elif _after(day, since):
            late.append(item)
    return tuple(early), tuple(late)


def same_meeting(a: Meeting, b: Meeting) -> bool:
    """Two records of one meeting: both dated the same day, or undated with one subject."""
    if a.date and b.date:
        return a.date == b.date and (
            same_subject(a.title, b.title)
            or bool({p.actor for p in a.participants} & {p.actor for p in b.participants})
        )
    return same_subject(a.title, b.title)


def _now_held(pack: Pack, since: str, dates: dict[str, str | None]) -> list[NowHeld]:
    found: dict[str, NowHeld] = {}
    planned = [m for m in pack.meetings if m.status == "planned"]
    for meeting in pack.meetings:
        if meeting.status != "held":
            continue
        early, late = _split(meeting.evidence, since, dates)
        if not late:
            continue
        first_late = first_date(late, dates)
        assert first_late is not None
        if early and _after(meeting.date, since):
            # Reported on or before DATE for a day after it: it was still ahead then.
            found[meeting.id] = NowHeld(meeting, early, late, first_late)
            continue
        for other in planned:
            plans, _ = _split(other.evidence, since, dates)
            if plans and same_meeting(meeting, other):
                found[meeting.id] = NowHeld(meeting, plans, late, first_late)
                break
    return sorted(found.values(), key=lambda h: (h.held_first, h.meeting.id))


def changes_since(pack: Pack, since: str, pledges: Iterable[Pledge] | None = None) -> Changes:
    """What is new or changed in ``pack`` after ``since`` (``YYYY-MM-DD``).

    ``pledges``: the records a pledge's history may be made of (all when None); a
    note without candidates passes the confirmed ones (see ``pledge_histories``).
    """
    dates = source_dates(pack)
    changed = _status_changes(pack, since, pledges)
    held = _now_held(pack, since, dates)
    # A record that carries a pledge's new status, or says a planned meeting was
    # held, is a change to something known, not a new fact: listed once, as that.
    known = {r for c in changed for r in c.history.records} | {h.meeting.id for h in held}
    new = [n for n in _new_facts(pack, since, dates) if n.fact.id not in known]
    return Changes(
        since=since,
        new_facts=tuple(new),
        status_changes=tuple(changed),
        appeared_values=tuple(_appeared_values(pack, since, dates)),
        now_held=tuple(held),
    )


def fallback_since(pack: Pack) -> str:
    """The date to compare with when no note was exported: the day before the newest articles.

    So the first "since" an analyst sees is what the latest day's articles brought.
    """
    published = sorted({s.published for s in pack.sources if s.published})
    newest = published[-1] if published else pack.meta.as_of
    try:
        return (Date.fromisoformat(newest) - timedelta(days=1)).isoformat()
    except ValueError:
        return newest
