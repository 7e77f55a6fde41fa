"""How names are compared: folding, transliteration skeletons, titles and synonyms.

Analysts type names half-remembered and the articles misspell them, so a name
is never compared as written. Three views are used, all computed once per name
when an index is built and once per query:

- the **folded** form (accents, case and punctuation gone; ``U.S.`` is ``us``)
  is what an exact match means;
- the **skeleton** (transliteration variants and doubled letters collapsed:
  ``Zelenskyy``, ``Zelenskiy`` and ``Selenskyj`` all become ``selenski``) is
  what fuzzy scoring compares, so a spelling variant costs nothing and a typo
  costs one edit;
- titles and honorifics (``Sir``, ``PM``, ``President``) are dropped, because
  they say nothing about who is meant.

The synonym table is generic (countries, their demonyms and common
abbreviations, a few international bodies): it is about the world, never about
one story. A pack's own aliases are what it knows about its story.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress

from briefing.model.names.countries import synonym_groups
from briefing.model.names.vocabulary import HONORIFICS

# Letters NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ı": "i",
        "ħ": "h",
    }
)
# Removed without a trace: "U.S." is one word, and so is a dotted acronym.
_DROPPED = frozenset(".")
WILDCARD = "?"
"""A letter lost in transit (``Miche?l``): kept inside words, matched as any one letter."""

_TITLE_PHRASES = (
    ("prime", "minister"),
    ("foreign", "minister"),
    ("foreign", "secretary"),
    ("defence", "minister"),
    ("defence", "secretary"),
    ("defense", "secretary"),
    ("secretary", "of", "state"),
)
_TITLE_WORDS = HONORIFICS | {word for phrase in _TITLE_PHRASES for word in phrase}


def fold_char(char: str) -> str:
    """One character's folded form ('' for dropped, ' ' for a separator).

    Case is kept (callers casefold when they need to); this is the shared step of
    :func:`fold` and :func:`fold_with_map`, so a name and an article fold alike.
    """
    if char.isascii():
        if char.isalnum():
            return char
        if char in _DROPPED:
            return ""
        return char if char == WILDCARD else " "
    piece = char.translate(_SPECIAL)
    if piece != char:
        return piece
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    if kept.isalnum():
        return kept
    # Curly apostrophes, dashes, non-breaking spaces, symbols: all separators.
    return " "


def _ascii_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(128):
        char = chr(code)
        folded = fold_char(char)
        if folded != char:
            table[code] = folded or None
    return table


_ASCII = _ascii_table()
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019\u02bc][sS]\b")
"""``Macron's``, ``UK’s``: the possessive ending, one fixed-width match (linear, no backtracking)."""


def _fold_run(match: re.Match[str]) -> str:
    return "".join(fold_char(c) for c in match.group())


def fold(text: str) -> str:
    """Accent-, case- and punctuation-free form with single spaces (``"Micheál"`` -> ``"micheal"``).

    A ``?`` stays only inside a word, where it stands for a lost letter; a
    trailing question mark is punctuation. Same rules as :func:`fold_char`, with
    an ASCII fast path (indexes fold every name once, at build).

    A possessive ending is dropped (``"Macron's"`` -> ``"macron"``): folded as
    a separate word, the stray ``s`` made "Macron's" a weaker match for
    Emmanuel Macron than the aliases "UK’s" and "Kyiv’s" were for their actors.
    """
    if "'" in text or "\u2019" in text or "\u02bc" in text:
        text = _POSSESSIVE.sub("", text)
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_run, text)
    words = text.translate(_ASCII).casefold().split()
    if WILDCARD in text:
        words = [w.strip(WILDCARD) for w in words]
    return " ".join(w for w in words if w)


def fold_keep_case(text: str) -> str:
    """:func:`fold_char` applied to every character, case kept, no offsets kept.

    The fast form of ``fold_with_map(text)[0]`` for callers that only ask
    whether a name occurs (a translate, plus a regex pass over non-ASCII runs).
    """
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_run, text)
    return text.translate(_ASCII)


def fold_with_map(text: str) -> tuple[str, array[int]]:
    """Fold ``text`` keeping case and length-independent offsets back to it.

    ``mapping[i]`` is the offset in ``text`` of the character that produced
    output character ``i``, plus one final entry for the end. Used to find names
    in articles and report where they stand in the original.

    Only dots and non-ASCII characters change the length, so ASCII runs are
    translated whole and their offsets made in C (a range, with the dots
    filtered out by a byte mask); only non-ASCII characters are folded one by
    one. A mentions search folds every article that may name the actor, and
    the loop over every character this replaced was half of a search over
    5,000 articles (cProfile: 47 s of 97 s, 18.6 million calls of fold_char).
    """
    if text.isascii():
        mapping: array[int] = array("q", _ascii_offsets(text, 0))
        mapping.append(len(text))
        return text.translate(_ASCII), mapping
    out: list[str] = []
    mapping = array("q")
    pos = 0
    for match in _NON_ASCII.finditer(text):
        index = match.start()
        if index > pos:
            out.append(text[pos:index].translate(_ASCII))
            mapping.extend(_ascii_offsets(text[pos:index], pos))
        for offset, char in enumerate(match.group(), index):
            piece = fold_char(char)
            out.append(piece)
            mapping.extend([offset] * len(piece))
        pos = match.end()
    if pos < len(text):
        out.append(text[pos:].translate(_ASCII))
        mapping.extend(_ascii_offsets(text[pos:], pos))
    mapping.append(len(text))
    return "".join(out), mapping


