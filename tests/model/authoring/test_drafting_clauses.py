"""Drafted meetings take tense and date from their own clause, and one undated meeting is one draft.

Fixture text written for these tests (no fixture story's sentences).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing.model import load_pack
from briefing.model.analysis.dates.reporting import clause_span, reporting_frames
from briefing.model.analysis.dates.tense import sentence_tense
from briefing.model.authoring import init_pack
from briefing.model.authoring.drafting import ActorForms, ArticleInput, draft
from briefing.model.editing import draft_from

ACTORS = [
    ActorForms("peru", "Peru", ("Peru", "Lima")),
    ActorForms("chile", "Chile", ("Chile", "Santiago")),
    ActorForms("brandt", "Lena Brandt", ("Lena Brandt", "Brandt")),
]


def _meetings(*texts: tuple[str, date]):  # type: ignore[no-untyped-def]
    articles = [
        ArticleInput(f"s{i}", text, frozenset(), published)
        for i, (text, published) in enumerate(texts)
    ]
    return draft(articles, ACTORS).meetings


@pytest.mark.parametrize(
    ("sentence", "published", "status", "day"),
    [
        # the reporting verb is past, the meeting ahead: its year is the next one on the calendar
        (
            "Lena Brandt said on Tuesday that the summit will be held in Quito on March 20.",
            date(2025, 3, 12),
            "planned",
            date(2025, 3, 20),
        ),
        (
            "Peru said on Monday that the ministers would meet Chile in Quito on January 8.",
            date(2024, 12, 30),
            "planned",
            date(2025, 1, 8),
        ),
        (
            "The envoys of Peru will meet on March 12, her office said on Monday.",
            date(2025, 3, 5),
            "planned",
            date(2025, 3, 12),
        ),
        (
            "Chile told a news conference on Friday that talks with Peru would resume on Tuesday.",
            date(2025, 3, 8),
            "planned",
            date(2025, 3, 11),
        ),
        # a past meeting in the reported clause stays past
        (
            "Brandt said on Friday that she had met Chile's envoy in Lima on Wednesday.",
            date(2025, 3, 8),
            "held",
            date(2025, 3, 5),
        ),
    ],
)
def test_tense_and_date_come_from_the_meetings_clause_not_the_reporting_verb(
    sentence: str, published: date, status: str, day: date
) -> None:
    (meeting,) = _meetings((sentence, published))
    assert (meeting.status, meeting.day) == (status, day)


def test_the_validators_tense_reads_each_clause_on_its_own() -> None:
    sentence = "Brandt said on Monday that the next round would be held on Friday."
    on_monday = sentence.index("on Monday")
    on_friday = sentence.index("on Friday")
    assert sentence_tense(sentence, on_monday, on_monday + 9) == "past"  # the saying
    assert sentence_tense(sentence, on_friday, on_friday + 9) == "future"  # the round
    trailing = "The envoys will meet on March 12, his office said."
    at = trailing.index("on March 12")
    assert sentence_tense(trailing, at, at + 11) == "future"
    # "will be held": a participle after "be" is not a past form
    held = "The talks will be held in Lima on Friday."
    assert sentence_tense(held, held.index("on Friday")) == "future"


def test_reporting_frames_leading_inserted_and_trailing() -> None:
    def frames(s: str) -> list[str]:
        return [s[a:b] for a, b in reporting_frames(s)]

    assert frames("Peru said on Tuesday that the talks will resume.") == [
        "Peru said on Tuesday that"
    ]
    assert frames("The talks, officials said, will resume in May.") == [", officials said"]
    assert frames("The talks will resume, said Lena Brandt, the envoy.") == [", said Lena Brandt"]
    # no date, no "that": a speaker of a few words and a verb that takes a clause
    assert frames("He said this would be held soon.") == ["He said"]
    assert frames("Lindner told ministers the talks would resume.") == []  # "told" takes a who
    assert frames("The ministers of the seven coastal states all said yes.") == []  # 8 words
    s = "Peru said on Tuesday that the talks will resume."
    lo, hi, in_frame = clause_span(s, s.index("talks"), s.index("talks") + 5)
    assert (s[lo:hi].strip(), in_frame) == ("the talks will resume.", False)


def test_one_undated_meeting_told_in_several_sentences_is_one_draft() -> None:
    first = (
        "Peru and Chile gathered for a meeting in Arica to settle the fishing line.\n"
        "Lena Brandt joined the meeting by video link from Berlin.\n",
        date(2025, 6, 2),
    )
    second = (
        "The talks, officials said, went on late into the night.\n"
        "A separate summit in Lima will follow on June 20.\n",
        date(2025, 6, 3),
    )
    meetings = _meetings(first, second)
    held = [m for m in meetings if m.status == "held"]
    assert len(held) == 1
    (arica,) = held
    assert arica.place == "Arica" and arica.day is None
    assert len(arica.evidence) == 3  # every sentence about it, from both articles
    assert {"peru", "chile", "brandt"} <= set(arica.participants)
    # the dated, placed summit is another meeting
    (lima,) = [m for m in meetings if m.status == "planned"]
    assert (lima.place, lima.day) == ("Lima", date(2025, 6, 20))


def test_bare_meetings_stay_apart_when_they_could_be_either_of_two() -> None:
    text = (
        "Peru and Chile held talks in Arica.\n"
        "Brandt and Peru held talks in Tacna.\n"
        "The talks were described as frank by one diplomat.\n"
    )
    meetings = _meetings((text, date(2025, 6, 2)))
    assert len(meetings) == 3  # ambiguous: the analyst decides


def test_a_quotation_and_after_the_meeting_do_not_make_it_planned() -> None:
    (meeting,) = _meetings(
        ('Lena Brandt said that "nothing will change" after the meeting in Lima.', date(2025, 6, 2))
    )
    assert meeting.status == "held"


def _pledges(text: str):  # type: ignore[no-untyped-def]
    return draft([ArticleInput("s", text, frozenset(), date(2025, 6, 2))], ACTORS).pledges


def test_two_pledges_joined_in_one_sentence_are_two_drafts_quoting_it() -> None:
    sentence = (
        "Peru pledged 20 million soles for the fleet, while Chile will send two patrol boats."
    )
    pledges = {p.actor: p for p in _pledges(sentence)}
    assert set(pledges) == {"peru", "chile"}
    assert pledges["chile"].status == "committed"
    assert pledges["chile"].contribution == "two patrol boats"
    assert [e.quote for e in pledges["chile"].evidence] == [sentence]  # anchors as a sentence


def test_an_aside_before_the_verb_is_not_its_subject() -> None:
    (pledge,) = _pledges("Peru, which shares a border with Chile, offered to host the talks.")
    assert (pledge.actor, pledge.status) == ("peru", "offered")
    (pledge,) = _pledges("Lena Brandt, the envoy to Chile, promised a survey ship.")
    assert pledge.actor == "brandt"


def test_made_available_and_put_at_the_disposal_are_commitments() -> None:
    found = _pledges(
        "Chile will make available three research vessels.\n"
        "Peru will put at the disposal of the commission 5 millions of dollars.\n"
    )
    assert {(p.actor, p.status) for p in found} == {("chile", "committed"), ("peru", "committed")}


def test_a_meeting_agreed_or_proposed_is_planned_and_not_dated_by_the_agreement() -> None:
    (meeting,) = _meetings(
        (
            "Peru and Chile agreed on Sunday to a meeting of their coast guard chiefs.",
            date(2025, 6, 2),
        )
    )
    assert (meeting.status, meeting.day) == ("planned", None)
    (meeting,) = _meetings(
        ("Chile called for talks with Peru on June 12 in Arica.", date(2025, 6, 2))
    )
    assert (meeting.status, meeting.day) == ("planned", date(2025, 6, 12))


def test_an_adjective_in_ed_and_a_headlines_to_meet_do_not_make_a_meeting_past() -> None:
    (talks,) = _meetings(
        (
            "Peru and Chile will hold talks on the disputed fishing line on March 12, "
            "the foreign ministry said on Wednesday.",
            date(2025, 3, 5),
        )
    )
    assert (talks.status, talks.day) == ("planned", date(2025, 3, 12))
    (headline,) = _meetings(("Peru and Chile to meet on fishing line", date(2025, 3, 5)))
    assert headline.status == "planned"


def test_the_next_meeting_is_planned_whatever_verb_reports_it() -> None:
    """ "X said the next meeting would take place ... on June 18" (no "that": the whole
    sentence is one clause, and "said" is the nearest tense) was drafted as held, a
    year early. "The next meeting" is ahead by its own words."""
    for sentence in (
        "Brandt said the next meeting of fisheries ministers would take place in Lima on June 18.",
        "The next round of talks is due in Lima on June 18.",
        "Officials said the upcoming summit in Lima had been moved to June 18.",
    ):
        (meeting,) = _meetings((sentence, date(2025, 6, 4)))
        assert (meeting.status, meeting.day) == ("planned", date(2025, 6, 18)), sentence
    # "<speaker> said <clause>", no "that": the clause's own "would" says it is ahead
    (again,) = _meetings(
        ("Brandt said ministers would meet again in Lima on March 20.", date(2025, 3, 3))
    )
    assert (again.status, again.day) == ("planned", date(2025, 3, 20))
    # a meeting told in the past stays held
    (held,) = _meetings(("Peru and Chile met in Lima on June 3.", date(2025, 6, 4)))
    assert (held.status, held.day) == ("held", date(2025, 6, 3))


def test_the_readers_add_fact_draft_skips_the_date_of_the_saying(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    sentence = "Lena Brandt said on Tuesday that the summit would be held in Quito on March 20."
    (articles / "01.txt").write_text(
        f"Envoys to meet in Quito\nBy Ana Soto\nPublished: March 12, 2025\n{sentence}\n",
        encoding="utf-8",
    )
    init_pack(tmp_path / "pack", [str(articles)])
    loaded = load_pack(tmp_path / "pack").pack
    assert loaded is not None
    source = loaded.sources[0]
    at = source.text.index("the summit")
    fact = draft_from(loaded, source.id, at, at, "meeting")
    assert (fact.date_text, fact.status, fact.date) == ("on March 20", "planned", "2025-03-20")
