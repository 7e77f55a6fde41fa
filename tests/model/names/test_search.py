"""Actor search: misspelt, garbled, transliterated and demonym queries find the right actor first.

The expected answers below were written from the articles, not from running the
code: each query is how an analyst (or a machine translation) might write the
actor's name.
"""

from __future__ import annotations

import pytest
from search_actors import ACTORS

from briefing.model.names import ActorIndex, Hit, fold, skeleton, strip_titles
from briefing.model.types import Actor

INDEX = ActorIndex.build(ACTORS)
PRUNED = ActorIndex.build(ACTORS, scan_limit=0)
"""The same actors through the trigram shortlist that large packs use."""

EXPECTED_TOP = [
    # dropped, doubled, swapped letters
    ("starmr", "starmer"),
    ("Starmmer", "starmer"),
    ("Keir Stramer", "starmer"),
    ("Emanuel Macron", "macron"),
    ("Donld Trump", "trump"),
    ("Trumpp", "trump"),
    ("Radakn", "radakin"),
    ("Healy", "healey"),
    ("John Heeley", "healey"),
    ("Hegset", "hegseth"),
    ("Jonathan Powel", "powell"),
    ("albanesi", "albanese"),
    ("Antony Albanese", "albanese"),
    ("Ursula von der Leyden", "von-der-leyen"),
    ("Frannce", "france"),
    ("Polland", "poland"),
    ("Ukrane", "ukraine"),
    ("New Zeeland", "new-zealand"),
    ("European Unoin", "eu"),
    ("European Comission", "commission"),
    ("Bloomburg", "bloomberg"),
    ("Andurill", "anduril"),
    ("Brittain", "uk"),
    ("United Nation", "un"),
    # token order, titles, initials, partial names
    ("Starmer Keir", "starmer"),
    ("PM Starmer", "starmer"),
    ("Sir Keir", "starmer"),
    ("Prime Minister Keir Starmer", "starmer"),
    ("K. Starmer", "starmer"),
    ("President Macron", "macron"),
    ("macron", "macron"),
    ("Taoiseach Micheal Martin", "martin"),
    ("von der leyen", "von-der-leyen"),
    ("Radakin", "radakin"),
    ("Peter Hegseth", "hegseth"),
    ("Espen Eide", "eide"),
    ("Espen", "eide"),
    # transliterations
    ("Makron", "macron"),
    ("Zelenskiy", "zelenskyy"),
    ("Zelensky", "zelenskyy"),
    ("Selenskyj", "zelenskyy"),
    ("lavrof", "lavrov"),
    ("Sergei Lavrov", "lavrov"),
    ("Sergey Lawrow", "lavrov"),
    ("Thierry Burkhardt", "burkhard"),
    ("Luxemburg", "luxembourg"),
    # garbled forms that only an alias can reach, and typos of them
    ("Volenshyr", "zelenskyy"),
    ("Volenshir", "zelenskyy"),
    # lost accents and lost characters
    ("Micheál Martin", "martin"),
    ("Micheal Martin", "martin"),
    ("Michael Martin", "martin"),
    ("Miche?l", "martin"),
    ("Miche?l Martin", "martin"),
    ("MICHEAL MARTIN", "martin"),
    # demonyms, country and organisation synonyms
    ("British", "uk"),
    ("U.K.", "uk"),
    ("the French", "france"),
    ("U.S.", "us"),
    ("American", "us"),
    ("EU", "eu"),
    ("Polish", "poland"),
    ("Irish", "ireland"),
    ("Norwegian", "norway"),
    ("Italian", "italy"),
    ("Spanish", "spain"),
    ("Canadian", "canada"),
    ("Australian", "australia"),
    ("Türkiye", "turkey"),
    ("Turkish", "turkey"),
    ("Japanese", "japan"),
    ("Russian", "russia"),
    ("Ukrainian", "ukraine"),
    ("Belgian", "belgium"),
    ("Saudi", "saudi-arabia"),
    ("Nato", "nato"),
    ("North Atlantic Treaty Organisation", "nato"),
    ("UN", "un"),
    ("BBC", "bbc"),
    ("A.F.P.", "afp"),
    ("Agence France Presse", "afp"),
]

NOTHING = ["", "   ", "?!", "xqzv", "Pizza Hut", "qwertyuiop", "vdl", "Zimbabwe", "zzzz zzzz"]


def test_there_are_at_least_thirty_variant_queries() -> None:
    assert len(EXPECTED_TOP) >= 30
    assert len({q for q, _ in EXPECTED_TOP}) == len(EXPECTED_TOP)
    known = {a.id for a in ACTORS}
    assert {expected for _, expected in EXPECTED_TOP} <= known


@pytest.mark.parametrize(("query", "expected"), EXPECTED_TOP)
def test_first_result_is_the_right_actor(query: str, expected: str) -> None:
    hits = INDEX.search(query)
    assert hits, f"{query!r} found nothing"
    assert hits[0].actor_id == expected, [(h.actor_id, h.score, h.matched) for h in hits[:3]]


@pytest.mark.parametrize(("query", "expected"), EXPECTED_TOP)
def test_the_pruned_index_agrees_with_the_full_scan(query: str, expected: str) -> None:
    full = INDEX.search(query, limit=5)
    pruned = PRUNED.search(query, limit=5)
    assert pruned[0].actor_id == full[0].actor_id == expected
    assert pruned[0].score == full[0].score


@pytest.mark.parametrize("query", NOTHING)
def test_nonsense_finds_nothing(query: str) -> None:
    assert INDEX.search(query) == [], [(h.actor_id, h.score) for h in INDEX.search(query)]
    assert PRUNED.search(query) == []


