"""Detection kept small finds what it found when it held every mention as an object.

The amount detector keeps its amounts as columns and forgets a bucket once it
is too common to compare; detect() filters the extra stance disagreements
against the places of the values it needs, not a set of every value's place.
Each is compared here with the plain definition written out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import article_source, sha

from briefing.model.analysis.disagreements import detect as found_by
from briefing.model.analysis.disagreements.amounts import (
    MAX_BUCKET,
    amount_disagreements,
    amount_mentions,
)
from briefing.model.analysis.disagreements.context import value_context
from briefing.model.analysis.disagreements.values import (
    Disagreement,
    DisagreementValue,
    ValueRows,
    places,
)
from briefing.model.io import load_pack
from briefing.model.pack import Pack
from briefing.model.types import Source
from tests.model.analysis.disagreements.test_disagreements_fast import (
    old_amount_groups,
    old_count_disagreements,
)


def old_amount_disagreements(sources: tuple[Source, ...]) -> list[Disagreement]:
    """The groups of the old definition, each told from its mention objects."""
    by_id = {s.id: s for s in sources}
    mentions = {(m.source, m.start): m for s in sources for m in amount_mentions(s)}
    found = []
    for group in old_amount_groups(sources):
        members = [mentions[place] for place in group]
        shared = frozenset(members[0].topic).intersection(*(m.topic for m in members[1:]))
        kind = "percentage" if members[0].quantity.kind == "percent" else "amount"
        values = tuple(
            DisagreementValue(
                m.value,
                m.source,
                m.sentence,
                m.start,
                m.end,
                value_context(by_id[m.source], m.sentence, m.start - m.sentence_start),
            )
            for m in members
        )
        what = "Share" if kind == "percentage" else "Amount"
        words = ", ".join(sorted(shared)[:3]) or "one total"
        found.append(Disagreement(f"{what} ({words})", kind, values))
    return found


def test_amount_disagreements_match_the_mention_objects(synthetic: Pack) -> None:
    new = amount_disagreements(synthetic.sources)
    assert new == old_amount_disagreements(synthetic.sources)
    assert new and len(new[0].values) > 1


def test_a_bucket_too_common_to_compare_is_dropped_as_it_was_skipped() -> None:
    """Every amount shares "conference"; only pairs sharing a rarer word are compared."""
    common = tuple(
        article_source(
            f"c{i}",
            f"Donors pledged €{1 + i % 7}bn at the conference on reconstruction, said {i}.\n",
        )
        for i in range(MAX_BUCKET + 40)
    )
    rare = (
        article_source("r1", "The conference raised €2bn for harbour dredging works.\n"),
        article_source("r2", "The conference raised €9bn for harbour dredging works.\n"),
        article_source("r3", "Donors gave 40% of the harbour dredging budget at the conference.\n"),
    )
    sources = common + rare
    new = amount_disagreements(sources)
    assert new == old_amount_disagreements(sources)
    assert [[v.source for v in d.values] for d in new] == [["r1", "r2"]]
    assert new[0].topic == "Amount (conference, dredging, harbour)"
    assert [v.value for v in new[0].values] == ["EUR 2bn", "EUR 9bn"]


def test_counts_kept_as_columns_match_the_mention_objects(synthetic: Pack) -> None:
    """Also a count too large for a machine word, and a noun counted in one source only."""
    sources = (
        *synthetic.sources[:20],
        article_source("huge", "Some 1,000,000,000,000,000,000,000 countries met. 3 pumps came.\n"),
        article_source("small", "Exactly 37 countries met.\n"),
    )
    new = found_by.count_disagreements(sources)
    assert new == old_count_disagreements(sources)
    countries = [d for d in new if d.topic == "Number of countries"]
    assert countries and "about 1000000000000000000000" in [v.value for v in countries[0].values]


def old_detect_without_dates(pack: Pack) -> list[Disagreement]:
    """detect() before the claims are linked, with the filter as a set of every value's place."""
    found = found_by.count_disagreements(pack.sources)
    found += found_by.amount_disagreements(pack.sources)
    found += found_by.stance_disagreements(pack.sources, pack.actors)
    seen = {(v.source, v.start) for d in found for v in d.values}
    for extra in (
        found_by.pledge_stance_disagreements(pack),
        found_by.claim_stance_disagreements(pack),
    ):
        for d in extra:
            if not all((v.source, v.start) in seen for v in d.values):
                found.append(d)
                seen.update((v.source, v.start) for v in d.values)
    return found


