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

import re
from datetime import date
from functools import lru_cache

from briefing.model.analysis.dates.expressions import (
    BARE_WEEKDAY,
    MONTHS,
    WEEKDAYS,
    Found,
    Precision,
    Resolution,
    Tense,
    find_expressions,
)
from briefing.model.analysis.dates.loose_rules import LOOSE_RESOLVERS
from briefing.model.analysis.dates.rules import RESOLVERS, unknown
from briefing.model.analysis.dates.tense import sentence_tense

_ALL_RESOLVERS = RESOLVERS | LOOSE_RESOLVERS
ANAPHORA_REACH = 3000
"""Characters before "that day" searched for the date it points back to (a few paragraphs)."""
_SENTENCE_END = re.compile(r"[.!?\n]")

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "Found",
    "Precision",
    "Resolution",
    "Tense",
    "find_expressions",
    "resolve",
    "resolve_in_text",
    "sentence_tense",
]


@lru_cache(maxsize=8192)
def resolve(date_text: str, published: date | None, tense: Tense | None = None) -> Resolution:
    """Resolve ``date_text`` against the publication date.

    Remembered (the answer is a frozen value of its three arguments): the meetings
    citing one article resolve the same expressions against the same day, and each
    answer's rule is a sentence of its own (~5 MiB of copies at 5,000 articles);
    a JSON export reads tens of thousands of values' dates from a few hundred
    such triples (1,000 articles: 13,000 dates, 760 triples).

    ``tense`` says whether the sentence looks back ("met on Tuesday") or ahead
    ("will meet on Tuesday"); None means it could not be told, and the nearest
    candidate is taken.
    """
    found = find_expressions(date_text)
    if not found and BARE_WEEKDAY.match(date_text):
        found = [Found(0, len(date_text), date_text.strip(), "weekday")]
    if not found:
        return unknown(date_text, published, "none", tense, "no date expression recognised")
    expression = found[0]
    if expression.family == "anaphoric":
        return unknown(
            date_text,
            published,
            expression.family,
            tense,
            f"'{expression.text}' points at a date given elsewhere in the text; "
            "it cannot be resolved from the expression alone",
        )
    if published is None:
        return unknown(
            date_text, published, expression.family, tense, "the publication date is unknown"
        )
    resolver = _ALL_RESOLVERS[expression.family]
    try:
        return resolver(expression.text, date_text, published, tense)
    except (OverflowError, ValueError):
        # Every rule is date +/- days and date(year, month, day): near 0001-01-01 or
        # 9999-12-31 the answer (or a candidate the rule weighs) is off the calendar,
        # which Python signals with exactly these two. One catch here covers every
        # family, present and future, so no command can end in a traceback.
        return unknown(
            date_text,
            published,
            expression.family,
            tense,
            f"cannot resolve '{expression.text}' from {published.isoformat()}: "
            "the answer falls outside the calendar (years 1 to 9999)",
        )


def resolve_in_text(
    text: str, start: int, end: int, published: date | None, tense: Tense | None = None
) -> Resolution:
    """Resolve the expression at ``text[start:end]``, following "that day" back to its date.

    "On the same day" and "that day" name no date of their own. Within a
    paragraph they point at the last date given before them in that paragraph;
    opening a paragraph (the habit of agency copy, often translated: "On the
    same day, ...") they point at the article's news day, the first date of
    the article that names one day. Either is found in one pass of the finder
    over at most :data:`ANAPHORA_REACH` characters.
    """
    resolution = resolve(text[start:end], published, tense)
    if resolution.family != "anaphoric" or published is None:
        return resolution
    paragraph = max(text.rfind("\n", 0, start) + 1, start - ANAPHORA_REACH)
    earlier = _day_in(text, paragraph, start, published, tense, last=True)
    where = "the last date given before it in its paragraph"
    if earlier is None:
        earlier = _day_in(text, 0, min(start, ANAPHORA_REACH), published, tense, last=False)
        where = "the article's news day (the first date it gives), as nothing earlier in its paragraph dates it"
    if earlier is None:
        return resolution
    found, day = earlier
    return Resolution(
        day.start,
        day.end,
        "day",
        f"'{resolution.expression.strip()}' points back to '{found.text}', {where}: {day.rule}",
        text[start:end],
        published,
        "anaphoric",
        tense,
    )


def _day_in(
    text: str, lo: int, hi: int, published: date, tense: Tense | None, *, last: bool
) -> tuple[Found, Resolution] | None:
    """The last (or first) expression in ``text[lo:hi]`` resolving to one day, read in its own tense."""
    window = text[lo:hi]
    found_all = find_expressions(window)
    for found in reversed(found_all) if last else found_all:
        if found.family == "anaphoric":
            continue
        s_start = max((m.end() for m in _SENTENCE_END.finditer(window, 0, found.start)), default=0)
        stop = _SENTENCE_END.search(window, found.end)
        sentence = window[s_start : stop.start() if stop else len(window)]
        own = sentence_tense(sentence, found.start - s_start, found.end - s_start)
        day = resolve(found.text, published, own or tense)
        if day.precision == "day" and day.start is not None:
            return found, day
    return None
