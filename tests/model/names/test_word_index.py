"""The word index narrows a mentions search without changing its answer.

The full scan over every article stays the oracle: for every actor of the
default pack, of a pack made from each fixture story and of the benchmarks'
synthetic pack, the indexed search must return the very same mentions. The
fuzzy bound behind it is also checked against brute force on small random
texts, where words running together and splitting ("keirst armer") are common.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from support import FIXTURES, REPO, sha

from briefing.model import load_pack
from briefing.model.names import mentions
from briefing.model.names.folding import fold_char, fold_with_map
from briefing.model.names.search import ActorIndex
from briefing.model.names.word_index import WORD, WordIndex, max_indel, substring_indel
from briefing.model.pack import Pack

STORIES = sorted(p.parent.name for p in FIXTURES.glob("*/answer_key.yaml"))


def assert_same_as_full_scan(pack: Pack, stride: int = 1) -> int:
    """Every ``stride``-th actor's indexed mentions equal the full scan's; returns how many were found."""
    index = ActorIndex.build(pack)
    words = WordIndex.build([s.text for s in pack.sources])
    total = 0
    for actor in pack.actors[::stride]:
        full = mentions(pack, actor.id, index, include_boilerplate=True)
        assert mentions(pack, actor.id, index, include_boilerplate=True, words=words) == full
        total += len(full)
    return total


def story_pack(story: str, root: Path) -> Pack:
    """A pack of one fixture story's articles and its answer key's actors (no facts)."""
    key = yaml.safe_load((FIXTURES / story / "answer_key.yaml").read_text(encoding="utf-8"))
    (root / "data").mkdir(parents=True)
    (root / "seeds").mkdir()
    sources = []
    for number, path in enumerate(sorted((FIXTURES / story).glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        (root / "seeds" / path.name).write_text(text, encoding="utf-8")
        sources.append(
            {
                "id": f"s{number}",
                "file": f"seeds/{path.name}",
                "sha256": sha(text),
                "outlet": f"Outlet {number}",
                "title": path.stem,
                "published": "2025-03-10",
                "language": "en",
            }
        )
    actors = [
        {
            "id": re.sub(r"\W+", "-", actor["name"].casefold()).strip("-"),
            "name": actor["name"],
            "kind": actor["kind"],
            "aliases": actor.get("variants") or [],
        }
        for actor in key["actors"]
    ]
    header = {"pack": {"title": story, "story": story, "as_of": "2025-06-01"}, "sources": sources}
    (root / "data" / "pack.yaml").write_text(yaml.safe_dump(header), encoding="utf-8")
    (root / "data" / "actors.yaml").write_text(yaml.safe_dump({"actors": actors}), encoding="utf-8")
    result = load_pack(str(root))
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    return result.pack


def test_default_pack_every_actor_same_as_full_scan() -> None:
    pack = load_pack(str(REPO)).pack
    assert pack is not None
    assert assert_same_as_full_scan(pack) > 0


@pytest.mark.parametrize("story", STORIES)
def test_fixture_story_every_actor_same_as_full_scan(story: str, tmp_path: Path) -> None:
    assert assert_same_as_full_scan(story_pack(story, tmp_path / "pack")) > 0


def test_synthetic_pack_actors_same_as_full_scan(synthetic: Pack) -> None:
    """Every sixth of its 144 actors (each full scan reads all 60 articles: every actor
    took 23 s of the suite). The generator writes the same shapes of name for every
    article (persons with a surname, possessive and garbled alias; countries), so a
    stride keeps every shape; the fixture stories above are checked whole."""
    assert len(synthetic.actors[::6]) >= 20
    assert assert_same_as_full_scan(synthetic, stride=6) > 0


def test_garbled_and_run_together_names_are_candidates() -> None:
    texts = ["Keirst armer spoke.", "Sir Kier Starmer spoke.", "Nothing here.", "Starmmer spoke."]
    words = WordIndex.build(texts)
    assert words.fuzzy("keir starmer", 88.0) == {0, 1}
    assert words.fuzzy("starmer", 88.0) == {1, 3}
    pattern = re.compile(r"(?<![^\W_])[s?][t?][a?][r?][m?][e?][r?](?![^\W_])", re.IGNORECASE)
    assert words.exact([pattern]) == {1}


def test_words_run_together_further_than_a_word_can_differ() -> None:
    """ "Emmanuelmakr on": each name word is 4 edits from every word (the bound is 3),
    but the space moved only: the run-together part of the bound finds it."""
    words = WordIndex.build(["Emmanuelmakr on said.", "Emmanuel said on."])
    assert fuzz.ratio("emanuel makron", "emanuelmakr on") >= 88.0
    assert words.fuzzy("emanuel makron", 88.0) == {0}


def test_stop_ends_the_build() -> None:
    from briefing.model.once import Stopped

    with pytest.raises(Stopped):
        WordIndex.build(["a", "b"], stop=lambda: True)


def windows(text: str, size: int) -> list[str]:
    from briefing.model.names.folding import skeleton

    skeletons = [skeleton(w.casefold()) for w in WORD.findall(text)]
    return [" ".join(skeletons[i : i + size]) for i in range(len(skeletons) - size + 1)]


LETTERS = st.text(alphabet="aben", min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(
    name=st.lists(LETTERS, min_size=2, max_size=3).map(" ".join),
    texts=st.lists(st.lists(LETTERS, max_size=8).map(" ".join), min_size=1, max_size=4),
    threshold=st.sampled_from([60.0, 75.0, 88.0]),
)
def test_fuzzy_candidates_hold_every_close_window(
    name: str, texts: list[str], threshold: float
) -> None:
    """No article with a window scoring the threshold is left out (few letters: many near misses)."""
    words = WordIndex.build(texts)
    size = len(name.split())
    close = {
        number
        for number, text in enumerate(texts)
        if any(fuzz.ratio(name, w) >= threshold for w in windows(text, size))
    }
    assert close <= words.fuzzy(name, threshold)


@settings(max_examples=300, deadline=None)
@given(
    name=st.lists(st.text(alphabet="abenrst", min_size=3, max_size=9), min_size=2, max_size=3),
    cuts=st.lists(st.integers(0, 27), min_size=1, max_size=3),
    edit=st.tuples(st.integers(0, 27), st.sampled_from(["", "a", "b", "n"])),
    noise=st.lists(LETTERS, max_size=4),
)
def test_fuzzy_candidates_hold_respaced_names(
    name: list[str], cuts: list[int], edit: tuple[int, str], noise: list[str]
) -> None:
    """The name's letters cut at other places, one letter changed, among other words."""
    letters = "".join(name)
    at, letter = edit
    letters = letters[:at] + letter + letters[at + 1 :]
    bounds = sorted({min(c, len(letters)) for c in cuts} | {0, len(letters)})
    window = " ".join(letters[a:b] for a, b in itertools.pairwise(bounds) if a < b)
    text = " ".join([*noise, window, *noise[:1]])
    words = WordIndex.build([text, " ".join(noise)])
    joined = " ".join(name)
    for threshold in (75.0, 88.0):
        if any(fuzz.ratio(joined, w) >= threshold for w in windows(text, len(name))):
            assert 0 in words.fuzzy(joined, threshold)


@settings(max_examples=300, deadline=None)
@given(name=st.text("abc ", min_size=1, max_size=12), other=st.text("abc ", max_size=16))
def test_max_indel_bounds_every_close_string(name: str, other: str) -> None:
    for threshold in (60.0, 88.0):
        if fuzz.ratio(name, other) >= threshold:
            assert Indel.distance(name, other) <= max_indel(len(name), threshold)


@settings(max_examples=300, deadline=None)
@given(word=st.text("abc", max_size=6), text=st.text("abc", max_size=8))
def test_substring_indel_is_the_best_substring(word: str, text: str) -> None:
    best = min(
        Indel.distance(word, text[i:j])
        for i in range(len(text) + 1)
        for j in range(i, len(text) + 1)
    )
    assert substring_indel(word, text) == best


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ. ?!'’æßø\u0301é\u00a0ﬁ¼İ1_\n-", max_size=20))
def test_fold_with_map_is_the_character_by_character_fold(text: str) -> None:
    out: list[str] = []
    mapping: list[int] = []
    for index, char in enumerate(text):
        for produced in fold_char(char):
            out.append(produced)
            mapping.append(index)
    folded, fast = fold_with_map(text)
    assert (folded, list(fast)) == ("".join(out), [*mapping, len(text)])
