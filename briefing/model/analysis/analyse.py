"""The analysis the sources do not spell out, built once per pack.

Resolved meeting dates, corroboration, Admiralty grades and disagreements are
derived from the loaded pack; the reader, the JSON export and the note all
read them from one :class:`Analysis`. Whoever holds the pack keeps it
(:class:`briefing.model.derived.Derived`), so nothing is computed twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from briefing.model.analysis.corroboration import (
    Support,
    support_of_sources,
    value_support,
)
from briefing.model.analysis.dates.meeting_dates import CheckedDates, MeetingDate, meeting_date
from briefing.model.analysis.disagreements.detect import Disagreement, detect, figures_conflict
from briefing.model.analysis.grading import Grade, grade
from briefing.model.once import Checked, Stop, Stoppable, Stopped, never
from briefing.model.pack import Pack
from briefing.model.types import Claim, Source


@dataclass(frozen=True, slots=True)
class FactAnalysis:
    """How well one fact (or one claim value) is backed, and its rating."""

    support: Support
    grade: Grade


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything derived about a pack; read-only."""

    dates: Mapping[str, MeetingDate]
    """Meeting id -> resolved date, basis and checks."""
    facts: Mapping[str, FactAnalysis]
    """Meeting, pledge, actor and claim ids -> support and grade."""
    values: Mapping[tuple[str, int], FactAnalysis]
    """(claim id, value index) -> support and grade of that value."""
    _disagreements: Stoppable[tuple[Disagreement, ...]] = field(repr=False, compare=False)

    @property
    def disagreements(self) -> tuple[Disagreement, ...]:
        """What the articles' text disagrees on, found on first use.

        Detection reads every article and is the costly part (seconds at a
        thousand articles), while dates, support and grades are needed for the
        first screen; so it runs when first asked for (the reader asks in the
        background after showing the pack), once, whichever thread asks first.
        """
        return self._disagreements.get()

    def find_disagreements(self, stop: Stop) -> tuple[Disagreement, ...] | None:
        """:attr:`disagreements`, found now by a worker that gives way when ``stop`` says so.

        None when stopped (nothing is kept; the next caller starts again).
        """
        try:
            return self._disagreements.get(stop)
        except Stopped:
            return None

    @property
    def disagreements_found(self) -> bool:
        """True once the disagreements are known (asking for them would not block)."""
        return self._disagreements.done

    def of(self, fact_id: str) -> FactAnalysis | None:
        """Support and grade of a fact by id (None for a source or unknown id)."""
        return self.facts.get(fact_id)

    def value(self, claim_id: str, index: int) -> FactAnalysis | None:
        """Support and grade of the ``index``-th value of a claim."""
        return self.values.get((claim_id, index))


class _Grader:
    """Support and grade per (sources cited, author's credibility), each computed once.

    Most facts of a large pack cite one or two articles, so a few thousand
    distinct results serve tens of thousands of facts: shared, immutable
    ``FactAnalysis`` objects instead of one each (1,000 articles: 20,000 facts,
    ~13 MiB less held for the whole session, and faster). Equal grades and outlet
    lists are shared too, whatever sources they came from: two single-source
    facts of one outlet's grade read the same (5,000 articles: ~30,000 results,
    a few hundred distinct grades, ~3 MiB less).
    """

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources
        self._done: dict[tuple[tuple[str, ...], str | None, int], FactAnalysis] = {}
        self._grades: dict[Grade, Grade] = {}
        self._outlets: dict[tuple[str, ...], tuple[str, ...]] = {}

    def share(self, support: Support, graded: Grade) -> FactAnalysis:
        """The analysis of one fact or value, its grade and outlet list shared when equal."""
        outlets = self._outlets.setdefault(support.outlet_names, support.outlet_names)
        if outlets is not support.outlet_names:
            support = Support(support.source_ids, outlets)
        return FactAnalysis(support, self._grades.setdefault(graded, graded))

    def __call__(self, ids: list[str], author: str | None, against: int = 0) -> FactAnalysis:
        key = (tuple(dict.fromkeys(ids)), author, against)
        found = self._done.get(key)
        if found is None:
            supported = support_of_sources(key[0], self.sources)
            backing = [self.sources[i] for i in supported.source_ids if i in self.sources]
            found = self.share(supported, grade(supported, backing, author, against))
            self._done[key] = found
        return found


def _claim_values(
    claim: Claim, sources: Mapping[str, Source], graded: _Grader
) -> list[tuple[tuple[str, int], FactAnalysis]]:
    result = []
    for index, value in enumerate(claim.values):
        supported = value_support(claim, value, sources)
        others = [v.source for v in claim.values if figures_conflict(v.value, value.value)]
        against = support_of_sources(others, sources).outlets
        backing = [sources[i] for i in supported.source_ids if i in sources]
        result.append(
            (
                (claim.id, index),
                graded.share(supported, grade(supported, backing, value.credibility, against)),
            )
        )
    return result


def analyse(pack: Pack, stop: Stop = never) -> Analysis:
    """Compute the pack's analysis (disagreements are left for first use).

    Nothing is kept here: whoever holds the pack keeps the result (the reader
    and CLI through :class:`briefing.model.derived.Derived`). ``stop`` is asked
    before each meeting's dates are resolved (most of the time, on a large pack):
    the reader's worker gives way to quitting (raises
    :class:`briefing.model.once.Stopped`).
    """
    sources = {s.id: s for s in pack.sources}
    graded = _Grader(sources)
    checked = pack.checked_dates
    known = checked.of(pack.meetings, pack.sources) if isinstance(checked, CheckedDates) else None
    if known is not None:  # resolved by the load's checks: the same meetings and sources
        dates = {m.id: d for m, d in zip(Checked(pack.meetings, stop), known, strict=True)}
    else:
        dates = {m.id: meeting_date(m, sources) for m in Checked(pack.meetings, stop)}
    facts: dict[str, FactAnalysis] = {}
    for meeting in pack.meetings:
        facts[meeting.id] = graded([e.source for e in meeting.evidence], meeting.credibility)
    for pledge in pack.pledges:
        facts[pledge.id] = graded([e.source for e in pledge.evidence], pledge.credibility)
    for actor in pack.actors:
        facts[actor.id] = graded([e.source for e in actor.evidence], None)
    values: dict[tuple[str, int], FactAnalysis] = {}
    for claim in pack.claims:
        values.update(_claim_values(claim, sources, graded))
        facts[claim.id] = graded(
            [v.source for v in claim.values] + [e.source for e in claim.evidence], None
        )
    return Analysis(
        MappingProxyType(dates),
        MappingProxyType(facts),
        MappingProxyType(values),
        Stoppable(lambda stop: detect(pack, dates, stop)),
    )
