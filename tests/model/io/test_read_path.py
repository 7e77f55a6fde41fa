"""One read path for every pack file (briefing/model/io/files.py): what each command says.

Files that can hang or exhaust a reader (FIFOs, devices, sparse giants, links out
of the pack, symlink loops) are refused before a byte is read, with the same one
line from every command that reads a pack. Cases that could hang on a
regression run in a subprocess with a timeout, so a failure is a failure, not
a stuck suite.
"""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support import ARTICLE, PackMaker

from briefing.cli import main
from briefing.model import load_pack
from briefing.model.diagnostics import MAX_DIAGNOSTICS
from briefing.model.io import Budget, Refused, files, read_file

LIMIT = 2.0
"""Seconds of the command's own CPU time: a refusal is immediate (startup included)."""
HANG = 20.0
"""Wall seconds after which a command is taken to hang (a FIFO read never ends)."""


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, float]:
    """(exit code, stderr, CPU seconds) of ``python -m briefing ARGS``; fails on a hang."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    try:
        _out, err = process.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"briefing {' '.join(args)} hung for {HANG} s")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # cumulative over children
    return process.returncode, err.decode(), usage.ru_utime + usage.ru_stime


def cpu_of(call: Callable[[], tuple[int, str, float]]) -> tuple[int, str, float]:
    """Run ``call`` and return its CPU seconds alone (children's usage is cumulative)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code, err, after = call()
    return code, err, after - (before.ru_utime + before.ru_stime)


def article_fifo(root: Path) -> None:
    os.unlink(root / "seeds" / "a.txt")
    os.mkfifo(root / "seeds" / "a.txt")


def article_loop(root: Path) -> None:
    os.unlink(root / "seeds" / "a.txt")
    os.symlink("a.txt", root / "seeds" / "a.txt")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (article_fifo, "article 'seeds/a.txt': a FIFO (named pipe), not a regular file"),
        (article_loop, "article path 'seeds/a.txt' is a symlink loop"),
    ],
    ids=["fifo", "symlink-loop"],
)
def test_find_and_validate_print_the_same_line(
    make_pack: PackMaker, make: Callable[[Path], None], message: str
) -> None:
    root = make_pack()
    make(root)
    code, err, cpu = cpu_of(lambda: run_cli("validate", ".", cwd=root))
    assert code == 1 and cpu < LIMIT, (code, err, cpu)
    [line] = [x for x in err.splitlines() if not x.startswith("briefing:")]
    assert line.endswith(f": error: {message}"), err
    code, err, cpu = cpu_of(lambda: run_cli("find", "Leaders met", ".", cwd=root))
    assert code == 1 and cpu < LIMIT, (code, err, cpu)
    assert line in err.splitlines(), err  # the very same diagnostic, on stderr
    assert "Traceback" not in err


def test_the_load_cache_does_not_read_a_fifo_in_data(make_pack: PackMaker, tmp_path: Path) -> None:
    root = make_pack()
    os.mkfifo(root / "data" / "extra.yaml")
    script = (
        "from briefing.model import load_pack\n"
        "r = load_pack('.', cache=True)\n"
        "print(*(d.format() for d in r.diagnostics), sep='\\n')\n"
    )
    process = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        timeout=HANG,
        env={**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert process.stdout.decode().splitlines() == [
        "data/extra.yaml:1:1: error: a FIFO (named pipe), not a regular file"
    ]


# --- confinement: YAML files and data/ itself, like articles -------------------------


def test_yaml_symlinks_out_of_the_pack_are_not_read(make_pack: PackMaker, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("actors: [{id: spy, name: Spy, kind: person}]\n", encoding="utf-8")
    root = make_pack()
    os.symlink(secret, root / "data" / "out.yaml")
    os.symlink("/dev/zero", root / "data" / "zero.yaml")
    os.symlink("loop.yaml", root / "data" / "loop.yaml")
    lines = [d.format() for d in load_pack(root).diagnostics]
    shown = str(root / "data")  # the pack is not under the current folder
    assert lines == [
        f"{shown}/loop.yaml:1:1: error: is a symlink loop",
        f"{shown}/out.yaml:1:1: error: leads outside the pack folder (symlink?)",
        f"{shown}/zero.yaml:1:1: error: leads outside the pack folder (symlink?)",
    ]


def test_a_data_folder_leading_out_of_the_pack_is_refused(
    make_pack: PackMaker, tmp_path: Path
) -> None:
    root = make_pack()
    os.rename(root / "data", tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", root / "data")
    result = load_pack(root)
    assert [d.message for d in result.diagnostics] == [
        "the data folder leads outside the pack folder (symlink?)"
    ]
    assert result.pack is None


def test_links_that_stay_inside_the_pack_are_fine(make_pack: PackMaker) -> None:
    root = make_pack()
    (root / "shared").mkdir()
    os.rename(root / "data" / "pack.yaml", root / "shared" / "pack.yaml")
    os.symlink("../shared/pack.yaml", root / "data" / "pack.yaml")
    assert load_pack(root).errors == []


# --- misleading errors ---------------------------------------------------------------


def refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    """Make listing ``folder`` fail as it does without read permission (tests run as root)."""
    real = os.scandir

    def scandir(path: os.PathLike[str] | str = ".") -> object:
        if Path(path).name == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(files.os, "scandir", scandir)


def test_an_unreadable_data_folder_is_not_an_empty_one(
    make_pack: PackMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_pack()
    refuse_listing(monkeypatch, "data")
    [problem] = load_pack(root).diagnostics
    assert problem.message == "cannot list the data folder: Permission denied"


def test_an_unreadable_seeds_folder_is_not_a_missing_article(
    make_pack: PackMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_pack()
    real = os.path.realpath

    def realpath(path: os.PathLike[str] | str, strict: bool = False) -> str:
        if "seeds" in Path(path).parts:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, strict=strict)

    monkeypatch.setattr(files.os.path, "realpath", realpath)
    [problem] = load_pack(root).diagnostics
    assert problem.message == "article path 'seeds/a.txt' cannot be read: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without read permission")
def test_unreadable_folders_for_real(make_pack: PackMaker) -> None:
    root = make_pack()
    os.chmod(root / "seeds", 0)
    try:
        [problem] = load_pack(root).diagnostics
    finally:
        os.chmod(root / "seeds", 0o755)
    assert "Permission denied" in problem.message and "not found" not in problem.message


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: os.symlink("/dev/zero", p), "a character device, not a regular file"),
        (os.mkfifo, "a FIFO (named pipe), not a regular file"),
        (lambda p: p.mkdir() or (p / "x.bin").write_bytes(b""), "no .txt or .md articles"),
        (lambda p: os.symlink(p.name, p), "Too many levels of symbolic links"),
        (lambda p: os.symlink("gone", p), "no such file or folder"),
    ],
    ids=["dev-zero", "fifo", "folder-without-articles", "loop", "dangling"],
)
def test_init_says_what_an_argument_is(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], object],
    said: str,
) -> None:
    given = tmp_path / "given.txt"
    make(given)
    started = time.monotonic()
    assert main(["init", str(tmp_path / "new"), str(given)]) == 2
    assert time.monotonic() - started < HANG
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1, err
    assert not (tmp_path / "new").exists()


