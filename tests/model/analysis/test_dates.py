"""Date resolution: every expression family, the tricky calendar cases, and the default pack.

Expected dates were worked out by hand with a calendar (March 2025: Monday 3,
10, 17; February 2025 has 28 days), not by running the code.
"""

from __future__ import annotations

from datetime import date

import pytest
from support import PackMaker, sha

from briefing.model import load_pack
from briefing.model.analysis.analyse import analyse
from briefing.model.analysis.dates.resolve import find_expressions, resolve, sentence_tense

MON = date(2025, 3, 10)  # Monday 10 March 2025
THU = date(2025, 3, 13)
D = date


@pytest.mark.parametrize(
    ("text", "published", "tense", "start", "end", "precision"),
    [
        # weekdays: future -> next, past -> previous, same day -> that day
        ("on Tuesday", MON, "future", D(2025, 3, 11), D(2025, 3, 11), "day"),
        ("on Tuesday", MON, "past", D(2025, 3, 4), D(2025, 3, 4), "day"),
        ("on Tuesday", THU, "past", D(2025, 3, 11), D(2025, 3, 11), "day"),
        ("Tuesday’s meeting", MON, "future", D(2025, 3, 11), D(2025, 3, 11), "day"),
        ("on Monday", MON, "past", MON, MON, "day"),
        ("on Monday", MON, "future", MON, MON, "day"),
        ("on Saturday", MON, "future", D(2025, 3, 15), D(2025, 3, 15), "day"),
        ("on Saturday", MON, None, D(2025, 3, 8), D(2025, 3, 8), "day"),  # nearest
        ("last Tuesday", MON, None, D(2025, 3, 4), D(2025, 3, 4), "day"),
        ("next Monday", MON, None, D(2025, 3, 17), D(2025, 3, 17), "day"),
        ("on Sunday", D(2025, 3, 3), "past", D(2025, 3, 2), D(2025, 3, 2), "day"),  # month boundary
        # day of month
        ("on the 11th", D(2025, 3, 7), "future", D(2025, 3, 11), D(2025, 3, 11), "day"),
        ("on the 5th", D(2025, 3, 7), "past", D(2025, 3, 5), D(2025, 3, 5), "day"),
        ("the 2nd", D(2025, 3, 3), "past", D(2025, 3, 2), D(2025, 3, 2), "day"),
        ("the 2nd", D(2025, 3, 3), "future", D(2025, 4, 2), D(2025, 4, 2), "day"),
        ("the 28th", D(2025, 3, 6), "past", D(2025, 2, 28), D(2025, 2, 28), "day"),
        ("the 30th", D(2025, 3, 2), "past", D(2025, 1, 30), D(2025, 1, 30), "day"),  # no 30 Feb
        ("the 6th", D(2025, 3, 6), "future", D(2025, 3, 6), D(2025, 3, 6), "day"),
        ("on the 31st", D(2024, 12, 30), "future", D(2024, 12, 31), D(2024, 12, 31), "day"),
        ("on the 2nd", D(2024, 12, 30), "future", D(2025, 1, 2), D(2025, 1, 2), "day"),  # year
        # day of a relative month
        ("on the 28th of last month", D(2025, 3, 6), None, D(2025, 2, 28), D(2025, 2, 28), "day"),
        ("the 15th of last month", D(2025, 1, 5), None, D(2024, 12, 15), D(2024, 12, 15), "day"),
        ("the 3rd of next month", D(2025, 12, 20), None, D(2026, 1, 3), D(2026, 1, 3), "day"),
        # explicit dates
        ("11 March", MON, None, D(2025, 3, 11), D(2025, 3, 11), "day"),
        ("March 11, 2025", D(2025, 5, 1), None, D(2025, 3, 11), D(2025, 3, 11), "day"),
        ("on 2 January", D(2024, 12, 28), "future", D(2025, 1, 2), D(2025, 1, 2), "day"),
        ("on 30 December", D(2025, 1, 3), "past", D(2024, 12, 30), D(2024, 12, 30), "day"),
        # relative days
        ("today", MON, None, MON, MON, "day"),
        ("yesterday", D(2025, 3, 1), None, D(2025, 2, 28), D(2025, 2, 28), "day"),
        ("tomorrow", D(2024, 12, 31), None, D(2025, 1, 1), D(2025, 1, 1), "day"),
        # weeks (ISO, Monday to Sunday)
        ("last week", MON, None, D(2025, 3, 3), D(2025, 3, 9), "week"),
        ("last week", D(2025, 3, 4), None, D(2025, 2, 24), D(2025, 3, 2), "week"),  # month
        ("last week", D(2025, 1, 2), None, D(2024, 12, 23), D(2024, 12, 29), "week"),  # year
        ("this week", MON, None, D(2025, 3, 10), D(2025, 3, 16), "week"),
        ("this week’s talks", MON, None, D(2025, 3, 10), D(2025, 3, 16), "week"),
        ("next week", THU, None, D(2025, 3, 17), D(2025, 3, 23), "week"),
        ("next week", D(2025, 3, 7), None, D(2025, 3, 10), D(2025, 3, 16), "week"),
        ("earlier this week", THU, None, D(2025, 3, 10), D(2025, 3, 12), "range"),
        # weekends
        ("at the weekend", MON, "past", D(2025, 3, 8), D(2025, 3, 9), "range"),
        ("on the weekend", MON, "past", D(2025, 3, 8), D(2025, 3, 9), "range"),
        ("over the weekend", THU, "future", D(2025, 3, 15), D(2025, 3, 16), "range"),
        ("over the weekend", THU, None, D(2025, 3, 15), D(2025, 3, 16), "range"),
        ("at the weekend", D(2025, 3, 9), "past", D(2025, 3, 8), D(2025, 3, 9), "range"),
        # months and coming days
        ("last month", D(2025, 1, 15), None, D(2024, 12, 1), D(2024, 12, 31), "month"),
        ("next month", D(2025, 1, 31), None, D(2025, 2, 1), D(2025, 2, 28), "month"),
        ("in the coming days", THU, None, D(2025, 3, 14), D(2025, 3, 20), "range"),
        ("in recent days", THU, None, D(2025, 3, 6), D(2025, 3, 12), "range"),
    ],
)
def test_resolve_families(
    text: str, published: date, tense: str | None, start: date, end: date, precision: str
) -> None:
    result = resolve(text, published, tense)  # type: ignore[arg-type]
    assert (result.start, result.end, result.precision) == (start, end, precision), result.rule
    assert result.rule  # every resolution explains itself


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("On the same day", MON),  # anaphoric: needs the text, not the expression
        ("the 31st of last month", D(2025, 3, 6)),  # February has no 31st
        ("on Tuesday", None),  # publication date unknown
        ("soon", MON),  # not a date expression
    ],
)
def test_unresolvable(text: str, published: date | None) -> None:
    result = resolve(text, published)
    assert result.precision == "unknown"
    assert result.start is None and result.end is None
    assert result.rule


