"""Faithfulness rules: each fails on a deliberately unfaithful fact and passes on a faithful one.

The fixture article is written for these tests (a made-up fisheries dispute),
not taken from the default pack.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import PackMaker, sha

from briefing.model import load_pack
from briefing.model.analysis import RULES, check
from briefing.model.types import Pledge

ARTICLE = (
    "Norway and Iceland held talks in Bergen on Monday about the cod quota.\n"
    "Prime Minister Jonas Store said Norway was ready to share patrol vessels. "
    "Iceland offered 12 coastguard ships for joint patrols.\n"
    "Norway's fisheries minister said a deal could come if the quota is cut by 10 per cent, "
    "to have the best chance of being approved by parliament.\n"
    "The Faroe Islands were asked whether they would join the patrols.\n"
    "A joint fund of €40m was proposed by Iceland. A second round of talks will be held in Reykjavik.\n"
)
ACTORS = """\
actors:
  - {id: norway, name: Norway, kind: country}
  - {id: iceland, name: Iceland, kind: country}
  - {id: faroes, name: Faroe Islands, kind: country}
  - {id: store, name: Jonas Store, kind: person, affiliation: norway}
"""


def _pack(make_pack: PackMaker, facts: str, header_extra: str = "") -> Path:
    header = textwrap.dedent(
        f"""\
        pack:
          title: Fish
          story: A test.
          as_of: 2025-03-20
        {header_extra}
        sources:
          - id: wire
            file: seeds/a.txt
            sha256: {sha(ARTICLE)}
            outlet: Wire
            title: Cod talks
            published: 2025-03-10
            language: en
        """
    )
    return make_pack(ACTORS + textwrap.dedent(facts), article=ARTICLE, header=header)


def _rules(root: Path) -> list[str]:
    result = load_pack(faithfulness=True, path=root)
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    return sorted({f.rule for f in check(result.pack) if f.accepted is None})


def _pledge(status: str, contribution: str, quote: str, conditions: str = "") -> str:
    return f"""\
        pledges:
          - id: p
            actor: iceland
            contribution: {contribution}
            status: {status}
            {conditions}
            evidence:
              - {{source: wire, quote: "{quote}"}}
        """


# --- one test per rule: unfaithful then faithful --------------------------------------


def test_named_participant_must_be_in_the_evidence(make_pack: PackMaker) -> None:
    meeting = """\
        meetings:
          - id: m
            title: Bergen talks
            date: 2025-03-10
            date_text: on Monday
            status: held
            participants:
              - {{actor: norway, role: host}}
              - {{actor: {who}, role: attendee}}
            evidence:
              - {{source: wire, quote: "Norway and Iceland held talks in Bergen on Monday"}}
        """
    assert _rules(_pack(make_pack, meeting.format(who="faroes"))) == ["named"]
    assert _rules(_pack(make_pack, meeting.format(who="iceland"))) == []


def test_named_pledge_actor_through_an_affiliated_person(make_pack: PackMaker) -> None:
    facts = """\
        pledges:
          - id: p
            actor: {actor}
            contribution: patrol vessels to share
            status: considering
            evidence:
              - {{source: wire, quote: "Prime Minister Jonas Store said Norway was ready to share patrol vessels."}}
        """
    assert _rules(_pack(make_pack, facts.format(actor="iceland"))) == ["named"]
    assert _rules(_pack(make_pack, facts.format(actor="norway"))) == []


def test_numbers_in_a_pledge(make_pack: PackMaker) -> None:
    quote = "Iceland offered 12 coastguard ships for joint patrols."
    assert _rules(_pack(make_pack, _pledge("offered", "15 coastguard ships", quote))) == ["numbers"]
    assert _rules(_pack(make_pack, _pledge("offered", "twelve coastguard ships", quote))) == []


def test_numbers_money_written_differently(make_pack: PackMaker) -> None:
    quote = "A joint fund of €40m was proposed by Iceland."
    assert _rules(
        _pack(make_pack, _pledge("proposed", "a joint fund of EUR 45 million", quote))
    ) == ["numbers"]
    assert (
        _rules(_pack(make_pack, _pledge("proposed", "a joint fund of 40 million euros", quote)))
        == []
    )


def test_numbers_each_sentence_cited_for_a_figure_carries_it(make_pack: PackMaker) -> None:
    claim = """\
        claims:
          - id: ships
            topic: How many ships
            values:
              - value: "12"
                source: wire
                evidence:
                  - {{source: wire, quote: "Iceland offered 12 coastguard ships"}}
                  {extra}
              - value: "twelve"
                source: wire
                evidence:
                  - {{source: wire, quote: "12 coastguard ships for joint patrols"}}
        """
    bad = '- {source: wire, quote: "The Faroe Islands were asked whether they would join"}'
    assert _rules(_pack(make_pack, claim.format(extra=bad))) == ["numbers"]
    assert _rules(_pack(make_pack, claim.format(extra=""))) == []


def test_details_in_brackets_must_be_in_the_evidence(make_pack: PackMaker) -> None:
    quote = "Iceland offered 12 coastguard ships for joint patrols."
    unfaithful = "12 coastguard ships for joint patrols (with helicopters)"
    assert _rules(_pack(make_pack, _pledge("offered", unfaithful, quote))) == ["details"]
    faithful = "12 coastguard ships (for joint patrols)"
    assert _rules(_pack(make_pack, _pledge("offered", faithful, quote))) == []


def test_details_contribution_the_evidence_does_not_state(make_pack: PackMaker) -> None:
    quote = "A joint fund of €40m was proposed by Iceland."
    assert _rules(_pack(make_pack, _pledge("proposed", "landing rights for trawlers", quote))) == [
        "details"
    ]


@pytest.mark.parametrize(
    ("condition", "faithful"),
    [
        ("only if the quota is cut by 10 per cent", False),  # 'only' the evidence lacks
        ("if the quota is cut by 10 per cent", False),  # drops the 'best chance' hedge
        ("too early to say", False),  # a remark, not a condition
        ("if the salmon farms are licensed", False),  # words not in the evidence
        ("to have the best chance, if the quota is cut by 10 per cent", True),
    ],
)
def test_conditions(make_pack: PackMaker, condition: str, faithful: bool) -> None:
    quote = "a deal could come if the quota is cut by 10 per cent"
    facts = f"""\
        pledges:
          - id: p
            actor: norway
            contribution: a deal on the cod quota
            status: conditional
            conditions: ["{condition}"]
            evidence:
              - {{source: wire, quote: "Norway's fisheries minister said {quote}"}}
        """
    assert _rules(_pack(make_pack, facts)) == ([] if faithful else ["conditions"])


def test_status_stronger_than_the_evidence(make_pack: PackMaker) -> None:
    facts = """\
        pledges:
          - id: p
            actor: faroes
            contribution: joining the patrols
            status: {status}
            evidence:
              - {{source: wire, quote: "The Faroe Islands were asked whether they would join the patrols."}}
        """
    for strong in ("offered", "committed", "proposed"):
        assert _rules(_pack(make_pack, facts.format(status=strong))) == ["status"], strong
    assert _rules(_pack(make_pack, facts.format(status="considering"))) == []


def test_inferred_held(make_pack: PackMaker) -> None:
    meeting = """\
        meetings:
          - id: m
            title: Reykjavik round
            date: null
            date_text: a second round
            status: {status}
            evidence:
              - {{source: wire, quote: "A second round of talks will be held in Reykjavik."}}
        """
    assert _rules(_pack(make_pack, meeting.format(status="held"))) == ["inferred-held"]
    assert _rules(_pack(make_pack, meeting.format(status="planned"))) == []


def test_every_rule_is_tested_here() -> None:
    tested = {
        "named",
        "numbers",
        "details",
        "conditions",
        "status",
        "inferred-held",
    }
    assert set(RULES) == tested


# --- how validate reports, accepts and weighs them ------------------------------------

UNFAITHFUL = _pledge(
    "offered",
    "joining the patrols",
    "The Faroe Islands were asked whether they would join the patrols.",
).replace("actor: iceland", "actor: faroes")


def _validate(root: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "validate", *flags, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_validate_warns_and_strict_fails_with_one_line_quoting_the_sentence(
    make_pack: PackMaker,
) -> None:
    root = _pack(make_pack, UNFAITHFUL)
    done = _validate(root)
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert len(lines) == 1
    assert re.match(r".*/data/facts\.yaml:10:13: warning: ", lines[0])  # the status field
    assert ": warning: [status] status 'offered' of pledge 'p'" in lines[0]
    assert "“The Faroe Islands were asked whether they would join the patrols.”" in lines[0]
    strict = _validate(root, "--strict")
    assert strict.returncode == 1
    assert ": error: [status]" in strict.stderr


def test_a_rule_set_to_error_or_off_in_the_pack(make_pack: PackMaker) -> None:
    as_error = _pack(make_pack, UNFAITHFUL, "  checks: {status: error}")
    assert load_pack(faithfulness=True, path=as_error).pack is None
    off = _pack(make_pack, UNFAITHFUL, "  checks: {status: off}")
    result = load_pack(faithfulness=True, path=off)
    assert result.pack is not None and result.diagnostics == []
    done = _validate(off)
    assert "faithfulness rules off: status" in done.stdout  # never silent


def test_accepting_a_judgement_with_a_reason_is_recorded_not_reported(
    make_pack: PackMaker,
) -> None:
    accepted = UNFAITHFUL.replace(
        "            evidence:",
        "            accept:\n"
        "              - {rule: status, reason: the islands said yes on radio the same day}\n"
        "            evidence:",
    )
    result = load_pack(faithfulness=True, path=_pack(make_pack, accepted))
    assert result.pack is not None and result.diagnostics == []
    (finding,) = check(result.pack)
    assert (
        finding.rule == "status"
        and finding.accepted == "the islands said yes on radio the same day"
    )
    assert "1 accepted judgement" in _validate(_pack(make_pack, accepted)).stdout


def test_an_acceptance_that_finds_nothing_is_reported(make_pack: PackMaker) -> None:
    faithful = UNFAITHFUL.replace("status: offered", "status: considering").replace(
        "            evidence:",
        "            accept:\n              - {rule: status, reason: stale}\n            evidence:",
    )
    messages = [
        d.format()
        for d in load_pack(faithfulness=True, path=_pack(make_pack, faithful)).diagnostics
    ]
    assert len(messages) == 1 and "finds nothing on it now" in messages[0]


def test_unknown_rule_in_accept_and_checks_is_an_error(make_pack: PackMaker) -> None:
    bad = UNFAITHFUL.replace(
        "            evidence:",
        "            accept:\n              - {rule: statsu, reason: typo}\n            evidence:",
    )
    messages = [
        d.format() for d in load_pack(faithfulness=True, path=_pack(make_pack, bad)).diagnostics
    ]
    assert any(
        "unknown faithfulness rule 'statsu'" in m and "did you mean 'status'" in m for m in messages
    )
    bad_level = _pack(make_pack, UNFAITHFUL, "  checks: {status: loud}")
    assert any(
        "unknown check level 'loud'" in d.format()
        for d in load_pack(faithfulness=True, path=bad_level).diagnostics
    )


def test_default_pack_passes_strict() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", "--strict"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_reader_rows_show_notes_and_accepted_judgements_with_reasons() -> None:
    from briefing.tui.remarks import remark_fields
    from briefing.tui.screens.disagreements import disagreement_rows

    pack = load_pack().pack
    assert pack is not None
    poland = pack.get("poland-troops")
    assert isinstance(poland, Pledge)
    rows = dict(remark_fields(poland))
    assert "garbled machine translation" in rows["note"]
    assert rows["accepted (status)"].startswith("garbled translation")
    from briefing.model.derived import Derived

    found = Derived(pack).disagreements
    notes = {r.topic: r.note for r in disagreement_rows(pack, found) if r.first}
    size = notes["How many countries are in the Coalition of the Willing talks"]
    assert size is not None and "differ in time and in what they count" in size
