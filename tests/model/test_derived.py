"""The one owner of derived data: each view built once, whichever threads ask together."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import synthetic_pack

from briefing.model import derived as derived_module
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


def test_only_the_most_recently_asked_actors_keep_their_mentions(
    pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session walks hundreds of actors: memory must not grow with the walk."""
    monkeypatch.setattr(derived_module, "MENTIONS_KEPT", 3)
    derived = Derived(pack)
    first, second, third, fourth = (a.id for a in pack.actors[:4])
    for actor in (first, second, third):
        assert derived.mentions(actor) is not None
    assert derived.known_mentions(first) is not None  # asked again: now the most recent
    assert derived.mentions(fourth) is not None
    assert derived.known_mentions(second) is None  # the least recently asked went
    assert all(derived.known_mentions(a) is not None for a in (first, third, fourth))
    again = derived.mentions(second)  # searched again, the same answer
    assert again == actor_mentions.mentions(pack, second)


def test_the_pack_keeps_no_derived_data(pack: Pack) -> None:
    """Two owners of one pack do not share what they built: nothing is stored on the pack."""
    first, second = Derived(pack), Derived(pack)
    assert first.index is first.index
    assert first.index is not second.index
    assert first.index.search("Starmmer")[0].actor_id == "starmer"
    assert not hasattr(pack, "cache")


def test_stopped_analysis_and_detection_keep_nothing_and_start_again(pack: Pack) -> None:
    """The reader's worker gives way to quitting: a stopped build is not half-kept."""
    derived = Derived(pack)
    asked: list[int] = []

    def stop_at_third() -> bool:
        asked.append(1)
        return len(asked) >= 3

    assert derived.build_analysis(stop_at_third) is None
    assert len(asked) == 3  # asked between meetings, stopped at the third
    assert derived.known_analysis is None
    analysis = derived.build_analysis(lambda: False)
    assert analysis is not None and derived.known_analysis is analysis
    assert not derived.disagreements_ready
    asked.clear()
    assert derived.find_disagreements(stop_at_third) is None
    assert not derived.disagreements_ready
    found = derived.find_disagreements(lambda: False)
    assert found is not None and derived.disagreements_ready
    assert derived.disagreements is found
    assert found == Derived(pack).disagreements  # the same as an uninterrupted detection


def test_the_non_blocking_forms_never_build(pack: Pack) -> None:
    """What the reader's panes ask while the worker builds: answers without building."""
    derived = Derived(pack)
    assert derived.known_analysis is None
    assert not derived.index_ready and not derived.disagreements_ready
    assert derived.known_analysis is None and not derived.index_ready  # still not built
    _ = derived.index
    assert derived.index_ready and derived.known_analysis is None


def test_pledge_histories_are_grouped_once_and_match_one_pledge_asked_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The pledges list asks a history on every key press: a lookup, not a new grouping."""
    from briefing.model.analysis import history

    pack = load_pack(str(synthetic_pack(12, tmp_path / "pack"))).pack
    assert pack is not None
    derived = Derived(pack)
    alone = {p.id: history.history_of(pack, p) for p in pack.pledges}
    assert any(len(h.records) > 1 for h in alone.values())  # records of one pledge to group
    calls = Counter[str]()
    real = history.content_words

    def counting(text: str) -> frozenset[str]:
        calls["compared"] += 1
        return real(text)

    monkeypatch.setattr(history, "content_words", counting)
    assert {p.id: derived.history(p) for p in pack.pledges} == alone
    first = calls["compared"]
    assert first > 0
    for pledge in pack.pledges:
        derived.history(pledge)
    assert calls["compared"] == first  # the second walk reads no contribution again


def test_histories_kept_for_a_few_actors_are_the_whole_packs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Kept per actor, a few actors at a time, they are what grouping the whole pack gives."""
    from briefing.model.analysis import history

    pack = load_pack(str(synthetic_pack(12, tmp_path / "pack"))).pack
    assert pack is not None
    monkeypatch.setattr(history, "MAX_COMPARED", 6)
    monkeypatch.setattr(derived_module, "HISTORIES_KEPT", 2)
    per_actor = Counter(p.actor for p in pack.pledges)
    assert max(per_actor.values()) > 6 and min(per_actor.values()) <= 6  # both ways are taken
    whole = history.pledge_histories(pack)
    assert any(len(h.records) > 1 for h in whole.values())  # some records are grouped
    derived = Derived(pack)
    for pledges in (pack.pledges, tuple(reversed(pack.pledges))):
        assert {p.id: derived.history(p) for p in pledges} == whole
