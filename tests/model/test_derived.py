"""The one owner of derived data: each view built once, whichever threads ask together."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from briefing.model import load_pack
from briefing.model.analysis import analyse as analyse_module
from briefing.model.derived import Derived
from briefing.model.names import actor_mentions
from briefing.model.names import search as search_module
from briefing.model.pack import Pack


@pytest.fixture(scope="module")
def pack() -> Pack:
    loaded = load_pack().pack
    assert loaded is not None
    return loaded


def _counted(
    calls: Counter[str], name: str, real: Callable[..., Any], pause: float = 0.05
) -> Callable[..., Any]:
    """``real``, counted and slowed down so that threads asking together overlap."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        time.sleep(pause)
        return real(*args, **kwargs)

    return wrapper


def test_three_threads_asking_at_once_build_each_view_once(
    pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load worker, the mentions search and the disagreement detection, together."""
    calls: Counter[str] = Counter()
    monkeypatch.setattr(
        analyse_module, "analyse", _counted(calls, "analysis", analyse_module.analyse)
    )
    monkeypatch.setattr(
        analyse_module, "detect", _counted(calls, "disagreements", analyse_module.detect)
    )
    monkeypatch.setattr(
        search_module.ActorIndex,
        "build",
        classmethod(_counted(calls, "index", search_module.ActorIndex.build.__func__)),  # type: ignore[attr-defined]
    )
    monkeypatch.setattr(
        actor_mentions, "mentions", _counted(calls, "mentions", actor_mentions.mentions)
    )
    derived = Derived(pack)
    actor = "starmer"
    start = threading.Barrier(6)
    results: dict[str, list[object]] = {}
    failures: list[BaseException] = []

    def ask(name: str, question: Callable[[], object]) -> None:
        try:
            start.wait()
            results.setdefault(name, []).append(question())
        except BaseException as exc:
            failures.append(exc)

    askers = {
        "load": lambda: (derived.analysis, derived.index),
        "mentions": lambda: derived.mentions(actor),
        "disagreements": lambda: derived.disagreements,
    }
    threads = [
        threading.Thread(target=ask, args=(name, question))
        for name, question in askers.items()
        for _twice in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    assert calls == {"analysis": 1, "index": 1, "mentions": 1, "disagreements": 1}
    for name, answers in results.items():
        first, second = (a if isinstance(a, tuple) else (a,) for a in answers)
        assert all(x is y for x, y in zip(first, second, strict=True)), name
    assert derived.known_mentions(actor) is results["mentions"][0]
    assert derived.mentions(actor) == actor_mentions.mentions(pack, actor)


def test_a_stopped_mentions_search_keeps_nothing(pack: Pack) -> None:
    derived = Derived(pack)
    assert derived.mentions("starmer", stop=lambda: True) is None
    assert derived.known_mentions("starmer") is None
    found = derived.mentions("starmer")
    assert found and derived.known_mentions("starmer") is found


def test_the_pack_keeps_no_derived_data(pack: Pack) -> None:
    """Two owners of one pack do not share what they built: nothing is stored on the pack."""
    first, second = Derived(pack), Derived(pack)
    assert first.index is first.index
    assert first.index is not second.index
    assert first.index.search("Starmmer")[0].actor_id == "starmer"
    assert not hasattr(pack, "cache")
