"""Turn a date as written ("on Tuesday", "the 28th of last month") into a date or range.

News copy dates events relative to its own publication day, so the same words
mean different days in different articles. An analyst resolves them by hand
against the publication date; this module does the same, with the rule it used
spelt out, so the result can be checked. The rules are documented in
docs/analysis.md and every family is unit-tested.

Tense matters for weekdays, weekends and bare day numbers ("on Tuesday" in
"will meet on Tuesday" is the next Tuesday, in "met on Tuesday" the previous
one). It is passed in by the caller, who reads it from the sentence
(:func:`sentence_tense`) or from the meeting's status.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

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
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DAY_RE = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_APOS = r"['’]s"


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
        rf"\b(?:on\s+)?(?:the\s+)?{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+\d{{4}})?\b"
        rf"|\b(?:on\s+)?{_MONTH_RE}\s+{_DAY_RE}\b(?:,?\s+\d{{4}}\b)?",
    ),
    ("day-of-month", rf"\b(?:on\s+)?the\s+{_DAY_RE}\b(?!\s+(?:century|anniversary))"),
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
_COMBINED = re.compile(
    "|".join(f"(?P<{family.replace('-', '_')}>{pattern})" for family, pattern in _PATTERNS),
    re.IGNORECASE,
)
"""One pass over the text; at any position the first (most specific) family wins."""
_KEYS = ("day", "week", "month", "tonight", "tomorrow", *(m[:3] for m in MONTHS))
"""Every expression contains one of these, or a day number such as "11th"."""
_DAY_NUMBER = re.compile(r"\d(?:st|nd|rd|th)\b")
_BARE_WEEKDAY = re.compile(rf"^\s*{_WEEKDAY_RE}\s*$", re.IGNORECASE)


def find_expressions(text: str) -> list[Found]:
    """Every date expression in ``text``, in order, never overlapping.

    A weekday counts only with a preposition ("on Tuesday"), a modifier
    ("last Tuesday") or in the possessive ("Tuesday's meeting"): a bare weekday
    name in garbled or headline copy is too often dangling to date anything.
    """
    lowered = text.lower()
    if not any(key in lowered for key in _KEYS) and not _DAY_NUMBER.search(text):
        return []  # most sentences carry no date: skip the big pattern
    found: list[Found] = []
    for match in _COMBINED.finditer(text):
        family = (match.lastgroup or "").replace("_", "-")
        found.append(Found(match.start(), match.end(), match.group(), family))
    return found


def resolve(date_text: str, published: date | None, tense: Tense | None = None) -> Resolution:
    """Resolve ``date_text`` against the publication date.

    ``tense`` says whether the sentence looks back ("met on Tuesday") or ahead
    ("will meet on Tuesday"); None means it could not be told, and the nearest
    candidate is taken.
    """
    found = find_expressions(date_text)
    if not found and _BARE_WEEKDAY.match(date_text):
        found = [Found(0, len(date_text), date_text.strip(), "weekday")]
    if not found:
        return _unknown(date_text, published, "none", tense, "no date expression recognised")
    expression = found[0]
    if expression.family == "anaphoric":
        return _unknown(
            date_text,
            published,
            expression.family,
            tense,
            f"'{expression.text}' points at a date given elsewhere in the text; "
            "it cannot be resolved from the expression alone",
        )
    if published is None:
        return _unknown(
            date_text, published, expression.family, tense, "the publication date is unknown"
        )
    resolver = _RESOLVERS[expression.family]
    return resolver(expression.text, date_text, published, tense)


def _unknown(
    text: str, published: date | None, family: str, tense: Tense | None, rule: str
) -> Resolution:
    return Resolution(None, None, "unknown", rule, text, published, family, tense)


def _day(
    day: date, rule: str, text: str, published: date, family: str, tense: Tense | None
) -> Resolution:
    return Resolution(day, day, "day", rule, text, published, family, tense)


def _span(
    start: date,
    end: date,
    precision: Precision,
    rule: str,
    text: str,
    published: date,
    family: str,
    tense: Tense | None,
) -> Resolution:
    return Resolution(start, end, precision, rule, text, published, family, tense)


def _fmt(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()].title()} {day.day} {MONTHS[day.month - 1].title()} {day.year}"


def _pub(published: date) -> str:
    return f"publication date, {_fmt(published)}"


def _relative_day(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    word = expr.lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    day = published + timedelta(days=offset)
    return _day(
        day,
        f"'{word}' is {offset:+d} day(s) from the {_pub(published)}",
        text,
        published,
        "relative-day",
        tense,
    )


def _weekday(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = expr.lower()
    name = next(w for w in WEEKDAYS if w in lowered)
    target = WEEKDAYS.index(name)
    pub_wd = published.weekday()
    ahead = (target - pub_wd) % 7  # 0..6 days forward
    behind = (pub_wd - target) % 7  # 0..6 days back
    if lowered.startswith("last "):
        back = behind or 7
        day = published - timedelta(days=back)
        why = (
            f"'last {name.title()}' is the most recent {name.title()} before the {_pub(published)}"
        )
    elif lowered.startswith("next "):
        fwd = ahead or 7
        day = published + timedelta(days=fwd)
        why = f"'next {name.title()}' is the first {name.title()} after the {_pub(published)}"
    elif lowered.startswith("this "):
        day = published - timedelta(days=pub_wd) + timedelta(days=target)
        why = f"'this {name.title()}' is the {name.title()} of the publication week ({_fmt(published)})"
    elif ahead == 0:
        day = published
        why = (
            f"{name.title()} is the publication day itself ({_fmt(published)}): "
            "news names the day even for today"
        )
    elif tense == "future":
        day = published + timedelta(days=ahead)
        why = f"future tense: the next {name.title()} after the {_pub(published)}"
    elif tense == "past":
        day = published - timedelta(days=behind)
        why = f"past tense: the previous {name.title()} before the {_pub(published)}"
    else:
        day = (
            published + timedelta(days=ahead)
            if ahead <= behind
            else published - timedelta(days=behind)
        )
        why = f"tense unclear: the nearest {name.title()} to the {_pub(published)}"
    return _day(day, why, text, published, "weekday", tense)


def _month_day(year: int, month: int, day: int) -> date | None:
    if day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _day_number(expr: str) -> int:
    match = re.search(r"\d+", expr)
    assert match is not None
    return int(match.group())


def _day_of_relative_month(
    expr: str, text: str, published: date, tense: Tense | None
) -> Resolution:
    number = _day_number(expr)
    which = re.search(r"(last|this|next)\s+month", expr, re.IGNORECASE)
    assert which is not None
    word = which.group(1).lower()
    year, month = _shift_month(
        published.year, published.month, {"last": -1, "this": 0, "next": 1}[word]
    )
    day = _month_day(year, month, number)
    if day is None:
        return _unknown(
            text,
            published,
            "day-of-relative-month",
            tense,
            f"{MONTHS[month - 1].title()} {year} has no day {number}",
        )
    why = f"day {number} of {word} month, counted from the {_pub(published)}"
    return _day(day, why, text, published, "day-of-relative-month", tense)


def _candidates_by_month(published: date, number: int) -> Iterator[date]:
    """Day ``number`` in the months around publication, nearest months first."""
    for by in (0, -1, 1, -2, 2):
        year, month = _shift_month(published.year, published.month, by)
        day = _month_day(year, month, number)
        if day is not None:
            yield day


def _day_of_month(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    number = _day_number(expr)
    candidates = sorted(_candidates_by_month(published, number))
    if not candidates or number < 1:
        return _unknown(
            text,
            published,
            "day-of-month",
            tense,
            f"no month around publication has a day {number}",
        )
    if number == published.day:
        return _day(
            published,
            f"day {number} is the publication day itself ({_fmt(published)})",
            text,
            published,
            "day-of-month",
            tense,
        )
    if tense == "past":
        day = max(d for d in candidates if d <= published)
        why = f"past tense: the most recent day {number} on or before the {_pub(published)}"
    elif tense == "future":
        day = min(d for d in candidates if d >= published)
        why = f"future tense: the first day {number} on or after the {_pub(published)}"
    else:
        day = min(candidates, key=lambda d: (abs((d - published).days), d))
        why = f"tense unclear: the day {number} nearest to the {_pub(published)}"
    return _day(day, why, text, published, "day-of-month", tense)


def _explicit(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = expr.lower()
    month_word = re.search(_MONTH_RE, lowered)
    assert month_word is not None
    key = month_word.group().rstrip(".")
    month = (
        MONTHS.index(key) + 1
        if key in MONTHS
        else _MONTH_ABBR[key[:4] if key == "sept" else key[:3]]
    )
    rest = lowered[: month_word.start()] + " " + lowered[month_word.end() :]
    year_match = re.search(r"\b\d{4}\b", rest)
    day_match = re.search(
        r"\b(\d{1,2})(?:st|nd|rd|th)?\b",
        rest.replace(year_match.group(), "") if year_match else rest,
    )
    assert day_match is not None
    number = int(day_match.group(1))
    if year_match is not None:
        year = int(year_match.group())
        day = _month_day(year, month, number)
        if day is None:
            return _unknown(
                text,
                published,
                "explicit",
                tense,
                f"{MONTHS[month - 1].title()} {year} has no day {number}",
            )
        return _day(day, "an explicit date with its year", text, published, "explicit", tense)
    options = [
        d
        for y in (published.year - 1, published.year, published.year + 1)
        if (d := _month_day(y, month, number))
    ]
    if not options:
        return _unknown(
            text, published, "explicit", tense, f"{MONTHS[month - 1].title()} has no day {number}"
        )
    if tense == "past" and any(d <= published for d in options):
        day = max(d for d in options if d <= published)
        why = f"explicit day and month, no year; past tense: the latest on or before the {_pub(published)}"
    elif tense == "future" and any(d >= published for d in options):
        day = min(d for d in options if d >= published)
        why = f"explicit day and month, no year; future tense: the first on or after the {_pub(published)}"
    else:
        day = min(options, key=lambda d: abs((d - published).days))
        why = f"explicit day and month, no year: the one nearest to the {_pub(published)}"
    return _day(day, why, text, published, "explicit", tense)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = " ".join(expr.lower().replace("’", "'").removesuffix("'s").split())
    monday = _monday(published)
    if lowered == "earlier this week":
        if published.weekday() == 0:
            return _unknown(
                text,
                published,
                "week",
                tense,
                "'earlier this week' in a Monday article has no earlier day",
            )
        return _span(
            monday,
            published - timedelta(days=1),
            "range",
            f"from the Monday of the publication week to the day before the {_pub(published)}",
            text,
            published,
            "week",
            tense,
        )
    if lowered == "later this week":
        if published.weekday() == 6:
            return _unknown(
                text,
                published,
                "week",
                tense,
                "'later this week' in a Sunday article has no later day",
            )
        return _span(
            published + timedelta(days=1),
            monday + timedelta(days=6),
            "range",
            f"from the day after the {_pub(published)} to that week's Sunday",
            text,
            published,
            "week",
            tense,
        )
    word = lowered.split()[0]
    start = monday + timedelta(days={"last": -7, "this": 0, "next": 7}[word])
    why = f"'{word} week': Monday to Sunday of the {'previous' if word == 'last' else 'following' if word == 'next' else 'same'} ISO week to the {_pub(published)}"
    return _span(start, start + timedelta(days=6), "week", why, text, published, "week", tense)


def _weekend(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = expr.lower()
    wd = published.weekday()
    this_saturday = _monday(published) + timedelta(days=5)
    if lowered.startswith("last"):
        saturday = this_saturday - timedelta(days=7)
        why = f"'last weekend': the Saturday and Sunday of the week before the {_pub(published)}"
    elif lowered.startswith("next"):
        saturday = this_saturday + timedelta(days=7 if wd >= 5 else 0)
        why = f"'next weekend': the first weekend wholly after the {_pub(published)}"
    elif wd >= 5:
        saturday = this_saturday
        why = f"the publication day is in a weekend ({_fmt(published)}): that weekend"
    elif tense == "past":
        saturday = this_saturday - timedelta(days=7)
        why = f"past tense: the weekend before the {_pub(published)}"
    elif tense == "future" or lowered.startswith("this"):
        saturday = this_saturday
        why = f"{'future tense' if tense == 'future' else 'this weekend'}: the weekend after the {_pub(published)}"
    elif wd <= 2:
        saturday = this_saturday - timedelta(days=7)
        why = f"tense unclear; Monday-Wednesday publication ({_fmt(published)}): the weekend just past"
    else:
        saturday = this_saturday
        why = f"tense unclear; Thursday-Friday publication ({_fmt(published)}): the coming weekend"
    return _span(
        saturday, saturday + timedelta(days=1), "range", why, text, published, "weekend", tense
    )


def _month(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    word = expr.lower().split()[0]
    year, month = _shift_month(
        published.year, published.month, {"last": -1, "this": 0, "next": 1}[word]
    )
    last = calendar.monthrange(year, month)[1]
    why = f"'{word} month' counted from the {_pub(published)}: {MONTHS[month - 1].title()} {year}"
    return _span(
        date(year, month, 1), date(year, month, last), "month", why, text, published, "month", tense
    )


def _coming_days(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = expr.lower()
    if "recent" in lowered or "past" in lowered or "last" in lowered:
        return _span(
            published - timedelta(days=7),
            published - timedelta(days=1),
            "range",
            f"'{expr}': taken as the seven days before the {_pub(published)}",
            text,
            published,
            "coming-days",
            tense,
        )
    return _span(
        published + timedelta(days=1),
        published + timedelta(days=7),
        "range",
        f"'{expr}': taken as the seven days after the {_pub(published)}",
        text,
        published,
        "coming-days",
        tense,
    )


_RESOLVERS = {
    "relative-day": _relative_day,
    "weekday": _weekday,
    "day-of-relative-month": _day_of_relative_month,
    "day-of-month": _day_of_month,
    "explicit": _explicit,
    "week": _week,
    "weekend": _weekend,
    "month": _month,
    "coming-days": _coming_days,
}

# --- tense -----------------------------------------------------------------

_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|due\s+to|scheduled|set\s+to|expected\s+to|going\s+to|to\s+be\s+held"
    r"|upcoming|planned\s+for|is\s+to\s+be|are\s+to\s+be)\b|\w['’]ll\b"
)
_PAST_WORDS = (
    "was|were|had|did|held|met|spoke|said|told|took|gave|made|came|went|began|sat|saw|"
    "agreed|joined|talked|gathered|convened|discussed|hosted|attended|announced|stated|"
    "signed|visited|called|ago"
)
_PAST = re.compile(rf"\b(?:{_PAST_WORDS})\b|\b[a-z]{{3,}}ed\b")
"""Markers are case-sensitive: "Will" in "Coalition of Will" and "United" are names."""
_NOT_PAST = frozenset(
    {
        "scheduled",
        "expected",
        "planned",
        "proposed",
        "united",
        "armed",
        "based",
        "related",
        "interested",
        "concerned",
        "allied",
        "advanced",
        "limited",
        "detailed",
        "supposed",
        "needed",
        "red",
        "speed",
        "indeed",
        "seed",
        "need",
        "feed",
        "bed",
        "embed",
    }
)


_AUXILIARY_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|get|gets)\s+$", re.IGNORECASE)


def _not_past(sentence: str, match: re.Match[str]) -> bool:
    """An -ed word that is an adjective, or a participle after "be" ("will be discussed")."""
    word = match.group().lower()
    if word in _NOT_PAST:
        return True
    return word.endswith("ed") and bool(_AUXILIARY_BEFORE.search(sentence, 0, match.start()))


def sentence_tense(sentence: str, start: int, end: int | None = None) -> Tense | None:
    """The tense of the clause around ``sentence[start:end]`` (the expression), or None.

    Future markers ("will", "due to", "scheduled") and past forms ("held",
    "met", words in -ed) are collected; the one nearest to the expression wins,
    so "said the meeting will be held on Tuesday" reads as future.
    """
    stop = start if end is None else end
    best: tuple[int, Tense] | None = None
    markers: tuple[tuple[re.Pattern[str], Tense], ...] = ((_FUTURE, "future"), (_PAST, "past"))
    for pattern, tense in markers:
        for match in pattern.finditer(sentence):
            if tense == "past" and _not_past(sentence, match):
                continue
            if start <= match.start() < stop:
                continue  # inside the expression itself
            distance = match.start() - stop if match.start() >= stop else start - match.end()
            if best is None or distance < best[0]:
                best = (distance, tense)
    return None if best is None else best[1]
