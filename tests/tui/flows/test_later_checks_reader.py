"""The checks the reader leaves until its panes are filled: acted on early, nothing lost.

A first read of a large pack leaves the meeting-date checks (warnings only) until
the pack is shown. They are held here (a gate around them) so the analyst can act
before they end; once let through, their warnings are counted in the one notice,
and the load cache entry written after them keeps every warning.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from support import synthetic_pack
from tui_helpers import Reader, record_notices

from briefing.model.io import load_pack
from briefing.model.io.building import sections
from briefing.tui.app import BriefingApp

HOLD_AT_MOST = 60.0
"""A held check lets go after this long, so a broken test fails, never hangs."""


def _pack_with_a_date_warning(folder: Path) -> Path:
    """A 60-article synthetic pack whose first meeting's curated date disagrees with its text."""
    root = Path(synthetic_pack(60, folder))
    meetings = root / "data" / "meetings-000.yaml"
    text = meetings.read_text(encoding="utf-8")
    first = text.index("    date: ")
    end = text.index("\n", first)
    meetings.write_text(text[:first] + "    date: 2001-01-01" + text[end:], encoding="utf-8")
    return root


def _entries() -> list[Path]:
    return list(Path(os.environ["BRIEFING_CACHE_DIR"]).glob("*.json"))


async def test_act_before_the_later_checks_end_then_their_warnings_arrive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _pack_with_a_date_warning(tmp_path / "pack")
    full = load_pack(root)
    assert full.pack is not None
    warnings = len(full.pack.warnings)
    assert any("of meeting 'm-1' disagrees" in d.message for d in full.pack.warnings)

    gate, entered = threading.Event(), threading.Event()
    real = sections.check_meeting_dates

    def held(*args: Any) -> Any:
        entered.set()
        gate.wait(HOLD_AT_MOST)
        return real(*args)

    monkeypatch.setattr(sections, "check_meeting_dates", held)
    app = BriefingApp(str(root))
    notices = record_notices(app)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            reader = Reader(app, pilot, notices)
            await reader.until(
                lambda: app.derived is not None and reader.current_id is not None,
                "the panes filled",
            )
            await reader.until(entered.is_set, "the later checks started (and held)")
            # Acting now: the meeting whose date is wrong is shown like any other.
            await reader.browse_to("m-1")
            assert reader.current_id == "m-1"
            await reader.press("down")
            assert app.is_running
            assert not any("warning" in n for n in notices)  # not counted yet: not shown
            assert _entries() == []  # nor stored: the entry keeps every warning
            gate.set()
            await reader.until(
                lambda: f"{warnings} warning(s): run 'briefing validate' to list them" in notices,
                "the warnings notice, with the later checks' warnings counted",
            )
            await reader.until(lambda: bool(_entries()), "the load cache entry written")
            assert sum("warning(s)" in n for n in notices) == 1
            # The reader now holds the pack a full load gives, every warning in it.
            assert app.pack is not None and app.derived is not None
            assert app.derived.pack is app.pack
            assert [d.format() for d in app.pack.warnings] == [
                d.format() for d in full.pack.warnings
            ]
    finally:
        gate.set()
    hit = load_pack(root, cache=True, defer_checks=True)
    assert hit.later is None  # served by the entry, which has every warning
    assert [d.format() for d in hit.diagnostics] == [d.format() for d in full.diagnostics]


async def test_quitting_as_soon_as_the_pack_is_shown_still_writes_the_entry(
    tmp_path: Path,
) -> None:
    """The next start needs the entry most when the analyst quit at once; the later
    checks it waits for run even then."""
    root = _pack_with_a_date_warning(tmp_path / "pack")
    app = BriefingApp(str(root))
    async with app.run_test(size=(120, 36)) as pilot:
        reader = Reader(app, pilot, [])
        await reader.until(lambda: app.derived is not None, "the panes filled")
        # leaving the block quits now, before the later checks end
    deadline = time.monotonic() + HOLD_AT_MOST
    while not _entries():  # the load worker finishes its entry after the app has gone
        assert time.monotonic() < deadline, "no load cache entry written"
        await asyncio.sleep(0.01)
    hit = load_pack(root, cache=True, defer_checks=True)
    assert hit.later is None
    assert any("of meeting 'm-1' disagrees" in d.message for d in hit.diagnostics)
