"""Stance detection finds an actor's name by where a stance verb begins.

``_name_ending_at`` replaced one regex scan of every article per actor with a
check at each verb. Its definition is the regex it replaced: the leftmost (so
longest) of the names that ends exactly there, not preceded by a letter, digit,
underscore or hyphen.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from support import PackMaker

from briefing.model.analysis.disagreements.stances import _name_ending_at, stance_mentions
from briefing.model.io import load_pack

WORDS = ["Keir", "Starmer", "Keir Starmer", "Poland", "Ireland", "é", "-", "_", "1", " ", "x"]
TEXT = st.lists(st.sampled_from(WORDS), max_size=12).map("".join)
NAMES = st.lists(st.sampled_from(["Keir Starmer", "Starmer", "Poland", "land", "Ire"]), min_size=1)


def by_regex(text: str, end: int, names: tuple[str, ...]) -> int | None:
    alternatives = "|".join(re.escape(n) for n in names)
    for match in re.finditer(rf"(?<![\w-])(?=(?:{alternatives}))", text[:end]):
        for name in names:
            if text.startswith(name, match.start()) and match.start() + len(name) == end:
                return match.start()
    return None


@given(TEXT, NAMES, st.data())
def test_the_name_found_is_the_one_the_regex_finds(
    text: str, names: list[str], data: st.DataObject
) -> None:
    ordered = tuple(sorted(set(names), key=len, reverse=True))
    end = data.draw(st.integers(0, len(text)))
    assert _name_ending_at(text, end, ordered) == by_regex(text, end, ordered)


def test_examples() -> None:
    names = ("Keir Starmer", "Starmer")
    assert _name_ending_at("Sir Keir Starmer offered", 16, names) == 4
    assert _name_ending_at("Mr-Starmer offered", 10, names) is None
    assert _name_ending_at("XStarmer offered", 8, names) is None
    assert _name_ending_at("Starmer offered", 7, names) == 0


def test_stance_verbs_are_found_whatever_their_case(make_pack: PackMaker) -> None:
    """Headlines and shouted wire copy: "Poland REFUSED", "Ireland Declined"."""
    article = "Poland REFUSED to send troops.\nIreland Declined to send troops.\n"
    facts = """\
        actors:
          - {id: poland, name: Poland, kind: country}
          - {id: ireland, name: Ireland, kind: country}
        """
    pack = load_pack(make_pack(facts, article=article)).pack
    assert pack is not None
    found = {(m.actor, m.stance) for m in stance_mentions(pack.sources[0], pack.actors)}
    assert found == {("poland", "declined"), ("ireland", "declined")}
