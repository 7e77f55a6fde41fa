"""The one country table: drafting reads every form, search and mentions read the synonyms."""

from __future__ import annotations

from support import PackMaker

from briefing.model import load_pack
from briefing.model.names import mentions
from briefing.model.names.countries import COUNTRIES, country_of
from briefing.model.names.folding import fold, synonyms_of

ARTICLE = (
    "Chadian troops arrived. The Pole position was taken by Warsaw's rival.\n"
    "Polish officials said Poland would help. Washington said nothing.\n"
)


def test_every_country_has_a_synonym_group_from_the_table() -> None:
    # Not only the countries a hand-made list once named: Chad was never in it.
    assert "Chad" in synonyms_of("chadian")
    for country in COUNTRIES:
        if country.region:
            continue
        for term in country.synonyms:
            group = synonyms_of(fold(term))
            assert fold(term) == fold(country.name) or country.name in group, (term, group)


def test_seats_and_everyday_demonyms_are_recognised_but_never_synonyms() -> None:
    # Drafting: "Moscow rejected" and "a Pole" still name their country.
    assert getattr(country_of("Moscow"), "name", None) == "Russia"
    assert getattr(country_of("Pole"), "name", None) == "Poland"
    # Search and mentions: a seat or a common word is not the country everywhere.
    assert synonyms_of("moscow") == synonyms_of("washington") == ()
    assert synonyms_of("pole") == synonyms_of("finn") == synonyms_of("kiwi") == ()
    assert synonyms_of("europe") == ()  # regions: "European" is in every "European Commission"


def test_mentions_use_the_synonyms_and_skip_the_everyday_words(make_pack: PackMaker) -> None:
    facts = """\
actors:
  - {id: poland, name: Poland, kind: country}
  - {id: chad, name: Chad, kind: country}
"""
    result = load_pack(make_pack(facts, article=ARTICLE))
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    assert [m.matched for m in mentions(result.pack, "poland")] == ["Polish", "Poland"]
    assert [m.matched for m in mentions(result.pack, "chad")] == ["Chadian"]