@pytest.mark.parametrize(
    ("sentence", "expression", "tense"),
    [
        ("Radakin will co-chair a meeting in Paris on Tuesday", "on Tuesday", "future"),
        ("Officials due to begin talks on Tuesday", "on Tuesday", "future"),
        ("The ministers held talks in Paris on Wednesday", "on Wednesday", "past"),
        ("the meeting held on the 5th was attended by many", "on the 5th", "past"),
        ("This will be discussed during a call over the weekend", "over the weekend", "future"),
        ("a 'Coalition of Will' plan to present on the 2nd", "on the 2nd", None),
        ("On the 2nd in London, leaders are seen meeting", "On the 2nd", None),
    ],
)
def test_sentence_tense(sentence: str, expression: str, tense: str | None) -> None:
    at = sentence.index(expression)
    assert sentence_tense(sentence, at, at + len(expression)) == tense


def test_bare_weekday_is_not_an_expression_in_running_text() -> None:
    found = find_expressions("army chiefs from European countries Tuesday from UK")
    assert found == []
    assert [f.text for f in find_expressions("Radakin will co-chair Tuesday’s meeting")] == [
        "Tuesday’s"
    ]


# Every meeting of the default pack: its date as written, the source it is
# read from, and the date or range a careful reader gets from the calendar.
DEFAULT_PACK = {
    "white-house-clash": ("on the 28th of last month", "asiae", "2025-02-28", "2025-02-28"),
    "london-summit": ("On the 2nd", "asiae", "2025-03-02", "2025-03-02"),
    "partners-meeting-5-march": ("on the 5th", "asiae", "2025-03-05", "2025-03-05"),
    "eu-special-summit": ("On the same day", "asiae", "2025-03-06", "2025-03-06"),
    "healey-hegseth-talks": ("last week", "ipaper", "2025-03-03", "2025-03-09"),
    "starmer-albanese-talks": ("at the weekend", "ft-mt", "2025-03-08", "2025-03-09"),
    "uk-ukraine-officials-talks": ("on the weekend", "ft-mt", "2025-03-08", "2025-03-09"),
    "starmer-trump-call": ("on Monday", "ft-mt", "2025-03-10", "2025-03-10"),
    "saudi-talks": ("on Tuesday", "ipaper", "2025-03-11", "2025-03-11"),
    "paris-chiefs": ("on Tuesday", "ipaper", "2025-03-11", "2025-03-11"),
    "paris-defence-forum": ("on the 11th", "asiae", "2025-03-11", "2025-03-11"),
    "paris-defence-ministers": ("on Wednesday", "ipaper", "2025-03-12", "2025-03-12"),
    "defence-ministers-followup": ("next week", "ukr-bloomberg", "2025-03-17", "2025-03-23"),
    "virtual-leaders-call": ("on Saturday", "ft-mt", "2025-03-15", "2025-03-15"),
}


