"""Dates as an article's metadata lines write them: full dates, and datelines' day and month.

Split out of ``article_metadata.py``, which finds the metadata lines: reading a
date from one ("06/03/2025", "Monday 3 March 2025", "March 3") is its own concern,
with its own ambiguity (day or month first) and its own rule for a missing year.
Every pattern is applied to one line of bounded length, so the worst case is
linear in the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from briefing.model.analysis.dates.expressions import MONTH_ABBR, MONTHS, WEEKDAYS

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_TIME = r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}(?:[+-]\d{1,2})?)?)?"

_DMY = re.compile(rf"\b(?:{_WEEKDAY},?\s+)?({_DAY})\s+({_MONTH}),?\s+(\d{{4}})\b", re.I)
_MDY = re.compile(rf"\b(?:{_WEEKDAY},?\s+)?({_MONTH})\s+({_DAY}),?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_DM_NOYEAR = re.compile(rf"\b({_DAY})\s+({_MONTH})(?![\w,]*\s+\d{{4}})", re.I)
_MD_NOYEAR = re.compile(rf"\b({_MONTH})\s+({_DAY})\b(?!,?\s+\d{{4}})", re.I)
_WEEKDAY_WORD = re.compile(rf"\b({_WEEKDAY})\b", re.I)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return (
        MONTHS.index(key) + 1
        if key in MONTHS
        else MONTH_ABBR[key[:4] if key == "sept" else key[:3]]
    )


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (31 April): a pattern's match is only a guess."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_in(text: str) -> int | None:
    match = _WEEKDAY_WORD.search(text)
    if match is None:
        return None
    word = match.group(1).lower()[:3]
    return [w[:3] for w in WEEKDAYS].index(word)


def read_date(text: str, day_first_hint: bool | None = None) -> tuple[date, str] | None:
    """A full date (with its year) in ``text``, and the rule that read it.

    ``06/03/2025`` is 6 March in most of the world and June 3 in the US: a
    number above 12 decides, then a weekday named in the same text, then
    ``day_first_hint`` (from the order of other dates in the article), then
    day-first; the rule says which decided.
    """
    found: list[tuple[int, date, str]] = []
    for match in _ISO.finditer(text):
        parsed = make_date(int(match[1]), int(match[2]), int(match[3]))
        if parsed:
            found.append((match.start(), parsed, "an ISO date"))
    for match in _DMY.finditer(text):
        parsed = make_date(int(match[3]), _month(match[2]), _day(match[1]))
        if parsed:
            found.append((match.start(), parsed, "day month year"))
    for match in _MDY.finditer(text):
        parsed = make_date(int(match[3]), _month(match[1]), _day(match[2]))
        if parsed:
            found.append((match.start(), parsed, "month day, year"))
    for match in _NUMERIC.finditer(text):
        a, b, year = int(match[1]), int(match[2]), int(match[3])
        dmy, mdy = make_date(year, b, a), make_date(year, a, b)
        weekday = _weekday_in(text)
        if dmy and not mdy:
            choice, why = dmy, "day/month/year (the month cannot be above 12)"
        elif mdy and not dmy:
            choice, why = mdy, "month/day/year (the month cannot be above 12)"
        elif dmy and mdy and dmy == mdy:
            choice, why = dmy, "a numeric date"
        elif (
            dmy
            and mdy
            and weekday is not None
            and (dmy.weekday() == weekday) != (mdy.weekday() == weekday)
        ):
            choice = dmy if dmy.weekday() == weekday else mdy
            why = "a numeric date; the weekday named beside it decides day and month"
        elif dmy and mdy and day_first_hint is not None:
            choice = dmy if day_first_hint else mdy
            why = "a numeric date; other dates in the article put the " + (
                "day first" if day_first_hint else "month first"
            )
        elif dmy:
            choice, why = dmy, "a numeric date read day first (most of the world; check)"
        else:
            continue
        found.append((match.start(), choice, why))
    if not found:
        return None
    _, parsed, why = min(found, key=lambda f: f[0])
    return parsed, why


def both_readings(text: str) -> tuple[date, date] | None:
    """(day first, month first) when the date :func:`read_date` takes from ``text`` is a
    numeric one both ways valid and different, with no weekday in ``text`` to decide:
    the order of the article's other dates (or day-first) chose, and the other
    articles' dates can choose better (:func:`nearest`)."""
    read = read_date(text)
    match = _NUMERIC.search(text)
    if read is None or match is None or _weekday_in(text) is not None:
        return None
    a, b, year = int(match[1]), int(match[2]), int(match[3])
    dmy, mdy = make_date(year, b, a), make_date(year, a, b)
    if dmy and mdy and dmy != mdy and read[0] in (dmy, mdy):
        return dmy, mdy
    return None


