"""The briefing note, read back by real parsers: every statement cited, every citation verbatim.

Each check runs on the default pack and on a hostile pack whose articles and YAML
are full of Markdown and HTML syntax, control characters and multi-line quotes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_pack import write_hostile_pack
from notecheck import Parsed, parse_html, parse_markdown
from support import REPO

from briefing.export import SelectionError, render
from briefing.export.markdown import can_bold
from briefing.model import Pack, load_pack
from briefing.model.analysis.analyse import analyse
from briefing.model.sanitize import clean, clean_line


@pytest.fixture(scope="module")
def default_pack() -> Pack:
    pack = load_pack(REPO).pack
    assert pack is not None
    return pack


@pytest.fixture(scope="module")
def hostile_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = write_hostile_pack(tmp_path_factory.mktemp("hostile") / "pack")
    result = load_pack(root)
    assert result.pack is not None, [d.format() for d in result.errors]
    return result.pack


@pytest.fixture(params=["default", "hostile"])
def pack(request: pytest.FixtureRequest) -> Pack:
    return request.getfixturevalue(f"{request.param}_pack")  # type: ignore[no-any-return]


_NOTES: dict[tuple[int, str], tuple[Pack, Parsed]] = {}
"""The whole note of a module-scoped pack, rendered and parsed once per format (tests only read it)."""


def parse(pack: Pack, fmt: str, **kwargs: object) -> Parsed:
    if not kwargs and (pack_id := id(pack), fmt) in _NOTES:
        kept, parsed = _NOTES[pack_id, fmt]
        if kept is pack:
            return parsed
    text = render(pack, fmt, **kwargs)  # type: ignore[arg-type]
    parsed = parse_markdown(text) if fmt == "md" else parse_html(text).parsed
    if not kwargs:
        _NOTES[id(pack), fmt] = (pack, parsed)  # the pack kept alive, so its id stays its own
    return parsed


def source_of(pack: Pack, cite: str) -> str:
    """The source id a footnote's citation names (outlet, then date)."""
    matches = [
        s.id
        for s in pack.sources
        if cite.startswith(f"{clean_line(s.outlet)}, {s.published or 'date unknown'}, line ")
    ]
    assert len(matches) == 1, cite
    return matches[0]


def all_evidence(pack: Pack) -> set[tuple[str, str, str]]:
    facts = (*pack.actors, *pack.meetings, *pack.pledges, *pack.claims)
    return {(e.source, clean(e.sentence), clean(e.quote)) for f in facts for e in f.evidence}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_statement_carries_a_footnote(pack: Pack, fmt: str) -> None:
    parsed = parse(pack, fmt)
    assert parsed.problems == []
    assert {"Bottom line", "Pledges by actor", "Meetings", "Where sources disagree"} <= set(
        parsed.sections
    )
    assert len(parsed.statements) >= len(pack.pledges) + len(pack.meetings)
    for section, text, labels in parsed.statements:
        assert labels, f"{section}: statement without a footnote: {text!r}"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_footnote_resolves_and_is_used(pack: Pack, fmt: str) -> None:
    parsed = parse(pack, fmt)
    assert parsed.refs
    assert set(parsed.refs) == set(parsed.footnotes)
    assert sorted(parsed.footnotes, key=int) == [
        str(n) for n in range(1, len(parsed.footnotes) + 1)
    ]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_cited_sentence_is_verbatim_with_the_quote_marked(pack: Pack, fmt: str) -> None:
    parsed = parse(pack, fmt)
    evidence = all_evidence(pack)
    for label, cited in parsed.footnotes.items():
        source = source_of(pack, cited.cite)
        assert cited.sentence in clean(pack.source(source).text), label
        assert cited.marked and cited.marked in cited.sentence
        assert (source, cited.sentence, cited.marked) in evidence, (label, cited)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_tables_are_well_formed(pack: Pack, fmt: str) -> None:
    parsed = parse(pack, fmt)
    headers = [table[0] for table in parsed.tables]
    assert ["Actor", "Contribution", "Status", "Conditions", "Support"] in headers
    assert ["Source", "Published", "Title", "Reliability", "Caveats"] in headers
    for table in parsed.tables:
        assert all(len(row) == len(table[0]) for row in table), table
    pledges = next(t for t in parsed.tables if t[0][0] == "Actor")
    assert len(pledges) == 1 + len(pack.pledges)
    sources = next(t for t in parsed.tables if t[0][0] == "Source")
    assert [row[0] for row in sources[1:]] == [
        clean_line(s.outlet) for s in pack.sources if any(pack.spans(s.id))
    ]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_single_source_statements_are_marked_as_such(pack: Pack, fmt: str) -> None:
    parsed = parse(pack, fmt)
    table = next(t for t in parsed.tables if t[0][0] == "Actor")
    rows = {(row[0], row[1]): row for row in table[1:]}
    kinds = set()
    analysis = analyse(pack)
    for pledge in pack.pledges:
        actor = clean_line(pack.actor(pledge.actor).name)
        row = rows[(actor, clean_line(pledge.contribution))]
        graded = analysis.of(pledge.id)
        assert graded is not None
        found = graded.support
        kinds.add(found.single_source)
        assert f", {graded.grade.rating}" in row[4]  # Admiralty rating
        assert ("machine-translated" in row[4]) == graded.grade.machine_translated
        if found.single_source:
            assert "(single source," in row[4]
        else:
            assert f"({found.sources} sources" in row[4]
            assert "single" not in row[4]
    assert True in kinds
    if pack.get("wire2") is not None:  # the hostile pack has a pledge two articles support
        assert kinds == {True, False}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_hostile_text_renders_as_itself(hostile_pack: Pack, fmt: str) -> None:
    parsed = parse(hostile_pack, fmt)
    assert parsed.sections[0] == "Hostile *pack* <i>test</i> | [x](http://evil)"
    texts = " ".join(text for _, text, _ in parsed.statements)
    for literal in ("Poland *[x]*", "logistics | support", "no troops_on the ground; # none"):
        assert literal in texts
    assert "Taoiseach | <script>alert(1)</script>" in texts
    assert "Paris `meeting` & <i>talks</i>, Paris | France" in texts
    sentences = {c.sentence for c in parsed.footnotes.values()}
    assert any("␛]0;pwned␇" in s for s in sentences)  # control characters made visible
    assert not any("\x1b" in s for s in sentences)
    assert any("\n" in s for s in sentences)  # a quote across lines keeps its line break
    marked = {c.marked for c in parsed.footnotes.values()}
    assert {"_remain [open]", "`rm -rf` too", '"logistics support"', "~~joined~~"} <= marked
    assert "a backslash \\\n  1) Indented" in marked


