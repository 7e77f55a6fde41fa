"""The looser date phrasings: scrambled weekday/day order, a day number without "th",
a month named alone, and "that day" pointing back to an earlier date.

Fixture sentences are written for these tests (a made-up trade-talks story).
Expected days were worked out with a calendar: Friday 16 May 2025; Tuesday
13 May, Wednesday 14 May; 11 February 2025 and 11 March 2025 are Tuesdays.
"""

from __future__ import annotations

from datetime import date

import pytest
from support import PackMaker

from briefing.model import load_pack
from briefing.model.analysis.analyse import analyse
from briefing.model.analysis.dates.resolve import find_expressions, resolve, resolve_in_text

FRI = date(2025, 5, 16)
D = date


@pytest.mark.parametrize(
    ("text", "tense", "start", "end", "precision"),
    [
        # weekday and day number, in either order (machine translation)
        ("the negotiators met on 13 Tuesday", "past", D(2025, 5, 13), D(2025, 5, 13), "day"),
        ("on Tuesday 13, in Geneva", "past", D(2025, 5, 13), D(2025, 5, 13), "day"),
        ("Wednesday the 14th", None, D(2025, 5, 14), D(2025, 5, 14), "day"),
        ("on the 11th Tuesday", "past", D(2025, 3, 11), D(2025, 3, 11), "day"),
        # a day number without "th"
        ("the envoys arrived on the 12 in Geneva", "past", D(2025, 5, 12), D(2025, 5, 12), "day"),
        ("a vote on 20.", "future", D(2025, 5, 20), D(2025, 5, 20), "day"),
        # a month named alone: month precision
        ("talks resume in June", "future", D(2025, 6, 1), D(2025, 6, 30), "month"),
        ("the tariff took effect in February", "past", D(2025, 2, 1), D(2025, 2, 28), "month"),
        ("signed in late April", "past", D(2025, 4, 1), D(2025, 4, 30), "month"),
        ("the mid-May round", None, D(2025, 5, 1), D(2025, 5, 31), "month"),
        ("since November 2024", None, D(2024, 11, 1), D(2024, 11, 30), "month"),
    ],
)
def test_loose_phrasings_resolve_with_their_precision(
    text: str, tense: str | None, start: date, end: date, precision: str
) -> None:
    result = resolve(text, FRI, tense)  # type: ignore[arg-type]
    assert (result.start, result.end, result.precision) == (start, end, precision), result.rule


@pytest.mark.parametrize(
    "text",
    [
        "agreement on 11 points",  # a count, not a day
        "it may rain in Geneva",  # "may" is not May
        "on Tuesday 13 delegates walked out",  # the number counts delegates
        "the march on the capital",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert [f.family for f in find_expressions(text) if f.family != "weekday"] == []


def test_scrambled_pair_that_no_nearby_day_fits_is_left_unresolved() -> None:
    # The 31sts from November 2024 to November 2025 fall on Tue, Fri, Mon, Sat, Thu, Sun, Fri:
    # none is a Wednesday, so the pair is left for the analyst.
    result = resolve("on 31 Wednesday", FRI, "past")
    assert not result.known and "is a Wednesday" in result.rule
    assert resolve("on 31 Tuesday", FRI, "past").start == D(2024, 12, 31)


ARTICLE = (
    "Geneva, 16 May (Wire) - Trade ministers resumed talks on Wednesday, officials said.\n"
    "The first round ended on the 2nd without a deal. Negotiators met again on Monday, "
    "and on that day the tariff schedule was tabled.\n"
    "On the same day, the steel quota was discussed in a side meeting.\n"
)


def test_that_day_within_a_paragraph_points_to_the_last_date_before_it() -> None:
    start = ARTICLE.index("on that day")
    result = resolve_in_text(ARTICLE, start, start + len("on that day"), FRI, "past")
    assert result.start == D(2025, 5, 12)  # Monday before Friday 16 May
    assert "last date given before it in its paragraph" in result.rule


def test_same_day_opening_a_paragraph_points_to_the_news_day() -> None:
    start = ARTICLE.index("On the same day")
    result = resolve_in_text(ARTICLE, start, start + len("On the same day"), FRI, "past")
    assert result.start == D(2025, 5, 16)  # the dateline's "16 May": the article's first date
    assert "points back to '16 May'" in result.rule and "news day" in result.rule


def test_that_day_with_no_date_before_it_stays_unresolved() -> None:
    text = "That day, nothing happened.\n"
    result = resolve_in_text(text, 0, len("That day"), FRI, "past")
    assert not result.known


def test_meeting_dated_by_the_same_day_is_checked(make_pack: PackMaker) -> None:
    article = (
        "Officials met in Oslo on the 4th to prepare the agenda.\n"
        "On the same day, a summit of ministers was held in Bergen.\n"
    )
    facts = """\
        meetings:
          - id: bergen
            title: Bergen summit
            date: {day}
            date_text: On the same day
            status: held
            evidence:
              - {{source: wire, quote: "On the same day, a summit of ministers was held in Bergen."}}
        """
    good = make_pack(facts.format(day="2025-03-04"), article=article)
    result = load_pack(good)
    assert result.pack is not None and [d.format() for d in result.diagnostics] == []
    checked = analyse(result.pack).dates["bergen"]
    assert checked.resolution.start == D(2025, 3, 4) and checked.agrees is True
    bad = make_pack(facts.format(day="2025-03-05"), article=article)
    messages = [d.format() for d in load_pack(bad).diagnostics]
    assert len(messages) == 1 and "disagrees with 'On the same day'" in messages[0]
