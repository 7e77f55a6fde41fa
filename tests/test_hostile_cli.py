"""The command line with no terminal, a useless TERM, absurd arguments and hostile articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, PackMaker


def briefing(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TERM": "xterm-256color", **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
        stdin=kwargs.pop("stdin", subprocess.DEVNULL),  # type: ignore[arg-type]
    )


def test_reader_without_a_terminal_is_one_line_and_exit_2() -> None:
    done = briefing()
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "briefing: standard input is not a terminal; the reader needs a terminal. "
        "Use 'briefing validate' or 'briefing export' instead."
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
@pytest.mark.parametrize("term", ["dumb", "", "unknown"])
def test_reader_with_an_unusable_term_is_one_line_and_exit_2(term: str) -> None:
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": term}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "briefing"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=REPO,
            env=env,
            timeout=60,
        )
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(master)
    assert done.returncode == 2
    shown = term or "not set"
    assert out.decode().splitlines() == [
        f"briefing: TERM is {shown}; the reader needs a terminal. "
        "Use 'briefing validate' or 'briefing export' instead."
    ]


def test_absurd_pack_argument_is_a_usage_error() -> None:
    done = briefing("validate", "p" * 5000)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.endswith(": File name too long\n")
    assert "Traceback" not in done.stderr


def test_validate_never_echoes_an_escape_sequence(make_pack: PackMaker) -> None:
    article = "Leaders \x1b]52;c;ZXZpbA==\x07 met in \x1b[2J Paris.\n"
    root = make_pack(
        "actors:\n  - id: x\n    name: X\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Leaders ]52;c;ZXZpbA== met in [2J Paris"}]\n',
        article=article,
    )
    done = briefing("validate", str(root))
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "␛]52;c;ZXZpbA==␇" in done.stderr
    assert "Traceback" not in done.stderr


def test_export_of_a_pack_with_escapes_in_its_article_is_valid_json(
    make_pack: PackMaker, tmp_path: Path
) -> None:
    import json

    article = "Leaders \x1b]0;title\x07 met in Paris.\n"
    root = make_pack(
        'actors:\n  - id: x\n    name: "[sic] [/]"\n    kind: country\n'
        '    evidence: [{source: wire, quote: "met in Paris"}]\n',
        article=article,
    )
    out = tmp_path / "out.json"
    done = briefing("export", "--format", "json", "-o", str(out), str(root))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["actors"][0]["name"] == "[sic] [/]"
    ev = data["actors"][0]["evidence"][0]
    assert article[ev["start"] : ev["end"]] == "met in Paris"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "pack"]  # no temporary left
