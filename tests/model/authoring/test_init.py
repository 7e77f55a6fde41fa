"""`briefing init` on a different story: candidates clustered, hygiene flagged, pack valid."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from support import FIXTURES

from briefing.cli import main
from briefing.model import load_pack
from briefing.model.authoring import InitRefused, guess_title, init_pack
from briefing.model.io import YMap, YScalar, YSeq, read_yaml

STORY = FIXTURES / "init_story"


def make(tmp_path: Path) -> Path:
    root = tmp_path / "baltic"
    code = main(
        ["init", str(root), str(STORY), "--as-of", "2025-06-02", "--title", "Baltic patrols"]
    )
    assert code == 0
    return root


def actors_of(root: Path) -> dict[str, dict[str, object]]:
    """The written actors, by name, read back with our strict reader."""
    tree, problems = read_yaml((root / "data" / "actors.yaml").read_bytes(), "actors.yaml")
    assert problems == []
    assert isinstance(tree, YMap)
    section = tree.items["actors"][1]
    assert isinstance(section, YSeq)
    found = {}
    for item in section.items:
        assert isinstance(item, YMap)
        fields: dict[str, object] = {}
        for key, (_, value) in item.items.items():
            if isinstance(value, YScalar):
                fields[key] = value.value
            elif isinstance(value, YSeq):
                fields[key] = [v.value for v in value.items if isinstance(v, YScalar)]
        found[str(fields["name"])] = fields
    return found


def test_articles_copied_unchanged_with_their_sha256(tmp_path: Path) -> None:
    root = make(tmp_path)
    for article in sorted(STORY.iterdir()):
        copy = root / "seeds" / article.name
        assert copy.read_bytes() == article.read_bytes()
    result = load_pack(root)
    assert result.pack is not None
    assert [s.file for s in result.pack.sources] == [
        "seeds/01_harbour_wire.txt",
        "seeds/02_coastal_daily.txt",
        "seeds/03_baltic_post.txt",
    ]
    for source in result.pack.sources:
        assert source.sha256 == hashlib.sha256((root / source.file).read_bytes()).hexdigest()
        assert source.published is None
    assert result.pack.sources[0].title == "Baltic ministers agree on joint harbour patrols"


def test_candidates_cluster_variant_and_garbled_spellings(tmp_path: Path) -> None:
    actors = actors_of(make(tmp_path))
    kallas = actors["Kaja Kallas"]
    assert kallas["kind"] == "person"
    # the misspelling, the lost character and the surname-only mentions are one actor
    assert set(kallas["aliases"]) == {"Kaja Kalas", "Kal?as", "Kallas"}  # type: ignore[arg-type]
    assert kallas["candidate"] == "true"
    assert str(kallas["notes"]).startswith("5 mentions in 3 sources; first in harbour-wire line 2:")
    stubb = actors["Alexander Stubb"]
    assert stubb["kind"] == "person" and stubb["aliases"] == ["Stubb"]
    council = actors["Nordic Maritime Council"]
    assert council["kind"] == "organisation" and council["aliases"] == ["NMC"]
    # countries from names, demonyms and capitals
    assert actors["Latvia"]["kind"] == "country"
    assert set(actors["Latvia"]["aliases"]) == {"Latvian", "Riga"}  # type: ignore[arg-type]
    assert set(actors["Finland"]["aliases"]) == {"Finnish", "Helsinki"}  # type: ignore[arg-type]
    # Tallinn only ever appears as a place ("in Tallinn", "Tallinn talks"): not an alias
    assert set(actors["Estonia"]["aliases"]) == {"Estonian"}  # type: ignore[arg-type]
    # titles are stripped, not kept as names; boilerplate lines are not mined
    assert not [n for n in actors if "Minister" in n or "President" in n]
    assert "Gdansk" not in actors and "Harbour Wire" not in actors
    assert "Baltic Briefing" not in actors


def test_hygiene_flags_are_suggested_in_the_source_entries(tmp_path: Path) -> None:
    result = load_pack(make(tmp_path))
    assert result.pack is not None
    wire, daily, post = result.pack.sources
    assert wire.flags.boilerplate_lines == ((7, 8),)
    assert daily.flags.boilerplate_lines == ((6, 9),)
    assert post.flags.lost_characters == ("Kal?as",)
    assert post.flags.boilerplate_lines == ()


def test_fresh_pack_validates_with_warnings_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make(tmp_path)
    capsys.readouterr()
    result = load_pack(root)
    assert result.errors == []
    assert result.pack is not None
    messages = [d.message for d in result.diagnostics]
    assert sum("publication date" in m and "unknown" in m for m in messages) == 3
    assert sum("is a candidate proposed by 'briefing init'" in m for m in messages) == len(
        result.pack.actors
    )
    drafts = [*result.pack.meetings, *result.pack.pledges]
    assert sum("is a candidate drafted by" in m for m in messages) == len(drafts) > 0
    assert len(messages) == 3 + len(result.pack.actors) + len(drafts)
    assert all(a.candidate for a in result.pack.actors) and all(f.candidate for f in drafts)
    assert main(["validate", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"Baltic patrols: valid: 3 sources, 9 actors, {len(result.pack.meetings)} meetings"
    )


def test_refuses_a_non_empty_folder_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("my notes", encoding="utf-8")
    assert main(["init", str(target), str(STORY)]) == 1
    assert "folder is not empty" in capsys.readouterr().err
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "my notes"


def test_the_count_init_prints_is_the_one_validate_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """init's "validate:" line counts what `briefing validate` counts, faithfulness
    findings on the drafts included (the line used to leave those out: 22 for 25 here)."""
    import re

    root = tmp_path / "pack"
    assert main(["init", str(root), str(FIXTURES / "fisheries_story")]) == 0
    printed = re.search(r"validate: 0 errors, (\d+) warnings", capsys.readouterr().out)
    assert printed is not None
    assert main(["validate", str(root)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if ": warning: " in line]
    faithfulness = load_pack(root, faithfulness=True).diagnostics
    assert len(load_pack(root).diagnostics) < len(faithfulness)  # the premise
    assert int(printed.group(1)) == len(warnings) == len(faithfulness)


def test_bad_inputs_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "a"), str(tmp_path / "missing.txt")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"Caf\xe9 talks\n")
    assert main(["init", str(tmp_path / "b"), str(latin)]) == 2
    # A problem inside an article is placed as every file problem is (path:line:col)
    assert capsys.readouterr().err == (
        f"{latin}:1:4: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8\n"
    )
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_same_file_name_twice_gets_distinct_ids_and_files(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Talks in {folder}.\n", encoding="utf-8")
    root = tmp_path / "pack"
    init_pack(root, [str(tmp_path / "x"), str(tmp_path / "y")], as_of="2025-01-01")
    result = load_pack(root)
    assert result.pack is not None
    assert [(s.id, s.file) for s in result.pack.sources] == [
        ("story", "seeds/story.txt"),
        ("story-2", "seeds/story-2.txt"),
    ]


def test_init_refuses_a_file_as_target(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(InitRefused):
        init_pack(target, [str(STORY)])


def test_title_guess_skips_boilerplate_and_shortens_a_paragraph() -> None:
    text = "Subscribe now\n" + "Word " * 60 + ". Second sentence.\n"
    assert guess_title(text, {1}).endswith("…")
    assert len(guess_title(text, {1})) <= 121
    assert guess_title("Headline here...\nBody.\n", set()) == "Headline here"


def test_init_works_from_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "rel", os.path.relpath(STORY, tmp_path)]) == 0
    assert load_pack("rel").errors == []
