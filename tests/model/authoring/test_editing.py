"""The edit engine: confirm, reject, merge and add as minimal, checked, undoable text edits."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES, REPO

from briefing.cli import main
from briefing.model import load_pack
from briefing.model.editing import EditRefused, EditSession, Stale
from briefing.model.types import Meeting

STORY = FIXTURES / "init_story"


def init_pack(root: Path) -> Path:
    assert main(["init", str(root), str(STORY), "--as-of", "2025-06-02"]) == 0
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "data").glob("*.yaml"))}


def changed_lines(before: bytes, after: bytes) -> list[str]:
    """The diff's - and + lines (the golden diff: only the intended lines may appear)."""
    diff = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


@pytest.fixture(scope="module")
def baltic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``briefing init`` run once for the module; each test edits a copy of its own."""
    return init_pack(tmp_path_factory.mktemp("template") / "baltic")


@pytest.fixture
def pack(tmp_path: Path, baltic: Path) -> Path:
    return Path(shutil.copytree(baltic, tmp_path / "baltic"))


DIVERS = "Lithuania would send divers and a command ship"


def test_confirm_removes_only_the_candidate_line_and_undo_restores(pack: Path) -> None:
    before = snapshot(pack)
    session = EditSession(pack)
    applied = session.confirm("latvia")
    after = snapshot(pack)
    assert changed_lines(before["actors.yaml"], after["actors.yaml"]) == ["-    candidate: true"]
    assert after["facts.yaml"] == before["facts.yaml"]
    assert applied.result.pack is not None
    assert not applied.result.pack.actor("latvia").candidate
    session.undo()
    assert snapshot(pack) == before


def test_reject_removes_the_record_and_its_comment(pack: Path) -> None:
    before = snapshot(pack)
    EditSession(pack).reject("baltic-states")
    lines = changed_lines(before["actors.yaml"], snapshot(pack)["actors.yaml"])
    assert lines.count("-") == 1  # one of the two blank lines around it (difflib picks which)
    assert [line for line in lines if line != "-"] == [
        "-  # kind guess: group (a region or its adjective)",
        "-  - id: baltic-states",
        "-    name: Baltic states",
        "-    kind: group",
        "-    aliases: [Baltic]",
        "-    candidate: true",
        '-    notes: "2 mentions in 2 sources; first in harbour-wire line 1: '
        'Baltic ministers agree on joint harbour patrols"',
    ]
    assert load_pack(pack).pack is not None


def test_merge_moves_names_and_repoints_references(pack: Path) -> None:
    session = EditSession(pack)
    session.add("pledges", pledge("lt-divers", "lithuania"))
    before = snapshot(pack)
    session.merge("lithuania", "latvia")
    after = snapshot(pack)
    # the pledge added above and the one init drafted both name Lithuania
    assert (
        changed_lines(before["facts.yaml"], after["facts.yaml"])
        == [
            "-    actor: lithuania",
            "+    actor: latvia",
        ]
        * 2
    )
    actors = changed_lines(before["actors.yaml"], after["actors.yaml"])
    assert [line for line in actors if line.startswith("+")] == [
        "+    aliases: [Latvian, Riga, Lithuania, Lithuanian]"
    ]
    removed = [line for line in actors if line.startswith("-")]
    assert "-    aliases: [Latvian, Riga]" in removed
    assert "-  - id: lithuania" in removed and "-    name: Lithuania" in removed
    assert len(removed) == 1 + 8  # Latvia's old aliases line; Lithuania's 7 lines and a blank
    loaded = load_pack(pack).pack
    assert loaded is not None and loaded.get("lithuania") is None


def pledge(pledge_id: str, actor: str, quote: str = DIVERS) -> list[tuple[str, object]]:
    return [
        ("id", pledge_id),
        ("actor", actor),
        ("contribution", "divers and a command ship"),
        ("status", "committed"),
        ("evidence", [{"source": "s02-coastal-daily", "quote": quote}]),
    ]


def test_add_to_an_empty_section_keeps_the_template_comments(pack: Path) -> None:
    session = EditSession(pack)
    for draft in ("latvia-offered", "lithuania-offered"):  # the pledges init drafted
        session.reject(draft)
    before = snapshot(pack)
    session.add("pledges", pledge("lt-divers", "lithuania"))  # type: ignore[arg-type]
    lines = changed_lines(before["facts.yaml"], snapshot(pack)["facts.yaml"])
    assert lines == [
        "+  - id: lt-divers",
        "+    actor: lithuania",
        "+    contribution: divers and a command ship",
        "+    status: committed",
        "+    evidence:",
        f'+      - {{source: s02-coastal-daily, quote: "{DIVERS}"}}',
        "+",  # the blank line before the template, in the file's style
    ]
    text = snapshot(pack)["facts.yaml"].decode()
    assert "#  - id: my-pledge" in text  # the template is still there, commented


def test_add_follows_the_files_own_style(tmp_path: Path) -> None:
    """The default pack writes evidence as two-line mappings with blank lines between pledges."""
    root = tmp_path / "coalition"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "seeds", root / "seeds")
    before = snapshot(root)
    session = EditSession(root)
    quote = "About 20 countries have so far been involved in the talks"
    session.add(
        "pledges",
        [
            ("id", "uk-talks"),
            ("actor", "uk"),
            ("contribution", "talks with about 20 countries"),
            ("status", "offered"),
            ("evidence", [{"source": "ipaper", "quote": quote}]),
        ],
    )
    after = snapshot(root)
    lines = changed_lines(before["pledges.yaml"], after["pledges.yaml"])
    assert lines == [
        "+",
        "+  - id: uk-talks",
        "+    actor: uk",
        "+    contribution: talks with about 20 countries",
        "+    status: offered",
        "+    evidence:",
        "+      - source: ipaper",
        f'+        quote: "{quote}"',
    ]
    assert {k: v for k, v in after.items() if k != "pledges.yaml"} == {
        k: v for k, v in before.items() if k != "pledges.yaml"
    }
    session.undo()
    assert snapshot(root) == before


def test_refused_edits_leave_the_files_untouched(pack: Path) -> None:
    session = EditSession(pack)
    session.add("pledges", pledge("lt-divers", "lithuania"))  # type: ignore[arg-type]
    before = snapshot(pack)
    with pytest.raises(EditRefused) as duplicate:
        session.add("pledges", pledge("lt-divers", "latvia"))  # type: ignore[arg-type]
    assert any("duplicate id 'lt-divers'" in d.message for d in duplicate.value.diagnostics)
    with pytest.raises(EditRefused) as dangling:
        session.reject("lithuania")
    messages = [d.message for d in dangling.value.diagnostics]  # its pledge and init's draft
    assert messages and set(messages) == {"unknown actor 'lithuania'"}
    with pytest.raises(EditRefused, match="not a candidate"):
        session.confirm("lt-divers")
    with pytest.raises(EditRefused, match="no record with id 'nobody'"):
        session.reject("nobody")
    with pytest.raises(EditRefused) as unanchored:
        session.add("pledges", pledge("x", "latvia", "words no article has"))  # type: ignore[arg-type]
    assert "quote not found" in unanchored.value.diagnostics[0].message
    assert snapshot(pack) == before
    assert len(session.undo_stack) == 1


def test_a_file_changed_on_disk_is_never_clobbered(pack: Path) -> None:
    session = EditSession(pack)
    session.confirm("latvia")
    actors = pack / "data" / "actors.yaml"
    edited = actors.read_bytes().replace(b"# Candidate", b"# My own note. Candidate")
    actors.write_bytes(edited)
    with pytest.raises(Stale, match="changed on disk"):
        session.confirm("estonia")
    with pytest.raises(Stale, match="undo would overwrite"):
        session.undo()
    assert actors.read_bytes() == edited
    fresh = EditSession(pack)  # after a reload the analyst's version is the one edited
    fresh.confirm("estonia")
    assert b"# My own note." in actors.read_bytes()


def test_a_change_before_the_first_edit_or_after_an_undo_is_seen(pack: Path) -> None:
    """What the session read at its start, and what an undo wrote back, is what it checks."""
    actors = pack / "data" / "actors.yaml"
    session = EditSession(pack)
    original = actors.read_bytes()
    actors.write_bytes(original.replace(b"# Candidate", b"# Candidatf"))  # same length
    with pytest.raises(Stale, match="changed on disk"):
        session.confirm("latvia")
    actors.write_bytes(original)
    session.confirm("latvia")
    session.undo()
    assert actors.read_bytes() == original
    actors.write_bytes(original + b"\n")
    with pytest.raises(Stale, match="changed on disk"):
        session.confirm("estonia")


def test_crlf_and_bom_survive_an_edit(pack: Path) -> None:
    actors = pack / "data" / "actors.yaml"
    original = b"\xef\xbb\xbf" + actors.read_bytes().replace(b"\n", b"\r\n")
    actors.write_bytes(original)
    session = EditSession(pack)
    session.confirm("finland")
    session.merge("lithuania", "latvia")
    data = actors.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    session.undo()
    session.undo()
    assert actors.read_bytes() == original


IDS = ["latvia", "lithuania", "estonia", "kaja-kallas", "finland", "alexander-stubb"]
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("confirm"), st.sampled_from(IDS)),
        st.tuples(st.just("reject"), st.sampled_from(IDS)),
        st.tuples(st.just("merge"), st.sampled_from(IDS), st.sampled_from(IDS)),
        st.tuples(st.just("add"), st.sampled_from(IDS), st.integers(0, 3)),
    ),
    max_size=6,
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_any_edits_then_undo_of_all_give_back_the_bytes(
    tmp_path: Path,
    baltic: Path,
    ops: list[tuple],  # type: ignore[type-arg]
) -> None:
    root = Path(shutil.copytree(baltic, tmp_path / f"p{abs(hash(tuple(ops)))}"))
    original = snapshot(root)
    session = EditSession(root)
    made = 0
    for op in ops:
        before = snapshot(root)
        try:
            if op[0] == "confirm":
                session.confirm(op[1])
            elif op[0] == "reject":
                session.reject(op[1])
            elif op[0] == "merge":
                session.merge(op[1], op[2])
            else:
                session.add("pledges", pledge(f"p{made}-{op[2]}", op[1]))  # type: ignore[arg-type]
        except EditRefused:
            assert snapshot(root) == before  # a refused edit writes nothing
            continue
        made += 1
        assert load_pack(root).pack is not None  # every edit made leaves a valid pack
    assert len(session.undo_stack) == made
    while session.undo() is not None:
        pass
    assert snapshot(root) == original
    shutil.rmtree(root)


def test_a_draft_from_a_sentence(pack: Path) -> None:
    from dataclasses import replace

    from briefing.model.editing import apply_draft, draft_from, suggest_id

    pages = pack / "data" / "pack.yaml"
    pages.write_text(pages.read_text().replace("published: null", "published: 2025-06-03", 1))
    loaded = load_pack(pack).pack
    assert loaded is not None
    text = loaded.source("harbour-wire").text
    at = text.index("hosted")
    draft = draft_from(loaded, "harbour-wire", at, at, "meeting")
    assert draft.quote.startswith("Estonian Prime Minister Kaja Kallas hosted")
    assert (draft.date_text, draft.status) == ("on Monday", "held")
    assert draft.date == "2025-06-02"  # the Monday before Tuesday 3 June: the date rules
    draft = replace(draft, what="Tallinn talks", actor="estonia")
    assert suggest_id(loaded, draft) == "tallinn-talks"
    session = EditSession(pack)
    with pytest.raises(EditRefused, match="fill in: id"):
        apply_draft(session, draft)
    apply_draft(session, replace(draft, id="tallinn-talks"))
    with pytest.raises(EditRefused, match="needs its claim"):
        apply_draft(session, replace(draft, kind="claim value"))
    evidence = replace(draft, kind="evidence", target="tallinn-talks", quote="in Tallinn on Monday")
    apply_draft(session, evidence)
    facts = (pack / "data" / "facts.yaml").read_text()
    assert '      - {source: harbour-wire, quote: "in Tallinn on Monday"}\n' in facts
    assert "    date: 2025-06-02\n" in facts


@pytest.fixture
def donors(tmp_path: Path) -> Path:
    """The shipped example story, as init drafts it (Austria hosts the Vienna
    conference; Beate Lindner, Austria's minister, attends it and another meeting)."""
    articles = tmp_path / "articles"
    assert main(["init", "--example", str(articles)]) == 0
    assert main(["init", str(tmp_path / "pack"), str(articles)]) == 0
    return tmp_path / "pack"


def test_a_merge_lists_a_meeting_s_participant_once_with_the_stronger_role(donors: Path) -> None:
    """Merging into an actor already taking part: the merged entry's line goes (the
    host stays host); elsewhere the reference is repointed. A repoint alone listed
    Austria twice in the Vienna conference, as host and as attendee."""
    before = snapshot(donors)
    EditSession(donors).merge("beate-lindner", "austria")
    after = snapshot(donors)
    assert changed_lines(before["facts.yaml"], after["facts.yaml"]) == [
        "-      - {actor: beate-lindner, role: attendee}",
        "-      - {actor: beate-lindner, role: attendee}",
        "+      - {actor: austria, role: attendee}",
    ]
    result = load_pack(donors)
    assert result.pack is not None
    for meeting in result.pack.meetings:
        actors = [p.actor for p in meeting.participants]
        assert len(actors) == len(set(actors)), meeting.id
    assert not [d for d in result.diagnostics if "listed twice" in d.message]


def test_the_stronger_role_stays_whichever_actor_is_merged(donors: Path) -> None:
    before = snapshot(donors)
    EditSession(donors).merge("austria", "beate-lindner")  # Austria hosted: that entry stays
    lines = changed_lines(before["facts.yaml"], snapshot(donors)["facts.yaml"])
    assert "-      - {actor: austria, role: host}" in lines
    assert "+      - {actor: beate-lindner, role: host}" in lines
    assert "-      - {actor: beate-lindner, role: attendee}" in lines
    pack = load_pack(donors).pack
    vienna = pack.get("conference-in-vienna") if pack is not None else None
    assert isinstance(vienna, Meeting)
    assert [(p.actor, p.role) for p in vienna.participants if p.actor == "beate-lindner"] == [
        ("beate-lindner", "host")
    ]


def test_an_actor_listed_twice_in_a_meeting_is_a_warning(donors: Path) -> None:
    facts = donors / "data" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    twice = text.replace(
        "      - {actor: austria, role: host}\n",
        "      - {actor: austria, role: host}\n      - {actor: austria, role: attendee}\n",
        1,
    )
    assert twice != text
    facts.write_text(twice, encoding="utf-8")
    result = load_pack(donors)
    assert result.pack is not None
    warned = [d.format() for d in result.diagnostics if "listed twice" in d.message]
    assert len(warned) == 1 and "meeting 'conference-in-vienna'" in warned[0]
