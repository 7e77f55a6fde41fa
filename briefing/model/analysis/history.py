"""A pledge's status over time, and which records tell of one pledge or one meeting.

A story moves: on 6 March a paper says Norway is *considering* support, on 10
March another says it *offered* it. The pack records each status as it was
reported (``briefing add`` drafts the second as a new pledge record beside the
first), so the two records are one pledge seen at two dates, not two pledges and
not a contradiction. This module puts them back together:

* records are **the same pledge** when they have the same actor and their
  contributions share most of their content words (:func:`same_subject`);
* the **history** lists the statuses by the publication date of the sources
  that state them, oldest first, so "considering (6 Mar, asiae) → offered
  (10 Mar, ft-mt)" reads as a change.

A source states the status of the record its evidence supports. Undated sources
come last (their place in time is unknown). Worst case O(k² · w) for k records
of one actor with w words each, which is small: pledges are per actor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date as Date

from briefing.model.names.folding import fold
from briefing.model.names.vocabulary import FUNCTION_WORDS
from briefing.model.pack import Pack
from briefing.model.types import Evidence, Meeting, Pledge

SHARED_WORDS = 0.6
"""Share of the shorter text's content words two subjects must have in common."""


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry its subject: folded, without function words or one-letter words."""
    return frozenset(w for w in fold(text).split() if w not in FUNCTION_WORDS and len(w) > 1)


def same_subject(a: str, b: str) -> bool:
    """True when two contributions (or meeting titles) are about the same thing.

    At least two, and most (:data:`SHARED_WORDS`), of the shorter one's content
    words appear in the other; a one-word subject must be the same word alone. "divers and
    a command ship" and "a command ship and divers for the patrols" are the same
    subject; "troops" and "logistics troops" are not (one shared word of two).
    """
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return fold(a) == fold(b)
    if min(len(wa), len(wb)) == 1:
        return wa == wb
    shared = len(wa & wb)
    return shared >= 2 and shared >= SHARED_WORDS * min(len(wa), len(wb))


def source_dates(pack: Pack) -> dict[str, str | None]:
    """Each source's publication date (``YYYY-MM-DD`` or None), by source id."""
    return {s.id: s.published for s in pack.sources}


def first_date(evidence: Iterable[Evidence], dates: dict[str, str | None]) -> str | None:
    """The earliest publication date among the sources of ``evidence`` (None if all undated)."""
    found = [d for d in (dates.get(e.source) for e in evidence) if d]
    return min(found) if found else None


def short_date(iso: str | None) -> str:
    """``6 Mar`` for ``2025-03-06`` (``undated`` for None): the history's compact date."""
    if not iso:
        return "undated"
    try:
        day = Date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%b')}"


