"""Rules for the looser phrasings of translated and hurried copy, and for "that day".

Machine translation scrambles the order of a weekday and its day number
("on 11 Tuesday", "Tuesday the 11"), drops the "th" ("on the 11"), and
reporters date things by month alone ("in March", "late February"). Each rule
here, like those in :mod:`briefing.model.analysis.dates.rules`, returns a
:class:`Resolution` whose ``rule`` says why, so an analyst can check it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from briefing.model.analysis.dates.expressions import (
    MONTHS,
    WEEKDAYS,
    Resolution,
    Tense,
)
from briefing.model.analysis.dates.rules import (
    day_result,
    month_day,
    pub_phrase,
    shift_month,
    span_result,
    unknown,
)

_REACH_MONTHS = 6
"""How far either side of publication a weekday-and-day-number pair is looked for."""


def _weekday_and_day(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    """Day N that falls on the named weekday, nearest to publication in the sentence's tense.

    The pair pins a day down better than either half: day N is a Tuesday only
    every few months, so whichever order the words came in, one day fits.
    """
    lowered = expr.lower()
    name = next(w for w in WEEKDAYS if w in lowered)
    number_match = re.search(r"\d+", lowered)
    assert number_match is not None
    number = int(number_match.group())
    candidates = []
    for by in range(-_REACH_MONTHS, _REACH_MONTHS + 1):
        year, month = shift_month(published.year, published.month, by)
        day = month_day(year, month, number)
        if day is not None and WEEKDAYS[day.weekday()] == name:
            candidates.append(day)
    family = "weekday-day"
    if not candidates:
        return unknown(
            text,
            published,
            family,
            tense,
            f"no day {number} within {_REACH_MONTHS} months of the {pub_phrase(published)} "
            f"is a {name.title()}",
        )
    past = [d for d in candidates if d <= published]
    future = [d for d in candidates if d >= published]
    if tense == "past" and past:
        day, why = max(past), "past tense: the latest"
    elif tense == "future" and future:
        day, why = min(future), "future tense: the first"
    else:
        day = min(candidates, key=lambda d: (abs((d - published).days), d))
        why = "the nearest"
    return day_result(
        day,
        f"weekday and day number in either order: {why} {name.title()} {number} "
        f"around the {pub_phrase(published)}",
        text,
        published,
        family,
        tense,
    )


_QUALIFIED = re.compile(r"^(early|late|mid|end|the end|the beginning)\b", re.IGNORECASE)


def _month_name(expr: str, text: str, published: date, tense: Tense | None) -> Resolution:
    """A month named alone ("in March", "late February", "March 2025"): the whole month.

    Without a year, the month is the one on or before publication in the past
    tense, on or after it in the future, else the nearest; "early"/"late" are
    kept in the rule's wording but the span stays the whole month (month
    precision: the words do not say where the edges are).
    """
    lowered = expr.lower()
    # No word boundary before the name: the finder takes "inMarch" and "earlyMay" (a
    # space lost in the article) as "in March", and asking for one raised
    # StopIteration out of every reader of dates. No qualifier holds a month's name.
    month = next(i + 1 for i, m in enumerate(MONTHS) if re.search(rf"{m}\b", lowered))
    year_match = re.search(r"\b\d{4}\b", lowered)
    if year_match is not None:
        year = int(year_match.group())
        why = "a month named with its year"
    else:
        options = []
        for by in range(-12, 13):
            y, m = shift_month(published.year, published.month, by)
            if m == month and date.min.year <= y <= date.max.year:
                options.append((by, y))
        here = [o for o in options if o[0] == 0]
        past = [o for o in options if o[0] <= 0]
        future = [o for o in options if o[0] >= 0]
        if here:
            by, year = here[0]
            why = "the month of publication"
        elif tense == "past" and past:
            by, year = max(past)
            why = "past tense: the latest such month before publication"
        elif tense == "future" and future:
            by, year = min(future)
            why = "future tense: the first such month after publication"
        else:
            by, year = min(options, key=lambda o: abs(o[0]))
            why = "the nearest such month to publication"
    if not date.min.year <= year <= date.max.year:
        return unknown(text, published, "month-name", tense, f"year {year} is off the calendar")
    qualified = _QUALIFIED.match(expr.strip())
    part = (
        f" ('{qualified.group(1).lower()}' narrows it, by how much the text does not say)"
        if qualified
        else ""
    )
    last = calendar.monthrange(year, month)[1]
    return span_result(
        date(year, month, 1),
        date(year, month, last),
        "month",
        f"{why}: {MONTHS[month - 1].title()} {year}{part}, counted from the {pub_phrase(published)}",
        text,
        published,
        "month-name",
        tense,
    )


LOOSE_RESOLVERS = {
    "weekday-day": _weekday_and_day,
    "month-name": _month_name,
}
