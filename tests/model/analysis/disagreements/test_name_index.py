"""The name index answers "who does this sentence name?" exactly as asking each actor does.

``NameIndex`` exists so that the faithfulness rule ``named`` asks each sentence
once instead of once per affiliated actor (a quadratic check before). It only
narrows which actors are asked; these tests hold it to the per-actor question
(``NamedIn.names``) on varied actors and sentences: garbled spellings, acronyms,
possessives, names with a lost letter, sentences with one, many people sharing a
surname, and whole faithfulness checks of packs with both rules.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
from support import REPO, synthetic_pack

from briefing.model.analysis import faithfulness
from briefing.model.analysis.faithfulness import check
from briefing.model.analysis.named_check import Names, named
from briefing.model.io import load_pack
from briefing.model.names.actor_mentions import NamedIn, name_pattern
from briefing.model.names.name_index import NameIndex, needed_pairs, pattern_key
from briefing.model.types import Actor

ACTORS = [
    Actor("uk", "United Kingdom", "country", ("UK", "Britain", "British", "Britain’s")),
    Actor("us", "United States", "country", ("US", "U.S.", "American", "Washington")),
    Actor("norway", "Norway", "country", ("Norwegian", "Oslo")),
    Actor("g7", "G7", "organisation", ("Group of Seven",)),
    Actor("starmer", "Sir Keir Starmer", "person", ("Starmer", "Starmmer"), affiliation="uk"),
    Actor("store", "Jonas Gahr Støre", "person", ("Store",), affiliation="norway"),
    Actor("zel", "Volodymyr Zelenskyy", "person", ("Zelen?kyy", "Selenskyj")),
    Actor("obrien", "Máire O'Brien", "person", (), affiliation="ireland"),
    Actor("ireland", "Ireland", "country", ("Irish", "Dublin")),
    Actor("kovac1", "Anna Kovacic", "person", (), affiliation="uk"),
    Actor("kovac2", "Boris Kovacic", "person", ("Kovacic’s",), affiliation="us"),
    Actor("eu", "European Union", "organisation", ("EU", "Brussels")),
]

_TEXT = (
    "the Prime Minister said on Monday that talks in Oslo would go on Starmer Starmmer "
    "Stramer Kovacic Kovacik Kovačić Zelenskyy Zelenskiy Selenskyj Zelen?kyy Støre Store "
    "STORE us US U.S. UK uk British Britons Irish O'Brien OBrien Brien G7 G-7 g7 EU eu "
    "Washington Washingten Group of Seven the Norwegian's ministers? who? Kov?cic "
    "Brussels Bruxelles Amerikan American's Kyiv Dublin Dubln"
)
WORDS = _TEXT.split()


def _truth(sentence: str, actors: list[Actor]) -> frozenset[str]:
    view = NamedIn(sentence)
    named = [a for a in actors if view.names(a)]
    return frozenset({a.id for a in named} | {a.affiliation for a in named if a.affiliation})


def test_the_index_names_exactly_the_actors_asked_one_by_one() -> None:
    rng = random.Random(19)
    index = NameIndex(ACTORS)
    narrowed = 0
    for _ in range(600):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 14)))
        if rng.random() < 0.3:
            sentence = sentence.replace(" ", ", ", 1) + "."
        found = index.named(NamedIn(sentence))
        if found is None:  # not narrowed: the caller asks actor by actor
            assert "?" in sentence or not sentence.isascii()
            continue
        narrowed += 1
        assert found == _truth(sentence, ACTORS), sentence
    assert narrowed > 300


def test_a_sentence_is_asked_about_few_actors_however_many_share_the_pack() -> None:
    """A sentence naming nobody costs no per-actor question, at any pack size."""
    people = [
        Actor(f"p{i}", f"Person{i} Surname{i}", "person", (f"Surname{i}",), affiliation="uk")
        for i in range(2000)
    ]
    calls = 0
    original = NamedIn.names

    def counting(self: NamedIn, actor: Actor) -> bool:
        nonlocal calls
        calls += 1
        return original(self, actor)

    index = NameIndex([*ACTORS, *people])
    NamedIn.names = counting  # type: ignore[method-assign]
    try:
        found = index.named(NamedIn("Ministers from 25 countries met in Paris on Tuesday."))
        named = index.named(NamedIn("Surname1234 spoke for the United Kingdom."))
    finally:
        NamedIn.names = original  # type: ignore[method-assign]
    assert calls == 0  # the index asks forms, never every actor
    assert found == frozenset()
    assert named == _truth("Surname1234 spoke for the United Kingdom.", [*ACTORS, *people])
    assert named is not None and {"p1234", "uk"} <= named


def test_pattern_key_is_a_whole_word_every_match_contains() -> None:
    for written, key in [
        ("Sir Keir Starmer", "starmer"),
        ("U.S.", "us"),
        ("G7", "g7"),
        ("Jean-Noël Barrot", "barrot"),
        ("Zelen?kyy", None),
    ]:
        pattern = name_pattern(written)
        assert pattern is not None
        assert pattern_key(pattern.pattern) == key


def test_needed_pairs_follow_the_ratio_bound() -> None:
    # two 10-letter strings at ratio >= 88 differ by at most 2 indels: 9 - 4 pairs shared
    assert needed_pairs(10, 10, 88.0) == 5
    assert needed_pairs(10, 16, 88.0) < -1000  # lengths alone rule it out


def _synthetic(size: int, tmp: str) -> str:
    return str(synthetic_pack(size, Path(tmp)))


def test_the_indexed_rule_reports_what_the_per_actor_rule_reports(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    for root in (str(REPO), _synthetic(8, f"{tmp_path}/synthetic")):
        pack = load_pack(root).pack
        assert pack is not None
        for indexed in (True, False):
            names = Names(pack, indexed=indexed)
            findings = [
                f for m in pack.meetings for f in named(names, m, (p.actor for p in m.participants))
            ] + [f for p in pack.pledges for f in named(names, p, (p.actor,))]
            if indexed:
                with_index = findings
            else:
                assert with_index == findings
        indexed_check = check(pack)
        with monkeypatch.context() as patched:
            patched.setattr(faithfulness, "Names", functools.partial(Names, indexed=False))
            assert check(pack) == indexed_check


def test_unnamed_participants_found_with_and_without_the_index(tmp_path: object) -> None:
    """On a pack whose evidence does not name the participants, both find the same ones."""
    root = _synthetic(6, f"{tmp_path}/synthetic")
    pack = load_pack(root).pack
    assert pack is not None
    # every participant swapped for the next country: most are then named nowhere
    countries = [a.id for a in pack.actors if a.kind == "country"]
    plain, indexed = Names(pack, indexed=False), Names(pack)
    for meeting in pack.meetings:
        swapped = [
            countries[(countries.index(p.actor) + 1) % len(countries)] for p in meeting.participants
        ]
        assert list(named(plain, meeting, swapped)) == list(named(indexed, meeting, swapped))
    assert any(list(named(plain, m, countries)) for m in pack.meetings)
