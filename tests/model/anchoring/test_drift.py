"""Drift: an edited article gets a suggested replacement per lost quote; no YAML is rewritten."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from support import REPO, PackMaker

from briefing.cli import main
from briefing.model import load_pack


def yaml_hashes(root: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "data").glob("*.yaml"))
    }


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """The default pack, copied: real quotes, real articles."""
    root = tmp_path / "pack"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def test_edited_article_suggests_the_edited_text(
    pack_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = pack_copy / "seeds" / "001_524dedb3b999702a.txt"
    text = article.read_text(encoding="utf-8")
    assert "Poland offered logistics support" in text
    # the site corrects its wording after the pack was written
    article.write_text(
        text.replace("Poland offered logistics support", "Poland offered logistical support"),
        encoding="utf-8",
    )
    before = yaml_hashes(pack_copy)
    monkeypatch.chdir(pack_copy)
    assert main(["validate", "."]) == 1
    err = capsys.readouterr().err.splitlines()
    drift = [line for line in err if "whose article changed" in line]
    assert len(drift) == 1
    yaml_lines = (pack_copy / "data" / "pledges.yaml").read_text(encoding="utf-8").splitlines()
    line = next(
        n for n, t in enumerate(yaml_lines, 1) if 'quote: "Poland offered logistics support"' in t
    )
    assert drift[0].startswith(f"data/pledges.yaml:{line}:")
    assert (
        ": error: quote not found in source 'ft-mt', whose article changed since the pack was written; "
        in drift[0]
    )
    assert drift[0].endswith('% similar: quote: "Poland offered logistical support"')
    similarity = int(drift[0].rsplit("% similar", 1)[0].rsplit(", ", 1)[1])
    assert 85 <= similarity < 100
    assert any("changed since the pack was written (its sha256 is" in line for line in err)
    # quotes of the changed article that still match are not reported
    assert sum(1 for line in err if "'ft-mt'" in line and "quote not found" in line) == 1
    assert yaml_hashes(pack_copy) == before


def test_pasting_the_suggestion_and_the_new_sha_makes_the_pack_valid(pack_copy: Path) -> None:
    article = pack_copy / "seeds" / "001_524dedb3b999702a.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("Poland offered logistics support", "Poland offered logistical support"),
        encoding="utf-8",
    )
    result = load_pack(pack_copy)
    [drift] = [d for d in result.diagnostics if "whose article changed" in d.message]
    suggested = drift.message.split("quote: ", 1)[1]
    facts = pack_copy / drift.path
    lines = facts.read_text(encoding="utf-8").split("\n")
    line = lines[drift.line - 1]
    start = drift.col - 1
    end = line.index('"', start + 1) + 1
    lines[drift.line - 1] = line[:start] + suggested + line[end:]
    facts.write_text("\n".join(lines), encoding="utf-8")
    pack_yaml = pack_copy / "data" / "sources.yaml"
    new_sha = hashlib.sha256(article.read_bytes()).hexdigest()
    old_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    pack_yaml.write_text(
        pack_yaml.read_text(encoding="utf-8").replace(old_sha, new_sha), encoding="utf-8"
    )
    assert load_pack(pack_copy).errors == []


def test_no_command_rewrites_the_authors_yaml(
    pack_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = pack_copy / "seeds" / "000_cd8297b2b3133685.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("Paris", "Lyon"), encoding="utf-8"
    )
    before = yaml_hashes(pack_copy)
    stamp = {p: os.stat(p).st_mtime_ns for p in (pack_copy / "data").iterdir()}
    main(["validate", str(pack_copy)])
    main(["find", "defence chiefs in Lyon", str(pack_copy)])
    main(["export", "--format", "json", str(pack_copy)])
    main(["init", str(pack_copy), str(pack_copy / "seeds")])  # refused: not empty
    capsys.readouterr()
    assert yaml_hashes(pack_copy) == before
    assert {p: os.stat(p).st_mtime_ns for p in (pack_copy / "data").iterdir()} == stamp
    assert sorted(p.name for p in (pack_copy / "data").iterdir()) == sorted(before)


def test_a_quote_that_grew_is_suggested_whole(make_pack: PackMaker) -> None:
    article = "Latvia offered two patrol vessels and fuel.\nOther news.\n"
    root = make_pack(
        'actors:\n  - {id: x, name: X, kind: group, evidence: [{source: wire, quote: "Latvia offered two patrol vessels"}]}\n',
        article=article,
    )
    (root / "seeds" / "a.txt").write_text(
        article.replace("two patrol", "two coastal patrol"), encoding="utf-8"
    )
    [drift] = [d for d in load_pack(root).diagnostics if "whose article changed" in d.message]
    assert drift.message.endswith(
        'suggested replacement from line 1, 89% similar: quote: "Latvia offered two coastal patrol vessels"'
    )
