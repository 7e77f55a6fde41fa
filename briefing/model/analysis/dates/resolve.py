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

from datetime import date

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
from briefing.model.analysis.dates.rules import RESOLVERS, unknown
from briefing.model.analysis.dates.tense import sentence_tense

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "Found",
    "Precision",
    "Resolution",
    "Tense",
    "find_expressions",
    "resolve",
    "sentence_tense",
]


def resolve(date_text: str, published: date | None, tense: Tense | None = None) -> Resolution:
    """Resolve ``date_text`` against the publication date.

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
    resolver = RESOLVERS[expression.family]
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