def test_markdown_escapes_only_what_it_must(default_pack: Pack) -> None:
    """A sentence with no Markdown syntax in it appears in the raw file as written, quote in bold."""
    text = render(default_pack, "md").splitlines()
    plain = [
        e
        for p in default_pack.pledges
        for e in p.evidence
        if not set(e.sentence) & set("\\`*_[]<>|~#&\n")
        and can_bold(*split(e.sentence, e.start - e.sentence_start, e.end - e.sentence_start))
    ]
    assert len(plain) > 5
    for e in plain:
        before, quote, after = split(
            e.sentence, e.start - e.sentence_start, e.end - e.sentence_start
        )
        assert f"    > {before}**{quote}**{after}" in text


def split(sentence: str, start: int, end: int) -> tuple[str, str, str]:
    return sentence[:start], sentence[start:end], sentence[end:]


def test_html_is_self_contained_and_links_resolve(pack: Pack) -> None:
    html = parse_html(render(pack, "html"))
    assert html.parsed.problems == []
    assert html.external == []
    assert len(html.ids) == len(set(html.ids))
    assert html.hrefs and set(html.hrefs) <= set(html.ids)
    # each in-place citation expands to the same marked sentence as its footnote
    for label, sentence in html.pops:
        cited = html.parsed.footnotes[label]
        assert sentence.replace("\x00", "") == cited.sentence
        assert sentence.split("\x00")[1] == cited.marked


def test_html_print_stylesheet_and_no_scripts(default_pack: Pack) -> None:
    text = render(default_pack, "html")
    assert "@media print" in text
    assert "<script" not in text.lower()
    assert "http://" not in text and "https://" not in text


def test_output_is_deterministic(default_pack: Pack) -> None:
    assert render(default_pack, "md") == render(default_pack, "md")
    assert render(default_pack, "html") == render(default_pack, "html")


def test_example_briefing_is_current(default_pack: Pack) -> None:
    """docs/example-briefing.md is regenerated by the command in docs/export.md."""
    committed = (REPO / "docs" / "example-briefing.md").read_text(encoding="utf-8")
    assert committed == render(default_pack, "md"), (
        "docs/example-briefing.md is stale: run "
        "python -m briefing export --format md -o docs/example-briefing.md --force"
    )


# ------------------------------------------------------------------ selections


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_only_the_selected_facts_are_exported(default_pack: Pack, fmt: str) -> None:
    only = {"poland-logistics", "coalition-size"}
    parsed = parse(default_pack, fmt, only=only)
    chosen = [default_pack.get(i) for i in only]
    expected = {
        (e.source, clean(e.sentence), clean(e.quote))
        for f in chosen
        for e in f.evidence  # type: ignore[union-attr]
    }
    got = {
        (source_of(default_pack, c.cite), c.sentence, c.marked) for c in parsed.footnotes.values()
    }
    assert got == expected
    assert "Meetings" not in parsed.sections
    table = next(t for t in parsed.tables if t[0][0] == "Actor")
    assert [row[0] for row in table[1:]] == ["Poland"]
    sources = next(t for t in parsed.tables if t[0][0] == "Source")
    assert {row[0] for row in sources[1:]} == {
        clean_line(default_pack.source(s).outlet) for s, _, _ in expected
    }


