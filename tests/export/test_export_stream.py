"""The JSON export is written in pieces, byte-identical to ``json.dumps(indent=2)``, in bounded memory."""

from __future__ import annotations

import json
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.export import render, render_chunks
from briefing.export.jsonenc import Encoded, Stream, encode, iter_document
from briefing.export.jsonout import iter_render, to_dict
from briefing.model import load_pack
from briefing.model.analysis.analyse import analyse
from briefing.model.pack import Pack

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(values)
def test_encode_is_json_dumps_byte_for_byte(value: object) -> None:
    assert encode(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=5), values), max_size=5), st.booleans())
def test_a_streamed_document_is_json_dumps_of_the_whole(
    fields: list[tuple[str, object]], streamed: bool
) -> None:
    fields = list(dict(fields).items())  # one value a key, as in a dict
    pieces = [
        (key, Stream(iter(value)) if streamed and isinstance(value, list) else value)
        for key, value in fields
    ]
    expected = json.dumps(dict(fields), ensure_ascii=False, indent=2) + "\n"
    assert "".join(iter_document(pieces)) == expected


def test_a_selection_names_only_what_it_keeps_and_every_id_resolves() -> None:
    pack = load_pack(None).pack
    assert pack is not None
    pledge = pack.pledges[0]
    data = json.loads(render(pack, "json", only=[pledge.id]))
    assert [p["id"] for p in data["pledges"]] == [pledge.id]
    assert data["meetings"] == [] and data["claims"] == []
    assert {a["id"] for a in data["actors"]} == {pledge.actor}
    cited = {e["source"] for p in data["pledges"] for e in p["evidence"]}
    cited |= {e["source"] for a in data["actors"] for e in a["evidence"]}
    assert {s["id"] for s in data["sources"]} == cited


def test_the_export_is_made_a_record_at_a_time() -> None:
    """Memory while writing stays well below the output's size (it was ~10x it)."""
    pack = load_pack(None).pack
    assert pack is not None
    found = analyse(pack)  # the analysis the reader holds, passed in as the reader does
    _ = found.disagreements
    for _piece in render_chunks(pack, "json", analysis=found):  # and what it caches on first use
        pass
    tracemalloc.start()
    try:
        written = 0
        for piece in render_chunks(pack, "json", analysis=found):
            written += len(piece)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written > 100_000
    # Building the document whole held several times the output; now about a record.
    assert peak < written / 2, (peak, written)


@settings(max_examples=100, deadline=None)
@given(values, st.integers(min_value=0, max_value=4))
def test_an_encoded_value_is_its_own_text_at_any_level(value: object, level: int) -> None:
    """A value encoded once, placed at any depth, reads as if encoded there."""
    placed = Encoded(value)
    assert placed.at(level) == encode(value, level)
    assert encode({"x": [placed, {"y": placed}]}, level) == encode(
        {"x": [value, {"y": value}]}, level
    )


def test_the_written_export_is_json_dumps_of_its_plain_data(synthetic: Pack) -> None:
    """The writer shares recurring parts (gradings, value contexts) as encoded text; the
    text is still that of the plain data, whose parts are fresh dicts."""
    found = analyse(synthetic)
    written = "".join(iter_render(synthetic, analysis=found))
    plain = to_dict(synthetic, found)
    assert written == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
    pledges = plain["pledges"]
    assert len(pledges) > 10 and all(type(p["grading"]) is dict for p in pledges)
    shared = [p["grading"] for p in pledges]
    assert len({id(g) for g in shared}) == len(shared)  # nothing of the plain data is shared


def test_keys_that_are_data_keep_the_openings_table_bounded() -> None:
    """A dict keyed by data (actor ids) writes as json.dumps does, past the table's cap."""
    from briefing.export import jsonenc

    value = {"roles": {f"actor-{n}": "attendee" for n in range(jsonenc._MAX_HEADS + 500)}}
    assert encode(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert all(len(level) <= jsonenc._MAX_HEADS for level in jsonenc._HEADS)