def test_init_names_the_link_not_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink("loop.txt", folder / "loop.txt")
    assert main(["init", str(tmp_path / "new"), str(folder)]) == 2
    assert f"{folder / 'loop.txt'}: is a symlink loop" in capsys.readouterr().err


def test_an_ambiguous_quote_lists_ten_lines_and_a_count(make_pack: PackMaker) -> None:
    article = "Talks went well.\n" * 40
    facts = (
        "actors:\n  - id: poland\n    name: Poland\n    kind: country\n"
        "    evidence:\n      - {source: wire, quote: Talks went well}\n"
    )
    [problem] = load_pack(make_pack(facts, article=article)).errors
    assert problem.message == (
        "quote occurs 40 times in source 'wire' (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … and 30 "
        "more); add occurrence: 1 to 40, or quote more words"
    )


# --- the pack's budget ---------------------------------------------------------------


def test_diagnostics_are_kept_to_a_thousand_and_counted(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = 2 * MAX_DIAGNOSTICS + 500
    fields = "".join(f"    f{i}: v\n" for i in range(extra))
    root = make_pack(f"actors:\n  - id: x\n    name: X\n    kind: country\n{fields}")
    result = load_pack(root)
    assert len(result.diagnostics) == MAX_DIAGNOSTICS
    assert result.error_count == extra and result.dropped == extra - MAX_DIAGNOSTICS
    assert main(["validate", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == MAX_DIAGNOSTICS + 2
    assert err[-2:] == [
        "briefing: … and 1,500 more (only the first 1,000 are kept)",
        "briefing: 2,500 errors; the pack is not valid",
    ]


def test_the_record_limit_stops_reading(
    make_pack: PackMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_RECORDS", 3)
    actors = "".join(f"  - {{id: a{i}, name: A{i}, kind: country}}\n" for i in range(6))
    result = load_pack(make_pack("actors:\n" + actors))
    # facts.yaml is read before pack.yaml: the limit falls on its fourth actor, and
    # pack.yaml is not read at all (so its source is not reported missing either).
    assert [d.format().split("/data/")[-1] for d in result.diagnostics] == [
        "facts.yaml:5:5: error: the pack has more than 3 records (sources, actors and facts); "
        "nothing from here on is read",
    ]


def test_the_byte_budget_refuses_the_file_that_would_pass_it(
    make_pack: PackMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_pack()
    monkeypatch.setattr(files, "MAX_PACK_BYTES", 1000)
    (root / "data" / "big.yaml").write_text("# " + "x" * 2000 + "\n", encoding="utf-8")
    [problem] = load_pack(root).errors
    assert problem.path.endswith("data/big.yaml")
    assert problem.message.startswith("file of 2003 bytes would take the pack over its 1000-byte")


def test_five_full_size_files_are_over_the_pack_total(tmp_path: Path) -> None:
    budget = Budget()
    names = []
    for n in range(5):
        path = tmp_path / f"{n}.yaml"
        with path.open("wb") as stream:
            stream.truncate(files.MAX_FILE_BYTES)  # sparse: nothing is written to disk
        names.append(path)
    for path in names[:4]:
        assert len(read_file(path, budget=budget)) == files.MAX_FILE_BYTES
    with pytest.raises(Refused, match="over its 67108864-byte total"):
        read_file(names[4], budget=budget)


def test_read_file_refuses_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big"
    with big.open("wb") as stream:
        stream.truncate(3 * 1024**3)  # 3 GB, sparse
    started = time.monotonic()
    with pytest.raises(Refused, match="over the 16777216-byte limit"):
        read_file(big)
    assert time.monotonic() - started < LIMIT
    with pytest.raises(Refused, match="a character device"):
        read_file(Path("/dev/zero"))
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(Refused, match="a FIFO"):
        read_file(tmp_path / "fifo")
    os.symlink("nowhere", tmp_path / "dangling")
    with pytest.raises(Refused, match="a symlink to nothing"):
        read_file(tmp_path / "dangling")
