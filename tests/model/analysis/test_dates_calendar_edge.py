"""Dates at the edge of the calendar: an answer off the calendar is a diagnostic, never an exception.

Every expression family is resolved from publication dates on the first and last
days (and weeks) Python's calendar has, in every tense; the CLI commands that
resolve meeting dates are run on a pack published on those days.
"""

from __future__ import annotations

import textwrap
from datetime import date

import pytest
from support import PackMaker, sha

from briefing.cli import main
from briefing.model.analysis.dates.resolve import resolve

EXPRESSIONS = (
    "on Tuesday",
    "last Tuesday",
    "next Monday",
    "this Friday",
    "Sunday's talks",
    "today",
    "yesterday",
    "tomorrow",
    "this week",
    "last week",
    "next week",
    "earlier this week",
    "later this week",
    "at the weekend",
    "last weekend",
    "next weekend",
    "this month",
    "last month",
    "next month",
    "the 1st",
    "the 31st",
    "the 28th of last month",
    "the 1st of next month",
    "1 January",
    "31 December",
    "in the coming days",
    "in recent days",
)
EDGES = (date(1, 1, 1), date(1, 1, 3), date(1, 2, 1), date(9999, 12, 31), date(9999, 12, 29))


@pytest.mark.parametrize("published", EDGES)
@pytest.mark.parametrize("tense", [None, "past", "future"])
def test_every_family_at_the_calendar_edge_resolves_or_says_why(
    published: date, tense: str | None
) -> None:
    for text in EXPRESSIONS:
        result = resolve(text, published, tense)  # type: ignore[arg-type]
        if result.known:
            assert result.start is not None and result.end is not None
            assert result.start <= result.end
        else:
            assert result.rule  # an explanation, never an exception


def test_off_the_calendar_names_the_expression_and_the_date() -> None:
    result = resolve("next week", date(9999, 12, 31))
    assert not result.known
    assert result.rule.startswith("cannot resolve 'next week' from 9999-12-31")
    assert "cannot resolve 'yesterday' from 0001-01-01" in resolve("yesterday", date(1, 1, 1)).rule


def test_in_calendar_answers_near_the_edge_are_still_found() -> None:
    # Candidates off the calendar are skipped, not fatal: the 1st of the same month exists.
    assert resolve("the 1st", date(1, 1, 5), "past").start == date(1, 1, 1)
    assert resolve("yesterday", date(9999, 12, 31)).start == date(9999, 12, 30)
    assert resolve("last month", date(9999, 12, 31)).start == date(9999, 11, 1)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "date_text", ["on Tuesday", "yesterday", "next week", "last month", "the 1st"]
)
def test_commands_on_a_pack_published_at_the_edge(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str], published: str, date_text: str
) -> None:
    article = f"Ministers met {date_text} in Paris to discuss the plan.\n"
    header = textwrap.dedent(
        f"""\
        pack:
          title: Edge pack
          story: A test.
          as_of: {published}
        sources:
          - id: wire
            file: seeds/a.txt
            sha256: {sha(article)}
            outlet: Wire
            title: Edge
            published: {published}
            language: en
        """
    )
    facts = f"""\
        meetings:
          - id: talks
            title: Talks
            date: null
            date_text: {date_text}
            status: held
            evidence:
              - source: wire
                quote: "Ministers met {date_text} in Paris"
        """
    root = make_pack(facts, article=article, header=header)
    # In process: an exception escaping a command fails the test with its traceback
    # (the process boundary itself is tested in test_hostile_cli.py).
    for command in (["validate"], ["export", "--format", "json"], ["coverage"], ["hygiene"]):
        code = main([*command, str(root)])
        err = capsys.readouterr().err
        assert "Traceback" not in err, (command, err)
        assert code in (0, 1), (command, err)
