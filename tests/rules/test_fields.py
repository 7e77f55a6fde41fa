"""Each fact field declared once: a field added to the model and missed elsewhere fails here.

The load cache is derived from the dataclasses (briefing.model.io.cache_codec), so
it needs no edit for a new field; these tests check that it really round-trips
every field, that a field of a type it cannot store fails loudly, and that the
places that cannot be derived (the YAML schema and build, the JSON contract)
name every field.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import ARTICLE, PackMaker, sha

from briefing.export.jsonout import to_dict
from briefing.model import load_pack
from briefing.model.diagnostics import Diagnostic, Severity
from briefing.model.io import Decoder, Encoder, decode, dumps, load
from briefing.model.pack import Pack
from briefing.model.text import Article
from briefing.model.types import (
    Accepted,
    Actor,
    Claim,
    ClaimValue,
    Evidence,
    Flags,
    Meeting,
    PackMeta,
    Participant,
    Pledge,
    Source,
    Uncited,
)

SECOND = "Ukraine said 30 countries would take part. Kyiv welcomed the offer.\n"

HEADER = f"""\
pack:
  title: Every field
  story: A pack that sets every field the schema knows.
  as_of: 2025-03-16
  notes: Written for tests/rules/test_fields.py.
  checks: {{status: error}}
sources:
  - id: wire
    file: seeds/a.txt
    sha256: {sha(ARTICLE)}
    outlet: Wire
    title: Test article
    published: 2025-03-10
    language: de
    translated_from: pl
    original_outlet: Bloomberg
    url: https://example.org/a
    grade: B
    date_reasoning: The dateline.
    notes: A translated wire story.
    flags:
      machine_translated: true
      garbled: true
      boilerplate_lines: ["4"]
      lost_characters: ["Miche?l"]
    uncited:
      - quote: Officials said talks went well.
        reason: Says nothing checkable.
        occurrence: 2
  - id: kyiv
    file: seeds/b.txt
    sha256: {sha(SECOND)}
    outlet: Kyiv Daily
    title: Second article
    published: 2025-03-11
    language: en
"""

FACTS = """\
actors:
  - id: poland
    name: Poland
    kind: country
    aliases: [Polish government]
    role: Troop contributor
    affiliation: nato
    candidate: true
    notes: Offered logistics.
    evidence:
      - {source: wire, quote: 'offered "logistics support"'}
  - id: nato
    name: NATO
    kind: organisation
meetings:
  - id: paris
    title: Paris meeting
    date: 2025-03-11
    date_text: Tuesday
    date_reasoning: Tuesday after publication.
    place: Paris
    status: held
    participants:
      - {actor: poland, role: attendee}
    evidence:
      - {source: wire, quote: "Leaders met in Paris on Tuesday."}
    credibility: "2"
    notes: Read with care.
    accept:
      - {rule: named, reason: Poland is named in the next sentence.}
    candidate: true
pledges:
  - id: poland-logistics
    actor: poland
    contribution: logistics support
    status: offered
    conditions: [a US backstop]
    credibility: "3"
    notes: Logistics only.
    accept:
      - {rule: details, reason: The paragraph says what.}
    candidate: true
    evidence:
      - {source: wire, quote: "but no troops"}
claims:
  - id: how-many
    topic: How many countries take part
    notes: Different days.
    accept:
      - {rule: numbers, reason: The figure is in the headline.}
    values:
      - value: "30"
        source: kyiv
        credibility: "4"
        evidence:
          - {source: kyiv, quote: "30 countries would take part"}
      - value: "unknown"
        source: wire
        evidence:
          - {source: wire, quote: "Ireland would send peacekeepers"}