def test_actor_filter_keeps_their_facts(default_pack: Pack) -> None:
    parsed = parse(default_pack, "md", actors=["poland"])
    involved = default_pack.facts_of("poland")
    pledges = next(t for t in parsed.tables if t[0][0] == "Actor")
    assert len(pledges) - 1 == sum(1 for f in involved if f in default_pack.pledges) > 0
    assert {row[0] for row in pledges[1:]} == {"Poland"}
    meetings = [t for s, t, _ in parsed.statements if s == "Meetings"]
    assert len(meetings) == sum(1 for f in involved if f in default_pack.meetings)
    assert "Where sources disagree" not in parsed.sections


def test_unknown_actor_suggests_the_nearest(default_pack: Pack) -> None:
    with pytest.raises(SelectionError) as caught:
        render(default_pack, "md", actors=["polnd"])
    assert str(caught.value) == "unknown actor 'polnd'; did you mean 'poland'?"


def test_a_marked_actor_brings_the_facts_involving_it(default_pack: Pack) -> None:
    assert not default_pack.actor("poland").evidence
    by_actor = parse(default_pack, "md", actors=["poland"])
    by_item = parse(default_pack, "md", only={"poland"})
    assert by_item.footnotes == by_actor.footnotes and by_item.footnotes


def test_unknown_item_and_empty_selection_are_refused(default_pack: Pack) -> None:
    with pytest.raises(SelectionError, match="unknown item 'nope'"):
        render(default_pack, "md", only={"nope"})
    with pytest.raises(SelectionError, match="nothing to export"):
        render(default_pack, "md", actors=["poland"], only={"coalition-size"})
    with pytest.raises(SelectionError, match="unknown format 'mdx'; did you mean 'md'"):
        render(default_pack, "mdx")


def test_json_selection_keeps_the_contract_shape(default_pack: Pack) -> None:
    import json

    data = json.loads(render(default_pack, "json", only={"poland-logistics"}))
    assert [p["id"] for p in data["pledges"]] == ["poland-logistics"]
    assert data["meetings"] == [] and data["claims"] == []
    assert [a["id"] for a in data["actors"]] == ["poland"]
    assert [s["id"] for s in data["sources"]] == ["ft-mt"]
    whole = json.loads(render(default_pack, "json"))
    assert set(data) == set(whole)


# ------------------------------------------------------- claims and found points


@pytest.fixture(scope="module")
def pack_without_a_claim(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """The default pack less its Canada claim: the Canada stance is then only found in the text."""
    import shutil

    root = tmp_path_factory.mktemp("uncovered") / "pack"
    for folder in ("data", "seeds"):
        shutil.copytree(REPO / folder, root / folder)
    claims = root / "data" / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    start = text.index("  - id: canada-stance")
    claims.write_text(text[:start], encoding="utf-8")
    result = load_pack(root)
    assert result.pack is not None, [d.format() for d in result.errors]
    return result.pack


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_note_lists_claims_and_found_disagreements_saying_which(
    pack_without_a_claim: Pack, fmt: str
) -> None:
    """Issue 22 bug 9: the note shows the set the disagreements view shows, each point labelled."""
    pack = pack_without_a_claim
    found = [d for d in analyse(pack).disagreements if d.claim is None]
    assert found, "the Canada stance should be found in the text with no claim covering it"
    import html

    text = html.unescape(render(pack, fmt))  # type: ignore[arg-type]
    parsed = parse(pack, fmt)
    section = text[text.index("Where sources disagree") :]
    for claim in pack.claims:
        assert clean_line(claim.topic) in section
    assert section.count("written by the pack's author") == len(pack.claims)
    assert section.count("Found in the text") == len(found)
    for point in found:
        assert clean_line(point.topic) in section
    cited = {(source_of(pack, c.cite), c.sentence) for c in parsed.footnotes.values()}
    for point in found:
        for value in point.values:
            article = pack.source(value.source).article
            s_start, s_end = article.sentence_span(value.start, value.end)
            assert (value.source, clean(article.text[s_start:s_end])) in cited
    statements = [s for s in parsed.statements if s[0] == "Where sources disagree"]
    assert statements and all(labels for _, _, labels in statements)


def test_a_note_of_marked_facts_leaves_found_disagreements_out(pack_without_a_claim: Pack) -> None:
    pack = pack_without_a_claim
    text = render(pack, "md", only={"coalition-size"})
    assert "Found in the text" not in text and "coalition" in text.casefold()


def test_a_found_count_reads_grouped_by_thousands(tmp_path: Path) -> None:
    """ "120000000" is how the detector keeps a count (and the JSON contract gives it);
    the note groups it as a reader reads it. The shipped example story has one."""
    from briefing.cli import main
    from briefing.model.analysis.disagreements import readable

    assert readable("120000000") == "120,000,000"
    assert (
        readable("2025") == "2025" and readable("12.5") == "12.5" and readable("٣٣٣٣٣") == "٣٣٣٣٣"
    )
    articles = tmp_path / "articles"
    assert main(["init", "--example", str(articles)]) == 0
    assert main(["init", str(tmp_path / "pack"), str(articles)]) == 0
    pack = load_pack(tmp_path / "pack").pack
    assert pack is not None
    note = render(pack, "md")
    assert "**120,000,000**" in note and "**120000000**" not in note
    assert '"120000000"' in render(pack, "json")  # the contract keeps the digits
