"""What every benchmark shares: the Figure record, subprocess timing, generated packs.

Figures are ratios to a baseline measured in the same run, because the machine
is shared and noisy: absolute times move by 2x from one minute to the next,
ratios much less. Cold figures run in a fresh interpreter (a subprocess), so
imports and first-time costs are counted as a user meets them.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LARGE = 5000
"""The largest pack measured (issue 19's size): 5,000 synthetic articles, 105,024
records, within the loader's budget of 250,000 (``MAX_RECORDS``)."""


@dataclass
class Figure:
    """One measured figure, its baseline and whether it meets its target."""

    group: str
    name: str
    value: float
    unit: str
    baseline: str | None = None
    baseline_value: float | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def median(values: list[float]) -> float:
    """The median (not the minimum: a figure is what a user typically waits)."""
    return statistics.median(values)


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, quoted beside figures (the machine is shared)."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


@dataclass
class Run:
    """One command run in a fresh process: wall seconds, CPU seconds and peak RSS."""

    wall: float
    cpu: float
    rss_mib: float


TIME = Path("/usr/bin/time")
"""GNU time, when installed: it reports its child's own peak RSS (see run_command)."""


def run_command(
    argv: list[str], env: dict[str, str] | None = None, stdout: Path | None = None
) -> Run:
    """Run ``argv`` as a user would (a fresh process), timing it and reading its peak RSS.

    Linux carries a process's peak RSS across ``exec`` from the memory it had
    before: a child forked from this runner (~60 MiB of Python with the packs'
    bookkeeping) starts with the runner's peak, so ``ru_maxrss`` of a small
    command reads as the runner's size. GNU ``time`` is a small process: the
    command forked from it starts near nothing, and ``%M`` is the command's own
    peak. Without ``/usr/bin/time``, ``os.wait4``'s figure is used (an upper
    bound). The output goes to ``stdout`` (a file) or is discarded: writing it
    is part of the command's cost.
    """
    import time

    out = open(stdout, "wb") if stdout is not None else subprocess.DEVNULL  # noqa: SIM115
    peak_file = None
    if TIME.exists():
        handle, name = tempfile.mkstemp(prefix="briefing-bench-rss-")
        os.close(handle)
        peak_file = Path(name)
        argv = [str(TIME), "-f", "%M", "-o", str(peak_file), *argv]
    try:
        began = time.perf_counter()
        child = subprocess.Popen(
            argv,
            cwd=REPO,
            env={**os.environ, **(env or {})},
            stdout=out,
            stderr=subprocess.PIPE,
        )
        assert child.stderr is not None
        errors = child.stderr.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        rss_mib = usage.ru_maxrss / 1024
        if peak_file is not None:
            written = peak_file.read_text().strip().splitlines()
            if written and written[-1].isdigit():
                rss_mib = int(written[-1]) / 1024
    finally:
        if stdout is not None:
            out.close()  # type: ignore[union-attr]
        if peak_file is not None:
            peak_file.unlink(missing_ok=True)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {child.returncode}: {errors[-2000:]!r}")
    return Run(wall, usage.ru_utime + usage.ru_stime, rss_mib)


def _run_json(argv: list[str], what: str, env: dict[str, str] | None, timeout: float) -> Any:
    """Run a fresh interpreter from the repository root; parse its last stdout line as JSON."""
    done = subprocess.run(
        [sys.executable, *argv],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_python(
    code: str, *args: str, env: dict[str, str] | None = None, timeout: float = 900
) -> Any:
    """Run ``code`` in a fresh interpreter (see :func:`_run_json`)."""
    return _run_json(["-c", code, *args], "benchmark subprocess", env, timeout)


class Packs:
    """Synthetic packs generated on demand into a temporary folder, removed at the end."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
        self._made: dict[int, Path] = {}

    def get(self, articles: int) -> Path:
        """The pack with this many articles; 0 is the default pack (the repository)."""
        if articles == 0:
            return REPO
        if articles not in self._made:
            from benchmarks.make_pack import make_pack

            self._made[articles] = make_pack(articles, self.folder / f"pack-{articles}")
        return self._made[articles]

    def article_bytes(self, articles: int) -> int:
        return sum(p.stat().st_size for p in (self.get(articles) / "seeds").iterdir())

    def cache_dir(self, name: str) -> Path:
        path = self.folder / f"cache-{name}"
        path.mkdir(exist_ok=True)
        return path

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Context:
    """What a benchmark module's ``run`` receives."""

    quick: bool
    packs: Packs
    shared: dict[str, Any] = field(default_factory=dict)
    """Figures one benchmark measures and another uses as its floor (e.g. the parse)."""

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)


def run_module(
    module: str, *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> Any:
    """Run ``python -m module args`` (see :func:`_run_json`)."""
    return _run_json(["-m", module, *args], module, env, timeout)


def compile_bytecode() -> None:
    """Compile briefing's modules to bytecode first, as installing it does.

    pip compiles a package's modules when it installs it, and Python writes a
    source checkout's bytecode on its first run, so a user's every later start
    reads bytecode. Where ``PYTHONDONTWRITEBYTECODE`` is set (this machine's
    sandbox sets it) nothing is ever written: every timed process compiled the
    whole of briefing from source again (~0.1-0.2 s of CPU at start-up, measured),
    while the bare app's Textual came compiled from its wheel. Compiling writes
    only ``__pycache__`` folders (ignored by git).
    """
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "briefing")],
        check=True,
        capture_output=True,
    )


def reader_missing() -> str | None:
    """Why the TUI benchmarks cannot run in this tree (None when the reader is there)."""
    if not (REPO / "briefing" / "tui" / "app.py").exists():
        return "the reader (briefing/tui) is not in this tree yet"
    return None


def replace_block(docs: Path, start: str, end: str, text: str, heading: str) -> None:
    """Replace the text between two markers in ``docs``, keeping everything else.

    Each benchmark owns one marked block of docs/performance.md; a missing block
    is appended under ``heading``.
    """
    current = docs.read_text(encoding="utf-8") if docs.exists() else "# Performance\n"
    block = f"{start}\n{text}\n{end}"
    if start in current and end in current:
        head, rest = current.split(start, 1)
        current = head + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + f"\n\n## {heading}\n\n{block}\n"
    docs.write_text(current, encoding="utf-8")
