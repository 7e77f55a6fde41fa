"""Find date expressions in text: the word lists, the patterns and the result types.

Split from :mod:`briefing.model.analysis.dates.resolve` (the public entry point) so the
per-family resolution rules in :mod:`briefing.model.analysis.dates.rules` can share the
vocabulary without a cycle. Finding is a single regex pass because most
sentences carry no date at all and the TUI dates every sentence it shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from briefing.model.text import case_folded

Precision = Literal["day", "range", "week", "month", "unknown"]
Tense = Literal["past", "future"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DAY_RE = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_APOS = r"['’]s"
_FULL_MONTH_RE = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
)
"""Month names alone date something only capitalised ("in May", not "it may")."""
_AFTER_BARE_DAY = r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:at|in|when|and|with|for|to|as|after|before)\b)"
"""A day number without "th" ends its phrase: "on the 11 in Paris", not "on 11 points"."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a date expression means, and the rule that says so.

    ``start``/``end`` bound the day or range (both None when unknown); the
    rule is an English sentence an analyst can check against a calendar.
    """

    start: date | None
    end: date | None
    precision: Precision
    rule: str
    expression: str
    published: date | None
    family: str
    tense: Tense | None = None

    @property
    def known(self) -> bool:
        """True when the expression resolved to a day or a range."""
        return self.start is not None and self.end is not None

    def contains(self, day: date) -> bool:
        """True when ``day`` falls inside the resolved day or range."""
        return self.start is not None and self.end is not None and self.start <= day <= self.end

    def overlaps(self, other: Resolution) -> bool:
        """True when two resolutions can describe the same day."""
        if not (self.known and other.known):
            return True
        assert self.start and self.end and other.start and other.end
        return self.start <= other.end and other.start <= self.end

    def shown(self) -> str:
        """The resolved date or range in ISO form ("unresolved" when unknown)."""
        if self.start is None or self.end is None:
            return "unresolved"
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class Found:
    """A date expression located in a text."""

    start: int
    end: int
    text: str
    family: str


# Order matters: longer, more specific patterns first; find_expressions keeps the
# leftmost-longest match and never overlaps two.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("anaphoric", r"\b(?:on\s+)?(?:the\s+same\s+day|that\s+same\s+day|that\s+day)\b"),
    (
        "day-of-relative-month",
        rf"\b(?:on\s+)?the\s+{_DAY_RE}\s+of\s+(?:last|this|next)\s+month\b",
    ),
    (
        "explicit",
        rf"\b(?:on\s+)?(?:the\s+)?{_DAY_RE}\s+(?:of\s+)?{MONTH_RE}(?:,?\s+\d{{4}})?\b"
        rf"|\b(?:on\s+)?{MONTH_RE}\s+{_DAY_RE}\b(?:,?\s+\d{{4}}\b)?",
    ),
    (
        "weekday-day",
        rf"\b(?:on\s+)?(?:the\s+)?{_DAY_RE},?\s+(?:of\s+)?{_WEEKDAY_RE}\b"
        rf"|\b(?:on\s+)?{_WEEKDAY_RE},?\s+(?:the\s+)?{_DAY_RE}\b{_AFTER_BARE_DAY}",
    ),
    (
        "day-of-month",
        r"\b(?:on\s+)?the\s+(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)\b"
        r"(?!\s+(?:century|anniversary))",
    ),
    ("bare-day", rf"\bon\s+(?:the\s+)?(?:3[01]|[12][0-9]|0?[1-9])\b{_AFTER_BARE_DAY}"),
    (
        "month-name",
        rf"\b(?:(?:in|during|since|until|by|from|early|late|mid|end\s+of|the\s+end\s+of"
        rf"|the\s+beginning\s+of|early\s+in|late\s+in)\s*-?\s*){_FULL_MONTH_RE}(?:,?\s+\d{{4}})?\b"
        rf"|\b{_FULL_MONTH_RE}\s+\d{{4}}\b",
    ),
    ("relative-day", r"\b(?:today|tonight|yesterday|tomorrow)\b"),
    (
        "weekday",
        rf"\b(?:(?:on|by|until|since|from|last|next|this|earlier\s+on|late\s+on)\s+){_WEEKDAY_RE}\b"
        rf"|\b{_WEEKDAY_RE}{_APOS}\b",
    ),
    (
        "weekend",
        r"\b(?:at|over|on|during|this|last|next)\s+(?:the\s+)?weekend\b|\bweekend['’]s\b",
    ),
    (
        "week",
        r"\b(?:earlier|later)\s+this\s+week\b|\b(?:this|last|next)\s+week(?:['’]s)?\b",
    ),
    ("month", r"\b(?:this|last|next)\s+month\b"),
    (
        "coming-days",
        r"\bin\s+the\s+(?:coming|next\s+few)\s+days\b|\bin\s+the\s+days\s+ahead\b"
        r"|\bin\s+(?:recent|the\s+past\s+few|the\s+last\s+few)\s+days\b",
    ),
)
COMBINED = re.compile(
    "|".join(f"(?P<{family.replace('-', '_')}>{pattern})" for family, pattern in _PATTERNS),
    re.IGNORECASE,
)
"""One pass over the text; at any position the first (most specific) family wins."""
_OPENINGS: dict[str, str] = {
    "anaphoric": "on th",
    "day-of-relative-month": "on th",
    "explicit": "# on th ja fe ma ap ju au se oc no de",
    "weekday-day": "# on th mo tu we fr sa su",
    "day-of-month": "on th",
    "bare-day": "on",
    "month-name": "in du si un by fr ea la mi en th ja fe ma ap ju au se oc no de",
    "relative-day": "to ye",
    "weekday": "on by un si fr la ne th ea mo tu we sa su",
    "weekend": "at ov on du th la ne we",
    "week": "ea la th ne",
    "month": "th la ne",
    "coming-days": "in",
}
"""How each family's expressions begin: their first two characters, case aside ("#":
a digit, then anything). tests/model/analysis/test_scans_fast.py derives them from
the patterns and checks this table against them."""


_FAMILIES_OPENING: dict[str, tuple[str, ...]] = {
    opening: tuple(family for family, _ in _PATTERNS if opening in _OPENINGS[family].split())
    for opening in {o for opens in _OPENINGS.values() for o in opens.split()}
}
_BY_OPENING: dict[str, re.Pattern[str]] = {}
"""Opening -> its families' pattern, compiled on first use (15 patterns; compiling them
all would add a fifth to the time it takes to start a command)."""


def _opening_pattern(opening: str) -> re.Pattern[str]:
    """The combined pattern of only the families that can begin with ``opening``.

    At a place where a word opens "fr", only "from May", "from Friday" and "Friday
    the 13th" can match: trying those three families instead of all thirteen finds
    the same first family (the others fail there), and most places tried open "th"
    or "on" and match nothing, so failing sooner is most of the saving (a quarter
    of the finder's time on news copy). Families keep their order and group names.
    An opening outside the table (a letter such as "ſ" that lowers to itself but
    matches "s" case-blind) gets the whole pattern.
    """
    families = _FAMILIES_OPENING.get(opening)
    if families is None:
        return COMBINED
    pattern = _BY_OPENING.get(opening)
    if pattern is None:
        pattern = _families_pattern(families)
        _BY_OPENING[opening] = pattern
    return pattern


@cache
def _families_pattern(families: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern of ``families``, in their order (openings choosing the same share it)."""
    return re.compile(
        "|".join(
            f"(?P<{family.replace('-', '_')}>{text})"
            for family, text in _PATTERNS
            if family in families
        ),
        re.IGNORECASE,
    )


def _word_start() -> re.Pattern[str]:
    """The openings of :data:`_OPENINGS` as one look-ahead, grouped by first letter."""
    seconds: dict[str, str] = {}
    for opening in sorted({o for opens in _OPENINGS.values() for o in opens.split()} - {"#"}):
        seconds[opening[0]] = seconds.get(opening[0], "") + opening[1]
    letters = "|".join(f"{first}[{rest}]" for first, rest in seconds.items())
    return re.compile(rf"\b(?=[0-9]|{letters})\w", re.IGNORECASE)


_WORD_START = _word_start()
"""Where an expression can begin: every pattern opens with ``\\b`` and a word character.
Trying the combined pattern only there is what ``finditer`` finds (leftmost match,
then on from its end), at a small part of the cost: the pattern has ~30 alternatives,
each tried at every character by ``finditer``. Only where the word's first two
characters, case aside, can open one of them (:data:`_OPENINGS`): a day number's
digit, or the start of a preposition ("on", "in", "by", "at", "over", "during",
"from", "until", ...), a modifier ("the", "that", "this", "last", "next", "early",
"late", "mid", "end", "earlier", "later"), "today"/"tonight"/"tomorrow"/"yesterday",
a month or a weekday name, or "week"/"weekend". A word that opens none ("will",
"meet", "and", "of", "officials": in news copy over two in five of the words the
first letter alone let through) is not tried; where one is tried, only the families
that can open so are (:func:`_opening_pattern`). Worst case as before: one attempt per word start."""
_DIGITS = frozenset("0123456789")
_KEYS = ("day", "week", "month", "tonight", "tomorrow", *(m[:3] for m in MONTHS))
"""Every expression contains one of these, or a day number such as "11th" or "on 11"."""
_DAY_NUMBER = re.compile(r"\d(?:st|nd|rd|th)\b|\bon\s+(?:the\s+)?\d")
BARE_WEEKDAY = re.compile(rf"^\s*{_WEEKDAY_RE}\s*$", re.IGNORECASE)


_FULL_MONTH_LOWER = "(?:" + "|".join(MONTHS) + ")"
_BY_OPENING_LOWER: dict[str, re.Pattern[str]] = {}
_WORD_START_LOWER = re.compile(_WORD_START.pattern)
""":data:`_WORD_START` over lowered text: its letters are lower case, so no flag is needed."""


def _opening_pattern_lowered(opening: str) -> re.Pattern[str] | None:
    """:func:`_opening_pattern` for text lowered (:func:`briefing.model.text.case_folded`).

    The same families compiled without ``re.IGNORECASE``, which folds every
    character it compares (the 13,000 value sentences holding a date at 1,000
    articles: 0.46 s case-blind, 0.27 s lowered), to run over the
    text lowered: the same matches at the same places, but for one thing. A
    month name dates something only capitalised ("in May", not "it may"), which
    lowered text cannot tell: here any case is taken, and the caller asks the
    case-blind pattern again wherever that family matched. None for an opening
    outside the table (the caller uses the case-blind pattern).
    """
    families = _FAMILIES_OPENING.get(opening)
    if families is None:
        return None
    pattern = _BY_OPENING_LOWER.get(opening)
    if pattern is None:
        pattern = re.compile(
            "|".join(
                f"(?P<{family.replace('-', '_')}>{text.replace(_FULL_MONTH_RE, _FULL_MONTH_LOWER)})"
                for family, text in _PATTERNS
                if family in families
            )
        )
        _BY_OPENING_LOWER[opening] = pattern
    return pattern


def find_expressions(text: str) -> list[Found]:
    """Every date expression in ``text``, in order, never overlapping.

    A weekday counts only with a preposition ("on Tuesday"), a modifier
    ("last Tuesday") or in the possessive ("Tuesday's meeting"): a bare weekday
    name in garbled or headline copy is too often dangling to date anything.
    Read over the text lowered where that finds the same places (almost always:
    :func:`_opening_pattern_lowered`), case-blind over ``text`` otherwise.
    """
    lowered = case_folded(text)
    folded = lowered is not None
    if lowered is None:
        lowered = text.lower()
    if not any(key in lowered for key in _KEYS) and not _DAY_NUMBER.search(lowered):
        return []  # most sentences carry no date: skip the big pattern
    scanned, starts = (lowered, _WORD_START_LOWER) if folded else (text, _WORD_START)
    found: list[Found] = []
    pos = 0
    for word in starts.finditer(scanned):
        at = word.start()
        if at < pos:
            continue
        opening = "#" if scanned[at] in _DIGITS else scanned[at : at + 2].lower()
        pattern = (
            (_BY_OPENING_LOWER.get(opening) or _opening_pattern_lowered(opening))
            if folded
            else None
        )
        if pattern is None:
            match = (_BY_OPENING.get(opening) or _opening_pattern(opening)).match(text, at)
        else:
            match = pattern.match(lowered, at)
            if match is not None and match.lastgroup == "month_name":
                match = _opening_pattern(opening).match(text, at)  # the capital decides
        if match is None:
            continue
        start, end = match.span()
        family = (match.lastgroup or "").replace("_", "-")
        found.append(Found(start, end, text[start:end], family))
        pos = end
    return found