def test_accent_plain_and_lost_character_forms_score_alike() -> None:
    forms = ["Micheál", "Micheal", "Miche?l"]
    tops = [INDEX.search(f)[0] for f in forms]
    assert {t.actor_id for t in tops} == {"martin"}
    assert len({t.score for t in tops}) == 1, tops


def test_a_hit_says_which_name_matched_and_how_well() -> None:
    alias = INDEX.search("Volenshyr")[0]
    assert (alias.matched, alias.score) == ("Volenshyr", 100.0)
    demonym = INDEX.search("Norwegian")[0]
    assert demonym.matched == "Norwegian"
    assert demonym.name == "Norway" and demonym.kind == "country"
    typo = INDEX.search("Starmmer")[0]
    assert typo.matched in ("Keir Starmer", "Sir Keir Starmer")
    assert typo.score < alias.score
    assert Hit("x", "X", "person", 1.0, "X").as_json() == {
        "id": "x",
        "name": "X",
        "kind": "person",
        "score": 1.0,
        "matched": "X",
    }


def test_results_are_distinct_actors_best_first_within_the_limit() -> None:
    for query in ("Sta", "United", "Ma", "Europe"):
        hits = INDEX.search(query, limit=4)
        assert len(hits) <= 4
        assert len({h.actor_id for h in hits}) == len(hits)
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)
    assert INDEX.search("starmer", limit=0) == []


def test_the_first_letters_typed_find_names_starting_with_them() -> None:
    ids = [h.actor_id for h in INDEX.search("st")]
    assert "starmer" in ids and "us" in ids  # Keir STarmer, United STates
    assert all(
        any(w.startswith("st") for w in skeleton(fold(INDEX.actor(i).name)).split())  # type: ignore[union-attr]
        or any(
            w.startswith("st")
            for a in INDEX.actor(i).aliases  # type: ignore[union-attr]
            for w in skeleton(fold(a)).split()
        )
        for i in ids
    )


def test_typing_a_name_letter_by_letter_keeps_it_on_top_once_it_is_distinctive() -> None:
    name = "Volodymyr Zelenskyy"
    for end in range(len("Volod"), len(name) + 1):
        assert INDEX.search(name[:end])[0].actor_id == "zelenskyy", name[:end]


def test_folding_and_titles() -> None:
    assert fold("Micheál  Martin!") == "micheal martin"
    assert fold("U.S.") == "us"
    assert fold("Miche?l") == "miche?l"
    assert fold("Who?") == "who"
    assert fold("Ødegaard-Łukasz") == "odegaard lukasz"
    assert strip_titles(fold("Prime Minister Sir Keir Starmer")) == "keir starmer"
    assert strip_titles("president") == "president"
    assert skeleton("zelenskyy") == skeleton("zelenskiy") == skeleton("selenskyj")


def test_search_stays_off_numpy() -> None:
    """numpy costs ~166 ms to import: searching must not pull it onto the start-up path."""

    from support import fresh_python

    code = (
        "import sys\n"
        "from briefing.model.names.search import ActorIndex\n"
        "from briefing.model.names.actor_mentions import mentions\n"
        "from briefing.model import load_pack\n"
        "pack = load_pack().pack\n"
        "ActorIndex.build(pack).search('Starmmer')\n"
        "mentions(pack, pack.actors[0].id)\n"
        "print('numpy' in sys.modules)\n"
    )
    out = fresh_python(code)
    assert out.strip() == "False"


def test_a_possessive_finds_its_owner_first() -> None:
    """Issue 22 bug 7: "Macron's" found "UK’s" and "Kyiv’s" aliases above Macron (all 86)."""
    actors = (
        Actor(id="uk", name="United Kingdom", kind="country", aliases=("UK", "UK’s")),
        Actor(id="ukraine", name="Ukraine", kind="country", aliases=("Kyiv", "Kyiv’s")),
        Actor(id="macron", name="Emmanuel Macron", kind="person", aliases=("Macron",)),
    )
    index = ActorIndex.build(actors)
    for query in ("Macron's", "Macron’s", "MACRON'S", "Emmanuel Macron's"):
        hits = index.search(query)
        assert hits[0].actor_id == "macron", (query, hits)
        assert all(hit.score < hits[0].score for hit in hits[1:]), (query, hits)
    assert index.search("Kyiv’s")[0].actor_id == "ukraine"
    assert fold("Macron’s plan") == "macron plan"
    assert fold("the allies' plan") == "the allies plan"
    assert fold("Lee's") == fold("Lee’s") == "lee"


def test_a_short_name_is_not_found_inside_another_word() -> None:
    """ "Abiy" reduces to "abi", which sits inside "arabia": Saudi Arabia scored 90, level
    with Abiy Ahmed for the typo "Abyi". A name is matched from a word's start; a typo
    and a name still being typed are found as before."""
    actors = (
        Actor(id="abiy", name="Abiy Ahmed", kind="person", aliases=("Abiy",)),
        Actor(id="saudi", name="Saudi Arabia", kind="country"),
        Actor(id="ukraine", name="Ukraine", kind="country"),
    )
    index = ActorIndex.build(actors)
    for query in ("Abiy", "Abyi", "Abiy Ahmad"):
        assert [hit.actor_id for hit in index.search(query)] == ["abiy"], query
    assert index.search("Saudi Arabai")[0].actor_id == "saudi"
    assert index.search("Ukrain")[0].actor_id == "ukraine"  # typed so far
    assert index.search("Arabia")[0].actor_id == "saudi"
    assert index.search("AbiyAhmed")[0].actor_id == "abiy"  # a lost space