@dataclass(frozen=True, slots=True)
class Telling:
    """One source's word on one record: the status it states, when, with its quotes."""

    date: str | None
    source: str
    status: str
    record: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Step:
    """A run of tellings with the same status, oldest first: one arrow of the history."""

    status: str
    tellings: tuple[Telling, ...]

    @property
    def first(self) -> str | None:
        """The date this status was first reported (None when only undated sources state it)."""
        return self.tellings[0].date

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every quote behind this step, for citing it."""
        return tuple(e for t in self.tellings for e in t.evidence)

    def label(self) -> str:
        """``considering (6 Mar, asiae; 7 Mar, ipaper, ft-mt)``: dates, each with its sources."""
        by_date: dict[str | None, list[str]] = {}
        for telling in self.tellings:
            sources = by_date.setdefault(telling.date, [])
            if telling.source not in sources:
                sources.append(telling.source)
        parts = [f"{short_date(d)}, {', '.join(s)}" for d, s in by_date.items()]
        return f"{self.status} ({'; '.join(parts)})"


def tellings(records: Sequence[Pledge | Meeting], dates: dict[str, str | None]) -> list[Telling]:
    """Every (record, source) pair as a telling, by date (undated last), then pack order."""
    found = []
    for record in records:
        per_source: dict[str, list[Evidence]] = {}
        for evidence in record.evidence:
            per_source.setdefault(evidence.source, []).append(evidence)
        for source, quotes in per_source.items():
            found.append(
                Telling(dates.get(source), source, record.status, record.id, tuple(quotes))
            )
    order = {id(t): i for i, t in enumerate(found)}
    found.sort(key=lambda t: (t.date is None, t.date or "", order[id(t)]))
    return found


def steps(told: Sequence[Telling]) -> tuple[Step, ...]:
    """Consecutive tellings with one status folded into a step."""
    out: list[Step] = []
    run: list[Telling] = []
    for telling in told:
        if run and telling.status != run[-1].status:
            out.append(Step(run[-1].status, tuple(run)))
            run = []
        run.append(telling)
    if run:
        out.append(Step(run[-1].status, tuple(run)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PledgeHistory:
    """One pledge as the sources told it over time (possibly several records)."""

    records: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def changed(self) -> bool:
        """True when the sources report more than one status over time."""
        return len(self.steps) > 1

    def label(self) -> str:
        """``considering (6 Mar, asiae) → offered (10 Mar, ft-mt)``."""
        return " → ".join(step.label() for step in self.steps)


MAX_COMPARED = 200
"""Most records of one actor compared pairwise to group them. Grouping is O(k²);
past this many (a synthetic or wire-fed pack, never a curated one) each record is
its own history, so a pledge shown in the reader stays O(k) at any pack size."""


def group_by_subject(records: Sequence[Pledge]) -> list[list[Pledge]]:
    """Records of one actor grouped by :func:`same_subject` (transitively), pack order kept.

    :func:`same_subject` depends only on the content words (and, without any,
    the folded text), so records with the same words are one subject and are
    compared once, as one subject; two subjects are compared only when they
    share two words (what two subjects of two or more words need): an actor's
    k records cost O(k) folds plus the pairs of distinct subjects sharing words,
    not k² folds (a pack's export spent most of its time here).
    """
    if len(records) > MAX_COMPARED:
        return [[record] for record in records]
    subjects: dict[tuple[frozenset[str], str], int] = {}
    of_record: list[int] = []
    for record in records:
        words = content_words(record.contribution)
        key = (words, "" if words else fold(record.contribution))
        of_record.append(subjects.setdefault(key, len(subjects)))
    parent = list(range(len(subjects)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [words for words, _folded in subjects]
    by_word: dict[str, list[int]] = {}
    for (words, _folded), index in subjects.items():
        if len(words) < 2:
            continue  # one word or none: the same subject only as the same words or text
        shared: dict[int, int] = {}
        for word in words:
            for other in by_word.get(word, ()):
                shared[other] = shared.get(other, 0) + 1
            by_word.setdefault(word, []).append(index)
        for other, count in shared.items():
            size = min(len(words), len(keys[other]))
            if count >= 2 and count >= SHARED_WORDS * size:
                parent[root(index)] = root(other)
    groups: dict[int, list[Pledge]] = {}
    for record, subject in zip(records, of_record, strict=True):
        groups.setdefault(root(subject), []).append(record)
    return list(groups.values())


def pledge_histories(
    pack: Pack, pledges: Iterable[Pledge] | None = None
) -> dict[str, PledgeHistory]:
    """Every pledge's history, by pledge id (records of one pledge share one history).

    Built whole for a note or a "since" answer; the detail pane asks
    :func:`history_of` for the one pledge it shows instead. ``pledges``: the
    records a history may be made of (all the pack's when None); a note without
    candidates passes the confirmed ones, so no draft adds a step to a history.
    """
    dates = source_dates(pack)
    by_actor: defaultdict[str, list[Pledge]] = defaultdict(list)
    for pledge in pack.pledges if pledges is None else pledges:
        by_actor[pledge.actor].append(pledge)
    histories: dict[str, PledgeHistory] = {}
    for records in by_actor.values():
        histories.update(_histories(records, dates))
    return histories


def actor_histories(
    pack: Pack, actor_id: str, dates: dict[str, str | None] | None = None
) -> dict[str, PledgeHistory]:
    """The histories of one actor's pledges, by pledge id: what :func:`pledge_histories` has for them.

    ``dates``: :func:`source_dates` of the pack, when the caller keeps it.
    """
    records = [f for f in pack.facts_of(actor_id) if isinstance(f, Pledge)]
    return _histories(records, source_dates(pack) if dates is None else dates)


def _histories(records: list[Pledge], dates: dict[str, str | None]) -> dict[str, PledgeHistory]:
    """One actor's records grouped, and each group's history, by pledge id."""
    histories: dict[str, PledgeHistory] = {}
    for group in group_by_subject(records):
        history = _history(group, dates)
        for pledge in group:
            histories[pledge.id] = history
    return histories


def history_of(pack: Pack, pledge: Pledge) -> PledgeHistory:
    """One pledge's history, from its actor's pledges only (O(k²) for k ≤ MAX_COMPARED of them).

    The detail pane asks on every pledge it shows: the actor index keeps that
    independent of the size of the pack.
    """
    records = [f for f in pack.facts_of(pledge.actor) if isinstance(f, Pledge)]
    if all(r is not pledge for r in records):
        records.append(pledge)
    if len(records) > MAX_COMPARED:  # see MAX_COMPARED: not grouped, O(k)
        return _history([pledge], source_dates(pack))
    group = next(g for g in group_by_subject(records) if any(r is pledge for r in g))
    return _history(group, source_dates(pack))


def _history(group: list[Pledge], dates: dict[str, str | None]) -> PledgeHistory:
    """The records oldest first (by first dated evidence; undated last), then their tellings."""
    ordered = sorted(group, key=lambda p: (first_date(p.evidence, dates) or "9999",))
    return PledgeHistory(tuple(p.id for p in ordered), steps(tellings(ordered, dates)))
