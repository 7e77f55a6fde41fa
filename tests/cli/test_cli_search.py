"""`briefing search` and `briefing mentions` on the default pack."""

from __future__ import annotations

import json

import pytest

from briefing.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_is_exactly_the_list_of_hits(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "Starmr", "--format", "json", "--limit", "3")
    assert code == 0, err
    hits = json.loads(out)
    assert isinstance(hits, list) and 1 <= len(hits) <= 3
    assert all(set(h) == {"id", "name", "kind", "score", "matched"} for h in hits)
    assert hits[0]["id"] == "starmer" and hits[0]["name"] == "Keir Starmer"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_text_names_the_matched_alias(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "the Irish")
    assert code == 0
    first = out.splitlines()[0].split()
    assert first[1:3] == ["ireland", "Ireland"]
    assert "'Irish'" in out.splitlines()[0]


def test_search_for_nonsense_prints_nothing_and_succeeds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "search", "xqzv")
    assert (code, out) == (0, "")
    assert "no actor matches" in err
    code, out, _ = run(capsys, "search", "xqzv", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_search_rejects_a_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "x", "--limit", "0")
    assert code == 2 and err.count("\n") == 1


def test_mentions_lists_sources_and_sentences(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "mentions", "starmer")
    assert code == 0, err
    lines = out.splitlines()
    assert any(line.startswith("ft-mt:") and "Starmmer" in line for line in lines)
    assert "UNCITED" in out and "[cited]" in out
    assert lines[-1].startswith("Keir Starmer (starmer): ")


def test_mentions_accepts_an_exact_name_and_filters_uncited(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "mentions", "Micheal Martin", "--format", "json")
    assert code == 0
    (mention,) = json.loads(out)
    assert mention["source"] == "asiae" and mention["matched"] == "Miche?l Martin"
    code, out, _ = run(capsys, "mentions", "starmer", "--uncited", "--format", "json")
    assert code == 0 and json.loads(out) and not any(m["cited"] for m in json.loads(out))


def test_unknown_actor_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "mentions", "Starmr")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "did you mean 'starmer' (Keir Starmer)?" in err
