"""The ``named`` rule: each participant of a meeting, and a pledge's actor, is named in its evidence.

An actor counts as named when a sentence names it or any actor affiliated to it
(a country's leader speaks for the country). Asking every affiliated actor in
turn made the check quadratic: a country that goes unnamed in a sentence had
each of its persons asked about that sentence, and a pack of N articles has
O(N) persons a country (78 s at 1,000 articles, over 11 minutes at 4,500).
So each sentence is asked once which actors it names
(:class:`~briefing.model.names.name_index.NameIndex`, which asks ``NamedIn``
about the few actors whose forms could occur there) and every check of that
sentence is a lookup. The answer is the one the per-actor question gives
(tests compare the two on varied input); a sentence the index does not narrow
(a ``?`` standing for a lost letter) is asked actor by actor, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from briefing.model.analysis.findings import Finding, sentences_of
from briefing.model.names.actor_mentions import NamedIn
from briefing.model.names.name_index import NameIndex
from briefing.model.pack import Pack
from briefing.model.types import Actor, Meeting, Pledge


class Names:
    """Who speaks for whom, and each sentence folded and indexed once, for one check of a pack.

    ``indexed=False`` asks every speaker of an actor in turn (the rule's plain
    definition, kept for sentences the index does not narrow and for tests).
    """

    def __init__(self, pack: Pack, *, indexed: bool = True) -> None:
        self.pack = pack
        self.indexed = indexed
        self.affiliated: dict[str, list[Actor]] = {}
        for actor in pack.actors:
            if actor.affiliation:
                self.affiliated.setdefault(actor.affiliation, []).append(actor)
        self._views: dict[str, NamedIn] = {}
        self._named: dict[str, frozenset[str] | None] = {}
        self._index: NameIndex | None = None

    def view(self, sentence: str) -> NamedIn:
        """The sentence folded once (every question about it shares the fold and windows)."""
        found = self._views.get(sentence)
        if found is None:
            found = self._views[sentence] = NamedIn(sentence)
        return found

    def _named_in(self, sentence: str) -> frozenset[str] | None:
        if sentence not in self._named:
            if self._index is None:
                self._index = NameIndex(self.pack.actors)
            self._named[sentence] = self._index.named(self.view(sentence))
        return self._named[sentence]

    def speaks(self, sentence: str, actor: Actor) -> bool:
        """True when ``sentence`` names ``actor`` or an actor affiliated to it."""
        view = self.view(sentence)
        if view.names(actor):
            return True
        speakers = self.affiliated.get(actor.id, ())
        if not speakers:
            return False
        named = self._named_in(sentence) if self.indexed else None
        if named is None:
            return any(view.names(a) for a in speakers)
        return actor.id in named


def named(names: Names, fact: Meeting | Pledge, actor_ids: Iterable[str]) -> Iterator[Finding]:
    """A finding for each of ``actor_ids`` that none of the fact's evidence sentences names."""
    pack = names.pack
    sentences = sentences_of(fact.evidence)
    kind = "meeting" if isinstance(fact, Meeting) else "pledge"
    field = "participants" if isinstance(fact, Meeting) else "actor"
    for actor_id in dict.fromkeys(actor_ids):
        found = pack.get(actor_id)
        if not isinstance(found, Actor):
            continue
        if any(names.speaks(s, found) for s in sentences):
            continue
        yield Finding(
            fact.id,
            kind,
            "named",
            field,
            f"{'participant' if kind == 'meeting' else 'actor'} '{actor_id}' of {kind} "
            f"'{fact.id}' is named in none of its evidence sentences",
            sentences[0] if sentences else "",
        )