def test_default_pack_every_meeting_date() -> None:
    result = load_pack()
    assert result.pack is not None
    assert [d.format() for d in result.diagnostics] == []  # no date warnings either
    analysis = analyse(result.pack)
    assert set(analysis.dates) == set(DEFAULT_PACK)
    for meeting in result.pack.meetings:
        text, source, start, end = DEFAULT_PACK[meeting.id]
        checked = analysis.dates[meeting.id]
        assert meeting.date_text == text
        assert checked.basis is not None and checked.basis.source == source, meeting.id
        r = checked.resolution
        assert (r.start and r.start.isoformat(), r.end and r.end.isoformat()) == (start, end)
        assert checked.conflicts == ()
        if meeting.date is not None and r.known:
            assert checked.agrees is True, meeting.id


def _meeting_pack(make_pack: PackMaker, date_value: str, date_text: str, quote: str) -> list[str]:
    root = make_pack(
        f"""\
        meetings:
          - id: paris
            title: Leaders meet
            date: {date_value}
            date_text: {date_text}
            status: held
            evidence:
              - {{source: wire, quote: "{quote}"}}
        """
    )
    return [d.format() for d in load_pack(root).diagnostics]


def test_loader_warns_when_curated_date_disagrees(make_pack: PackMaker) -> None:
    # The test article (published Monday 10 March) says "Leaders met in Paris on Tuesday":
    # past tense, so the previous Tuesday, 4 March.
    lines = _meeting_pack(make_pack, "2025-03-11", "on Tuesday", "Leaders met in Paris on Tuesday")
    assert len(lines) == 1
    assert (
        "facts.yaml:4:11: warning: date 2025-03-11 of meeting 'paris' disagrees with 'on Tuesday'"
        in lines[0]
    )
    assert "resolves to 2025-03-04" in lines[0]
    assert (
        _meeting_pack(make_pack, "2025-03-04", "on Tuesday", "Leaders met in Paris on Tuesday")
        == []
    )


