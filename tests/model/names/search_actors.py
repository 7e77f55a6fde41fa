"""The articles' real actors, as a curated pack would record them, for the search tests.

Aliases are only what a careful author would write down: the canonical name,
spellings that occur in the text and that no scorer could reach ("Volenshyr"),
and the lost-character form as it stands ("Miche?l Martin"). Everything else the
search tests ask for (typos, transliterations, demonyms, titles) must be found by
the search itself.
"""

from __future__ import annotations

from briefing.model.types import Actor


def _a(actor_id: str, name: str, kind: str, *aliases: str) -> Actor:
    return Actor(id=actor_id, name=name, kind=kind, aliases=tuple(aliases))


ACTORS: tuple[Actor, ...] = (
    # countries
    _a("uk", "United Kingdom", "country", "UK", "Britain"),
    _a("france", "France", "country"),
    _a("us", "United States", "country", "US"),
    _a("poland", "Poland", "country"),
    _a("ireland", "Ireland", "country"),
    _a("norway", "Norway", "country"),
    _a("italy", "Italy", "country"),
    _a("germany", "Germany", "country"),
    _a("spain", "Spain", "country"),
    _a("canada", "Canada", "country"),
    _a("australia", "Australia", "country"),
    _a("turkey", "Turkey", "country"),
    _a("japan", "Japan", "country"),
    _a("new-zealand", "New Zealand", "country"),
    _a("russia", "Russia", "country"),
    _a("ukraine", "Ukraine", "country"),
    _a("luxembourg", "Luxembourg", "country"),
    _a("belgium", "Belgium", "country"),
    _a("saudi-arabia", "Saudi Arabia", "country"),
    # organisations
    _a("eu", "European Union", "organisation"),
    _a("nato", "NATO", "organisation", "North Atlantic Treaty Organization"),
    _a("un", "United Nations", "organisation"),
    _a("commission", "European Commission", "organisation"),
    _a("bloomberg", "Bloomberg", "organisation"),
    _a("bbc", "BBC", "organisation", "British Broadcasting Corporation"),
    _a("afp", "AFP", "organisation", "Agence France-Presse"),
    _a("anduril", "Anduril", "organisation"),
    # people
    _a("starmer", "Keir Starmer", "person", "Sir Keir Starmer"),
    _a("macron", "Emmanuel Macron", "person"),
    _a("zelenskyy", "Volodymyr Zelenskyy", "person", "Zelensky", "Volenshyr"),
    _a("trump", "Donald Trump", "person"),
    _a("martin", "Micheál Martin", "person", "Miche?l Martin"),
    _a("albanese", "Anthony Albanese", "person"),
    _a("von-der-leyen", "Ursula von der Leyen", "person"),
    _a("lavrov", "Sergey Lavrov", "person"),
    _a("radakin", "Tony Radakin", "person", "Admiral Sir Tony Radakin"),
    _a("healey", "John Healey", "person"),
    _a("burkhard", "Thierry Burkhard", "person"),
    _a("hegseth", "Pete Hegseth", "person"),
    _a("powell", "Jonathan Powell", "person"),
    _a("eide", "Espen Barth Eide", "person"),
)
