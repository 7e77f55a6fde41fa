"""What changed since a date, on a pack grown by ``briefing add`` over two days of articles.

Day 1 (2 June): ``briefing init`` drafts Lithuania *considering* divers and a
command ship, a meeting in Riga *planned* for Thursday 5 June, Latvia's offer;
the analyst then writes a claim (six or eight ships in the first month). Day 2
(6 June): ``briefing add`` drafts Lithuania *offering* them, the Riga meeting
*held*, Finland's pledge; the analyst adds the new figure (ten ships) to the
claim. Everything the "since" answer says is checked exactly.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from notecheck import parse_html, parse_markdown
from since_pack import grow

from briefing.cli import main
from briefing.export import render
from briefing.model import load_pack
from briefing.model.analysis import (
    changes_since,
    fallback_since,
    history_of,
    pledge_histories,
    same_subject,
)
from briefing.model.analysis.story_days import story_days
from briefing.model.io import last_note_date, since_date
from briefing.model.pack import Pack
from briefing.model.types import Pledge


def digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pack after day 1 (init + the analyst's claim) and day 2 (add + the new value)."""
    return grow(tmp_path_factory.mktemp("since") / "baltic")


@pytest.fixture(scope="module")
def pack(grown: Path) -> Pack:
    result = load_pack(grown)
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    return result.pack


def test_add_drafted_the_second_day_as_new_records(pack: Pack) -> None:
    """The premise: day 2's statuses are records of their own, beside day 1's."""
    statuses = {p.id: p.status for p in pack.pledges}
    assert statuses == {
        "latvia-offered": "offered",
        "lithuania-considering": "considering",
        "lithuania-offered": "offered",
        "finland-committed": "committed",
    }
    assert {m.id: (m.date, m.status) for m in pack.meetings} == {
        "meeting-in-riga": ("2025-06-05", "planned"),
        "talks": (None, "held"),
        "meeting-in-riga-2": ("2025-06-05", "held"),
    }


def test_since_day_one_lists_exactly_what_day_two_brought(pack: Pack) -> None:
    changes = changes_since(pack, "2025-06-02")
    # Lithuania's offer and the held meeting are changes to known facts, not new ones.
    assert [(n.fact.id, n.first) for n in changes.new_facts] == [
        ("finland-committed", "2025-06-06")
    ]
    assert [
        (c.pledge.id, c.before.status, c.after.status, c.history.records)
        for c in changes.status_changes
    ] == [
        (
            "lithuania-offered",
            "considering",
            "offered",
            ("lithuania-considering", "lithuania-offered"),
        )
    ]
    assert [(a.claim.id, a.value.value, a.first) for a in changes.appeared_values] == [
        ("ships-first-month", "ten", "2025-06-06")
    ]
    [held] = changes.now_held
    assert held.meeting.id == "meeting-in-riga-2"
    assert {e.source for e in held.planned} == {"harbour-wire-2025-06-02"}
    assert {e.source for e in held.held} == {"baltic-post-2025-06-06"}
    assert changes.item_ids() == {
        "finland-committed",
        "lithuania-offered",
        "ships-first-month",
        "meeting-in-riga-2",
    }


def test_since_the_newest_day_nothing_changed(pack: Pack) -> None:
    assert changes_since(pack, "2025-06-06").empty


def test_since_before_the_story_everything_is_new_and_nothing_changed(pack: Pack) -> None:
    changes = changes_since(pack, "2025-06-01")
    assert changes.status_changes == () and changes.appeared_values == () and changes.now_held == ()
    # "talks" rests on a headline only... still dated, so new; every dated fact is.
    assert {n.fact.id for n in changes.new_facts} == {
        "latvia-offered",
        "lithuania-considering",
        "lithuania-offered",
        "finland-committed",
        "meeting-in-riga",
        "talks",
        "meeting-in-riga-2",
        "ships-first-month",
    }