TWO_SOURCES = {
    "a": "Poland offered troops for the force. Poland is considering pumps for the flood.\n",
    "b": "Poland declined to send troops, officials said. Poland offered generators at once.\n",
}
PLEDGES = """\
pledges:
  - id: poland-troops
    actor: poland
    contribution: troops
    status: offered
    evidence:
      - {source: a, quote: "Poland offered troops for the force"}
      - {source: b, quote: "Poland declined to send troops"}
  - id: poland-flood
    actor: poland
    contribution: flood help
    status: offered
    evidence:
      - {source: a, quote: "Poland is considering pumps"}
      - {source: b, quote: "Poland offered generators"}
"""


def two_source_pack(root: Path) -> Pack:
    """A troops stance found between the sources, and a pledge whose stances only it ties."""
    (root / "data").mkdir(parents=True)
    (root / "seeds").mkdir()
    listed = ""
    for ident, text in TWO_SOURCES.items():
        (root / "seeds" / f"{ident}.txt").write_text(text, encoding="utf-8")
        listed += (
            f"  - {{id: {ident}, file: seeds/{ident}.txt, sha256: {sha(text)}, outlet: {ident},"
            " title: T, published: 2025-03-10, language: en}\n"
        )
    (root / "data" / "pack.yaml").write_text(
        "pack:\n  title: T\n  story: S\n  as_of: 2025-03-16\nsources:\n"
        + listed
        + "actors:\n  - {id: poland, name: Poland, kind: country}\n"
        + PLEDGES,
        encoding="utf-8",
    )
    result = load_pack(root)
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    return result.pack


def test_detect_keeps_the_extra_stances_the_full_filter_kept(
    synthetic: Pack, tmp_path: Path
) -> None:
    small = two_source_pack(tmp_path / "pack")
    for pack in (synthetic, small):
        new = [(d.topic, d.kind, d.values) for d in found_by.detect(pack)]
        assert new == [(d.topic, d.kind, d.values) for d in old_detect_without_dates(pack)]
    # The troops pledge repeats the stance found between the sources; the flood pledge is new.
    topics = [d.topic for d in found_by.detect(small) if d.kind == "stance"]
    assert topics == ["Stance of Poland on troop", "Stance of Poland on flood help"]
    assert len(found_by.pledge_stance_disagreements(small)) == 2


def test_value_rows_are_the_values_they_would_have_been() -> None:
    text = "About 20 countries met. Exactly 37 countries came.\n"
    source = article_source("s", text)
    rows = ValueRows()
    rows.add("about 20", source, 0, 8, 9, (0, 23))
    rows.add("37", source, 32, 34, 11, (24, 50))
    made = tuple(
        DisagreementValue(value, "s", None, start, end, read_in=source, read_at=at, sentence_at=at2)
        for value, start, end, at, at2 in (
            ("about 20", 0, 8, 9, (0, 23)),
            ("37", 32, 34, 11, (24, 50)),
        )
    )
    assert rows == made and made == rows and hash(rows) == hash(made)
    assert rows != made[:1] and rows != made[::-1]
    assert [v.sentence for v in rows] == ["About 20 countries met.", "Exactly 37 countries came."]
    assert rows[1].context == made[1].context and rows[-1] is rows[1]  # made once, then kept
    assert rows[:1] == made[:1] and len(rows) == 2
    assert list(places(rows)) == [("s", 0), ("s", 32)] == list(places(made))
    with pytest.raises(IndexError):
        rows[2]
    found = Disagreement("Number of countries", "count", rows)
    assert found == Disagreement("Number of countries", "count", made)
    assert found.sources == ("s",)
