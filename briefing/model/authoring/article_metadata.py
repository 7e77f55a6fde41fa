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
(:data:`LINE_MAX`), so the worst case is linear in the article's length. The
dates on those lines are read by ``article_dates.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from briefing.model.authoring.article_dates import (
    both_readings,
    dateline_date,
    day_first_hint,
    day_month,
    make_date,
    nearest,
    read_date,
    story_middle,
    without_dates,
    without_written_dates,
    year_unsure,
    years_in,
)
from briefing.model.authoring.hygiene import is_masthead
from briefing.model.names.vocabulary import BYLINE_ROLES as ROLE_WORDS

LINE_MAX = 300
"""Only the first characters of a line are matched: metadata lines are short."""
HEAD_LINES = 12
"""Metadata sits in the first lines (before the body) ..."""
FOOT_LINES = 4
"""... or in the last few (credits, sign-offs)."""

_PUBLISHED = re.compile(
    r"^\W*(first published|published|posted|last updated|updated|date)\b(?:\s+on)?\s*:?\s*", re.I
)
_RELATIVE = re.compile(
    r"(?:(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:minute|hour|day|week|month)s?\s+ago|yesterday|today|just now)\b",
    re.I,
)
"""'2 days ago', 'yesterday': a date line relative to when the page was saved, not a date."""
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
    # The place in capitals ("KYIV") or, when an agency follows, in mixed case ("Rabat, ... (MAP) -").
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?|[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,2})(?:,\s*(?P<region>[A-Z][A-Za-z.'’ ]{1,30}?))?"
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
    relative: Field | None = None
    """A date line that gives only a time relative to when the page was saved
    ("Updated 2 days ago"): no date, but the analyst is told where to look."""
    outlet: Field | None = None
    byline: Field | None = None
    dateline: Field | None = None
    people: list[str] = field(default_factory=list)
    """Reporters, editors, desks: named in the article but never actors."""
    places: list[str] = field(default_factory=list)
    """Where the article was written from ("Jane Doe in Almaty", "ALMATY, May 3"): places."""
    lines: set[int] = field(default_factory=set)
    """Lines that are about the article (byline, date, desk, credits), not in it."""
    dateline_end: dict[int, int] = field(default_factory=dict)
    """Line -> column where the body starts after a dateline ("VIENNA, March 3 (Reuters) - ")."""
    day_month: Field | None = None
    """A dateline's day and month with neither a year nor a weekday ('16 April', value '04-16')."""
    readings: tuple[date, date] | None = None
    """A numeric ``published`` date read both ways (day first, month first) when nothing
    in its line decided: :func:`settle_reading` lets the other articles' dates choose."""
    own_year: Field | None = None
    """That dateline dated with a year written elsewhere in the article: ``published``
    until :func:`complete_year` finds the other articles' year, which comes first, since
    a year in the text is as often the past's ("the talks collapsed in April 2023")."""


def complete_year(meta: ArticleMetadata, known: list[date]) -> None:
    """Give a yearless dateline the year that puts it nearest the other articles' dates.

    Wire copy often carries only "16 April"; the articles it is read with are
    from the same story, so the year that brings the date closest to theirs is
    the likely one. The rule says so, for the analyst to check. With no other
    dated article, the year the article itself gives stays (:attr:`ArticleMetadata.own_year`).
    """
    if meta.day_month is None or not known:
        return
    if meta.published is not None and meta.published is not meta.own_year:
        return  # dated by another line (a "Published:" line, a date line)
    month, day = (int(x) for x in meta.day_month.value.split("-"))
    middle = story_middle(known)
    options = [
        d
        for y in (middle.year - 1, middle.year, middle.year + 1)
        if (d := make_date(y, month, day))
    ]
    if not options:
        return
    best = nearest(options, middle)
    meta.published = Field(
        best.isoformat(),
        meta.day_month.line,
        meta.day_month.text,
        f"the dateline's day and month; the year of the other articles (nearest {middle.isoformat()})",
    )


def settle_reading(meta: ArticleMetadata, known: list[date]) -> None:
    """Read an ambiguous numeric ``published`` date the way that puts it nearest the
    other articles' dates: "Published: 05/06/2025" beside articles of early June 2025
    is 5 June, whatever order the article writes its other dates in."""
    if meta.readings is None or meta.published is None or not known:
        return
    best = nearest(meta.readings, story_middle(known))
    if best.isoformat() == meta.published.value:
        return
    day_first = best == meta.readings[0]
    meta.published = Field(
        best.isoformat(),
        meta.published.line,
        meta.published.text,
        f"a numeric date read {'day' if day_first else 'month'} first, as puts it nearest "
        "the other articles' dates; check",
    )


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
    years = years_in(" ".join(s for _, s in [*head, *foot]))
    hint = day_first_hint(text)
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
        if n in skip and (_BANNER_NAME.match(s) or is_masthead(s)) and not _SIGN_UP.search(s):
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
            elif meta.published is None:
                meta.published = value
                meta.readings = both_readings(s[published.end() :])
            meta.lines.add(n)
            return True
        if _RELATIVE.match(s, published.end()):
            meta.relative = meta.relative or Field(
                s, n, s, "a date line relative to the page's saving"
            )
            meta.lines.add(n)
            return True
    found = read_date(s, hint)
    if found and len(s) <= 60 and _ONLY_DATE_LEFT.match(without_dates(s)):
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
            tail = without_written_dates(tail)
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
        meta.places.append(in_place.group(2))
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
            meta.places.append(meta.dateline.value)
        when = " ".join(filter(None, (groups.get("region"), groups.get("when"))))
        if when:
            found = dateline_date(when, years, today, hint)
            dated = (
                None
                if found is None
                else Field(found[0].isoformat(), n, s, f"the dateline ({found[1]})")
            )
            pair = day_month(when) if year_unsure(when) else None
            if pair is not None:
                meta.day_month = Field(
                    f"{pair[0]:02d}-{pair[1]:02d}", n, s, "a dateline without a year"
                )
                meta.own_year = dated  # the other articles' year comes first (complete_year)
            if dated is not None and meta.published is None:
                meta.published = dated
        meta.dateline_end[n] = dateline.end() - 1
        return False  # the body starts on this line
    return False


def is_role_word(word: str) -> bool:
    """True for a word of a byline role or desk ('Correspondent', 'Desk')."""
    return word.lower() in ROLE_WORDS
