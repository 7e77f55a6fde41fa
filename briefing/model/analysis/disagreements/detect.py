"""Find where sources disagree, from the articles' own text.

The author records the disagreements they noticed as claims; this module
reads the articles again to find the ones they did not, so it also helps on a
pack just started from new articles. Two detectors, both generic:

- **counts**: a number attached to the same noun ("about 20 countries",
  "37 countries") in different sources, when the numbers cannot both be true
  (an approximate figure covers 15% either side);
- **stances**: an actor named as offering something in one source and as
  declining (or still weighing) the same thing in another ("Poland offered
  troops" / "Poland declined to send troops").

Meetings placed on different dates are found by briefing.model.analysis.dates.meeting_dates
and listed here too. Nothing here knows the story: the vocabularies are plain
English function words, number words and stance verbs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from briefing.model.analysis.dates.meeting_dates import MeetingDate
from briefing.model.analysis.disagreements.amounts import amount_disagreements
from briefing.model.analysis.disagreements.context import ValueContext, explain, value_context
from briefing.model.analysis.disagreements.counts import (
    CountMention,
    count_disagreements,
    count_mentions,
    figures_conflict,
    parse_figure,
)
from briefing.model.analysis.disagreements.stance_conflicts import (
    claim_stance_disagreements,
    pledge_stance_disagreements,
    stance_disagreements,
)
from briefing.model.analysis.disagreements.stances import (
    StanceMention,
    StanceMentions,
    stance_mentions,
    stance_mentions_by_source,
)
from briefing.model.analysis.disagreements.values import Disagreement, DisagreementValue, places
from briefing.model.analysis.quantities import numbers_in, quantities
from briefing.model.once import Checked, Stop, check, never
from briefing.model.pack import Pack
from briefing.model.parallel import both
from briefing.model.types import Claim, Source

FORK_AT_SOURCES = 100
"""Articles from which the amounts are worth a second core (~60 ms of work at 100 articles,
against ~10 ms to start a child and read its result back)."""

__all__ = [
    "CountMention",
    "Disagreement",
    "DisagreementValue",
    "StanceMention",
    "amount_disagreements",
    "claim_context",
    "claim_stance_disagreements",
    "count_disagreements",
    "count_mentions",
    "date_disagreements",
    "detect",
    "figures_conflict",
    "parse_figure",
    "pledge_stance_disagreements",
    "stance_disagreements",
    "stance_mentions",
    "uncovered",
]


def uncovered(pack: Pack, found: Sequence[Disagreement]) -> list[Disagreement]:
    """The disagreements found in the text that no claim of the pack covers.

    The one rule for what the disagreements view and the note list after the
    author's claims: a found disagreement whose claim is in the pack is shown
    as that claim (the author's wording), never twice.
    """
    return [d for d in found if d.claim is None or pack.get(d.claim) is None]


# --- meeting dates -------------------------------------------------------------


def date_disagreements(pack: Pack, dates: Mapping[str, MeetingDate]) -> list[Disagreement]:
    """Meetings that two sources place on days that cannot both be right."""
    found: list[Disagreement] = []
    for meeting in pack.meetings:
        checked = dates.get(meeting.id)
        if checked is None or not checked.conflicts:
            continue
        values: dict[str, DisagreementValue] = {}
        for pair in checked.conflicts:
            for p in pair:
                values.setdefault(
                    f"{p.source}:{p.start}",
                    DisagreementValue(
                        f"{p.resolution.shown()} ('{p.resolution.expression}')",
                        p.source,
                        p.sentence,
                        p.start,
                        p.end,
                    ),
                )
        found.append(
            Disagreement(f"Date of {meeting.title}", "meeting-date", tuple(values.values()), None)
        )
    return found


# --- the author's claims ---------------------------------------------------------------


def claim_context(pack: Pack, claim: Claim) -> str | None:
    """How a claim's values differ in time or in what they count, or None.

    Each value is read in its cited sentences (the source's date, a date the
    sentence gives, the words saying what is counted), as the detectors read
    the values they find.
    """
    values: list[tuple[str, ValueContext]] = []
    figures = all(parse_figure(v.value) is not None for v in claim.values)
    for value in claim.values:
        wanted = numbers_in(value.value)
        for evidence in value.evidence:
            source = pack.get(evidence.source)
            at = next(
                (q.start for q in quantities(evidence.sentence) if q.value in wanted),
                evidence.start - evidence.sentence_start,
            )
            values.append(
                (
                    value.value,
                    value_context(
                        source if isinstance(source, Source) else None, evidence.sentence, at
                    ),
                )
            )
    return explain(values, figures) if values else None


# --- all together ----------------------------------------------------------------


def _link_claims(pack: Pack, found: list[Disagreement]) -> list[Disagreement]:
    """Name the author's claim that cites the same sentences, when there is one.

    The claims' cited sentences are kept as intervals per source, in pack order
    (the first claim citing a sentence names it). A set of every cited character
    offset, as this once was, cost ~60 MiB at 1,000 articles for a few thousand
    lookups.
    """
    cited: dict[str, list[tuple[int, int, str]]] = {}
    for claim in pack.claims:
        for value in claim.values:
            for e in value.evidence:
                cited.setdefault(e.source, []).append((e.sentence_start, e.sentence_end, claim.id))

    def claim_at(source: str, offset: int) -> str | None:
        for start, end, claim_id in cited.get(source, ()):
            if start <= offset < end:
                return claim_id
        return None

    linked = []
    for d in found:
        claim_id = next(
            (c for c in (claim_at(*place) for place in places(d.values)) if c is not None), None
        )
        linked.append(Disagreement(d.topic, d.kind, d.values, claim_id or d.claim))
    return linked


def _seen_of(found: Sequence[Disagreement], extra: Sequence[Disagreement]) -> set[tuple[str, int]]:
    """The places (source, offset) of ``found``'s values that some value of ``extra`` has.

    All the extra stance detectors' filter needs to know: a set of every value's
    place cost ~10 MiB at detection's peak at 5,000 articles (160,000 values),
    for the few thousand places the extra values can be at.
    """
    wanted = {p for d in extra for p in places(d.values)}
    return {p for d in found for p in places(d.values) if p in wanted}


def detect(
    pack: Pack, dates: Mapping[str, MeetingDate] | None = None, stop: Stop = never
) -> tuple[Disagreement, ...]:
    """Every disagreement found in the pack's articles.

    ``stop`` is asked before each article (and each pledge and claim) is read:
    the reader detects in a worker that must give way to quitting (raises
    :class:`briefing.model.once.Stopped`).
    """
    sources = Checked(pack.sources, stop)

    def counts_and_stances() -> tuple[list[Disagreement], StanceMentions]:
        # Each article's stances are read once, for all three stance detectors.
        return count_disagreements(sources), stance_mentions_by_source(sources, pack.actors)

    # The amounts on a second core when the entry point allows it (the CLI; see
    # briefing.model.parallel): ~3 s of 8 at 5,000 articles, and a result of ~1 MB.
    # Run in turn, the amounts come first: their peak (every amount held at once)
    # then does not stack on the counts already found (it does when a child failed
    # and the parent finds them after all).
    amounts, (counts, stances) = both(
        partial(amount_disagreements, sources),
        counts_and_stances,
        shared=pack.sources,
        worth=len(pack.sources) >= FORK_AT_SOURCES,
    )
    found = counts + amounts
    del amounts, counts
    found += stance_disagreements(pack.sources, pack.actors, stances)
    extra = pledge_stance_disagreements(pack, stop, stances)
    extra += claim_stance_disagreements(pack, stop, stances)
    del stances
    seen = _seen_of(found, extra)
    for d in extra:
        if not all((v.source, v.start) in seen for v in d.values):
            found.append(d)
            seen.update((v.source, v.start) for v in d.values)
    del extra, seen
    check(stop)
    if dates is not None:
        found += date_disagreements(pack, dates)
    return tuple(_link_claims(pack, found))
