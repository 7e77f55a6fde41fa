"""Fixtures for the reader's tests (helpers live in tui_helpers.py)."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
import textual._wait

from briefing.model import load_pack
from briefing.model.pack import Pack


@pytest.fixture(autouse=True)
def no_user_keymap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's own keymap."""
    # A fixed path, not tmp_path: the help screen shows it, and snapshots must not vary.
    monkeypatch.setenv("BRIEFING_KEYMAP", "/nonexistent/briefing/keymap.toml")


@pytest.fixture(autouse=True, scope="session")
def quick_idle_checks() -> Iterator[None]:
    """Pilot's ``pause()`` and key presses wait until the process is idle: Textual samples
    the CPU clock every 20 ms and calls it idle when under 5% of that was used. Sample every
    4 ms (still idle below 5%): the same condition, seen sooner. At 20 ms a key press
    and its pauses sat idle for about 80 ms, a third of the reader tests' time."""
    granularity = 0.004
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textual._wait, "SLEEP_GRANULARITY", granularity)
        patch.setattr(textual._wait, "SLEEP_IDLE", granularity / 20)
        yield


@pytest.fixture(scope="session")
def pack() -> Pack:
    """The default pack, loaded once, for computing expectations."""
    result = load_pack(None)
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    return result.pack


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed for Pilot)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True
