"""What an article says about itself: headline, publication date, outlet, byline, dateline.

News text carries its own metadata in a handful of shapes (see the project note
on news text): a "Published:" line, a line holding only a date and time, a
byline ("By Jane Doe, Energy Correspondent", "Jane Doe | Europe Editor |
Outlet", "Jane Doe in Almaty", "Story by Jane Doe"), a wire or agency dateline
("VIENNA, March 3 (Reuters) -", "CHISINAU, 4 March /AGENCY/ -"), reporting
credits at the foot, a copyright line. ``briefing init`` and ``briefing add``
read them so the analyst checks dates instead of typing them; every value keeps
the line it came from and the rule that read it, so a wrong guess is easy to
see and fix.

Every pattern here is anchored and applied to one line of bounded length
(:data:`LINE_MAX`), so the worst case is linear in the article's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from briefing.model.analysis.dates.expressions import MONTH_ABBR, MONTHS, WEEKDAYS
from briefing.model.names.vocabulary import BYLINE_ROLES as ROLE_WORDS

LINE_MAX = 300
"""Only the first characters of a line are matched: metadata lines are short."""
HEAD_LINES = 12
"""Metadata sits in the first lines (before the body) ..."""
FOOT_LINES = 4
"""... or in the last few (credits, sign-offs)."""

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

_PUBLISHED = re.compile(
    r"^\W*(first published|published|posted|last updated|updated|date)\b(?:\s+on)?\s*:?\s*", re.I
)
_ONLY_DATE_LEFT = re.compile(r"^[\s,|·•-]*(?:GMT|UTC|CET|ET|EST|EDT|BST)?[\s,|·•()+\d-]*$")
_BYLINE = re.compile(r"^\W*(?:by|story by|words by|written by|reporting by)\s+(.+)$", re.I)
_IN_PLACE = re.compile(
    r"^([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}) in ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)\s*$"
)
_CREDITS = re.compile(
    r"^\W*\(?\s*((?:additional )?(?:reporting|writing|editing|compiled|written) by .*?)\)?\s*$",
    re.I,
)
_CREDIT_NAMES = re.compile(r"\bby\s+([^;)]+)", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z.'’ ]{1,30}?))?"
    r"(?:,\s*(?P<when>[^()—–]{3,40}?))?\s*"
    r"(?:\((?P<agency>[^()]{2,40})\)|/(?P<agency2>[A-Z][\w .&-]{1,38})/)?\s*(?:—|–|--|-)\s+\S"
)
_AGENCY_ONLY = re.compile(r"^\((?P<agency>[A-Z][\w .&]{1,30})\)\s*(?:—|–|--|-)\s+\S")
_SIGN_OFF = re.compile(r"^([A-Z][\w&.-]{1,30}(?: [A-Z][\w&.-]+){0,3}) English service\s*$")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}\s*)?([^().,©]{3,60}?)\s*(?:\d{4}\s*)?(?:\(|\.|,|all rights|$)",
    re.I,
)
_BANNER_NAME = re.compile(r"^[A-Z][A-Z&.' -]{2,40}$")
_SIGN_UP = re.compile(r"SIGN|SUBSCRIBE|LOG ?IN|NEWSLETTER|MENU|COOKIE")
_DESK_ONLY = re.compile(
    r"^\W*(?:[A-Z][a-z]+\s+){0,3}(?:Desk|Staff|Correspondent|Editor|Reporter|Bureau)\W*$"
)


@dataclass(frozen=True, slots=True)
class Field:
    """One value read from the article, with the 1-based line it came from and why."""

    value: str
    line: int
    text: str
    rule: str


@dataclass(slots=True)
class ArticleMetadata:
    """Everything an article says about itself; None where it says nothing."""

    headline: Field | None = None
    published: Field | None = None
    updated: Field | None = None
    outlet: Field | None = None
    byline: Field | None = None
    dateline: Field | None = None
    people: list[str] = field(default_factory=list)
    """Reporters, editors, desks: named in the article but never actors."""
    lines: set[int] = field(default_factory=set)
    """Lines that are about the article (byline, date, desk, credits), not in it."""
    dateline_end: dict[int, int] = field(default_factory=dict)
    day_month: Field | None = None
    """A dateline's day and month when no year could be found ('16 April', value '04-16')."""
    """Line -> column where the body starts after a dateline ("VIENNA, March 3 (Reuters) - ")."""


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return (
        MONTHS.index(key) + 1
        if key in MONTHS
        else MONTH_ABBR[key[:4] if key == "sept" else key[:3]]
    )


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _make(year: int, month: int, day: int) -> date | None:
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
        parsed = _make(int(match[1]), int(match[2]), int(match[3]))
        if parsed:
            found.append((match.start(), parsed, "an ISO date"))
    for match in _DMY.finditer(text):
        parsed = _make(int(match[3]), _month(match[2]), _day(match[1]))
        if parsed:
            found.append((match.start(), parsed, "day month year"))
    for match in _MDY.finditer(text):
        parsed = _make(int(match[3]), _month(match[1]), _day(match[2]))
        if parsed:
            found.append((match.start(), parsed, "month day, year"))
    for match in _NUMERIC.finditer(text):
        a, b, year = int(match[1]), int(match[2]), int(match[3])
        dmy, mdy = _make(year, b, a), _make(year, a, b)
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


