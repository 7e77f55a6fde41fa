"""`briefing hygiene`: what an existing pack's articles suggest flagging that it has not."""

from __future__ import annotations

import textwrap

import pytest
from support import ARTICLE, PackMaker, sha

from briefing.cli import main
from briefing.model import load_pack
from briefing.model.authoring import unflagged

ARTICLE_WITH_FURNITURE = (
    ARTICLE
    + "Officials said talks for a peace operation for a peace operation went on.\n"
    + "Read more: Ukraine latest\n"
    + "Sign up to our newsletter\n"
)


def header(flags: str = "") -> str:
    text = f"""\
        pack:
          title: Test pack
          story: A test.
          as_of: 2025-03-16
        sources:
          - id: wire
            file: seeds/a.txt
            sha256: {sha(ARTICLE_WITH_FURNITURE)}
            outlet: Wire
            title: Test article
            published: 2025-03-10
            language: en
        """
    return textwrap.dedent(text) + textwrap.indent(textwrap.dedent(flags), "    ")


def test_unflagged_furniture_lost_characters_and_repeats_are_suggested(
    make_pack: PackMaker,
) -> None:
    pack = load_pack(make_pack(article=ARTICLE_WITH_FURNITURE, header=header())).pack
    assert pack is not None
    found = unflagged(pack.sources[0])
    text = pack.sources[0].text
    assert [s.fix for s in found] == [
        "add 'Miche?l' to lost_characters",
        "set garbled: true if the text is garbled",
        'add "6-7" to boilerplate_lines',
    ]
    assert text[found[0].offset :].startswith("Miche?l")
    assert text[found[2].offset :].startswith("Read more")


def test_flags_already_set_are_not_suggested_again(make_pack: PackMaker) -> None:
    flags = """\
        flags:
          garbled: true
          boilerplate_lines: ["6-7"]
          lost_characters: [Miche?l]
        """
    pack = load_pack(make_pack(article=ARTICLE_WITH_FURNITURE, header=header(flags))).pack
    assert pack is not None
    assert unflagged(pack.sources[0]) == []


def test_cli_prints_one_located_line_per_suggestion_and_strict_fails(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack(article=ARTICLE_WITH_FURNITURE, header=header())
    assert main(["hygiene", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(
        "seeds/a.txt:2:22: suggestion: 'Miche?l' has lost a character "
        "(source 'wire': add 'Miche?l' to lost_characters)"
    )
    assert any(":6:1: suggestion: lines 6-7 look like site furniture" in line for line in out)
    assert out[-1] == "briefing: 3 suggestions for source flags"
    assert main(["hygiene", "--strict", str(root)]) == 1


def test_the_default_pack_has_nothing_left_to_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hygiene", "--strict"]) == 0
    assert capsys.readouterr().out.strip() == "briefing: nothing to flag in 5 sources"
