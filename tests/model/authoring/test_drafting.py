"""init and add on unseen stories: metadata, candidates, machine translation, drafts, add, atomic init."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from support import FIXTURES

from briefing.cli import main
from briefing.model import load_pack
from briefing.model.authoring import (
    ActorForms,
    ArticleInput,
    InitRefused,
    add_articles,
    draft,
    examine,
    init_pack,
    looks_machine_translated,
    read_date,
    read_metadata,
    signs,
)
from briefing.model.authoring.candidates import candidates
from briefing.model.names import fold_spelling
from briefing.model.names.variants import same_name

DONORS = FIXTURES / "donor_story"
WATER = FIXTURES / "water_story"
TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("lines", "published", "outlet"),
    [
        (
            "Headline\nBy Jane Doe\nMarch 3, 2025 4:12 PM GMT\nLONDON, March 3 (Reuters) - Body text here.",
            "2025-03-03",
            "Reuters",
        ),
        ("Headline\nPublished: March 4, 2025 10:02 a.m. ET\nBody.", "2025-03-04", None),
        (
            "Jane Doe | Europe Editor | The Paper\nUpdated Thursday 6 March 2025 14:02 GMT\nHeadline",
            "2025-03-06",
            "The Paper",
        ),
        (
            "Headline\nBy A B and C D, Associated Press\nMon 10 Mar 2025 18.02 GMT\nBISHKEK, Kyrgyzstan (AP) — Body.",
            "2025-03-10",
            "AP",
        ),
        (
            "Politics Desk\nHeadline\nJane Doe in Almaty\n2025-03-11T09:30:00Z\nBody.",
            "2025-03-11",
            None,
        ),
        ("Headline\nCITY, Tuesday, 4 March /AGENCY/ - Body of the story.", "2025-03-04", "AGENCY"),
        (
            "Story by Jane Doe\nHeadline\nTASHKENT, 12/03/2025 (UzDaily) - Body.",
            "2025-03-12",
            "UzDaily",
        ),
        (
            "Headline\nBy Jane Doe, Diplomatic Correspondent, Thursday 6 March 2025\nBody.",
            "2025-03-06",
            None,
        ),
        (
            "Headline\nPublished 6 March 2025\nBody.\n© 2025 Some Outlet. All rights reserved.",
            "2025-03-06",
            "Some Outlet",
        ),
        ("Headline\nBody without any date at all.", None, None),
    ],
)
def test_metadata_shapes(lines: str, published: str | None, outlet: str | None) -> None:
    meta = read_metadata(lines, today=TODAY)
    assert (meta.published.value if meta.published else None) == published
    assert (meta.outlet.value if meta.outlet else None) == outlet
    if meta.published is not None:
        # each value keeps the line it was read from
        assert meta.published.text == lines.split("\n")[meta.published.line - 1].strip()


def test_numeric_dates_say_which_rule_decided() -> None:
    assert read_date("13/03/2025") == (
        date(2025, 3, 13),
        "day/month/year (the month cannot be above 12)",
    )
    assert read_date("03/13/2025")[0] == date(2025, 3, 13)  # type: ignore[index]
    # 4 June 2025 is a Wednesday, 6 April a Sunday: the weekday decides
    found = read_date("Wednesday 04/06/2025")
    assert found is not None and found[0] == date(2025, 6, 4) and "weekday" in found[1]
    assert read_date("06/04/2025", day_first_hint=False)[0] == date(2025, 6, 4)  # type: ignore[index]


def test_bylines_desks_and_credits_are_people_not_actors() -> None:
    text = (DONORS / "01_wire.txt").read_text()
    meta = read_metadata(text, today=TODAY)
    assert {"Anna Keller", "Tom Hale"} <= set(meta.people)
    assert meta.headline is not None and meta.headline.line == 1


def test_machine_translation_needs_two_kinds_of_sign() -> None:
    mt = (DONORS / "03_agency.txt").read_text()
    found = signs(mt)
    assert looks_machine_translated(found)
    assert {s.kind for s in found} >= {"agreement", "calque", "numbers"}
    assert all(s.line >= 1 for s in found)
    fluent = "\n".join(p.read_text() for p in [*WATER.glob("*.txt"), DONORS / "01_wire.txt"])
    assert not looks_machine_translated(signs(fluent))
    assert not looks_machine_translated(signs("A assistance was given."))  # one slip


def test_banner_and_footer_are_flagged_whole() -> None:
    hygiene = examine((DONORS / "02_newsletter.txt").read_text())
    assert [b.value for b in hygiene.boilerplate] == ["1-3", "13-17"]
    assert hygiene.lost_characters == ("H?l?ne",)


def test_a_cookie_banner_is_furniture_but_accept_all_in_prose_is_not() -> None:
    text = (
        "Menu | Business | Economy\n"
        "We use cookies to improve your experience. Accept all\n"
        "Laos debt: what the creditors want\n"
        "Kyiv would not accept all of the terms, a negotiator said on Monday in a long interview.\n"
        "Accept all\n"
    )
    flagged = [b.value for b in examine(text).boilerplate]
    assert flagged == ["1-2", "5"]


def _names(found: list) -> dict[str, object]:  # type: ignore[type-arg]
    """Each candidate under its name and under each alias (which spelling leads is a detail)."""
    return {form: c for c in found for form in (c.name, *c.aliases)}


def test_titles_countries_and_transliterations() -> None:
    text = (
        "The Minister of Energy of Moldova Dorin Tseban spoke. Moldovan Energy Minister Dorin Ceban "
        "agreed. Mister Ceban left. The Foreign Minister of Zembla said so. Kyrgyz Deputy Prime "
        "Minister Aibek Dzhumaliev spoke, and Aibek Jumaliyev agreed with Aibek Djumaliev."
    )
    found = _names(candidates([("s", text, set())]))
    ceban = found["Dorin Ceban"]
    assert found["Dorin Tseban"] is ceban and found["Ceban"] is ceban
    assert ceban.role in ("Minister of Energy", "Energy Minister")  # type: ignore[attr-defined]
    assert found["Moldova"].kind == "country"  # type: ignore[attr-defined]
    # an unknown country named by a title is a country, not a person's alias
    assert found["Zembla"].kind == "country"  # type: ignore[attr-defined]
    assert not [n for n in found if "Minister" in n]
    aibek = found["Aibek Dzhumaliev"]
    assert found["Aibek Jumaliyev"] is aibek and found["Aibek Djumaliev"] is aibek
    assert found["Kyrgyzstan"].kind == "country"  # type: ignore[attr-defined]
    assert fold_spelling("Dzhumaliev") == fold_spelling("Jumaliyev") == "jumaliev"


def test_calqued_portfolios_and_given_names_in_syllables() -> None:
    """Machine-translated "Minister of the Finances of X" is a title, and a romanised
    given name written in syllables ("Jian Guo") is the joined one ("Jianguo")."""
    text = (
        "The Vice Minister of the Finances of China Liao Jian Guo has declared it. "
        "Vice Finance Minister Liao Jianguo agreed. Kim Jong Un spoke, and Kim Jong-un left."
    )
    found = _names(candidates([("s", text, set())]))
    assert found["Liao Jian Guo"] is found["Liao Jianguo"]
    assert found["Liao Jianguo"].role is not None  # type: ignore[attr-defined]
    assert not [n for n in found if "Finances" in n]
    assert found["Kim Jong Un"] is found["Kim Jong-un"]
    # Dropping a middle name, or joining a given name to the surname, is not that.
    assert not same_name("Ana Maria Lopez", "Ana Lopez")
    assert not same_name("Jean Paul", "Jeanpaul Smith")


def test_reordered_organisation_and_places() -> None:
    text = (
        "The European Investment Bank pledged money. The Bank European of Investment will grant it. "
        "Talks were held in Taraz on Monday. Officials met at the Kirov reservoir. "
        "The Talas River Commission met. Vienna said no to the Vienna conference in Vienna."
    )
    found = _names(candidates([("s", text, set())]))
    assert found["European Investment Bank"] is found["Bank European of Investment"]
    assert found["European Investment Bank"].kind == "organisation"  # type: ignore[attr-defined]
    assert "Taraz" not in found and "Kirov" not in found
    assert found["Talas River Commission"].aliases == ()  # type: ignore[attr-defined]
    # the capital standing for its government counts; the capital as a place does not
    assert found["Austria"].mentions == 1  # type: ignore[attr-defined]


def test_a_country_s_institution_keeps_its_country() -> None:
    """ "China's Export-Import Bank" is one organisation, named as written; a possessive
    before a name that is not an institution's ("Russia's Gazprom") or before a title
    and a person stays two names."""
    text = (
        "China's Export-Import Bank offered to extend the loans. "
        "Russia's Gazprom said no. "
        "China's Vice Finance Minister Liao Jianguo met the delegation."
    )
    found = _names(candidates([("s", text, set())]))
    bank = found["China's Export-Import Bank"]
    assert bank.kind == "organisation"  # type: ignore[attr-defined]
    assert "Export-Import Bank" not in found
    assert found["Gazprom"] is not found["Russia"]
    assert found["Liao Jianguo"].kind == "person"  # type: ignore[attr-defined]
    assert found["China"].kind == "country"  # type: ignore[attr-defined]


def _drafts(text: str, published: date, actors: list[tuple[str, tuple[str, ...]]]):  # type: ignore[no-untyped-def]
    return draft(
        [ArticleInput("s", text, frozenset(), published)],
        [ActorForms(i, forms[0], forms) for i, forms in actors],
    )


def test_pledge_status_actor_and_conditions() -> None:
    text = (
        "Japan offered 50 million dollars in grants, provided the money is spent on equipment.\n"
        "Germany said it was considering a further 120 million euros.\n"
        "The World Bank declined to make a new pledge.\n"
        "Uzbekistan, which relies on the basin, is considering joining the commission.\n"
        "The bank pledged 400 million euros.\n"
        "Tashkent would second two hydrologists to the commission if both agreed.\n"
    )
    actors = [
        ("japan", ("Japan",)),
        ("germany", ("Germany",)),
        ("wb", ("World Bank",)),
        ("uz", ("Uzbekistan", "Tashkent")),
    ]
    pledges = {(p.actor, p.status): p for p in _drafts(text, date(2025, 3, 3), actors).pledges}
    assert set(pledges) == {
        ("japan", "conditional"),
        ("germany", "considering"),
        ("wb", "declined"),
        ("uz", "considering"),
        ("uz", "conditional"),
    }
    assert pledges["japan", "conditional"].conditions == [
        "provided the money is spent on equipment"
    ]
    assert pledges["japan", "conditional"].contribution == "50 million dollars in grants"


def test_meetings_dated_by_the_date_rules_and_merged_across_sources() -> None:
    a = ArticleInput(
        "a",
        "Kazakhstan and Kyrgyzstan held talks on Monday in Bishkek.\n"
        "The commission will meet on March 20, officials said.\n",
        frozenset(),
        date(2025, 3, 10),
    )
    b = ArticleInput(
        "b",
        "A day after talks in Bishkek ended, nothing was agreed.\n"
        "He had spoken by phone with the minister on Tuesday.\n",
        frozenset(),
        date(2025, 3, 12),
    )
    actors = [
        ActorForms("kz", "Kazakhstan", ("Kazakhstan",)),
        ActorForms("kg", "Kyrgyzstan", ("Kyrgyzstan",)),
    ]
    meetings = draft([a, b], actors).meetings
    talks, commission, call = meetings
    assert (talks.status, talks.day, talks.place) == ("held", date(2025, 3, 10), "Bishkek")
    assert [e.source for e in talks.evidence] == ["a", "b"]  # one event, both sources
    assert (commission.status, commission.day) == ("planned", date(2025, 3, 20))
    assert (call.noun, call.status, call.day) == ("call", "held", date(2025, 3, 11))


def test_init_pack_reads_dates_and_validates_with_every_template_uncommented(
    tmp_path: Path,
) -> None:
    root = tmp_path / "pack"
    result = init_pack(root, [str(DONORS)])
    assert result.newest == "2025-03-06"
    loaded = load_pack(root)
    assert loaded.errors == [] and loaded.pack is not None
    pack = loaded.pack
    assert pack.meta.as_of == "2025-03-06"
    assert [s.published for s in pack.sources] == [
        "2025-03-03",
        "2025-03-04",
        "2025-03-04",
        "2025-03-06",
    ]
    assert pack.sources[0].id == "reuters-2025-03-03"
    assert pack.sources[2].flags.machine_translated
    assert all(m.candidate for m in pack.meetings) and all(p.candidate for p in pack.pledges)
    messages = [d.message for d in loaded.diagnostics]
    assert sum("candidate drafted" in m for m in messages) == len(pack.meetings) + len(pack.pledges)
    facts = root / "data" / "facts.yaml"
    text = facts.read_text()
    uncommented = re.sub(r"^#(  )", r"\1", text, flags=re.M)
    assert uncommented != text
    facts.write_text(uncommented)
    again = load_pack(root)
    assert again.errors == [], [d.format() for d in again.errors]
    assert again.pack is not None and len(again.pack.claims) == 1
    pack_yaml = root / "data" / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text().replace("    # grade: F", "    grade: F"))
    assert load_pack(root).errors == []


def test_init_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.model.authoring.scaffold as scaffold

    calls = {"n": 0}
    real = scaffold.create_file

    def full_disk(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(scaffold, "create_file", full_disk)
    with pytest.raises(InitRefused, match="nothing was written"):
        init_pack(tmp_path / "pack", [str(WATER)])
    assert sorted(os.listdir(tmp_path)) == []  # no half pack, no temporary folder
    monkeypatch.setattr(scaffold, "create_file", real)
    init_pack(tmp_path / "pack", [str(WATER)])  # the retry is not refused
    assert load_pack(tmp_path / "pack").errors == []


def test_add_appends_moves_as_of_and_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first"
    first.mkdir()
    for name in ("01_wire.txt", "02_newsletter.txt"):
        shutil.copy(DONORS / name, first / name)
    root = tmp_path / "pack"
    init_pack(root, [str(first)])
    before = {p.name: p.read_bytes() for p in (root / "data").glob("*.yaml")}
    result = add_articles(root, [str(DONORS)])
    assert [p.name for p, _ in result.already] == ["01_wire.txt", "02_newsletter.txt"]
    assert [s.id for s in result.sources] == ["moldpres-2025-03-04", "continental-2025-03-06"]
    assert result.as_of == ("2025-03-04", "2025-03-06")
    after = {p.name: p.read_bytes() for p in (root / "data").glob("*.yaml")}
    for name, data in before.items():
        if name == "pack.yaml":
            assert after[name] == data.replace(b"as_of: 2025-03-04", b"as_of: 2025-03-06")
        else:
            assert after[name] == data  # byte for byte
    assert set(after) - set(before) == {"added-2025-03-06.yaml"}
    names = {c.name for c in result.candidates}
    assert "Radu Munteanu" in names
    assert not names & {"Moldova", "Dorin Tseban", "Bank European of Investment", "Japan"}
    assert result.evidence  # sentences for facts already drafted
    loaded = load_pack(root)
    assert loaded.errors == [] and loaded.pack is not None and len(loaded.pack.sources) == 4
    snapshot = {p.name: p.read_bytes() for p in (root / "data").glob("*.yaml")}
    capsys.readouterr()
    assert main(["add", str(root), str(DONORS / "03_agency.txt")]) == 0
    out = capsys.readouterr().out
    assert "already in the pack as source 'moldpres-2025-03-04'" in out and "nothing to add" in out
    assert {p.name: p.read_bytes() for p in (root / "data").glob("*.yaml")} == snapshot


def test_init_example_copies_the_shipped_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--example", str(tmp_path / "ex")]) == 0
    assert sorted(p.name for p in (tmp_path / "ex").iterdir()) == sorted(
        p.name for p in DONORS.glob("*.txt")
    )
    assert main(["init", str(tmp_path / "pack"), str(tmp_path / "ex")]) == 0
    assert main(["init", "--example", str(tmp_path / "ex")]) == 1  # not empty: refused


def test_held_out_shapes_banner_outlet_yearless_dateline_and_places(tmp_path: Path) -> None:
    fisheries = FIXTURES / "fisheries_story"
    result = init_pack(tmp_path / "pack", [str(fisheries)])
    by_file = {Path(s.file).name: s for s in result.sources}
    trade = by_file["02_trade.txt"].metadata
    assert trade.outlet is not None and trade.outlet.value == "Fishing News Weekly"
    assert trade.published is not None and trade.published.value == "2025-04-15"
    afp = by_file["03_translated.txt"].metadata  # "PARIS, 16 April (AFP)": no year, no weekday
    assert afp.published is not None and afp.published.value == "2025-04-16"
    assert "other articles" in afp.published.rule
    assert by_file["03_translated.txt"].id == "afp-2025-04-16"
    # Bergen talks and a meeting in Tromso the same week are two meetings
    places = sorted(m.place or "" for m in result.drafts.meetings)
    assert "Tromso" in places and "Bergen" in places
    # "would cut ... if": an offer on a condition, whatever the verb
    statuses = {(p.actor, p.status) for p in result.drafts.pledges}
    assert ("norway", "conditional") in statuses and ("faroe-islands", "committed") in statuses


WIRE = (
    "Leaders agree to resume dam talks\n"
    "By Jane Roe, Associated Press\n"
    "ADDIS ABABA, June 4 (AP) - The leaders agreed on Tuesday to resume talks.\n"
    "The talks collapsed in April 2023 and have been frozen since 2020.\n"
)


def _dated(tmp_path: Path, articles: dict[str, str]) -> dict[str, str | None]:
    folder = tmp_path / "articles"
    folder.mkdir(parents=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = init_pack(tmp_path / "pack", [str(folder)])
    return {
        Path(s.file).name: s.metadata.published.value if s.metadata.published else None
        for s in result.sources
    }


def test_a_yearless_dateline_takes_the_story_s_year_not_a_past_one_in_its_text(
    tmp_path: Path,
) -> None:
    """ "June 4 (AP)" over a paragraph about "April 2023": the year written in the text
    is the past's; the other article, dated in full, says the story's year."""
    dates = _dated(
        tmp_path,
        {
            "01_wire.txt": WIRE,
            "02_page.txt": "Dam talks resume\nPublished: 5 June 2025\nThe talks resumed.\n",
        },
    )
    assert dates == {"01_wire.txt": "2025-06-04", "02_page.txt": "2025-06-05"}


def test_a_dateline_with_a_weekday_says_the_story_s_year_to_a_yearless_one(
    tmp_path: Path,
) -> None:
    """Two yearless datelines: the weekday fixes one's year, and that is the other's context."""
    agency = "Talks resume\nCAIRO, Wednesday, 4 June /MENA/ - The minister said yes.\n"
    dates = _dated(tmp_path, {"01_wire.txt": WIRE, "02_agency.txt": agency})
    agency_date = dates["02_agency.txt"]
    assert agency_date is not None and agency_date.endswith("-06-04")
    assert date.fromisoformat(agency_date).weekday() == 2  # the latest June 4 on a Wednesday
    assert dates["01_wire.txt"] == agency_date


def test_a_numeric_date_either_way_valid_is_read_nearest_the_story(tmp_path: Path) -> None:
    """ "Published: 05/06/2025" on a page that writes "June 3" (month first, so the
    article's own order says 6 May) beside an article of 4 June 2025: 5 June."""
    page = "Dam talks: what next\nPublished: 05/06/2025 09:30\nThe summit on June 3 ended.\n"
    wire = "Dam talks resume\nPublished: 4 June 2025\nThe talks resumed.\n"
    dates = _dated(tmp_path / "two", {"01_page.txt": page, "02_wire.txt": wire})
    assert dates == {"01_page.txt": "2025-06-05", "02_wire.txt": "2025-06-04"}
    alone = _dated(tmp_path / "one", {"01_page.txt": page})
    assert alone == {"01_page.txt": "2025-05-06"}  # nothing else to go by: the article's order


def test_a_lone_yearless_dateline_keeps_the_year_its_article_writes(tmp_path: Path) -> None:
    """With nothing else to go by, the year written in the article (the rule says check)."""
    assert _dated(tmp_path, {"01_wire.txt": WIRE}) == {"01_wire.txt": "2023-06-04"}


def test_unnamed_people_opening_a_sentence_are_no_candidates() -> None:
    """ "Diplomats said", "Officials told reporters": proposed as people on new stories."""
    text = (
        "Diplomats said the talks went well.\nOfficials told reporters Abiy Ahmed agreed.\n"
        "Analysts expect more.\nAbiy Ahmed left.\n"
    )
    names = [c.name for c in candidates([("s", text, set())])]
    assert "Abiy Ahmed" in names
    assert not {"Diplomats", "Officials", "Analysts"} & set(names)


def test_an_analyst_byline_and_a_relative_date_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Leila Haddad | Senior Analyst | Horn Review" is a byline (an analyst is a role),
    not a site's menu; "Updated 2 days ago" is a date line without a date, and the
    analyst is told which line to read instead of "no date line found"."""
    text = (
        "After the handshake, the hard part begins\n"
        "Leila Haddad | Senior Analyst | Horn Review\n"
        "Updated 2 days ago\n"
        "The summit in Addis Ababa gave Ethiopia and Egypt a calendar.\n"
    )
    meta = read_metadata(text, examine(text).boilerplate_line_numbers())
    assert meta.outlet is not None and meta.outlet.value == "Horn Review"
    assert meta.relative is not None and meta.relative.line == 3 and meta.published is None
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "05_analysis.txt").write_text(text, encoding="utf-8")
    assert main(["init", str(tmp_path / "pack"), str(folder)]) == 0
    assert "horn-review: line 3 gives only 'Updated 2 days ago'" in capsys.readouterr().out
    pack_yaml = (tmp_path / "pack" / "data" / "pack.yaml").read_text(encoding="utf-8")
    assert "line 3 gives only 'Updated 2 days ago', relative to when the page was saved" in (
        pack_yaml
    )


def test_names_that_differ_in_digits_stay_apart() -> None:
    text = "\n".join(f"Country{i} said yes." for i in range(40))
    assert len(candidates([("s", text, set())])) == 40


def test_hygiene_command_suggests_machine_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "pack"
    init_pack(root, [str(DONORS)])
    pack_yaml = root / "data" / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text().replace("      machine_translated: true\n", ""))
    capsys.readouterr()
    assert main(["hygiene", str(root), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "seeds/03_agency.txt:2:" in out and "reads as machine-translated" in out
    assert "set machine_translated: true" in out


def test_the_place_a_reporter_writes_from_is_not_an_actor(tmp_path: Path) -> None:
    """A byline's or dateline's city is a place; a capital there stays its country's."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Almaty says Bishkek is holding its water hostage\n"
        "Aigul Nurlanova in Almaty\n"
        "May 3, 2025\n\n"
        "Almaty officials met Kyrgyz envoys on Friday. Bishkek said it would release water.\n"
    )
    (folder / "b.txt").write_text(
        "Talks resume\n\n"
        "BISHKEK, May 4 (Reuters) - Kyrgyzstan said on Sunday it would open the sluices.\n"
    )
    result = init_pack(tmp_path / "pack", [str(folder)])
    by_file = {Path(s.file).name: s for s in result.sources}
    assert "Almaty" in by_file["a.txt"].metadata.places
    assert "Bishkek" in by_file["b.txt"].metadata.places
    names = {c.name for c in result.candidates}
    assert "Almaty" not in names
    kyrgyzstan = [c for c in result.candidates if c.name == "Kyrgyzstan"]
    assert kyrgyzstan and "Bishkek" in kyrgyzstan[0].aliases
