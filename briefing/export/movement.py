"""The note's view of the story in time: what changed since a date, pledge histories, charts.

Split from :mod:`briefing.export.note` so the sections that walk the pack fact by
fact stay apart from the ones that read it day by day. Every line here is a
statement like any other in the note: it ends with a support tag and footnotes
quoting the sentences it rests on (for a change, the sentences on both sides of
it). The charts carry no claim of their own: each figure in them is also stated,
cited, in the text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping

from briefing.export.doc import (
    Block,
    Bullets,
    Chart,
    Heading,
    Item,
    Para,
    Piece,
    Point,
    Strong,
    Text,
)
from briefing.export.noteparts import Citations, actor_name
from briefing.model.analysis import Changes, PledgeHistory, pledge_histories, short_date
from briefing.model.analysis.story_days import story_days
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line
from briefing.model.types import Actor, Claim, Fact, Meeting, Pledge


def long_date(iso: str) -> str:
    """``7 Mar 2025`` for ``2025-03-07``: the heading's date."""
    short = short_date(iso)
    return f"{short} {iso[:4]}" if short != iso and len(iso) >= 4 else iso


def fact_line(pack: Pack, fact: Fact) -> str:
    """One line naming a fact, as the "since" section lists it."""
    if isinstance(fact, Meeting):
        return f"Meeting: {clean_line(fact.title)} ({fact.date or 'date unknown'}), {fact.status}"
    if isinstance(fact, Pledge):
        return f"Pledge: {actor_name(pack, fact.actor)}, {clean_line(fact.contribution)}: {fact.status}"
    if isinstance(fact, Claim):
        return f"Disputed point: {clean_line(fact.topic)}"
    assert isinstance(fact, Actor)
    return f"Actor: {clean_line(fact.name)}"


class Movement:
    """Builds the time-wise blocks of one note, citing through the note's own footnotes."""

    def __init__(self, pack: Pack, cites: Citations, selected: Collection[str] | None) -> None:
        self.pack = pack
        self.cites = cites
        self.selected = selected

    def _keep(self, item_id: str) -> bool:
        return self.selected is None or item_id in self.selected

    def since(self, changes: Changes) -> list[Block]:
        """ "What changed since DATE": new facts, status changes, new values, meetings now held."""
        day = changes.since
        blocks: list[Block] = [Heading(2, f"What changed since {long_date(day)}", "since")]
        groups: list[Item] = []
        after = {s.id for s in self.pack.sources if s.published and s.published > day}
        new = []
        for found in changes.new_facts:
            if not self._keep(found.fact.id):
                continue
            later = [e for e in found.fact.evidence if e.source in after]
            text = f"{fact_line(self.pack, found.fact)}; first reported {short_date(found.first)}"
            new.append(Item((Text(text), *self.cites.tagged(later))))
        if new:
            groups.append(Item((Strong("New:"),), tuple(new), statement=False))
        moved = []
        for change in changes.status_changes:
            if not any(self._keep(r) for r in change.history.records):
                continue
            pledge = change.pledge
            pieces: list[Piece] = [
                Text(f"{actor_name(self.pack, pledge.actor)}, {clean_line(pledge.contribution)}: "),
                Strong(change.before.label()),
                Text(" → "),
                Strong(change.after.label()),
            ]
            evidence = (*change.before.evidence, *change.after.evidence)
            moved.append(Item((*pieces, *self.cites.tagged(evidence))))
        if moved:
            groups.append(Item((Strong("Pledge status changed:"),), tuple(moved), statement=False))
        values = []
        for appeared in changes.appeared_values:
            if not self._keep(appeared.claim.id):
                continue
            value = appeared.value
            values.append(
                Item(
                    (
                        Text(f"{clean_line(appeared.claim.topic)}: "),
                        Strong(clean_line(value.value)),
                        Text(f" ({value.source}, {short_date(appeared.first)})"),
                        *self.cites.tagged(value.evidence, credibility=value.credibility),
                    )
                )
            )
        if values:
            groups.append(
                Item((Strong("New values on disputed points:"),), tuple(values), statement=False)
            )
        held = []
        for meeting in changes.now_held:
            if not self._keep(meeting.meeting.id):
                continue
            m = meeting.meeting
            text = (
                f"{clean_line(m.title)} ({m.date or 'date unknown'}): planned as of "
                f"{short_date(day)}, reported held {short_date(meeting.held_first)}"
            )
            held.append(Item((Text(text), *self.cites.tagged((*meeting.planned, *meeting.held)))))
        if held:
            groups.append(Item((Strong("Planned, now held:"),), tuple(held), statement=False))
        if not groups:
            blocks.append(
                Para(
                    (
                        Text(
                            f"Nothing new or changed in the sources published after {long_date(day)}."
                        ),
                    )
                )
            )
            return blocks
        blocks.append(Bullets(tuple(groups)))
        return blocks

    def histories(
        self, pledges: list[Pledge], histories: Mapping[str, PledgeHistory] | None = None
    ) -> list[Block]:
        """Pledges whose reported status moved, each as its history by source date.

        ``histories``: every pledge's, when the caller has built them (the pledge
        table has: building them is a pass over every pledge's evidence, and
        keeping them for the whole note would raise its peak memory).
        """
        if histories is None:
            histories = pledge_histories(self.pack)
        shown: dict[tuple[str, ...], PledgeHistory] = {}
        for pledge in pledges:
            history = histories.get(pledge.id)
            if history is not None and history.changed:
                shown.setdefault(history.records, history)
        if not shown:
            return []
        items = []
        for history in shown.values():
            first = self.pack.get(history.records[0])
            assert isinstance(first, Pledge)
            line: list[Piece] = [
                Text(f"{actor_name(self.pack, first.actor)}, {clean_line(first.contribution)}: ")
            ]
            for index, step in enumerate(history.steps):
                if index:
                    line.append(Text(" → "))
                line.append(Strong(step.label()))
            evidence = [e for step in history.steps for e in step.evidence]
            items.append(Item((*line, *self.cites.tagged(evidence, summary=True))))
        return [Heading(3, "How pledges moved", "pledge-history"), Bullets(tuple(items))]


def timeline_chart(pack: Pack, meetings: list[Meeting]) -> Chart | None:
    """The story's days with articles and the shown meetings (None without dated days)."""
    days = story_days(pack)
    if not days.days:
        return None
    shown = {m.id for m in meetings}
    points = tuple(
        Point(
            day.date,
            day.articles,
            sum(1 for m in day.held if m in shown),
            sum(1 for m in day.planned if m in shown),
        )
        for day in days.days
    )
    title = (
        f"The story day by day, {short_date(days.days[0].date)} to {short_date(days.days[-1].date)}: "
        "articles published (bars), meetings held (filled dots) and planned (open dots)"
    )
    return Chart("timeline", title, "timeline-chart", points)


def status_chart(pledges: list[Pledge], order: tuple[str, ...]) -> Chart | None:
    """How many pledges stand at each status, firmest first (None without pledges)."""
    counts = Counter(p.status for p in pledges)
    if not counts:
        return None
    points = tuple(Point(status, counts[status]) for status in order if counts[status])
    return Chart("statuses", "Pledges by status", "status-chart", points)
