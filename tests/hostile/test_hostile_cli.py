"""The command line with no terminal, a useless TERM, absurd arguments and hostile articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, PackMaker

from briefing.cli import main


def briefing(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``python -m briefing ARGS`` in a process of its own: where no terminal, the
    environment or the bytes a process writes are the point."""
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


def test_validate_never_echoes_an_escape_sequence(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = "Leaders \x1b]52;c;ZXZpbA==\x07 met in \x1b[2J Paris.\n"
    root = make_pack(
        "actors:\n  - id: x\n    name: X\n    kind: country\n"
        '    evidence: [{source: wire, quote: "Leaders ]52;c;ZXZpbA== met in [2J Paris"}]\n',
        article=article,
    )
    done = in_process(capsys, monkeypatch, "validate", str(root))
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "␛]52;c;ZXZpbA==␇" in done.stderr
    assert "Traceback" not in done.stderr


def test_export_of_a_pack_with_escapes_in_its_article_is_valid_json(
    make_pack: PackMaker,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    article = "Leaders \x1b]0;title\x07 met in Paris.\n"
    root = make_pack(
        'actors:\n  - id: x\n    name: "[sic] [/]"\n    kind: country\n'
        '    evidence: [{source: wire, quote: "met in Paris"}]\n',
        article=article,
    )
    out = tmp_path / "out.json"
    done = in_process(capsys, monkeypatch, "export", "--format", "json", "-o", str(out), str(root))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["actors"][0]["name"] == "[sic] [/]"
    ev = data["actors"][0]["evidence"][0]
    assert article[ev["start"] : ev["end"]] == "met in Paris"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "pack"]  # no temporary left


def in_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> subprocess.CompletedProcess[str]:
    """``main(ARGS)`` in this process, run from the repository as ``briefing()`` is: the
    same exit code and messages, without a Python start-up per case."""
    monkeypatch.chdir(REPO)
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse's usage errors
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, out, err)


HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e\x00x"[:-2] + "x"
"""OSC 0 (retitle), CSI clear screen, a C1 CSI, a bidi override: none may reach the terminal."""


def _assert_inert(done: subprocess.CompletedProcess[str]) -> None:
    shown = done.stdout + done.stderr
    assert "Traceback" not in shown
    for char in "\x1b\x07\x9b\u202e":
        assert char not in shown, (char, shown)


@pytest.mark.parametrize(
    "args",
    [
        ["validate", f"pack{HOSTILE}"],  # no pack at ...
        ["export", f"seeds/{HOSTILE}.yaml"],
        ["search", "x", f"nowhere{HOSTILE}/"],
        ["find", "x", f"{HOSTILE}"],
        ["coverage", f"{HOSTILE}"],
        ["hygiene", f"{HOSTILE}"],
        ["mentions", "x", f"{HOSTILE}"],
        ["open", f"{HOSTILE}"],
        ["export", "--actor", f"nobody{HOSTILE}"],
        ["export", "--item", f"nothing{HOSTILE}"],
        ["export", "-o", f"missing{HOSTILE}/out.md"],
        ["export", "-o", f"missing{HOSTILE}/"],
        ["init", "/dev/null/new", f"missing{HOSTILE}.txt"],
        ["init", "--as-of", f"2025{HOSTILE}", "x", "y"],
        ["validate", "extra", f"unrecognised{HOSTILE}"],
        ["search", "--format", f"x{HOSTILE}", "q"],
    ],
    ids=lambda a: " ".join(a)[:24],
)
def test_no_message_echoes_a_control_sequence(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    done = in_process(capsys, monkeypatch, *args)
    assert done.returncode != 0
    _assert_inert(done)


def test_a_pack_folder_named_with_an_escape_is_shown_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / f"glob{HOSTILE}"
    folder.mkdir()
    done = in_process(capsys, monkeypatch, "validate", str(folder))
    assert done.returncode == 2
    _assert_inert(done)
    assert "it has no data/ folder" in done.stderr
    assert "␛]0;pwned␇␛[2J" in done.stderr
    (folder / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    done = in_process(capsys, monkeypatch, "validate", str(folder / "x.yaml"))
    assert "is a file, not a pack folder" in done.stderr
    _assert_inert(done)


@pytest.mark.parametrize("limit", ["9223372036854775806", "9223372036854775808", "1" + "0" * 40])
def test_search_with_an_enormous_limit_lists_everything_without_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    done = in_process(capsys, monkeypatch, "search", "--limit", limit, "macron")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    everything = in_process(capsys, monkeypatch, "search", "--limit", "100000", "macron")
    assert done.stdout == everything.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX special files")
def test_export_never_replaces_a_fifo_a_device_or_a_link_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    link = tmp_path / "link.md"
    (tmp_path / "real.md").write_text("mine\n", encoding="utf-8")
    link.symlink_to(tmp_path / "real.md")
    for target, kind in (
        (fifo, "a FIFO (named pipe)"),
        ("/dev/null", "a character device"),
        (link, "a symbolic link"),
    ):
        done = in_process(capsys, monkeypatch, "export", "-o", str(target), "--force")
        assert done.returncode == 1, done.stderr
        assert done.stderr.strip().endswith(
            f"is {kind}, not a regular file; refusing to replace it"
        )
    assert fifo.is_fifo() and link.is_symlink() and Path("/dev/null").is_char_device()
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == "mine\n"


def test_a_trailing_slash_names_a_folder_not_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    done = in_process(capsys, monkeypatch, "export", "-o", f"{tmp_path}/out/")
    assert done.returncode == 1
    assert "no such folder (a trailing / names a folder)" in done.stderr
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "out").mkdir()
    done = in_process(capsys, monkeypatch, "export", "-o", f"{tmp_path}/out/")
    assert done.returncode == 1
    assert "is a folder; give a file name" in done.stderr
    assert list((tmp_path / "out").iterdir()) == []