def _year_for(
    month: int, day: int, weekday: int | None, years: list[int], today: date
) -> tuple[int, str] | None:
    """The year of a date written without one (datelines)."""
    for year in years:
        candidate = _make(year, month, day)
        if candidate and (weekday is None or candidate.weekday() == weekday):
            return year, f"the year {year} written elsewhere in the article"
    if weekday is None:
        return None
    for year in range(today.year, today.year - 12, -1):
        candidate = _make(year, month, day)
        if candidate and candidate.weekday() == weekday:
            return year, "the latest year in which the weekday named fits"
    return None


def _day_month(when: str) -> tuple[int, int] | None:
    match = _DM_NOYEAR.search(when)
    if match:
        return _month(match[2]), _day(match[1])
    match = _MD_NOYEAR.search(when)
    return (_month(match[1]), _day(match[2])) if match else None


def complete_year(meta: ArticleMetadata, known: list[date]) -> None:
    """Give a yearless dateline the year that puts it nearest the other articles' dates.

    Wire copy often carries only "16 April"; the articles it is read with are
    from the same story, so the year that brings the date closest to theirs is
    the likely one. The rule says so, for the analyst to check.
    """
    if meta.published is not None or meta.day_month is None or not known:
        return
    month, day = (int(x) for x in meta.day_month.value.split("-"))
    middle = sorted(known)[len(known) // 2]
    options = [
        d for y in (middle.year - 1, middle.year, middle.year + 1) if (d := _make(y, month, day))
    ]
    if not options:
        return
    best = min(options, key=lambda d: abs((d - middle).days))
    meta.published = Field(
        best.isoformat(),
        meta.day_month.line,
        meta.day_month.text,
        f"the dateline's day and month; the year of the other articles (nearest {middle.isoformat()})",
    )


def _dateline_date(
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
    parsed = _make(year[0], month, day)
    return (parsed, f"the dateline's day and month; {year[1]}") if parsed else None


def _names(text: str) -> tuple[list[str], list[str]]:
    """People and leftover parts ('Energy Correspondent', 'Associated Press') of a byline."""
    people, rest = [], []
    for part in re.split(r",|\band\b|&|;", text):
        words = part.split()
        if not words:
            continue
        if any(w.lower() in ROLE_WORDS for w in words) or not all(w[:1].isupper() for w in words):
            rest.append(" ".join(words))
        elif 2 <= len(words) <= 4:
            people.append(" ".join(words))
        else:
            rest.append(" ".join(words))
    return people, rest


def _day_first_hint(text: str) -> bool | None:
    """Whether the article writes '20 March' (True) or 'March 20' (False), if it says."""
    dm = len(_DM_NOYEAR.findall(text[:20000]))
    md = len(_MD_NOYEAR.findall(text[:20000]))
    if dm == md:
        return None
    return dm > md


def read_metadata(
    text: str, skip: set[int] | None = None, today: date | None = None
) -> ArticleMetadata:
    """Read the metadata lines of one article (``skip``: boilerplate line numbers)."""
    skip = skip or set()
    today = today or date.today()
    meta = ArticleMetadata()
    lines = text.split("\n")
    numbered = [(n, line[:LINE_MAX].strip()) for n, line in enumerate(lines, start=1)]
    head = [(n, s) for n, s in numbered if s and n not in skip][:HEAD_LINES]
    foot = [(n, s) for n, s in numbered if s and n not in skip][-FOOT_LINES:]
    years = [int(y) for y in _YEAR.findall(" ".join(s for _, s in [*head, *foot]))]
    hint = _day_first_hint(text)
    outlets: list[tuple[int, Field]] = []
    body_started = False
    for n, s in head:
        if body_started:
            break
        if _read_line(meta, n, s, years, today, hint, outlets):
            continue
        if len(s) > 160 or (s.endswith((".", '"', "”")) and len(s.split()) > 12):
            body_started = True  # the first paragraph of prose: metadata ends here
    for n, s in foot:
        if n in meta.lines:
            continue
        credits = _CREDITS.match(s)
        if credits:
            for names in _CREDIT_NAMES.findall(credits.group(1)):
                meta.people.extend(_names(names)[0])
            meta.lines.add(n)
        sign_off = _SIGN_OFF.match(s)
        if sign_off:
            outlets.append((4, Field(sign_off.group(1), n, s, "an agency's sign-off line")))
            meta.lines.add(n)
    for n, s in numbered:
        if n in skip or len(s) > 160:
            owner = _COPYRIGHT.search(s) if n in skip else None
        else:
            owner = _COPYRIGHT.search(s)
        if owner and owner.group(1).strip() and not owner.group(1).strip().isdigit():
            outlets.append((3, Field(owner.group(1).strip(), n, s, "the copyright line")))
    for n, s in numbered[:3]:
        if n in skip and _BANNER_NAME.match(s) and not _SIGN_UP.search(s):
            outlets.append((5, Field(s.title(), n, s, "the site's name in the banner")))
            break
    if outlets:
        meta.outlet = min(outlets, key=lambda o: (o[0], o[1].line))[1]
    if meta.published is None and meta.updated is not None:
        meta.published = Field(
            meta.updated.value,
            meta.updated.line,
            meta.updated.text,
            meta.updated.rule + " (only an update time is given)",
        )
    for n, s in numbered:
        if not s or n in skip or n in meta.lines:
            continue
        start = meta.dateline_end.get(n, 0)
        headline = s[start:].strip() if start else s
        if start:
            break  # the dateline opens the body: no headline above it
        meta.headline = Field(headline, n, s, "the first line that is not furniture or metadata")
        break
    return meta


def _read_line(
    meta: ArticleMetadata,
    n: int,
    s: str,
    years: list[int],
    today: date,
    hint: bool | None,
    outlets: list[tuple[int, Field]],
) -> bool:
    """Read one head line; True when it is a metadata line (not the headline, not prose)."""
    published = _PUBLISHED.match(s)
    if published:
        found = read_date(s[published.end() :], hint)
        if found:
            word = published.group(1).lower()
            value = Field(found[0].isoformat(), n, s, f"a '{published.group(1)}' line, {found[1]}")
            if "updat" in word:
                meta.updated = meta.updated or value
            else:
                meta.published = meta.published or value
            meta.lines.add(n)
            return True
    found = read_date(s, hint)
    if found and len(s) <= 60:
        rest = _DMY.sub("", _MDY.sub("", _ISO.sub("", _NUMERIC.sub("", s))))
        rest = re.sub(_TIME, "", rest)
        rest = _WEEKDAY_WORD.sub("", rest)
        if _ONLY_DATE_LEFT.match(rest):
            if meta.published is None:
                meta.published = Field(
                    found[0].isoformat(), n, s, f"a line holding only a date ({found[1]})"
                )
            meta.lines.add(n)
            return True
    pipes = [p.strip() for p in s.split("|")]
    if len(pipes) >= 3 and len(s) <= 120 and not re.search(r"\bshare\b|facebook|twitter", s, re.I):
        people, _leftover = _names(pipes[0])
        if people:
            meta.people.extend(people)
            meta.byline = Field(s, n, s, "a 'name | role | outlet' byline")
            last = pipes[-1]
            if not any(w.lower() in ROLE_WORDS for w in last.split()):
                outlets.append((2, Field(last, n, s, "the byline's last part")))
            meta.lines.add(n)
            return True
    byline = _BYLINE.match(s)
    if byline and len(s) <= 160:
        tail = byline.group(1)
        found = read_date(tail, hint)
        if found:
            if meta.published is None:
                meta.published = Field(
                    found[0].isoformat(), n, s, f"the byline's date ({found[1]})"
                )
            tail = _DMY.sub("", _MDY.sub("", tail))
        people, leftover = _names(tail)
        meta.people.extend(people)
        for part in leftover:
            if not any(w.lower() in ROLE_WORDS for w in part.split()) and part[:1].isupper():
                outlets.append((2, Field(part, n, s, "the byline")))
        meta.byline = Field(s, n, s, "a 'By' byline")
        meta.lines.add(n)
        return True
    in_place = _IN_PLACE.match(s)
    if in_place and meta.byline is None:
        meta.people.append(in_place.group(1))
        meta.byline = Field(s, n, s, "a 'name in place' byline")
        meta.lines.add(n)
        return True
    if _DESK_ONLY.match(s) and len(s.split()) <= 5:
        meta.people.append(s.strip(" -|"))
        meta.lines.add(n)
        return True
    dateline = _DATELINE.match(s) or _AGENCY_ONLY.match(s)
    if dateline:
        groups = dateline.groupdict()
        place = (groups.get("place") or "").strip()
        if place and not (place.isupper() or groups.get("agency") or groups.get("agency2")):
            return False
        agency = (groups.get("agency") or groups.get("agency2") or "").strip()
        if agency:
            outlets.append((1, Field(agency, n, s, "the dateline's agency")))
        if place:
            meta.dateline = Field(place.title() if place.isupper() else place, n, s, "a dateline")
        when = " ".join(filter(None, (groups.get("region"), groups.get("when"))))
        if when:
            found = _dateline_date(when, years, today, hint)
            pair = _day_month(when)
            if found is None and pair is not None:
                meta.day_month = Field(
                    f"{pair[0]:02d}-{pair[1]:02d}", n, s, "a dateline without a year"
                )
            if found and meta.published is None:
                meta.published = Field(found[0].isoformat(), n, s, f"the dateline ({found[1]})")
        meta.dateline_end[n] = dateline.end() - 1
        return False  # the body starts on this line
    return False


def is_role_word(word: str) -> bool:
    """True for a word of a byline role or desk ('Correspondent', 'Desk')."""
    return word.lower() in ROLE_WORDS