def test_pledge_history_reads_as_a_change_by_source_date(pack: Pack) -> None:
    expected = (
        "considering (2 Jun, harbour-wire-2025-06-02, source-2025-06-02)"
        " → offered (6 Jun, baltic-post-2025-06-06)"
    )
    histories = pledge_histories(pack)
    assert histories["lithuania-considering"].label() == expected
    assert histories["lithuania-offered"] is histories["lithuania-considering"]
    offered = pack.get("lithuania-offered")
    assert isinstance(offered, Pledge)
    assert history_of(pack, offered).label() == expected
    assert not histories["latvia-offered"].changed
    assert histories["latvia-offered"].label() == "offered (2 Jun, harbour-wire-2025-06-02)"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("sending divers and a command ship to the patrols", "divers and a command ship", True),
        ("troops", "logistics troops", False),
        ("troops", "Troops", True),
        ("two patrol vessels", "radar data for the patrols", False),
        ("missiles for Ukraine", "drones for Ukraine", False),
    ],
)
def test_same_subject(a: str, b: str, same: bool) -> None:
    assert same_subject(a, b) is same
    assert same_subject(b, a) is same


def test_story_days_count_articles_and_meetings_per_day(pack: Pack) -> None:
    days = story_days(pack)
    assert [(d.date, d.articles, d.held, d.planned) for d in days.days] == [
        ("2025-06-02", 2, (), ()),
        ("2025-06-03", 0, (), ()),
        ("2025-06-04", 0, (), ()),
        ("2025-06-05", 0, ("meeting-in-riga-2",), ("meeting-in-riga",)),
        ("2025-06-06", 2, (), ()),
    ]
    assert days.undated_meetings == 1


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_note_opens_with_the_changes_each_line_cited(pack: Pack, fmt: str) -> None:
    # The grown pack's new facts are `add`'s drafts (candidate: true), which a note
    # shows only when asked; unasked, the section lists only confirmed facts.
    text = render(pack, fmt, since="2025-06-02", candidates=True)
    assert len(render(pack, fmt, since="2025-06-02")) < len(text)
    parsed = parse_markdown(text) if fmt == "md" else parse_html(text).parsed
    assert parsed.sections[1] == "What changed since 2 Jun 2025"
    groups = (
        "New:",
        "Pledge status changed:",
        "New values on disputed points:",
        "Planned, now held:",
    )
    lines = [
        (t, labels)
        for section, t, labels in parsed.statements
        if section == parsed.sections[1] and not t.startswith(groups)  # a group's own bullet (md)
    ]
    assert len(lines) == 4
    assert all(labels for _, labels in lines)
    said = " ".join(t for t, _ in lines)
    for expected in (
        "Finland, radar data for the patrols: committed",
        "considering (2 Jun, harbour-wire-2025-06-02, source-2025-06-02) → offered (6 Jun, baltic-post-2025-06-06)",
        "How many ships patrol in the first month: ten",
        "Meeting in Riga (2025-06-05): planned as of 2 Jun, reported held 6 Jun",
    ):
        assert expected in said


def test_the_html_note_draws_the_story_days(pack: Pack) -> None:
    text = render(pack, "html", candidates=True)  # the grown pack's meetings are drafts
    timeline = text[
        text.index('<svg class="timeline"') : text.index(
            "</svg>", text.index('<svg class="timeline"')
        )
    ]
    assert timeline.count("<g><title>") == 5
    assert '<circle class="held"' in timeline and '<circle class="planned"' in timeline
    assert "5 Jun 2025: 0 articles, 1 meeting held, 1 planned" in timeline
    assert "<script" not in text
    statuses = text[text.index('<svg class="statuses"') :]
    assert "<title>considering: 1</title>" in statuses