_KEPT = bytes(0 if fold_char(chr(code)) == "" else 1 for code in range(128)) + bytes(128)
"""For each ASCII byte, 1 when its folded form is a character, 0 when dropped (``.``)."""


def _ascii_offsets(run: str, offset: int) -> Iterator[int]:
    """The offsets (from ``offset``) of the characters of the ASCII ``run`` that folding keeps."""
    if "." not in run:
        return iter(range(offset, offset + len(run)))
    return compress(range(offset, offset + len(run)), run.encode("ascii").translate(_KEPT))


def strip_titles(folded: str) -> str:
    """``folded`` without titles and honorifics; unchanged if nothing else would remain."""
    words = folded.split()
    if _TITLE_WORDS.isdisjoint(words):
        return folded
    for phrase in _TITLE_PHRASES:
        size = len(phrase)
        i = 0
        while i + size <= len(words):
            if tuple(words[i : i + size]) == phrase:
                del words[i : i + size]
            else:
                i += 1
    kept = [w for w in words if w not in HONORIFICS]
    return " ".join(kept) if kept else folded


# Transliteration and spelling variants, applied in order to a folded string.
_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ph", "f"),
        (r"th", "t"),
        (r"kh", "h"),
        (r"ck", "k"),
        (r"c(?!h)", "k"),
        (r"q", "k"),
        (r"x", "ks"),
        (r"w", "v"),
        (r"v\b", "f"),  # Lavrov / Lavrof / Lawrow
        (r"[jy]", "i"),
        (r"z", "s"),
        (r"dt\b", "t"),
        (r"(.)\1+", r"\1"),  # doubled letters: Starmmer, Polland, Zelenskyy
    )
)


def skeleton(folded: str) -> str:
    """The transliteration-blind form of a folded name, used for fuzzy scoring.

    It is deliberately lossy: ``Zelenskyy``, ``Zelenskiy``, ``Selenskyj`` and
    ``Zelensky`` share one skeleton, so they need no edit at all; a real typo
    still costs an edit, which the fuzzy scorer measures. Every rule works
    within a word, so words are skeletonised once each and cached (names share
    most of their words).
    """
    return " ".join([_skeleton_word(word) for word in folded.split()])


@lru_cache(maxsize=65536)
def _skeleton_word(word: str) -> str:
    out = word
    for pattern, replacement in _SKELETON_RULES:
        out = pattern.sub(replacement, out)
    return out


def initials_form(folded: str) -> str | None:
    """``"keir starmer"`` -> ``"k starmer"`` (how a name is often abbreviated), or None."""
    words = folded.split()
    if len(words) < 2:
        return None
    return " ".join([*(w[0] for w in words[:-1]), words[-1]])


_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le"})


def acronym(folded: str) -> str | None:
    """``"european union"`` -> ``"eu"``; None for a single word or an over-long result."""
    words = [w for w in folded.split() if w not in _ACRONYM_SKIP]
    if len(words) < 2 or len(words) > 6:
        return None
    return "".join(w[0] for w in words)


# Each group is one entity's common names. A pack actor whose name or alias folds to any
# term of a group is found by every other term too ("British" finds "United Kingdom").
# Countries come from the one country table (names/countries.py); organisations are here.
_ORGANISATION_GROUPS: tuple[tuple[str, ...], ...] = (
    ("European Union", "EU", "E.U."),
    ("United Nations", "UN", "U.N."),
    ("NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "OTAN"),
    # Organisations known by another language's acronym in translated copy.
    ("ECOWAS", "Economic Community of West African States", "CEDEAO"),
    ("International Monetary Fund", "IMF", "FMI"),
    ("OPEC", "Organization of the Petroleum Exporting Countries", "OPEP"),
    ("European Commission", "EC", "EU Commission"),
)


def _build_synonyms() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in (*_ORGANISATION_GROUPS, *synonym_groups()):
        for term in group:
            table.setdefault(fold(term), group)
    return table


SYNONYMS: dict[str, tuple[str, ...]] = _build_synonyms()
"""Folded term -> its group (terms as written), for every term of every group."""


def synonyms_of(folded: str) -> tuple[str, ...]:
    """Every other common name of the entity ``folded`` names (``"uk"`` -> British, ...)."""
    group = SYNONYMS.get(folded)
    if group is None:
        return ()
    return tuple(term for term in group if fold(term) != folded)
