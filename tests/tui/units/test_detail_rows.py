"""The detail pane's rows as plain data: built and checked without Textual."""

from __future__ import annotations

from support import fresh_python

from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.types import Actor, Pledge
from briefing.tui.detail_rows import (
    PAGE,
    EvidenceRow,
    LinkRow,
    MentionRow,
    MoreRow,
    detail_rows,
)


def test_a_pledge_lists_its_fields_actor_link_and_evidence(pack: Pack) -> None:
    pledge = next(p for p in pack.pledges if len(p.evidence) > 1)
    actor = pack.get(pledge.actor)
    assert isinstance(actor, Actor)
    shown = detail_rows(Derived(pack), pledge, marked=True)
    assert shown.title == f"Pledge: {actor.name} ● marked"
    assert shown.rows[0].target is None and pledge.contribution in shown.rows[0].plain
    targets = [row.target for row in shown.rows if row.target is not None]
    assert targets == [LinkRow(pledge.actor)] + [
        EvidenceRow(i) for i in range(len(pledge.evidence))
    ]
    position = shown.index_of(EvidenceRow(1))
    assert position is not None and shown.target_at(position) == EvidenceRow(1)
    assert shown.rows[position].plain.startswith(f"2/{len(pledge.evidence)} ")
    assert shown.index_of(EvidenceRow(len(pledge.evidence))) is None


def test_long_groups_show_a_page_then_a_more_row(pack: Pack) -> None:
    actor = max(pack.actors, key=lambda a: sum(isinstance(f, Pledge) for f in pack.facts_of(a.id)))
    pledges = [f.id for f in pack.facts_of(actor.id) if isinstance(f, Pledge)]
    assert len(pledges) >= 2
    derived = Derived(pack)
    first = detail_rows(derived, actor, expanded={"pledges": 1})
    links = [r.target for r in first.rows if isinstance(r.target, LinkRow)]
    assert LinkRow(pledges[0]) in links and LinkRow(pledges[1]) not in links
    more = first.index_of(MoreRow("pledges"))
    assert more is not None
    assert f"{len(pledges) - 1:,} more pledges" in first.rows[more].plain
    everything = detail_rows(derived, actor, expanded={"pledges": len(pledges)})
    assert everything.index_of(MoreRow("pledges")) is None
    assert all(everything.index_of(LinkRow(p)) is not None for p in pledges)


def test_rows_stay_few_however_many_facts_an_actor_has(pack: Pack) -> None:
    """The pane wraps every row on each key press: no group may list more than a page."""
    derived = Derived(pack)
    for actor in pack.actors:
        shown = detail_rows(derived, actor, mentions=derived.mentions(actor.id))
        for kind in (LinkRow, MentionRow):
            assert sum(isinstance(r.target, kind) for r in shown.rows) <= 4 * PAGE


def test_mentions_not_found_yet_say_so(pack: Pack) -> None:
    derived = Derived(pack)
    actor = pack.actor("starmer")
    waiting = detail_rows(derived, actor, mentions=None)
    assert waiting.finding_mentions and waiting.mentions == ()
    assert any(
        row.plain.startswith(f"Mentions (finding them in {len(pack.sources)} ")
        for row in waiting.rows
    )
    found = derived.mentions(actor.id)
    assert found
    ready = detail_rows(derived, actor, mentions=found)
    assert not ready.finding_mentions and ready.mentions == tuple(found)
    assert ready.index_of(MentionRow(0)) is not None


def test_untrusted_text_stays_literal(pack: Pack) -> None:
    """Rows carry text, never markup: a pack's "[b]" is shown as written."""
    from dataclasses import replace

    pledge = replace(pack.pledges[0], contribution="[b]not bold[/b] \x1b[31m")
    shown = detail_rows(Derived(pack), pledge)
    contribution = next(r for r in shown.rows if r.plain.startswith("contribution:"))
    assert "[b]not bold[/b]" in contribution.plain
    assert "\x1b" not in contribution.plain


def test_the_rows_module_needs_no_textual() -> None:
    code = (
        "import sys\nimport briefing.tui.detail_rows\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    out = fresh_python(code)
    assert out.strip() == "[]"
