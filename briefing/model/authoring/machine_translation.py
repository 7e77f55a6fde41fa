"""Signs that an article was machine-translated, read from its own text.

A fluent reader spots machine translation in the first line: a plural subject
with a singular verb ("the ministers has"), "a" before a vowel ("a assistance"),
calqued word order ("more big", "the Monday passed"), numbers in another
language's style ("3 millions", "1,2 billion"), a label ("machine translation",
"English service"). Each rule here is one of those signs; one sign is a slip,
so an article is suggested as ``machine_translated`` only when it shows signs of
at least :data:`MIN_KINDS` different kinds (or an explicit label). Each sign
keeps its line, so the analyst can check the suggestion in seconds.

Every pattern is a plain alternation with no nested quantifier, run once over
the text: linear in the article's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_KINDS = 2
"""Distinct kinds of sign needed before suggesting the flag (one slip is not a translation)."""

_PLURAL_SINGULAR = re.compile(
    r"\b(?:the|these|those|two|three|four|several|many|both|all)\s+"
    r"(?!news\b|series\b|species\b|means\b)((?-i:[a-z]+[^suiA-Z\W]s))\s+(?:has|was|is|does)\b",
    re.I,
)
_SINGULAR_PLURAL = re.compile(
    r"\b(?:he|she|it)\s+(?:have|were|are|do)\b(?!\s+(?:not\s+)?(?:to\b))", re.I
)
_A_VOWEL = re.compile(r"\b[Aa]\s+(?!one\b|once\b|uni|use|usu|eu|ewe|ubi|utop|uran)[aeiou][a-z]+")
_AN_CONSONANT = re.compile(
    r"\b[Aa]n\s+(?!hour|honest|honou?r|heir|herb)[bcdfgjklmnpqrstvwxz][a-z]+"
)
_NUMBERS = re.compile(
    r"\b\d+(?:[.,]\d+)?\s+(?:millions|billions|thousands)\b|\b\d+,\d\s+(?:million|billion)\b"
    r"|\(local time\)",
    re.I,
)
_PAIR_SINGULAR = re.compile(
    r"\b[A-Z][a-z]+ [Aa]nd [A-Z][A-Za-z]+ (?:holds|offers|says|has|is|was|wants|plans|agrees)\b"
)
_CAPITAL_FUNCTION = re.compile(
    r"(?<=[a-z,] )(?:And|Or|But|Of|With|For|From)(?= [a-z])|(?<=[A-Za-z] )And(?= [A-Z])"
)
REPEATED = re.compile(r"\b((?:\w+\s+){2,8}\w+)\s+\1\b", re.IGNORECASE)
"""A phrase of 3-9 words repeated back to back ("for a peace operation for a peace operation").

At most 9 words: with an unbounded phrase the search tried every length at
every word (60 s on 8,000 words without punctuation); bounded, it is linear."""
_CALQUE = re.compile(
    r"\bmore\s+(?:big|small|good|bad|strong|high|low|long|fast|cheap|large)\b"
    r"|\bthe\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|week|month|year)\s+passed\b"
    r"|\bin\s+the\s+frame\s+of\b|\btook\s+the\s+word\b|\b(?:informed|communicated|declared|specified)\s+"
    r"(?:the\s+)?(?:mister|ministry|minister|press\s+service)\b|\bmister\s+[A-Z]"
    r"|\bit\s+is\s+known\s+that\b",
    re.I,
)
_LABEL = re.compile(
    r"\bmachine[- ]translat\w*|\(translated\)|\bautomatically translated\b|\btranslated by\b"
    r"|\benglish service\b",
    re.I,
)
_RULES = (
    (_PLURAL_SINGULAR, "agreement", "a plural subject with a singular verb"),
    (_SINGULAR_PLURAL, "agreement", "a singular subject with a plural verb"),
    (_A_VOWEL, "article", "'a' before a vowel"),
    (_AN_CONSONANT, "article", "'an' before a consonant"),
    (_PAIR_SINGULAR, "agreement", "two subjects with a singular verb"),
    (_NUMBERS, "numbers", "a number or time in another language's style"),
    (_CAPITAL_FUNCTION, "capitals", "a small word capitalised inside a sentence"),
    (REPEATED, "repetition", "a phrase repeated back to back"),
    (_CALQUE, "calque", "a word-for-word turn of phrase"),
    (_LABEL, "label", "a translation label"),
)


@dataclass(frozen=True, slots=True)
class Sign:
    """One sign of machine translation: where, what kind, and the words."""

    line: int
    kind: str
    why: str
    words: str


def signs(text: str, skip: set[int] | None = None) -> list[Sign]:
    """Every sign in ``text`` in line order (``skip``: boilerplate line numbers)."""
    skip = skip or set()
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found = []
    for pattern, kind, why in _RULES:
        for match in pattern.finditer(text):
            line = _line_of(starts, match.start())
            if line not in skip or kind == "label":
                found.append(Sign(line, kind, why, match.group()))
    return sorted(found, key=lambda s: (s.line, s.kind))


def _line_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset)


def looks_machine_translated(found: list[Sign]) -> bool:
    """True with signs of :data:`MIN_KINDS` kinds, or an explicit label plus any other sign."""
    kinds = {s.kind for s in found}
    return len(kinds) >= MIN_KINDS


def summary(found: list[Sign], limit: int = 3) -> str:
    """A short account for a comment or a message: 'line 2: the donors has (agreement); ...'."""
    shown = [f"line {s.line}: {s.words!r} ({s.why})" for s in found[:limit]]
    more = len(found) - limit
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
