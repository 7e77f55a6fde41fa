"""The load cache: same result as a full load, invalidated by any change, never trusted blindly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import ARTICLE, POLAND_PLEDGE, PackMaker, sha

from briefing.model import load_pack
from briefing.model.io import cache_dir, decode, load
from briefing.model.types import Participant

FACTS = POLAND_PLEDGE


def entry(cache: Path) -> Path:
    files = list(cache.glob("*.json"))
    assert len(files) == 1, files
    return files[0]


def test_cached_load_equals_full_load_with_warnings(make_pack: PackMaker, cache: Path) -> None:
    root = make_pack(FACTS)
    header = (root / "data" / "pack.yaml").read_text(encoding="utf-8")
    (root / "data" / "pack.yaml").write_text(
        header.replace("published: 2025-03-10", "published: null"), encoding="utf-8"
    )
    full = load_pack(root)
    assert full.pack is not None and full.pack.warnings  # the unknown-date warning
    first = load_pack(root, cache=True)  # a miss: loads and stores
    assert entry(cache).exists()
    second = load_pack(root, cache=True)
    assert second.pack == full.pack
    assert second.diagnostics == full.diagnostics
    assert second.pack is not None
    assert second.pack.warnings == full.pack.warnings
    assert second.pack.index.spans_of_source == full.pack.index.spans_of_source
    assert first.pack == full.pack
    evidence = second.pack.pledges[0].evidence[0]
    assert evidence.quote == "offered “logistics support”"
    assert evidence.match == "normalised"
    assert evidence.sentence == "Poland offered “logistics support” – but no troops."


def test_second_load_is_a_hit(
    make_pack: PackMaker, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_pack(FACTS)
    full = load_pack(root, cache=True)

    def refuse(path: object, **kw: object) -> None:
        raise AssertionError("full load ran; expected a cache hit")

    monkeypatch.setattr(load, "_load_pack", refuse)
    assert load_pack(root, cache=True).pack == full.pack


def test_changed_article_is_not_served_from_cache(make_pack: PackMaker, cache: Path) -> None:
    root = make_pack(FACTS)
    assert load_pack(root, cache=True).pack is not None
    article = root / "seeds" / "a.txt"
    article.write_text(ARTICLE.replace("Poland offered", "Poland refused"), encoding="utf-8")
    result = load_pack(root, cache=True)
    assert result.pack is None
    messages = [d.message for d in result.errors]
    assert any("changed since the pack was written" in m for m in messages), messages
    assert any("quote not found" in m for m in messages), messages


def test_changed_yaml_is_not_served_from_cache(make_pack: PackMaker, cache: Path) -> None:
    root = make_pack(FACTS)
    assert load_pack(root, cache=True).pack is not None
    facts = root / "data" / "facts.yaml"
    facts.write_text(FACTS.replace("status: offered", "status: declined"), encoding="utf-8")
    result = load_pack(root, cache=True)
    assert result.pack is not None
    assert result.pack.pledges[0].status == "declined"
    # and a YAML file added to data/ counts too
    (root / "data" / "more.yaml").write_text("claims:\n  - id: broken\n", encoding="utf-8")
    assert load_pack(root, cache=True).pack is None


def test_article_and_sha_changed_together_reanchor(make_pack: PackMaker, cache: Path) -> None:
    root = make_pack(FACTS)
    before = load_pack(root, cache=True).pack
    assert before is not None
    new_article = "Intro line.\n" + ARTICLE
    (root / "seeds" / "a.txt").write_text(new_article, encoding="utf-8")
    header = root / "data" / "pack.yaml"
    header.write_text(
        header.read_text(encoding="utf-8").replace(sha(ARTICLE), sha(new_article)),
        encoding="utf-8",
    )
    after = load_pack(root, cache=True).pack
    assert after is not None
    moved = after.pledges[0].evidence[0].start - before.pledges[0].evidence[0].start
    assert moved == len("Intro line.\n")


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"not a cache at all",
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw[:-5] + bytes([raw[-5] ^ 0x01]) + raw[-4:],  # one bit flipped
        lambda raw: b"",
    ],
    ids=["garbage", "truncated", "bit-flip", "empty"],
)
def test_corrupt_cache_file_is_ignored_and_replaced(
    make_pack: PackMaker, cache: Path, damage: object
) -> None:
    root = make_pack(FACTS)
    full = load_pack(root, cache=True)
    path = entry(cache)
    good = path.read_bytes()
    assert callable(damage)
    path.write_bytes(damage(good))
    again = load_pack(root, cache=True)
    assert again.pack == full.pack
    assert path.read_bytes() == good  # rewritten whole


def _lines(path: Path) -> list:  # type: ignore[type-arg]
    """An entry's body as JSON values: the head, then [kind, item] for each line."""
    _, _, body = path.read_bytes().partition(b"\n")
    return [json.loads(line) for line in body.split(b"\n")]


