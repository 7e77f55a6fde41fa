"""The meeting dates the load resolved are the analysis's: the same, and never stale."""

from __future__ import annotations

import dataclasses

from briefing.model.analysis.analyse import analyse
from briefing.model.analysis.dates.meeting_dates import meeting_date
from briefing.model.io import load_pack


def test_the_analysis_reuses_the_dates_the_load_resolved() -> None:
    pack = load_pack().pack
    assert pack is not None and pack.meetings
    checked = pack.checked_dates
    assert checked is not None
    dates = analyse(pack).dates
    sources = {s.id: s for s in pack.sources}
    for meeting, kept in zip(pack.meetings, checked.dates, strict=True):
        assert dates[meeting.id] is kept  # reused, not resolved again
        assert kept == meeting_date(meeting, sources)  # and what resolving again gives


def test_a_pack_with_other_meetings_resolves_its_own() -> None:
    pack = load_pack().pack
    assert pack is not None
    first = pack.meetings[0]
    moved = dataclasses.replace(first, date_text="yesterday")
    other = dataclasses.replace(pack, meetings=(moved, *pack.meetings[1:]))
    assert other.checked_dates is None
    sources = {s.id: s for s in pack.sources}
    assert analyse(other).dates[first.id] == meeting_date(moved, sources)
