"""Actors in the command palette: type a name (misspelt or not) and open the actor.

The palette's own matcher only finds subsequences of what is shown; this
provider asks the pack's actor index instead, so "Starmmer" or "the French" find
their actor here exactly as they do on the ``/`` screen.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from briefing.model.derived import Derived
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line

LIMIT = 8


class ActorsProvider(Provider):
    """Open an actor from the palette."""

    @property
    def _pack(self) -> Pack | None:
        pack = getattr(self.app, "pack", None)
        return pack if isinstance(pack, Pack) else None

    def _open(self, actor_id: str) -> None:
        opener = getattr(self.app, "open_actor", None)
        if opener is not None:
            opener(actor_id)

    async def discover(self) -> Hits:
        """Every actor, by name, before anything is typed."""
        pack = self._pack
        if pack is None:
            return
        for actor in sorted(pack.actors, key=lambda a: a.name.casefold()):
            name = f"Open actor: {clean_line(actor.name)}"
            yield DiscoveryHit(Content(name), partial(self._open, actor.id), help=actor.kind)

    async def search(self, query: str) -> Hits:
        """The best actors for what was typed, through the fuzzy index."""
        derived = getattr(self.app, "derived", None)
        if not isinstance(derived, Derived) or not derived.index_ready:
            return  # the index is still being built in the background: no hits yet
        for hit in derived.index.search(query, LIMIT):
            text = f"Open actor: {clean_line(hit.name)}"
            help_text = hit.kind
            if hit.matched != hit.name:
                help_text += f", matched “{clean_line(hit.matched)}”"
            yield Hit(
                hit.score / 100, Content(text), partial(self._open, hit.actor_id), help=help_text
            )