def _first(lines: list, kind: str) -> list:  # type: ignore[type-arg]
    """The item of the first line of ``kind`` ("pledges", "sources", ...: a Pack field)."""
    return next(item for k, item in lines[1:] if k == kind)


def _reseal(path: Path, edit: object) -> None:
    """Rewrite a cache entry's body and give it a correct checksum (a forged entry)."""
    import hashlib

    header = path.read_bytes().partition(b"\n")[0]
    lines = _lines(path)
    assert callable(edit)
    edit(lines)
    body = b"\n".join(json.dumps(line).encode() for line in lines)
    magic = header.split(b" ")[0]
    path.write_bytes(magic + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    os.chmod(path, 0o600)


def test_well_formed_entry_with_bad_offsets_is_not_trusted(
    make_pack: PackMaker, cache: Path
) -> None:
    root = make_pack(FACTS)
    full = load_pack(root, cache=True)

    def break_offsets(lines: list) -> None:  # type: ignore[type-arg]
        _first(lines, "pledges")[4][0][2] = 10**6

    _reseal(entry(cache), break_offsets)
    assert load_pack(root, cache=True).pack == full.pack


@pytest.mark.parametrize("how", ["decreasing", "past the end", "negative"])
def test_entry_with_bad_sentence_offsets_is_not_trusted(
    make_pack: PackMaker, cache: Path, how: str
) -> None:
    root = make_pack(FACTS)
    full = load_pack(root, cache=True)

    def break_sentences(lines: list) -> None:  # type: ignore[type-arg]
        source = _first(lines, "sources")
        # The article's sentences: the one field stored as a flat list of ints.
        flat = next(v for v in source if isinstance(v, list) and v and isinstance(v[0], int))
        assert len(flat) >= 4 and flat == sorted(flat)
        if how == "decreasing":
            flat[1], flat[2] = flat[2] + 1, flat[1]
        elif how == "past the end":
            flat[-1] = 10**6
        else:
            flat[0] = -1

    _reseal(entry(cache), break_sentences)
    # A trusted entry would rebuild other sentences (each pair alone is in range
    # for "decreasing"): equal to the full load means it was read again.
    assert load_pack(root, cache=True).pack == full.pack


def test_entry_with_another_key_is_not_trusted(make_pack: PackMaker, cache: Path) -> None:
    root = make_pack(FACTS)
    full = load_pack(root, cache=True)

    def lie(lines: list) -> None:  # type: ignore[type-arg]
        lines[0]["key"] = "0" * 64
        _first(lines, "pledges")[3] = "declined"

    _reseal(entry(cache), lie)
    result = load_pack(root, cache=True)
    assert result.pack == full.pack
    assert result.pack is not None and result.pack.pledges[0].status == "offered"


def test_group_writable_entry_is_never_trusted(
    make_pack: PackMaker, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_pack(FACTS)
    load_pack(root, cache=True)
    path = entry(cache)
    os.chmod(path, 0o666)
    calls = []
    real = load._load_pack
    monkeypatch.setattr(load, "_load_pack", lambda p, **kw: calls.append(p) or real(p, **kw))
    result = load_pack(root, cache=True)
    # Not served from the cache, nor loaded around it: the line says what to do.
    assert result.pack is None and not calls
    assert [d.message.split(":")[0] for d in result.diagnostics] == [
        "load cache entry is writable by others (mode 0666)"
    ]


def test_symlinked_article_is_refused_even_with_a_cache_entry(
    make_pack: PackMaker, cache: Path, tmp_path: Path
) -> None:
    root = make_pack(FACTS)
    assert load_pack(root, cache=True).pack is not None
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    article = root / "seeds" / "a.txt"
    article.unlink()
    article.symlink_to(outside)
    result = load_pack(root, cache=True)
    assert result.pack is None
    assert any("outside the pack folder" in d.message for d in result.errors)


def test_no_cache_variable_turns_it_off(
    make_pack: PackMaker, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    assert cache_dir() is None
    assert load_pack(make_pack(FACTS), cache=True).pack is not None
    assert not cache.exists()


def test_invalid_pack_is_never_stored(make_pack: PackMaker, cache: Path) -> None:
    root = make_pack(FACTS.replace("Poland offered", "Poland never offered"))
    assert load_pack(root, cache=True).pack is None
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFING_CACHE_DIR", raising=False)
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "briefing"


def test_altered_body_fails_its_checksum(make_pack: PackMaker, cache: Path) -> None:
    """Still valid JSON with the right key, but not what was written: not trusted."""
    root = make_pack(FACTS)
    load_pack(root, cache=True)
    path = entry(cache)
    raw = path.read_bytes()
    assert b'"offered"' in raw
    path.write_bytes(raw.replace(b'"offered"', b'"declined"'))
    result = load_pack(root, cache=True)
    assert result.pack is not None and result.pack.pledges[0].status == "offered"


def test_every_field_survives_the_cache(
    make_pack: PackMaker, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_pack(FACTS.replace("status: offered", "status: offered\n    credibility: '2'"))
    full = load_pack(root)
    assert full.pack is not None and full.pack.pledges[0].credibility == "2"
    load_pack(root, cache=True)
    monkeypatch.setattr(load, "_load_pack", lambda p, **kw: pytest.fail("expected a cache hit"))
    hit = load_pack(root, cache=True).pack
    assert hit == full.pack
    assert hit is not None and hit.pledges[0].credibility == "2"


def test_an_entry_that_would_lose_a_field_is_not_written(
    make_pack: PackMaker, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store checks its own round trip: a field the encoder forgets means no entry."""
    from briefing.model.io import Encoder
    from briefing.model.types import Pledge

    real = Encoder.of_class

    def forgetful(self, cls):  # type: ignore[no-untyped-def]
        encode = real(self, cls)
        if cls is not Pledge:
            return encode

        def wrong(pledge):  # type: ignore[no-untyped-def]
            encoded = encode(pledge)
            encoded[3] = "declined"
            return encoded

        return wrong

    monkeypatch.setattr(Encoder, "of_class", forgetful)
    assert load_pack(make_pack(FACTS), cache=True).pack is not None
    assert not cache.exists() or not list(cache.glob("*.json"))
    assert not cache.exists() or not list(cache.glob(".pack-*"))  # no temporary file left


def test_entry_is_one_line_per_source_fact_and_warning(make_pack: PackMaker, cache: Path) -> None:
    """Format 4: a head, then one line per item, so no step holds the whole pack as JSON."""
    from briefing.model.io import FORMAT

    root = make_pack(FACTS)
    full = load_pack(root, cache=True).pack
    assert full is not None
    lines = _lines(entry(cache))
    assert lines[0]["format"] == FORMAT == 4
    kinds = [kind for kind, _ in lines[1:]]
    assert kinds == ["meta", "sources", "actors", "pledges"]
    assert _first(lines, "pledges")[0] == full.pledges[0].id


@pytest.mark.parametrize(
    "edit",
    [
        lambda lines: lines.append(["oracle", [1, 2, 3]]),  # a kind we do not know
        lambda lines: lines.pop(1),  # the meta line gone
        lambda lines: lines.append(lines[1]),  # meta twice
        lambda lines: lines.insert(2, lines.pop()),  # a fact before the source it cites
        lambda lines: lines[0].update(format=2),  # the previous format
        lambda lines: _first(lines, "sources").pop(),  # a short source line
    ],
    ids=["unknown-kind", "no-meta", "two-metas", "fact-before-source", "old-format", "short"],
)
def test_well_formed_entry_of_the_wrong_shape_is_not_trusted(
    make_pack: PackMaker, cache: Path, monkeypatch: pytest.MonkeyPatch, edit: object
) -> None:
    root = make_pack(FACTS)
    full = load_pack(root, cache=True)
    _reseal(entry(cache), edit)
    calls = []
    real = load._load_pack
    monkeypatch.setattr(load, "_load_pack", lambda p, **kw: calls.append(p) or real(p, **kw))
    assert load_pack(root, cache=True).pack == full.pack
    assert calls, "an entry of the wrong shape was trusted"


def test_store_later_writes_the_entry_only_when_asked(
    make_pack: PackMaker, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader shows the pack first and writes the entry after (a first start)."""
    root = make_pack(FACTS)
    first = load_pack(root, cache=True, store_later=True)
    assert first.pack is not None and first.store_cache is not None
    assert not list(cache.glob("*.json"))  # nothing written yet
    first.store_cache()
    assert entry(cache).exists()

    def refuse(path: object, **kw: object) -> None:
        raise AssertionError("full load ran; expected a cache hit")

    monkeypatch.setattr(load, "_load_pack", refuse)
    second = load_pack(root, cache=True, store_later=True)
    assert second.pack == first.pack and second.store_cache is None  # a hit writes nothing


@pytest.mark.parametrize(
    "line", ['["pledges",[1,"a",null,true,{"k":[2.5]}]]', '{"format":4}\n', '"é"']
)
def test_a_line_decodes_as_json_loads_reads_it(line: str) -> None:
    assert decode(line) == json.loads(line)


@pytest.mark.parametrize("line", ["", " [1]", "[1] [2]", "[1]\n\n", "[1", "nope"])
def test_a_line_that_is_not_one_json_value_is_refused(line: str) -> None:
    with pytest.raises(ValueError):
        decode(line)


def test_a_cached_load_keeps_one_string_for_a_repeated_value(
    make_pack: PackMaker, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text repeated across facts (a contribution, a condition) is one object once cached.

    The JSON decoder makes a new string for every value it reads; the reader keeps
    the pack for the session, so each copy was memory held for nothing.
    """
    facts = FACTS + "".join(
        f"""\
  - id: poland-logistics-{n}
    actor: poland
    contribution: logistics support
    conditions: [a vote in parliament]
    status: offered
    evidence:
      - {{source: wire, quote: 'offered "logistics support"'}}
"""
        for n in range(2)
    )
    facts += "meetings:\n" + "".join(
        f"""\
  - id: paris-{n}
    title: Leaders meet
    date: 2025-03-04
    date_text: on Tuesday
    status: held
    participants:
      - {{actor: poland, role: attendee}}
    evidence:
      - {{source: wire, quote: "Leaders met in Paris on Tuesday"}}
"""
        for n in range(2)
    )
    root = make_pack(facts)
    full = load_pack(root, cache=True).pack  # a miss: loads and stores

    def refuse(path: object, **kw: object) -> None:
        raise AssertionError("full load ran; expected a cache hit")

    monkeypatch.setattr(load, "_load_pack", refuse)
    cached = load_pack(root, cache=True).pack
    assert cached is not None and cached == full
    first, second, third = cached.pledges
    assert first.contribution == second.contribution == third.contribution == "logistics support"
    assert first.contribution is second.contribution is third.contribution
    assert second.conditions[0] is third.conditions[0]
    paris, again = cached.meetings
    assert paris.title is again.title and paris.place is None
    assert paris.participants == again.participants == (Participant("poland", "attendee"),)
    assert paris.participants is again.participants  # the tuple and the record in it
    assert paris.evidence == again.evidence and paris.evidence[0] is not again.evidence[0]


def test_a_cached_load_leaves_no_decoder_behind_with_the_collector_paused(
    make_pack: PackMaker, cache: Path
) -> None:
    """The reader loads with the collector off, then freezes what is alive: the decoder
    (which its own class decoders refer to) must be freed by reference counting alone."""
    import gc

    from briefing.model.io.rebuild.cache_lines import Decoder

    root = make_pack(FACTS)
    load_pack(root, cache=True)  # a miss: loads and stores
    gc.collect()
    gc.disable()
    try:
        pack = load_pack(root, cache=True).pack
        assert pack is not None
        assert not [o for o in gc.get_objects() if isinstance(o, Decoder)]
    finally:
        gc.enable()


def test_decoders_share_their_compiled_code_not_their_state(tmp_path: Path) -> None:
    """Each class's decoder is compiled once a process (the import check and every load
    build them all), while each decoder keeps its own scope: its pack's texts and values."""
    from briefing.model.io import Decoder
    from briefing.model.types import Evidence, Source

    first, second = Decoder(tmp_path, {}), Decoder(tmp_path / "other", {})
    for cls in (Source, Evidence, Participant):
        a, b = first.of_class(cls), second.of_class(cls)
        assert a is not b and a.__code__ is b.__code__  # type: ignore[attr-defined]
        assert a.__globals__ is not b.__globals__  # type: ignore[attr-defined]