def test_export_since_last_uses_the_last_note_and_never_touches_the_pack(
    grown: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = load_pack(grown).pack
    assert pack is not None
    before = digest(grown)
    assert last_note_date(grown) is None
    assert since_date(pack, "last")[0] == fallback_since(pack) == "2025-06-05"
    assert main(["export", str(grown), "--since", "last", "-o", str(tmp_path / "a.md")]) == 0
    assert "since 2025-06-05 (no note exported from this pack yet" in capsys.readouterr().err
    assert last_note_date(grown) == "2025-06-06"
    assert main(["export", str(grown), "--since", "last", "-o", str(tmp_path / "b.md")]) == 0
    assert "since 2025-06-06 (the date of the last note exported" in capsys.readouterr().err
    assert "Nothing new or changed" in (tmp_path / "b.md").read_text(encoding="utf-8")
    assert digest(grown) == before


@pytest.mark.parametrize("value", ["2025-13-01", "yesterday", ""])
def test_a_bad_since_date_is_one_line_exit_2(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--since", value]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is not a date: give it as YYYY-MM-DD" in err[0]


def test_json_has_no_since_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json", "--since", "2025-03-07"]) == 2
    assert "not the JSON contract" in capsys.readouterr().err


def test_briefing_since_opens_the_reader_and_checks_the_date_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``briefing --since DATE`` is the reader's option; a bad date is refused before the terminal."""
    assert main(["--since", "2025-02-30"]) == 2
    assert "'2025-02-30' is not a date" in capsys.readouterr().err
    assert main(["--since", "2025-03-10"]) == 2  # a good date: on to the reader, no terminal here
    assert "the reader needs a terminal" in capsys.readouterr().err


def test_since_last_says_why_when_the_record_is_damaged(
    grown: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged notes.json is named in the reason, not passed off as "no note yet"."""
    assert main(["export", str(grown), "-o", str(tmp_path / "a.md")]) == 0
    pack = load_pack(grown).pack
    assert pack is not None
    assert since_date(pack, "last")[0] == "2025-06-06"  # recorded
    record = Path(os.environ["BRIEFING_CACHE_DIR"]) / "notes.json"
    record.write_text('{"unterminated', encoding="utf-8")
    day, why = since_date(pack, "last")
    assert day == fallback_since(pack) == "2025-06-05"
    assert "notes.json is damaged" in why and "no note exported" not in why
    assert main(["export", str(grown), "--since", "last", "-o", str(tmp_path / "b.md")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert any("since 2025-06-05 (" in line and "is damaged" in line for line in err)
    # The export rewrote the record whole: the next --since last reads it again.
    assert since_date(pack, "last") == (
        "2025-06-06",
        "the date of the last note exported from this pack",
    )


def test_a_note_without_candidates_takes_nothing_from_a_draft(
    grown: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note states what the analyst stands behind. Day 1's Lithuania pledge confirmed,
    day 2's record of it still a draft: the note's history of the pledge has no step
    from the draft (the status cell, "How pledges moved"), and the whole pack's note
    still lists the disagreements found in the text, which no draft can mark. Both
    came out wrong when leaving the drafts out made the note look like one of marked
    facts."""
    import shutil

    from briefing.model.analysis.analyse import analyse
    from briefing.model.analysis.disagreements import uncovered

    root = tmp_path / "baltic"
    shutil.copytree(grown, root)
    assert main(["confirm", str(root), "lithuania-considering", "lithuania"]) == 0
    capsys.readouterr()
    pack = load_pack(root).pack
    assert pack is not None
    draft = pack.get("lithuania-offered")
    assert isinstance(draft, Pledge) and draft.candidate
    with_drafts = render(pack, "md", candidates=True)
    note = render(pack, "md")
    assert "(reported: considering → offered)" in with_drafts  # what the draft adds
    assert "How pledges moved" in with_drafts
    assert "**considering** |" in note  # the confirmed record's own status, alone
    assert "→ offered" not in note and "How pledges moved" not in note
    found = uncovered(pack, analyse(pack).disagreements)
    assert found  # the premise: the text holds a disagreement no claim covers
    for disagreement in found:
        assert f"### {disagreement.topic}" in note
    # "What changed since": the move the draft makes is no change the note states
    moved = "**Pledge status changed:**"
    assert moved in render(pack, "md", since="2025-06-05", candidates=True)
    assert moved not in render(pack, "md", since="2025-06-05")