def test_loader_warns_when_date_text_not_in_evidence(make_pack: PackMaker) -> None:
    lines = _meeting_pack(make_pack, "2025-03-04", "on Friday", "Leaders met in Paris on Tuesday")
    assert len(lines) == 1 and "date_text 'on Friday' of meeting 'paris' does not occur" in lines[0]


def test_loader_warns_when_null_date_resolves_to_a_day(make_pack: PackMaker) -> None:
    lines = _meeting_pack(make_pack, "null", "on Tuesday", "Leaders met in Paris on Tuesday")
    assert len(lines) == 1 and "is null but 'on Tuesday'" in lines[0] and "2025-03-04" in lines[0]


def test_two_sources_placing_a_meeting_on_different_days(make_pack: PackMaker) -> None:
    article = "Leaders met in Paris on Tuesday.\nLeaders will meet in Paris on Tuesday.\n"
    root = make_pack(article=article)
    other = root / "seeds" / "b.txt"
    other.write_text("The summit was held on the 11th.\n", encoding="utf-8")
    (root / "data" / "b.yaml").write_text(
        f"""\
sources:
  - id: other
    file: seeds/b.txt
    sha256: {sha(other.read_text(encoding="utf-8"))}
    outlet: Other
    title: Other
    published: 2025-03-12
    language: en
meetings:
  - id: paris
    title: Leaders meet
    date: 2025-03-04
    date_text: on Tuesday
    status: held
    evidence:
      - {{source: wire, quote: "Leaders met in Paris on Tuesday"}}
      - {{source: other, quote: "The summit was held on the 11th"}}
""",
        encoding="utf-8",
    )
    result = load_pack(root)
    lines = [d.format() for d in result.diagnostics]
    assert any("sources place meeting 'paris' on different dates" in line for line in lines)
    assert result.pack is not None
    (found,) = [d for d in analyse(result.pack).disagreements if d.kind == "meeting-date"]
    assert {(v.source, v.value.split()[0]) for v in found.values} == {
        ("wire", "2025-03-04"),
        ("other", "2025-03-11"),
    }


def test_find_expressions_tries_word_starts_only_and_finds_what_a_full_scan_finds() -> None:
    """The finder tries its pattern where a word begins; a full ``finditer`` scan agrees."""
    import random

    from briefing.model.analysis.dates import expressions

    def full_scan(text: str) -> list[expressions.Found]:
        return [
            expressions.Found(m.start(), m.end(), m.group(), (m.lastgroup or "").replace("_", "-"))
            for m in expressions.COMBINED.finditer(text)
        ]

    _words_text = (
        "on the same day that 11th 3 of March 2025 , Tuesday Tuesday's last next this week "
        "weekend at over mid - April early in late end beginning since until by from today "
        "tonight yesterday tomorrow coming days ahead recent past few 31st 1st 2 century "
        "anniversary met will meet Mar. 30 Sept month earlier later é ü 12:30 «on» (on) x"
    )
    words = _words_text.split()
    rng = random.Random(19)
    for _ in range(3000):
        text = "".join(
            rng.choice(words) + rng.choice((" ", " ", "  ", ", ", "-", "\n", ""))
            for _ in range(rng.randrange(1, 12))
        )
        assert expressions.find_expressions(text) == full_scan(text)


def test_a_month_after_a_lost_space_is_resolved_not_a_crash() -> None:
    """ "inMarch", "byMay 2025": the finder takes them (a space lost in the article) and
    resolving one raised StopIteration (looking for the month after a word boundary)."""
    published = date(2025, 3, 10)
    found = {}
    for text in ("talks inMarch", "due byMay 2025", "fromJune on", "earlyMarch"):
        (expression,) = find_expressions(text)
        found[expression.text] = resolve(expression.text, published, None).shown()
    assert found == {
        "inMarch": "2025-03-01..2025-03-31",
        "byMay 2025": "2025-05-01..2025-05-31",
        "fromJune": "2025-06-01..2025-06-30",
        "earlyMarch": "2025-03-01..2025-03-31",
    }
