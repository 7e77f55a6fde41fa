"""Facts of the default pack, pinned to the sentences of the articles.

Every expected sentence below was copied from the article files in ``seeds/``
(not from the YAML), so these tests check that the curated model says what the
articles say, and that each fact is anchored to the right sentence.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from typing import Any

import pytest
from support import REPO

from briefing.model.normalise import normalise
from briefing.model.text import split_sentences

ROOT = REPO

IPAPER = "seeds/000_cd8297b2b3133685.txt"  # The i Paper, via PressBee
FT_MT = "seeds/001_524dedb3b999702a.txt"  # garbled machine translation of the FT
ASIAE = "seeds/002_c4402ec22ef500c7.txt"  # The Asia Business Daily (from Korean)
BLOOMBERG = "seeds/003_65086caeafcc5c7b.txt"  # Ukrainian outlet retelling Bloomberg
BBC = "seeds/004_284b451b6441a053.txt"  # summary of a BBC article


@cache
def export() -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "export", "--format", "json", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def article(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def source_id(path: str) -> str:
    (src,) = [s for s in export()["sources"] if s["file"] == path]
    return str(src["id"])


def source(path: str) -> dict[str, Any]:
    (src,) = [s for s in export()["sources"] if s["file"] == path]
    return src


def actor_id(name: str) -> str:
    (act,) = [a for a in export()["actors"] if a["name"] == name]
    return str(act["id"])


def actor(name: str) -> dict[str, Any]:
    (act,) = [a for a in export()["actors"] if a["name"] == name]
    return act


def sentences(evidence: list[dict[str, Any]], path: str) -> list[str]:
    sid = source_id(path)
    return [" ".join(e["sentence"].split()) for e in evidence if e["source"] == sid]


def norm(text: str) -> str:
    return " ".join(text.split())


def pledges_of(name: str) -> list[dict[str, Any]]:
    aid = actor_id(name)
    return [p for p in export()["pledges"] if p["actor"] == aid]


def meetings_on(date: str) -> list[dict[str, Any]]:
    return [m for m in export()["meetings"] if m["date"] == date]


# --------------------------------------------------------------------- pledges


def test_poland_offers_logistics_in_the_ft_translation() -> None:
    sentence = (
        "For example, Poland offered logistics support despite the judgment of the "
        "troops of the land."
    )
    assert sentence in article(FT_MT)
    offers = [
        p
        for p in pledges_of("Poland")
        if "logistic" in p["contribution"].lower() and p["status"] == "offered"
    ]
    assert len(offers) == 1
    assert sentence in sentences(offers[0]["evidence"], FT_MT)


def test_poland_rules_out_ground_troops() -> None:
    # "despite the judgment of the troops of the land" = while ruling out ground troops
    sentence = (
        "For example, Poland offered logistics support despite the judgment of the "
        "troops of the land."
    )
    declined = [
        p
        for p in pledges_of("Poland")
        if p["status"] == "declined" and "troops" in p["contribution"].lower()
    ]
    assert len(declined) == 1
    assert sentence in sentences(declined[0]["evidence"], FT_MT)


def test_ireland_declines_a_deterrence_role() -> None:
    sentence = (
        "On the same day, Irish Prime Minister Miche?l Martin said that Ireland could "
        "participate in a post-war peacekeeping force in Ukraine but would not take on "
        "a 'deterrence' role."
    )
    assert sentence in article(ASIAE)
    refusals = [
        p
        for p in pledges_of("Ireland")
        if p["status"] == "declined" and "deterrence" in p["contribution"].lower()
    ]
    assert len(refusals) == 1
    assert sentence in sentences(refusals[0]["evidence"], ASIAE)


def test_ireland_only_un_approved_peacekeeping() -> None:
    sentence = (
        "Under current laws, Ireland can only send peacekeepers formally approved by "
        "the United Nations."
    )
    assert sentence in article(ASIAE)
    conditional = [
        p
        for p in pledges_of("Ireland")
        if p["status"] == "conditional" and "peacekeep" in p["contribution"].lower()
    ]
    assert len(conditional) == 1
    pledge = conditional[0]
    conditions = " ".join(pledge["conditions"])
    assert "UN" in conditions or "United Nations" in conditions
    assert "approved" in conditions
    assert sentence in sentences(pledge["evidence"], ASIAE)
    # the FT translation says the same of Ireland, Luxembourg and Belgium
    assert (
        "Ireland, Luxembourg and Belgium say they can imagine taking part if necessary."
        in sentences(pledge["evidence"], FT_MT)
    )


def test_trump_refuses_a_us_backstop() -> None:
    sentence = "But Trump refused to offer such support."
    assert sentence in article(FT_MT)
    refusals = [p for p in pledges_of("United States") if p["status"] == "declined"]
    assert any(sentence in sentences(p["evidence"], FT_MT) for p in refusals)


def test_uk_troops_conditional_on_us_guarantees() -> None:
    sentence = "However, they emphasize that this is contingent upon U.S. security guarantees."
    assert sentence in article(ASIAE)
    troops = [
        p
        for p in pledges_of("United Kingdom")
        if "troops" in p["contribution"].lower() and p["status"] == "conditional"
    ]
    assert len(troops) == 1
    assert any("US" in c or "U.S." in c for c in troops[0]["conditions"])
    assert sentence in sentences(troops[0]["evidence"], ASIAE)
    starmmer = (
        "Starmmer says the peace force can only be successful if the US provides a "
        "military backstop, including air cover and monitor."
    )
    assert starmmer in sentences(troops[0]["evidence"], FT_MT)


def test_russia_rebuffs_the_one_month_truce() -> None:
    sentence = (
        "The UK and France have proposed a one-month truce encompassing air, sea, and "
        "energy infrastructure, although Russia has rebuffed the initiative."
    )
    assert sentence in article(BBC)
    russia = [p for p in pledges_of("Russia") if "truce" in p["contribution"].lower()]
    assert [p["status"] for p in russia] == ["declined"]
    assert sentence in sentences(russia[0]["evidence"], BBC)
    for proposer in ("United Kingdom", "France"):
        proposals = [p for p in pledges_of(proposer) if "truce" in p["contribution"].lower()]
        assert [p["status"] for p in proposals] == ["proposed"]
        assert sentence in sentences(proposals[0]["evidence"], BBC)


def test_uk_attack_drones_through_anduril() -> None:
    sentence = (
        "In support of Ukraine, the UK announced a substantial missile deal and is set "
        "to provide advanced attack drones through a partnership with Anduril, an "
        "Anglo-American security firm."
    )
    assert sentence in article(BBC)
    drones = [p for p in pledges_of("United Kingdom") if "drone" in p["contribution"].lower()]
    assert len(drones) == 1
    assert drones[0]["status"] == "committed"
    assert sentence in sentences(drones[0]["evidence"], BBC)


# ---------------------------------------------------------------------- claims


def test_coalition_size_about_20_versus_37() -> None:
    about_20 = (
        "About 20 countries have so far been involved in the talks, with most coming "
        "from Europe or the Commonwealth."
    )
    thirty_seven = (
        "British Prime Minister Keir Starmer and French President Emmanuel Macron are "
        "leading discussions among 37 countries on forming a “coalition of the willing” "
        "for Ukraine in the event of a peaceful settlement."
    )
    assert about_20 in article(IPAPER)
    assert thirty_seven in article(BLOOMBERG)
    matching = []
    for claim in export()["claims"]:
        by_source = {v["source"]: v for v in claim["values"]}
        i, b = by_source.get(source_id(IPAPER)), by_source.get(source_id(BLOOMBERG))
        if i is None or b is None:
            continue
        if about_20 in sentences(i["evidence"], IPAPER) and thirty_seven in sentences(
            b["evidence"], BLOOMBERG
        ):
            matching.append((claim, i, b))
    assert len(matching) == 1
    claim, i, b = matching[0]
    assert "20" in i["value"] and "37" in b["value"]
    assert i["value"] != b["value"]
    # the BBC summary agrees with the i Paper, not with Bloomberg
    bbc = {v["source"]: v for v in claim["values"]}[source_id(BBC)]
    assert "20" in bbc["value"]


def test_paris_chiefs_participants_disputed_including_non_nato() -> None:
    sentence = (
        "At a separate meeting on Tuesday in Paris, non-NATO countries, including "
        "Australia, Japan, and New Zealand, joined negotiations with military leaders "
        "from dozens of European countries, as well as Canada, according to people "
        "familiar with the discussions."
    )
    assert sentence in article(BLOOMBERG)
    found = [
        c
        for c in export()["claims"]
        for v in c["values"]
        if v["source"] == source_id(BLOOMBERG)
        and sentence in sentences(v["evidence"], BLOOMBERG)
        and "Japan" in v["value"]
    ]
    assert len(found) == 1
    assert len({v["source"] for v in found[0]["values"]}) >= 3


# -------------------------------------------------------------------- meetings


def test_paris_chiefs_meeting_on_11_march_from_several_sources() -> None:
    ipaper = (
        "Chief of the Defence Staff Sir Tony Radakin will co-chair a meeting of European "
        "defence chiefs in Paris on Tuesday, with Defence Secretary John Healey "
        "travelling to the French capital for talks with the continent’s major defence "
        "powers on Wednesday."
    )
    asiae = (
        "France will hold a meeting on the 11th with Chiefs of Staff from European "
        "countries prepared to provide military support to Ukraine after the war."
    )
    ft = (
        "The military officials from the group will meet in Paris on Tuesday to discuss "
        "practicalities for a peace operation, with British represented by the President "
        "of Defense that Admiral Sir."
    )
    for s, path in ((ipaper, IPAPER), (asiae, ASIAE), (ft, FT_MT)):
        assert s in article(path)
    chiefs = [m for m in meetings_on("2025-03-11") if asiae in sentences(m["evidence"], ASIAE)]
    assert len(chiefs) == 1
    meeting = chiefs[0]
    assert meeting["status"] == "held"
    assert "Paris" in meeting["place"]
    assert ipaper in sentences(meeting["evidence"], IPAPER)
    assert ft in sentences(meeting["evidence"], FT_MT)
    assert len({e["source"] for e in meeting["evidence"]}) >= 4
    roles = meeting["roles"]
    assert roles[actor_id("Tony Radakin")] == "co-chair"
    assert roles[actor_id("Thierry Burkhard")] == "co-chair"


def test_defence_ministers_meet_in_paris_on_wednesday_12_march() -> None:
    sentence = (
        "After the meeting of the defence chiefs, Healey will hold talks on Wednesday "
        "with the defence ministers of Europe four other main military powers – France, "
        "Germany, Italy and Poland."
    )
    assert sentence in article(IPAPER)
    (meeting,) = [
        m for m in meetings_on("2025-03-12") if sentence in sentences(m["evidence"], IPAPER)
    ]
    people = set(meeting["participants"])
    for name in ("John Healey", "France", "Germany", "Italy", "Poland"):
        assert actor_id(name) in people
    held = (
        "Meanwhile, the defense ministers of five leading European states held talks in "
        "Paris on Wednesday to coordinate support for Ukraine."
    )
    assert held in sentences(meeting["evidence"], BLOOMBERG)


def test_virtual_leaders_call_on_saturday_15_march_hosted_by_starmer() -> None:
    sentence = (
        "The Prime Minister of the UK will host a virtual meeting with his so-called “a "
        "coalition in the ready” – a group that leads to European and Commonwealth "
        "countries ready to prepare a peace agreement between Kyiv and Moscow."
    )
    assert sentence in article(FT_MT)
    (meeting,) = [
        m for m in meetings_on("2025-03-15") if sentence in sentences(m["evidence"], FT_MT)
    ]
    assert "Saturday" in meeting["date_text"]
    roles = meeting["roles"]
    assert roles[actor_id("Keir Starmer")] == "host"


def test_white_house_clash_is_28_february() -> None:
    (meeting,) = [m for m in export()["meetings"] if "the 28th of last month" in m["date_text"]]
    assert meeting["date"] == "2025-02-28"
    assert any(e["source"] == source_id(ASIAE) for e in meeting["evidence"])


# ---------------------------------------------------------- actors and sources


def test_garbled_and_variant_spellings_are_aliases() -> None:
    text = "\n".join(article(p) for p in (IPAPER, FT_MT, ASIAE, BLOOMBERG, BBC))
    expected = {
        "Keir Starmer": ["Sir Keir", "Starmmer"],
        "United Kingdom": ["Britain", "UK"],
        "United States": ["U.S.", "US"],
        "Micheál Martin": ["Miche?l Martin"],
        "Sergey Lavrov": ["Sergei Lavrov"],
        "Volodymyr Zelenskyy": ["Zelensky"],
    }
    for name, spellings in expected.items():
        aliases = actor(name)["aliases"]
        for spelling in spellings:
            assert spelling in text, spelling
            assert spelling in aliases, (name, spelling)
    assert "Miche?l" in source(ASIAE)["flags"]["lost_characters"]


def test_publication_dates_and_boilerplate() -> None:
    published = {p: source(p)["published"] for p in (IPAPER, FT_MT, ASIAE, BLOOMBERG, BBC)}
    for date in published.values():
        assert "2025-03-01" <= date <= "2025-03-15"
    # 000 and 001 look ahead to Tuesday's Paris meeting; 003 reports it as past
    assert published[IPAPER] < "2025-03-11" and published[FT_MT] <= "2025-03-11"
    assert published[BLOOMBERG] > "2025-03-12"
    # 002 reports "on the 6th (local time)"
    assert "2025-03-06" <= published[ASIAE] <= "2025-03-07"

    lines = article(IPAPER).split("\n")
    assert lines[17] == "Read More Details"  # line 18
    assert [18, 23] in source(IPAPER)["flags"]["boilerplate_lines"]
    assert article(FT_MT).startswith("Stay Know with Free Update")
    assert [1, 2] in source(FT_MT)["flags"]["boilerplate_lines"]
    assert source(FT_MT)["flags"]["machine_translated"] is True
    assert source(BLOOMBERG)["original_outlet"] == "Bloomberg"


def same_text(found: str, quote: str) -> bool:
    """A located span equals its quote up to normalisation; "?" stands for a lost letter."""
    a, b = normalise(found), normalise(quote)
    return len(a) == len(b) and all(
        x == y or (x == "?" and y.isalpha()) for x, y in zip(a, b, strict=True)
    )


@pytest.mark.parametrize("section", ["actors", "meetings", "pledges"])
def test_evidence_offsets_point_into_the_article(section: str) -> None:
    files = {s["id"]: s["file"] for s in export()["sources"]}
    for item in export()[section]:
        for ev in item["evidence"]:
            text = article(files[ev["source"]])
            assert text[ev["sentence_start"] : ev["sentence_end"]] == ev["sentence"]
            assert ev["sentence_start"] <= ev["start"] < ev["end"] <= ev["sentence_end"]
            assert same_text(text[ev["start"] : ev["end"]], ev["quote"]), ev["quote"]


def test_validate_passes_without_warnings() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 warnings" in proc.stdout + proc.stderr
    assert "warning:" not in proc.stdout + proc.stderr


def _evidence_spans(node: Any, spans: dict[str, list[tuple[int, int]]]) -> None:
    if isinstance(node, dict):
        if "sentence_start" in node:
            spans[node["source"]].append((node["sentence_start"], node["sentence_end"]))
        for value in node.values():
            _evidence_spans(value, spans)
    elif isinstance(node, list):
        for value in node:
            _evidence_spans(value, spans)


def test_every_sentence_naming_an_actor_is_cited_or_explained() -> None:
    """Coverage: each non-boilerplate sentence that names an actor (by name or alias)
    is the sentence of some fact's evidence or of an ``uncited`` entry with a reason."""
    data = export()
    spans: dict[str, list[tuple[int, int]]] = {s["id"]: [] for s in data["sources"]}
    _evidence_spans({k: data[k] for k in ("actors", "meetings", "pledges", "claims")}, spans)
    names = [n for a in data["actors"] for n in [a["name"], *a["aliases"]]]
    patterns = [
        re.compile(r"(?<!\w)" + re.escape(normalise(n)).replace(r"\?", ".") + r"(?!\w)", re.I)
        for n in names
    ]
    missing = []
    for src in data["sources"]:
        text = article(src["file"])
        skip = {
            n for first, last in src["flags"]["boilerplate_lines"] for n in range(first, last + 1)
        }
        explained = spans[src["id"]] + [
            (u["sentence_start"], u["sentence_end"]) for u in src["uncited"]
        ]
        for reason in (u["reason"] for u in src["uncited"]):
            assert reason.strip()
        for start, end in split_sentences(text):
            if text.count("\n", 0, start) + 1 in skip:
                continue
            sentence = normalise(text[start:end])
            if not any(p.search(sentence) for p in patterns):
                continue
            if not any(a < end and b > start for a, b in explained):
                missing.append(f"{src['file']}: {sentence}")
    assert missing == []
