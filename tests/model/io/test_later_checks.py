"""The reader's deferred checks (``load_pack(defer_checks=True)``) lose nothing.

The meeting-date checks are left until the pack is shown; once run, the result
must be the full load's: the same diagnostics in the same order, the same pack
warnings, the resolved dates kept for the analysis, and a cache entry that keeps
every warning. An invalid pack is never deferred (its report is whole at once).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import PackMaker

from briefing.model.analysis.dates.meeting_dates import CheckedDates
from briefing.model.io import load_pack

MEETINGS = """\
actors:
  - id: someone
    name: Someone
    kind: person
    candidate: true
meetings:
  - id: paris
    title: Leaders meet
    date: 2025-03-11
    date_text: on Tuesday
    status: held
    evidence:
      - {source: wire, quote: "Leaders met in Paris on Tuesday"}
  - id: rome
    title: Leaders meet again
    date: 2025-03-04
    date_text: on Friday
    status: held
    evidence:
      - {source: wire, quote: "Leaders met in Paris on Tuesday"}
"""


def _lines(diagnostics: list) -> list[str]:  # type: ignore[type-arg]
    return [d.format() for d in diagnostics]


def test_later_checks_give_the_full_loads_warnings(make_pack: PackMaker) -> None:
    root = make_pack(MEETINGS)
    full = load_pack(root)
    assert full.pack is not None and full.later is None
    dated = [line for line in _lines(full.diagnostics) if "meeting '" in line]
    assert len(dated) == 2  # the two date warnings this test is about

    deferred = load_pack(root, defer_checks=True)
    assert deferred.pack is not None and deferred.later is not None
    shown = deferred.pack
    assert not any("meeting '" in line for line in _lines(deferred.diagnostics))
    assert len(deferred.diagnostics) == len(full.diagnostics) - 2  # the candidate warning

    late = deferred.run_later_checks()
    assert _lines(late) == dated
    assert _lines(deferred.diagnostics) == _lines(full.diagnostics)
    assert deferred.pack.warnings == full.pack.warnings
    assert deferred.pack == full.pack
    # The pack the reader already shows keeps the resolved dates, for the analysis.
    assert isinstance(shown.checked_dates, CheckedDates)
    assert shown.checked_dates.of(shown.meetings, shown.sources) is not None
    assert deferred.run_later_checks() == []  # once


def test_an_invalid_pack_is_never_deferred(make_pack: PackMaker) -> None:
    root = make_pack(MEETINGS.replace("kind: person", "kind: nobody"))
    full = load_pack(root)
    deferred = load_pack(root, defer_checks=True)
    assert full.pack is None and deferred.pack is None and deferred.later is None
    assert deferred.report() == full.report()
    assert sum("meeting '" in line for line in deferred.report()) == 2


def test_a_stored_entry_keeps_every_warning(
    make_pack: PackMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    root = make_pack(MEETINGS)
    full = load_pack(root)
    first = load_pack(root, cache=True, store_later=True, defer_checks=True)
    assert first.store_cache is not None and first.later is not None
    first.store_cache()  # before the checks were asked for: it runs them first
    assert first.later is None
    hit = load_pack(root, cache=True, defer_checks=True)
    assert hit.pack is not None and hit.later is None
    assert _lines(hit.diagnostics) == _lines(full.diagnostics)
