"""Which actors' names end (or start) at a given place in an article, by one dictionary look-up.

The stance detector asks, at every place a stance verb begins, which actor is
named right before it ("Poland| declined"), and for "a refusal by |Poland" which
actor is named right after. Trying each of the article's candidate actors in
turn cost articles x verbs x actors name comparisons (1.4 million at 1,000
articles, about a second and a half). Instead every name is filed once per pack
under its last (and its first) run of word characters: the run of word
characters that ends at the verb can only be the last run of a name that ends
there, so one look-up gives the few names worth comparing.

Why that is exact: a word character is what ``\\w`` matches (``str.isalnum()``
or "_"). If a name ending with a word character ends at ``end``, the text's
run ending there contains the name's last run; it is longer only when the
character before the name's run is a word character too, and then either the
name is a single run (preceded by a word character: refused by the boundary
rule) or that character is inside the name and is not a word character
(contradiction). Names whose last (first) character is not a word character
("U.S.") are kept aside and compared at every place, as before.

The boundary rule is the stance detector's: no letter, digit, "_" or "-" just
before the name (after it, for a name starting there).
Cost: building is linear in the names; a look-up is the length of one word
plus the names sharing it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.model.types import Actor


def _is_word(char: str) -> bool:
    """What ``\\w`` matches in a str pattern."""
    return char.isalnum() or char == "_"


def names_longest_first(actor: Actor) -> tuple[str, ...]:
    """An actor's names and aliases as written (longer first, so "Keir Starmer" wins
    over "Starmer"); shorter than three letters or with a lost character, they are
    too ambiguous to find a stance by."""
    names = [n for n in (actor.name, *actor.aliases) if len(n) > 2 and "?" not in n]
    return tuple(sorted(names, key=len, reverse=True))


def _last_run(name: str) -> str | None:
    end = len(name)
    start = end
    while start > 0 and _is_word(name[start - 1]):
        start -= 1
    return name[start:end] if start < end else None


def _first_run(name: str) -> str | None:
    end = 0
    while end < len(name) and _is_word(name[end]):
        end += 1
    return name[:end] if end else None


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Every name of a pack's actors, filed by its last and by its first word run.

    Entries are (actor position, name); an actor's names are listed longest
    first, so the first entry of an actor that matches is its longest name.
    """

    actors: tuple[Actor, ...]
    by_last: dict[str, list[tuple[int, str]]]
    by_first: dict[str, list[tuple[int, str]]]
    other_end: list[tuple[int, str]]
    """Names ending with a character that is not a word character."""
    other_start: list[tuple[int, str]]
    """Names starting with a character that is not a word character."""

    @classmethod
    def build(cls, actors: Sequence[Actor]) -> NameIndex:
        """File every usable name of ``actors`` (in pack order)."""
        by_last: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
        by_first: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
        other_end: list[tuple[int, str]] = []
        other_start: list[tuple[int, str]] = []
        for position, actor in enumerate(actors):
            for name in names_longest_first(actor):
                last, first = _last_run(name), _first_run(name)
                (by_last[last] if last is not None else other_end).append((position, name))
                (by_first[first] if first is not None else other_start).append((position, name))
        return cls(tuple(actors), dict(by_last), dict(by_first), other_end, other_start)

    def ending_at(self, text: str, end: int) -> dict[int, int]:
        """Actor position -> where its longest name ending at ``end`` starts, as a whole word."""
        start = end
        while start > 0 and _is_word(text[start - 1]):
            start -= 1
        found: dict[int, int] = {}
        entries = self.by_last.get(text[start:end], ()) if start < end else ()
        for group in (entries, self.other_end):
            for position, name in group:
                at = end - len(name)
                if (
                    at >= 0
                    and text.startswith(name, at)
                    and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-"))
                    and (position not in found or at < found[position])
                ):
                    found[position] = at
        return found

    def starting_at(self, text: str, start: int) -> dict[int, int]:
        """Actor position -> where its longest name starting at ``start`` ends, as a whole word."""
        end = start
        while end < len(text) and _is_word(text[end]):
            end += 1
        found: dict[int, int] = {}
        entries = self.by_first.get(text[start:end], ()) if start < end else ()
        for group in (entries, self.other_start):
            for position, name in group:
                stop = start + len(name)
                if (
                    text.startswith(name, start)
                    and (stop == len(text) or not (text[stop].isalnum() or text[stop] in "_-"))
                    and (position not in found or stop > found[position])
                ):
                    found[position] = stop
        return found
