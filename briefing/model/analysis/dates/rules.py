"""The resolution rule of each date-expression family ("last Tuesday", "the 28th").

Each family has one function returning a :class:`Resolution` whose ``rule``
says in English why that day was chosen, so an analyst can check it against a
calendar. :func:`briefing.model.analysis.dates.resolve.resolve` picks the function from
``RESOLVERS``; the rules are documented in docs/analysis.md.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date, timedelta

from briefing.model.analysis.dates.expressions import (
    MONTH_ABBR,
    MONTH_RE,
    MONTHS,
    WEEKDAYS,
    Precision,
    Resolution,
    Tense,
)


def unknown(
    text: str, published: date | None, family: str, tense: Tense | None, rule: str
) -> Resolution:
    return Resolution(None, None, "unknown", rule, text, published, family, tense)


def day_result(
    day: date, rule: str, text: str, published: date, family: str, tense: Tense | None
) -> Resolution:
    return Resolution(day, day, "day", rule, text, published, family, tense)


def span_result(
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


def fmt_day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()].title()} {day.day} {MONTHS[day.month - 1].title()} {day.year}"


def pub_phrase(published: date) -> str:
    return f"publication date, {fmt_day(published)}"


def _relative_day(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    word = expr.lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    day = published + timedelta(days=offset)
    return day_result(
        day,
        f"'{word}' is {offset:+d} day(s) from the {pub_phrase(published)}",
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
        why = f"'last {name.title()}' is the most recent {name.title()} before the {pub_phrase(published)}"
    elif lowered.startswith("next "):
        fwd = ahead or 7
        day = published + timedelta(days=fwd)
        why = f"'next {name.title()}' is the first {name.title()} after the {pub_phrase(published)}"
    elif lowered.startswith("this "):
        day = published - timedelta(days=pub_wd) + timedelta(days=target)
        why = f"'this {name.title()}' is the {name.title()} of the publication week ({fmt_day(published)})"
    elif ahead == 0:
        day = published
        why = (
            f"{name.title()} is the publication day itself ({fmt_day(published)}): "
            "news names the day even for today"
        )
    elif tense == "future":
        day = published + timedelta(days=ahead)
        why = f"future tense: the next {name.title()} after the {pub_phrase(published)}"
    elif tense == "past":
        day = published - timedelta(days=behind)
        why = f"past tense: the previous {name.title()} before the {pub_phrase(published)}"
    else:
        day = (
            published + timedelta(days=ahead)
            if ahead <= behind
            else published - timedelta(days=behind)
        )
        why = f"tense unclear: the nearest {name.title()} to the {pub_phrase(published)}"
    return day_result(day, why, text, published, "weekday", tense)


def month_day(year: int, month: int, day: int) -> date | None:
    """That day, or None when the month has no such day or the year is off the calendar.

    Candidates a year or two months either side of publication are weighed; at
    the calendar's edge (year 1, year 9999) those are skipped, not raised.
    """
    if not date.min.year <= year <= date.max.year or day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
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
    year, month = shift_month(
        published.year, published.month, {"last": -1, "this": 0, "next": 1}[word]
    )
    day = month_day(year, month, number)
    if day is None:
        return unknown(
            text,
            published,
            "day-of-relative-month",
            tense,
            f"{MONTHS[month - 1].title()} {year} has no day {number}",
        )
    why = f"day {number} of {word} month, counted from the {pub_phrase(published)}"
    return day_result(day, why, text, published, "day-of-relative-month", tense)


def candidates_by_month(published: date, number: int) -> Iterator[date]:
    """Day ``number`` in the months around publication, nearest months first."""
    for by in (0, -1, 1, -2, 2):
        year, month = shift_month(published.year, published.month, by)
        day = month_day(year, month, number)
        if day is not None:
            yield day


def _day_of_month(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    number = _day_number(expr)
    candidates = sorted(candidates_by_month(published, number))
    if not candidates or number < 1:
        return unknown(
            text,
            published,
            "day-of-month",
            tense,
            f"no month around publication has a day {number}",
        )
    if number == published.day:
        return day_result(
            published,
            f"day {number} is the publication day itself ({fmt_day(published)})",
            text,
            published,
            "day-of-month",
            tense,
        )
    if tense == "past":
        day = max(d for d in candidates if d <= published)
        why = f"past tense: the most recent day {number} on or before the {pub_phrase(published)}"
    elif tense == "future":
        day = min(d for d in candidates if d >= published)
        why = f"future tense: the first day {number} on or after the {pub_phrase(published)}"
    else:
        day = min(candidates, key=lambda d: (abs((d - published).days), d))
        why = f"tense unclear: the day {number} nearest to the {pub_phrase(published)}"
    return day_result(day, why, text, published, "day-of-month", tense)


def _explicit(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = expr.lower()
    month_word = re.search(MONTH_RE, lowered)
    assert month_word is not None
    key = month_word.group().rstrip(".")
    month = (
        MONTHS.index(key) + 1
        if key in MONTHS
        else MONTH_ABBR[key[:4] if key == "sept" else key[:3]]
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
        day = month_day(year, month, number)
        if day is None:
            return unknown(
                text,
                published,
                "explicit",
                tense,
                f"{MONTHS[month - 1].title()} {year} has no day {number}",
            )
        return day_result(day, "an explicit date with its year", text, published, "explicit", tense)
    options = [
        d
        for y in (published.year - 1, published.year, published.year + 1)
        if (d := month_day(y, month, number))
    ]
    if not options:
        return unknown(
            text, published, "explicit", tense, f"{MONTHS[month - 1].title()} has no day {number}"
        )
    if tense == "past" and any(d <= published for d in options):
        day = max(d for d in options if d <= published)
        why = f"explicit day and month, no year; past tense: the latest on or before the {pub_phrase(published)}"
    elif tense == "future" and any(d >= published for d in options):
        day = min(d for d in options if d >= published)
        why = f"explicit day and month, no year; future tense: the first on or after the {pub_phrase(published)}"
    else:
        day = min(options, key=lambda d: abs((d - published).days))
        why = f"explicit day and month, no year: the one nearest to the {pub_phrase(published)}"
    return day_result(day, why, text, published, "explicit", tense)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = " ".join(expr.lower().replace("’", "'").removesuffix("'s").split())
    monday = _monday(published)
    if lowered == "earlier this week":
        if published.weekday() == 0:
            return unknown(
                text,
                published,
                "week",
                tense,
                "'earlier this week' in a Monday article has no earlier day",
            )
        return span_result(
            monday,
            published - timedelta(days=1),
            "range",
            f"from the Monday of the publication week to the day before the {pub_phrase(published)}",
            text,
            published,
            "week",
            tense,
        )
    if lowered == "later this week":
        if published.weekday() == 6:
            return unknown(
                text,
                published,
                "week",
                tense,
                "'later this week' in a Sunday article has no later day",
            )
        return span_result(
            published + timedelta(days=1),
            monday + timedelta(days=6),
            "range",
            f"from the day after the {pub_phrase(published)} to that week's Sunday",
            text,
            published,
            "week",
            tense,
        )
    word = lowered.split()[0]
    start = monday + timedelta(days={"last": -7, "this": 0, "next": 7}[word])
    why = f"'{word} week': Monday to Sunday of the {'previous' if word == 'last' else 'following' if word == 'next' else 'same'} ISO week to the {pub_phrase(published)}"
    return span_result(
        start, start + timedelta(days=6), "week", why, text, published, "week", tense
    )


def _weekend(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = expr.lower()
    wd = published.weekday()
    this_saturday = _monday(published) + timedelta(days=5)
    if lowered.startswith("last"):
        saturday = this_saturday - timedelta(days=7)
        why = f"'last weekend': the Saturday and Sunday of the week before the {pub_phrase(published)}"
    elif lowered.startswith("next"):
        saturday = this_saturday + timedelta(days=7 if wd >= 5 else 0)
        why = f"'next weekend': the first weekend wholly after the {pub_phrase(published)}"
    elif wd >= 5:
        saturday = this_saturday
        why = f"the publication day is in a weekend ({fmt_day(published)}): that weekend"
    elif tense == "past":
        saturday = this_saturday - timedelta(days=7)
        why = f"past tense: the weekend before the {pub_phrase(published)}"
    elif tense == "future" or lowered.startswith("this"):
        saturday = this_saturday
        why = f"{'future tense' if tense == 'future' else 'this weekend'}: the weekend after the {pub_phrase(published)}"
    elif wd <= 2:
        saturday = this_saturday - timedelta(days=7)
        why = f"tense unclear; Monday-Wednesday publication ({fmt_day(published)}): the weekend just past"
    else:
        saturday = this_saturday
        why = (
            f"tense unclear; Thursday-Friday publication ({fmt_day(published)}): the coming weekend"
        )
    return span_result(
        saturday, saturday + timedelta(days=1), "range", why, text, published, "weekend", tense
    )


def _month(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    word = expr.lower().split()[0]
    year, month = shift_month(
        published.year, published.month, {"last": -1, "this": 0, "next": 1}[word]
    )
    last = calendar.monthrange(year, month)[1]
    why = f"'{word} month' counted from the {pub_phrase(published)}: {MONTHS[month - 1].title()} {year}"
    return span_result(
        date(year, month, 1), date(year, month, last), "month", why, text, published, "month", tense
    )


def _coming_days(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    lowered = expr.lower()
    if "recent" in lowered or "past" in lowered or "last" in lowered:
        return span_result(
            published - timedelta(days=7),
            published - timedelta(days=1),
            "range",
            f"'{expr}': taken as the seven days before the {pub_phrase(published)}",
            text,
            published,
            "coming-days",
            tense,
        )
    return span_result(
        published + timedelta(days=1),
        published + timedelta(days=7),
        "range",
        f"'{expr}': taken as the seven days after the {pub_phrase(published)}",
        text,
        published,
        "coming-days",
        tense,
    )


RESOLVERS = {
    "relative-day": _relative_day,
    "weekday": _weekday,
    "day-of-relative-month": _day_of_relative_month,
    "day-of-month": _day_of_month,
    "bare-day": _day_of_month,
    "explicit": _explicit,
    "week": _week,
    "weekend": _weekend,
    "month": _month,
    "coming-days": _coming_days,
}
