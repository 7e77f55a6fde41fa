"""The bad-input corpus: broken and hostile packs, each with its exact diagnostics.

Packs are written by hand and articles are scraped from the web, so both arrive
broken and sometimes hostile. Every case below is a small pack (a valid header,
one article, and the files the case changes) and the exact lines
`briefing validate` prints for it (paths relative to the pack folder). Every
case runs twice, with PyYAML's pure parser and with libyaml: the verdict must be
the same. Cases whose point is what the loaded pack holds (offsets, strings kept
verbatim) check that too.

The list of cases and what each does is docs/hostile-input.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from support import REPO

from briefing.export.jsonout import render as render_json
from briefing.model import LoadResult, load_pack
from briefing.model.io.yaml_text import read as yamlread
from briefing.model.sanitize import clean

ARTICLE = (
    "Leaders met in Paris on Tuesday.\n"
    "Officials said Poland was ranked #1 in the survey.\n"
    "Poland offered “logistics support” – but no troops.\n"
)

PARSERS = [pytest.param(yamlread.PURE_PARSER, id="pure")]
if yamlread.LIBYAML_PARSER is not None:
    PARSERS.append(pytest.param(yamlread.LIBYAML_PARSER, id="libyaml"))


def _libyaml_limits_nesting() -> bool:
    """True when the installed libyaml refuses flow collections nested past 1,000 levels.

    PyYAML 6.0.4's does (6.0.3's does not), and it reads a flow line ahead of the
    events it hands over, so on ``[[[[…`` its refusal comes before the loader's own
    depth check at the ninth level: another one-line error, at another place. The
    pack is refused either way, and the CI's fresh venv may get either version.
    """
    if yamlread.LIBYAML_PARSER is None:
        return False
    try:
        for _event in yaml.parse("[" * 1001 + "]" * 1001, Loader=yamlread.LIBYAML_PARSER):
            pass
    except yaml.YAMLError as exc:
        return "nesting depth" in str(exc)
    return False


DEEP_FLOW_LIBYAML = (
    ["data/facts.yaml:1:1001: error: YAML syntax error: exceeded maximum nesting depth"]
    if _libyaml_limits_nesting()
    else None
)

ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
)
PAYLOADS = "[/] [sic] [@click=app.quit]x[/] [link=file:///etc/passwd]x[/] [$foo] [B]old \\"
MARKDOWN_QUOTE = "*Not* _emphasis_ | `code` <script>alert(1)</script> [x](javascript:1) \\"


def actor(evidence_quote: str) -> str:
    """A facts file with one actor whose evidence is ``evidence_quote`` (YAML as written)."""
    return (
        "actors:\n"
        "  - id: poland\n"
        "    name: Poland\n"
        "    kind: country\n"
        "    evidence:\n"
        "      - source: wire\n"
        f"        quote: {evidence_quote}\n"
    )


@dataclass
class Case:
    """One corpus case: the files that differ from a valid pack, and the verdict."""

    name: str
    expected: list[str]
    facts: str | bytes | None = None
    article: bytes = ARTICLE.encode()
    file: str = "seeds/a.txt"
    setup: Callable[[Path], None] | None = None
    pack_arg: Callable[[Path], str] = lambda root: "."
    check: Callable[[LoadResult, Path], None] | None = None
    libyaml: list[str] | None = None
    """Where libyaml words a syntax error differently (same place, same verdict)."""


def header(article: bytes, file: str) -> str:
    return (
        "pack: {title: Test pack, story: A test., as_of: 2025-03-16}\n"
        "sources:\n"
        f'  - {{id: wire, file: "{file}", sha256: {sha_bytes(article)}, outlet: Wire,'
        " title: Test, published: 2025-03-10, language: en}\n"
    )


def sha_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sparse(path: Path, size: int) -> None:
    with path.open("wb") as stream:
        stream.truncate(size)


def symlink(target: str, link: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        os.symlink(target, root / link)

    return make


def evidence_of(result: LoadResult) -> tuple[str, int, int, str]:
    """(article text, start, end, quote) of the only actor's only evidence."""
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    ev = result.pack.actors[0].evidence[0]
    return result.pack.sources[0].text, ev.start, ev.end, ev.quote


def check_offsets(expected_text: str, quote_in_text: str) -> Callable[[LoadResult, Path], None]:
    """The evidence indexes the decoded, normalised text, and slices back to the quote."""

    def check(result: LoadResult, root: Path) -> None:
        text, start, end, quote = evidence_of(result)
        assert text == expected_text
        assert text[start:end] == quote == quote_in_text
        assert start == expected_text.index(quote_in_text)
        # The JSON export says the same, and re-parses.
        data = json.loads(render_json(result.pack))  # type: ignore[arg-type]
        item = data["actors"][0]["evidence"][0]
        assert (item["start"], item["end"], item["quote"]) == (start, end, quote)

    return check


def check_verbatim(result: LoadResult, root: Path) -> None:
    """Markup and YAML-1.1 look-alikes are kept exactly as written, in the JSON too."""
    assert result.pack is not None
    a = result.pack.actors[0]
    assert a.name == PAYLOADS
    assert a.aliases == ("no", "1.10", "012", "2025-03-11", "1:20", "0x1F", ".inf", "Yes")
    assert a.role == "[b]Role[/b]"
    data = json.loads(render_json(result.pack))
    assert data["actors"][0]["name"] == PAYLOADS
    assert data["actors"][0]["aliases"] == list(a.aliases)


def check_escape_article(result: LoadResult, root: Path) -> None:
    """Escape sequences in an article load as text; the display sanitiser shows them."""
    assert result.pack is not None
    text = result.pack.sources[0].text
    assert "\x1b]52;c;ZXZpbA==\x07" in text
    shown = clean(text)
    assert "␛]52;c;ZXZpbA==␇" in shown and "␛[2J" in shown and "\x1b" not in shown
    assert len(shown) == len(text)


def check_markdown_quote(result: LoadResult, root: Path) -> None:
    text, start, end, quote = evidence_of(result)
    assert quote == MARKDOWN_QUOTE and text[start:end] == quote


CASES = [
    # --- YAML traps -------------------------------------------------------------
    Case(
        "duplicate-key",
        [
            "data/facts.yaml:4:5: error: duplicate key 'name' (first defined at line 3, column 5); "
            "YAML would silently keep only the last"
        ],
        facts="actors:\n  - id: poland\n    name: Poland\n    name: Polska\n    kind: country\n",
    ),
    Case(
        "yaml11-lookalikes-and-markup-stay-strings",
        [],
        facts=(
            "actors:\n"
            f"  - id: poland\n    name: '{PAYLOADS}'\n    kind: country\n"
            "    aliases: [no, 1.10, 012, 2025-03-11, 1:20, 0x1F, .inf, Yes]\n"
            "    role: '[b]Role[/b]'\n"
        ),
        check=check_verbatim,
    ),
    Case(
        "tilde-is-null-not-a-name",
        ["data/facts.yaml:2:19: error: expected a string, found null"],
        facts="actors:\n  - {id: x, name: ~, kind: country}\n",
    ),
    Case(
        "yes-is-not-a-boolean",
        ["data/facts.yaml:2:48: error: expected true or false, found 'yes'"],
        facts="actors:\n  - {id: x, name: X, kind: country, candidate: yes}\n",
    ),
    Case(
        "comment-cuts-a-quote",
        [
            "data/facts.yaml:7:16: error: the quote stops before '#1': in YAML ' #' starts a "
            "comment, so put the whole quote in double quotes"
        ],
        facts=actor("Poland was ranked #1 in the survey"),
    ),
    Case(
        "comment-after-a-whole-quote-is-fine",
        [],
        facts=actor("Leaders met in Paris  # the key sentence"),
    ),
    Case(
        "colon-in-plain-quote",
        ["data/facts.yaml:7:30: error: YAML syntax error: mapping values are not allowed here"],
        facts=actor("Officials said: Poland"),
        libyaml=[
            "data/facts.yaml:7:30: error: YAML syntax error: mapping values are not allowed in "
            "this context"
        ],
    ),
    Case(
        "tab-indentation",
        ["data/facts.yaml:2:1: error: tab character; YAML packs use spaces only"],
        facts="actors:\n\t- {id: x, name: X, kind: country}\n",
    ),
    Case(
        "tab-after-colon",
        ["data/facts.yaml:2:9: error: tab character; YAML packs use spaces only"],
        facts="actors:\n  - {id:\tx, name: X, kind: country}\n",
    ),
    Case(
        "alias-bomb",
        ["data/facts.yaml:1:4: error: anchors (&a) are not allowed; write the value out"],
        facts=ALIAS_BOMB,
    ),
    Case(
        "self-referencing-alias",
        ["data/facts.yaml:2:14: error: anchors (&a) are not allowed; write the value out"],
        facts="actors:\n  - aliases: &a [1, *a]\n",
    ),
    Case(
        "alias-without-anchor",
        ["data/facts.yaml:2:19: error: aliases (*name) are not allowed; write the value out"],
        facts="actors:\n  - {id: x, name: *a, kind: country}\n",
    ),
    Case(
        "python-object-tag",
        ["data/facts.yaml:1:9: error: tags (!!python/object/apply:os.system) are not allowed"],
        facts="actors: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
    ),
    Case(
        "binary-tag",
        ["data/facts.yaml:2:19: error: tags (!!binary) are not allowed"],
        facts="actors:\n  - {id: x, name: !!binary aGVsbG8=, kind: country}\n",
    ),
    Case(
        "even-str-tag",
        ["data/facts.yaml:2:19: error: tags (!!str) are not allowed"],
        facts="actors:\n  - {id: x, name: !!str 1.10, kind: country}\n",
    ),
    Case(
        "local-tag",
        ["data/facts.yaml:2:19: error: tags (!foo) are not allowed"],
        facts="actors:\n  - {id: x, name: !foo X, kind: country}\n",
    ),
    Case(
        "non-specific-tag",
        ["data/facts.yaml:2:19: error: tags (!) are not allowed"],
        facts="actors:\n  - {id: x, name: ! X, kind: country}\n",
    ),
    Case(
        "tag-directive",
        ["data/facts.yaml:3:24: error: tags (tag:example.com,2000:x) are not allowed"],
        facts="%TAG !e! tag:example.com,2000:\n---\nactors: [{id: x, name: !e!x X, kind: country}]\n",
    ),
    Case(
        "merge-key-is-just-an-unknown-field",
        ["data/facts.yaml:2:37: error: unknown field '<<' in actor"],
        facts="actors:\n  - {id: x, name: X, kind: country, <<: {role: R}}\n",
    ),
    Case(
        "deep-flow-nesting-10000",
        ["data/facts.yaml:1:9: error: nested deeper than the pack schema allows (8 levels)"],
        facts="[" * 10_000 + "]" * 10_000 + "\n",
        libyaml=DEEP_FLOW_LIBYAML,
    ),
    Case(
        "deep-block-nesting",
        ["data/facts.yaml:9:17: error: nested deeper than the pack schema allows (8 levels)"],
        facts="".join("  " * i + "a:\n" for i in range(500)),
    ),
    Case(
        "yaml-over-16-mib",
        ["data/facts.yaml:1:1: error: file is 16777217 bytes, over the 16777216-byte limit"],
        setup=lambda root: sparse(root / "data" / "facts.yaml", 16 * 1024 * 1024 + 1),
    ),
    Case(
        "nul-byte-in-yaml",
        ["data/facts.yaml:2:19: error: control character U+0000 is not allowed"],
        facts=b"actors:\n  - {id: x, name: \x00, kind: country}\n",
    ),
    Case(
        "raw-escape-sequence-in-yaml",
        ["data/facts.yaml:2:19: error: control character U+001B is not allowed"],
        facts="actors:\n  - {id: x, name: \x1b]0;pwned\x07, kind: country}\n",
    ),
    Case(
        "escaped-escape-sequence-in-yaml",
        [
            "data/facts.yaml:2:19: error: control character U+001B (written as an escape) is "
            "not allowed"
        ],
        facts='actors:\n  - {id: x, name: "\\e]52;c;ZXZpbA==\\a", kind: country}\n',
    ),
    Case(
        "bidi-override-in-yaml",
        ["data/facts.yaml:2:20: error: control character U+202E is not allowed"],
        facts="actors:\n  - {id: x, name: A\u202eB, kind: country}\n",
    ),
    Case(
        "escaped-bidi-override-in-yaml",
        [
            "data/facts.yaml:2:19: error: control character U+202E (written as an escape) is "
            "not allowed"
        ],
        facts='actors:\n  - {id: x, name: "A\\u202eB", kind: country}\n',
    ),
    Case(
        "noncharacter-in-yaml",
        ["data/facts.yaml:2:19: error: control character U+FFFE is not allowed"],
        facts="actors:\n  - {id: x, name: \ufffe, kind: country}\n",
    ),
    Case(
        "latin1-byte-in-yaml-after-bom-and-crlf",
        ["data/facts.yaml:2:22: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"],
        facts=b"\xef\xbb\xbfactors:\r\n  - {id: x, name: Caf\xe9, kind: country}\r\n",
    ),
    Case(
        "bom-and-crlf-yaml-is-fine",
        [],
        facts="\ufeffactors:\r\n  - {id: x, name: X, kind: country}\r\n".encode(),
    ),
    Case(
        "empty-yaml-file",
        ["data/facts.yaml:1:1: error: file is empty; expected sections such as 'actors:'"],
        facts="",
        setup=lambda root: (root / "data" / "facts.yaml").write_bytes(b""),
    ),
    Case(
        "list-at-top-level",
        [
            "data/facts.yaml:1:1: error: expected a mapping of sections (pack, sources, actors, "
            "...), found a list"
        ],
        facts="- id: x\n- id: y\n",
    ),
    Case(
        "two-documents",
        ["data/facts.yaml:2:1: error: only one YAML document per file"],
        facts="actors: []\n---\nactors: []\n",
    ),
    Case(
        "complex-key",
        ["data/facts.yaml:1:3: error: mapping keys must be plain strings"],
        facts="? [actors]\n: []\n",
    ),
    Case(
        "yaml-fifo-does-not-hang",
        ["data/facts.yaml:1:1: error: a FIFO (named pipe), not a regular file"],
        setup=lambda root: os.mkfifo(root / "data" / "facts.yaml"),
    ),
    # --- Articles ---------------------------------------------------------------
    Case(
        "binary-article",
        ["seeds/a.txt:3:1: error: article is a binary file (it contains NUL bytes), not text"],
        article=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ),
    Case(
        "latin1-article-byte",
        ["seeds/a.txt:2:4: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"],
        article=b"First line.\nCaf\xe9 au lait.\n",
    ),
    Case(
        "latin1-article-byte-after-bom-and-lone-cr",
        ["seeds/a.txt:3:4: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"],
        article=b"\xef\xbb\xbfOne.\rTwo.\rCaf\xe9.\r",
    ),
    Case(
        "bom-article",
        [],
        article=b"\xef\xbb\xbfLeaders met in Paris.\n",
        facts=actor('"Leaders met in Paris"'),
        check=check_offsets("Leaders met in Paris.\n", "Leaders met in Paris"),
    ),
    Case(
        "crlf-article",
        [],
        article=b"Headline\r\nLeaders met in Paris.\r\n",
        facts=actor('"Leaders met in Paris"'),
        check=check_offsets("Headline\nLeaders met in Paris.\n", "Leaders met in Paris"),
    ),
    Case(
        "lone-cr-article",
        [],
        article=b"Headline\rLeaders met in Paris.\r",
        facts=actor('"Leaders met in Paris"'),
        check=check_offsets("Headline\nLeaders met in Paris.\n", "Leaders met in Paris"),
    ),
    Case(
        "nfd-article-nfc-quote",
        [],
        article="Talks at the cafe\u0301 went well.\n".encode(),
        facts=actor('"at the café"'),
        check=check_offsets("Talks at the cafe\u0301 went well.\n", "at the cafe\u0301"),
    ),
    Case(
        "nfc-article-nfd-quote",
        [],
        article="Talks at the café went well.\n".encode(),
        facts=actor('"at the cafe\u0301"'),
        check=check_offsets("Talks at the café went well.\n", "at the café"),
    ),
    Case(
        "odd-spaces-in-article",
        [],
        article="Leaders\u00a0met in\u202fParis\u2009on Tuesday.\n".encode(),
        facts=actor('"Leaders met in Paris on Tuesday"'),
        check=check_offsets(
            "Leaders\u00a0met in\u202fParis\u2009on Tuesday.\n",
            "Leaders\u00a0met in\u202fParis\u2009on Tuesday",
        ),
    ),
    Case(
        "escape-sequences-in-article",
        [],
        article=b"Headline \x1b]52;c;ZXZpbA==\x07 and \x1b[2J and \x1b]0;title\x07.\n",
        check=check_escape_article,
    ),
    Case(
        "markdown-special-quote",
        [],
        article=f"Intro. {MARKDOWN_QUOTE}\n".encode(),
        facts=actor("'" + MARKDOWN_QUOTE + "'"),
        check=check_markdown_quote,
    ),
    Case(
        "escape-sequence-in-a-did-you-mean-hint",
        [
            "data/facts.yaml:7:16: error: quote not found in source 'wire'; closest passage is on "
            "line 1, 96% similar (did you mean 'Leaders ␛]52;c;ZXZpbA==␇ met'?)"
        ],
        article=b"Leaders \x1b]52;c;ZXZpbA==\x07 met in Paris.\n",
        facts=actor('"Leaders ]52;c;ZXZpbA== met"'),
    ),
    Case(
        "run-of-40000-dots-in-article",
        [
            "data/facts.yaml:7:16: error: quote not found in source 'wire'; closest passage is on "
            "line 1, 95% similar (did you mean 'Leaders met in Paris'?)"
        ],
        article=(
            "Leaders met in Paris" + "." * 40_000 + " Then ?" + "?" * 20_000 + " Done\n"
        ).encode(),
        facts=actor('"Leaders met in Parus"'),
    ),
    Case(
        "typo-in-a-repeated-sentence-gets-a-unique-suggestion",
        [
            "data/facts.yaml:7:16: error: quote not found in source 'wire'; closest passage is on "
            "line 1, 93% similar (did you mean 'talks went well. Officials'?)"
        ],
        article=b"Officials said talks went well. Officials said talks went well.\n",
        facts=actor('"talks wemt well"'),
    ),
    Case(
        "pack-path-with-an-escape-sequence",
        ["usage: no pack at 'x␛]0;pwned␇': no such folder"],
        pack_arg=lambda root: "x\x1b]0;pwned\x07",
    ),
    Case(
        "missing-article",
        [
            "data/pack.yaml:3:22: error: article file 'seeds/b.txt' not found (did you mean "
            "'seeds/a.txt'?)"
        ],
        file="seeds/b.txt",
    ),
    Case(
        "empty-article",
        ["data/facts.yaml:7:16: error: quote not found in source 'wire'"],
        article=b"",
        facts=actor("Leaders met"),
    ),
    Case(
        "article-is-a-folder",
        ["data/pack.yaml:3:22: error: article 'seeds/d': a folder, not a regular file"],
        file="seeds/d",
        setup=lambda root: (root / "seeds" / "d").mkdir(),
    ),
    Case(
        "article-is-a-fifo",
        ["data/pack.yaml:3:22: error: article 'seeds/f': a FIFO (named pipe), not a regular file"],
        file="seeds/f",
        setup=lambda root: os.mkfifo(root / "seeds" / "f"),
    ),
    Case(
        "article-over-16-mib",
        [
            "data/pack.yaml:3:22: error: article 'seeds/big.txt': file is 16777217 bytes, over "
            "the 16777216-byte limit"
        ],
        file="seeds/big.txt",
        setup=lambda root: sparse(root / "seeds" / "big.txt", 16 * 1024 * 1024 + 1),
    ),
    # --- Article paths ------------------------------------------------------------
    Case(
        "dotdot-article-path",
        [
            "data/pack.yaml:3:22: error: article path 'seeds/../../secret.txt' must stay inside "
            "the pack folder"
        ],
        file="seeds/../../secret.txt",
    ),
    Case(
        "absolute-article-path",
        ["data/pack.yaml:3:22: error: article path '/etc/passwd' must stay inside the pack folder"],
        file="/etc/passwd",
    ),
    Case(
        "symlink-out-of-the-pack",
        [
            "data/pack.yaml:3:22: error: article path 'seeds/out.txt' leads outside the pack "
            "folder (symlink?)"
        ],
        file="seeds/out.txt",
        setup=symlink("/etc/passwd", "seeds/out.txt"),
    ),
    Case(
        "symlink-inside-the-pack-is-fine",
        [],
        file="seeds/link.txt",
        setup=symlink("a.txt", "seeds/link.txt"),
        facts=actor('"Leaders met in Paris"'),
        check=check_offsets(ARTICLE, "Leaders met in Paris"),
    ),
    Case(
        "symlink-loop",
        ["data/pack.yaml:3:22: error: article path 'seeds/loop' is a symlink loop"],
        file="seeds/loop",
        setup=symlink("loop", "seeds/loop"),
    ),
    Case(
        "article-name-too-long",
        [
            f"data/pack.yaml:3:22: error: article path 'seeds/{'x' * 300}' cannot be read: "
            "File name too long"
        ],
        file="seeds/" + "x" * 300,
    ),
    Case(
        "article-is-a-dangling-symlink",
        ["data/pack.yaml:3:22: error: article path 'seeds/gone.txt' is a symlink to nothing"],
        file="seeds/gone.txt",
        setup=symlink("nowhere.txt", "seeds/gone.txt"),
    ),
    Case(
        "quote-found-many-times-lists-ten-lines",
        [
            "data/facts.yaml:7:16: error: quote occurs 25 times in source 'wire' (lines 1, 2, 3, "
            "4, 5, 6, 7, 8, 9, 10, … and 15 more); add occurrence: 1 to 25, or quote more words"
        ],
        article=b"Leaders met.\n" * 25,
        facts=actor("Leaders met"),
    ),
    # --- YAML files and data/ are confined to the pack like articles -----------------
    Case(
        "yaml-symlink-out-of-the-pack",
        ["data/passwd.yaml:1:1: error: leads outside the pack folder (symlink?)"],
        setup=symlink("/etc/passwd", "data/passwd.yaml"),
    ),
    Case(
        "yaml-symlink-to-dev-zero",
        ["data/zero.yaml:1:1: error: leads outside the pack folder (symlink?)"],
        setup=symlink("/dev/zero", "data/zero.yaml"),
    ),
    Case(
        "yaml-symlink-loop",
        ["data/loop.yaml:1:1: error: is a symlink loop"],
        setup=symlink("loop.yaml", "data/loop.yaml"),
    ),
    Case(
        "yaml-symlink-inside-the-pack-is-fine",
        [],
        facts=actor('"Leaders met in Paris"'),
        setup=lambda root: (
            os.rename(root / "data" / "facts.yaml", root / "seeds" / "facts.yaml"),
            os.symlink("../seeds/facts.yaml", root / "data" / "facts.yaml"),
        ),
    ),
    Case(
        "data-folder-links-out-of-the-pack",
        ["data:1:1: error: the data folder leads outside the pack folder (symlink?)"],
        setup=lambda root: (
            os.rename(root / "data", root.parent / "elsewhere"),
            os.symlink(root.parent / "elsewhere", root / "data"),
        ),
    ),
    Case(
        "yaml-sparse-3-gb",
        ["data/big.yaml:1:1: error: file is 3221225472 bytes, over the 16777216-byte limit"],
        setup=lambda root: sparse(root / "data" / "big.yaml", 3 * 1024**3),
    ),
    Case(
        "escaped-carriage-return-in-yaml",
        [
            "data/facts.yaml:2:19: error: control character U+000D (written as an escape) is "
            "not allowed"
        ],
        facts='actors:\n  - {id: x, name: "Leader\\rPWNED", kind: country}\n',
    ),
    # --- The PACK argument ----------------------------------------------------------
    Case(
        "pack-without-data-folder",
        ["usage: no pack at 'seeds': it has no data/ folder (create one with: briefing init)"],
        pack_arg=lambda root: "seeds",
    ),
    Case(
        "pack-is-a-file-outside-data",
        ["usage: 'seeds/a.txt' is a file, not a pack folder (give the folder that holds data/)"],
        pack_arg=lambda root: "seeds/a.txt",
    ),
    Case(
        "pack-is-a-yaml-file-in-data",
        [],
        pack_arg=lambda root: "data/pack.yaml",
    ),
    Case(
        "pack-name-too-long",
        [f"usage: no pack at '{'p' * 5000}': File name too long"],
        pack_arg=lambda root: "p" * 5000,
    ),
    Case(
        "data-folder-without-yaml",
        ["data:1:1: error: no .yaml files in the pack's data folder"],
        setup=lambda root: (root / "data" / "pack.yaml").unlink(),
    ),
]


def build(root: Path, case: Case) -> None:
    (root / "data").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_bytes(case.article)
    (root / "data" / "pack.yaml").write_text(header(case.article, case.file), encoding="utf-8")
    if case.facts:
        facts = case.facts.encode() if isinstance(case.facts, str) else case.facts
        (root / "data" / "facts.yaml").write_bytes(facts)
    if case.setup is not None:
        case.setup(root)


def outcome(root: Path, pack_arg: str) -> tuple[LoadResult, list[str]]:
    old = os.getcwd()
    os.chdir(root)
    try:
        result = load_pack(pack_arg)
    finally:
        os.chdir(old)
    if result.usage_error is not None:
        return result, [f"usage: {result.usage_error}"]
    return result, [d.format() for d in result.diagnostics]


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


def test_every_case_is_a_row_of_the_docs_table() -> None:
    """docs/hostile-input.md lists the corpus: no case missing, no row without a case."""
    doc = (REPO / "docs" / "hostile-input.md").read_text("utf-8")
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|", doc, flags=re.MULTILINE)
    assert sorted(rows) == sorted(c.name for c in CASES)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, parser: type, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "PARSER", parser)
    root = tmp_path / "pack"
    build(root, case)
    result, lines = outcome(root, case.pack_arg(root))
    expected = case.expected
    if case.libyaml is not None and parser is yamlread.LIBYAML_PARSER:
        expected = case.libyaml
    assert lines == expected
    if case.expected:
        assert result.pack is None
    else:
        assert result.pack is not None
    if case.check is not None:
        case.check(result, root)
