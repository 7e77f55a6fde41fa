"""Names: folding and transliteration, the fuzzy actor search, actor mentions, proper names, countries.

Every comparison of a written name with another goes through this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.names.actor_mentions import Mention, NamedIn, SearchStopped, mentions
    from briefing.model.names.countries import BY_FORM, Country
    from briefing.model.names.folding import fold, skeleton, strip_titles
    from briefing.model.names.search import DERIVED, EXACT, FUZZY_MAX, SYNONYM, ActorIndex, Hit
    from briefing.model.names.transliteration import fold_spelling
    from briefing.model.names.vocabulary import (
        BYLINE_ROLES,
        CONNECTORS,
        FUNCTION_WORDS,
        GROUP_WORDS,
        ORG_WORDS,
        PLACE_PREPOSITIONS,
        SENTENCE_OPENERS,
        TITLE_WORDS,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ActorIndex": "search",
        "BYLINE_ROLES": "vocabulary",
        "BY_FORM": "countries",
        "CONNECTORS": "vocabulary",
        "Country": "countries",
        "DERIVED": "search",
        "EXACT": "search",
        "FUNCTION_WORDS": "vocabulary",
        "FUZZY_MAX": "search",
        "GROUP_WORDS": "vocabulary",
        "Hit": "search",
        "Mention": "actor_mentions",
        "NamedIn": "actor_mentions",
        "ORG_WORDS": "vocabulary",
        "PLACE_PREPOSITIONS": "vocabulary",
        "SENTENCE_OPENERS": "vocabulary",
        "SYNONYM": "search",
        "SearchStopped": "actor_mentions",
        "TITLE_WORDS": "vocabulary",
        "fold": "folding",
        "fold_spelling": "transliteration",
        "mentions": "actor_mentions",
        "skeleton": "folding",
        "strip_titles": "folding",
    },
)

__all__ = [
    "BYLINE_ROLES",
    "BY_FORM",
    "CONNECTORS",
    "DERIVED",
    "EXACT",
    "FUNCTION_WORDS",
    "FUZZY_MAX",
    "GROUP_WORDS",
    "ORG_WORDS",
    "PLACE_PREPOSITIONS",
    "SENTENCE_OPENERS",
    "SYNONYM",
    "TITLE_WORDS",
    "ActorIndex",
    "Country",
    "Hit",
    "Mention",
    "NamedIn",
    "SearchStopped",
    "fold",
    "fold_spelling",
    "mentions",
    "skeleton",
    "strip_titles",
]