def story_middle(known: list[date]) -> date:
    """The middle of the story's dates (the median article's): what a date the
    article leaves open (a year, day-or-month first) is read nearest to."""
    return sorted(known)[len(known) // 2]


def nearest(options: Iterable[date], middle: date) -> date:
    """The option nearest ``middle`` (the first of equals)."""
    return min(options, key=lambda d: abs((d - middle).days))


def _year_for(
    month: int, day: int, weekday: int | None, years: list[int], today: date
) -> tuple[int, str] | None:
    """The year of a date written without one (datelines)."""
    for year in years:
        candidate = make_date(year, month, day)
        if candidate and (weekday is None or candidate.weekday() == weekday):
            return year, f"the year {year} written elsewhere in the article; check"
    if weekday is None:
        return None
    for year in range(today.year, today.year - 12, -1):
        candidate = make_date(year, month, day)
        if candidate and candidate.weekday() == weekday:
            return year, "the latest year in which the weekday named fits"
    return None


def day_month(when: str) -> tuple[int, int] | None:
    match = _DM_NOYEAR.search(when)
    if match:
        return _month(match[2]), _day(match[1])
    match = _MD_NOYEAR.search(when)
    return (_month(match[1]), _day(match[2])) if match else None


def dateline_date(
    when: str, years: list[int], today: date, day_first: bool | None
) -> tuple[date, str] | None:
    full = read_date(when, day_first)
    if full is not None:
        return full
    weekday = _weekday_in(when)
    match = _DM_NOYEAR.search(when)
    if match:
        month, day = _month(match[2]), _day(match[1])
    else:
        match = _MD_NOYEAR.search(when)
        if match is None:
            return None
        month, day = _month(match[1]), _day(match[2])
    year = _year_for(month, day, weekday, years, today)
    if year is None:
        return None
    parsed = make_date(year[0], month, day)
    return (parsed, f"the dateline's day and month; {year[1]}") if parsed else None


def day_first_hint(text: str) -> bool | None:
    """Whether the article writes '20 March' (True) or 'March 20' (False), if it says."""
    dm = len(_DM_NOYEAR.findall(text[:20000]))
    md = len(_MD_NOYEAR.findall(text[:20000]))
    if dm == md:
        return None
    return dm > md


def year_unsure(text: str) -> bool:
    """True when ``text`` (a dateline's date) gives a day and month but neither a year
    nor a weekday, which with the day and month fixes the year."""
    return read_date(text) is None and _weekday_in(text) is None and day_month(text) is not None


def years_in(text: str) -> list[int]:
    """Every year (1900-2099) written in ``text``, in order: candidates for a yearless dateline."""
    return [int(y) for y in _YEAR.findall(text)]


def without_dates(text: str) -> str:
    """``text`` with its full dates, times and weekdays removed: what is left beside a date."""
    rest = _DMY.sub("", _MDY.sub("", _ISO.sub("", _NUMERIC.sub("", text))))
    rest = re.sub(_TIME, "", rest)
    return _WEEKDAY_WORD.sub("", rest)


def without_written_dates(text: str) -> str:
    """``text`` with its dates written in words ('3 March 2025', 'March 3, 2025') removed."""
    return _DMY.sub("", _MDY.sub("", text))