"""

STORED = (
    PackMeta,
    Accepted,
    Source,
    Flags,
    Uncited,
    Evidence,
    Actor,
    Meeting,
    Participant,
    Pledge,
    Claim,
    ClaimValue,
    Diagnostic,
)
"""Every class a loaded pack holds (checked against the pack itself below)."""


def _every_field_pack(make_pack: PackMaker) -> Pack:
    root = make_pack(FACTS, header=HEADER)
    (root / "seeds" / "b.txt").write_text(SECOND, encoding="utf-8")
    result = load_pack(root)
    assert result.pack is not None, [d.format() for d in result.errors]
    return result.pack


def _instances(value: Any) -> Iterator[Any]:
    """Every dataclass instance inside ``value``, ``value`` included."""
    if isinstance(value, (tuple, list)):
        for item in value:
            yield from _instances(item)
    elif isinstance(value, Article):
        return  # stored as its sentences and rebuilt from the article file, not field by field
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in dataclasses.fields(value):
            if f.init:
                yield from _instances(getattr(value, f.name))


def _unset_fields(pack: Pack) -> set[str]:
    """``Class.field`` for each field that no instance in ``pack`` sets to a non-blank value."""
    seen: set[str] = set()
    everything = [
        i for f in dataclasses.fields(pack) if f.init for i in _instances(getattr(pack, f.name))
    ]
    for item in everything:
        for f in dataclasses.fields(item):
            value = getattr(item, f.name)
            default = f.default if f.default is not dataclasses.MISSING else None
            if value not in (None, "", (), False, 0, default):
                seen.add(f"{type(item).__name__}.{f.name}")
    return {
        f"{cls.__name__}.{f.name}" for cls in STORED for f in dataclasses.fields(cls) if f.init
    } - seen


def test_the_pack_below_holds_every_stored_class(make_pack: PackMaker) -> None:
    pack = _every_field_pack(make_pack)
    found = {
        type(i)
        for f in dataclasses.fields(pack)
        if f.init
        for i in _instances(getattr(pack, f.name))
    }
    assert found == set(STORED)  # the candidate actor gives the warnings


def test_every_model_field_is_read_from_the_yaml(make_pack: PackMaker) -> None:
    """A field added to a dataclass but not to the schema and build is never set: fails here.

    (Add it to the YAML above once it is read.) Diagnostics are made by the
    loader, not read; a warning never has a hint nor stops reading.
    """
    unset = _unset_fields(_every_field_pack(make_pack))
    assert unset == {"Diagnostic.hint", "Diagnostic.fatal"}


def _with_odd_warnings(pack: Pack) -> Pack:
    """``pack`` with a warning that sets the two fields a loaded warning never sets."""
    odd = Diagnostic(pack.warnings[0].path, 3, 4, "odd", Severity.WARNING, hint="h", fatal=True)
    return dataclasses.replace(pack, warnings=(*pack.warnings, odd))


def _round_trip(pack: Pack, places: dict[str, str], root: Path) -> Pack:
    texts = {s.file: s.text for s in pack.sources}
    decoder = Decoder(root, texts)
    for kind, original, item in Encoder(places).items(pack):
        again = decoder.add(*decode(dumps([kind, item]).decode("utf-8")))
        assert again == original, kind
    return decoder.finish()


def test_every_field_round_trips_through_the_cache_codec(make_pack: PackMaker) -> None:
    pack = _with_odd_warnings(_every_field_pack(make_pack))
    assert _unset_fields(pack) == set()  # nothing left at its default: a lost field shows
    root = Path(pack.root)
    places = {w.path: str(Path(w.path).relative_to(root)) for w in pack.warnings}
    assert _round_trip(pack, places, root) == pack


def test_a_loaded_pack_with_every_field_is_a_cache_hit(
    make_pack: PackMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_pack(FACTS, header=HEADER)
    (root / "seeds" / "b.txt").write_text(SECOND, encoding="utf-8")
    full = load_pack(root, cache=True)
    assert full.pack is not None
    monkeypatch.setattr(load, "_load_pack", lambda p: pytest.fail("expected a cache hit"))
    hit = load_pack(root, cache=True)
    assert hit.pack == full.pack and hit.diagnostics == full.diagnostics


def test_a_field_added_to_a_fact_is_cached_with_no_edit_to_the_codec(make_pack: PackMaker) -> None:
    """The codec reads the fields of the class it is given: a new field needs nothing here."""
    Extended = dataclasses.make_dataclass(
        "Extended",
        [
            ("urgency", str | None, dataclasses.field(default=None)),
            ("tags", tuple[str, ...], dataclasses.field(default=())),
            ("mirror", tuple[Evidence, ...], dataclasses.field(default=())),
        ],
        bases=(Pledge,),
        frozen=True,
    )
    pack = _every_field_pack(make_pack)
    pledge = pack.pledges[0]
    extended = Extended(
        **{f.name: getattr(pledge, f.name) for f in dataclasses.fields(Pledge)},
        urgency="high",
        tags=("a", "b"),
        mirror=pledge.evidence,
    )
    encoded = Encoder({}).of_class(Extended)(extended)
    assert "high" in encoded and ["a", "b"] in encoded
    decoder = Decoder(Path(pack.root), {s.file: s.text for s in pack.sources})
    for source in pack.sources:  # the sources first: evidence is checked against their text
        decoder.add("sources", Encoder({}).of_class(Source)(source))
    again = decoder.of_class(Extended)(json.loads(json.dumps(encoded)))
    assert again == extended and again.mirror == pledge.evidence


def test_a_field_the_cache_cannot_store_fails_loudly() -> None:
    """Not a silent cache miss: building the codec for the class raises, naming the field."""
    Dated = dataclasses.make_dataclass(
        "Dated",
        [("when", datetime.date, dataclasses.field(default=datetime.date(2025, 1, 1)))],
        bases=(Pledge,),
        frozen=True,
    )
    with pytest.raises(TypeError, match=r"Dated\.when"):
        Encoder({}).of_class(Dated)
    with pytest.raises(TypeError, match=r"Dated\.when"):
        Decoder(Path("."), {}).of_class(Dated)


JSON_OMITS = {
    "Source.path": "a path on the exporting machine, not part of the contract",
    "Source.article": "the text is the article file; its sentence count is 'sentences'",
    "Evidence.text": "the article's text: the quote and the sentence are its slices",
    "Uncited.evidence": "its keys are merged into the uncited entry",
    "Participant.actor": "meetings list participants as ids, with 'roles' by id",
    "Participant.role": "meetings list participants as ids, with 'roles' by id",
}


def _json_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _json_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _json_keys(v)}
    return set()


def test_the_json_export_names_every_field(make_pack: PackMaker) -> None:
    """A field added to the model and not to the contract fails here (or is listed as omitted)."""
    data = to_dict(_every_field_pack(make_pack))
    keys = {
        section: _json_keys(data[section])
        for section in ("pack", "sources", "actors", "meetings", "pledges", "claims")
    }
    owners = {
        PackMeta: "pack",
        Source: "sources",
        Flags: "sources",
        Uncited: "sources",
        Actor: "actors",
        Meeting: "meetings",
        Participant: "meetings",
        Pledge: "pledges",
        Claim: "claims",
        ClaimValue: "claims",
        Evidence: "actors",
        Accepted: "pledges",
    }
    missing = {
        f"{cls.__name__}.{f.name}"
        for cls, section in owners.items()
        for f in dataclasses.fields(cls)
        if f.name not in keys[section]
    }
    assert missing == set(JSON_OMITS)


def test_a_schema_table_must_list_exactly_its_records_fields() -> None:
    """The YAML side: the converter table and the TypedDict record cannot drift apart."""
    from briefing.model.io import fields_of, records, text

    with pytest.raises(TypeError, match="PackFields"):
        fields_of(records.PackFields, title=text, story=text, as_of=text, checks=text)  # 'notes'
    with pytest.raises(TypeError, match="PackFields"):
        fields_of(
            records.PackFields, title=text, story=text, as_of=text, notes=text, checks=text, x=text
        )
    spec = fields_of(
        records.PackFields, title=text, story=text, as_of=text, notes=text, checks=text
    )
    assert {name: required for name, (_, required) in spec.items()} == {
        "title": True,
        "story": True,
        "as_of": True,
        "notes": False,
        "checks": False,
    }
