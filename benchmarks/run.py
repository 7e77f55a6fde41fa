"""Run every benchmark: ``python -m benchmarks [--quick] [--json FILE] [--update-docs]``.

Each figure is a ratio to a baseline measured in the same run (see common.py).
The table goes to stdout; ``--json FILE`` (``-`` for stdout) writes every figure
with the machine and versions; ``--update-docs`` rewrites the generated block of
docs/performance.md (other sections, such as the search engineer's, are kept).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import (
    REPO,
    Context,
    Figure,
    Packs,
    compile_bytecode,
    load_average,
    replace_block,
)

MODULES = (
    "benchmarks.load_bench",
    "benchmarks.startup_bench",
    "benchmarks.nav_bench",
    "benchmarks.export_bench",
    "benchmarks.search_figures",
)
DOCS = REPO / "docs" / "performance.md"
START, END = "<!-- perf-bench:start -->", "<!-- perf-bench:end -->"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {"python": platform.python_version()}
    from importlib.metadata import PackageNotFoundError, version

    for name, dist in (
        ("textual", "textual"),
        ("rich", "rich"),
        ("yaml", "PyYAML"),
        ("rapidfuzz", "rapidfuzz"),
    ):
        try:
            versions[name] = version(dist)
        except PackageNotFoundError:
            versions[name] = "-"
    import yaml

    versions["libyaml"] = "yes" if hasattr(yaml, "CSafeLoader") else "no"
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "versions": versions,
    }


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit == "s" and value < 0.01:
        return f"{value * 1000:.1f} ms"
    if unit == "s" and value < 1:
        return f"{value * 1000:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:.3g} {unit}".strip()


def table(figures: list[Figure]) -> str:
    """A Markdown table: figure, value, baseline, ratio, target, met."""
    lines = [
        "| figure | value | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        base = "-" if f.baseline is None else f"{f.baseline}: {_fmt(f.baseline_value, f.unit)}"
        ratio = "-" if f.ratio is None else f"{f.ratio:.2f}×"
        met = {True: "yes", False: "**no**", None: "-"}[f.met]
        note = f" ({f.note})" if f.note else ""
        lines.append(
            f"| {f.name}{note} | {_fmt(f.value, f.unit)} | {base} | {ratio} | {f.target} | {met} |"
        )
    return "\n".join(lines)


def update_docs(text: str) -> None:
    """Replace the generated block of docs/performance.md, keeping everything else."""
    replace_block(DOCS, START, END, text, "Figures")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes and repeats")
    parser.add_argument("--json", metavar="FILE", help="write figures as JSON ('-': stdout)")
    parser.add_argument("--update-docs", action="store_true", help="rewrite docs/performance.md")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="e.g. load startup")
    args = parser.parse_args(argv)
    compile_bytecode()  # what a user's install has (see its docstring)
    packs = Packs()
    ctx = Context(args.quick, packs)
    figures: list[Figure] = []
    skipped: list[str] = []
    began = time.perf_counter()
    load_before = load_average()
    try:
        for name in MODULES:
            short = name.rsplit(".", 1)[1].split("_")[0]
            if args.only and short not in args.only:
                continue
            try:
                module = importlib.import_module(name)
            except ImportError as exc:
                skipped.append(f"{short}: {exc}")
                continue
            reason = getattr(module, "unavailable", lambda: None)()
            if reason:
                skipped.append(f"{short}: {reason}")
                continue
            try:
                figures.extend(module.run(ctx))
            except Exception as exc:  # one broken benchmark must not lose the others
                skipped.append(f"{short}: failed ({type(exc).__name__}: {str(exc)[:200]})")
    finally:
        packs.close()
    info = machine()
    text = table(figures)
    header = (
        f"{info['date']}, {info['cpu']}, {info['cores']} cores, Python {info['versions']['python']}, "
        f"Textual {info['versions']['textual']}, PyYAML {info['versions']['yaml']} "
        f"(libyaml {info['versions']['libyaml']}), rapidfuzz {info['versions']['rapidfuzz']}; "
        f"`python -m benchmarks{' --quick' if args.quick else ''}"
        f"{' --only ' + ' '.join(args.only) if args.only else ''}` took "
        f"{time.perf_counter() - began:.0f} s; load average (1/5/15 min) {load_before} at the "
        f"start, {load_average()} at the end (2 cores: above 2, runs wait for a core)."
    )
    output = header + "\n\n" + text
    if skipped:
        output += "\n\nNot measured: " + "; ".join(skipped)
    if args.json != "-":
        print(output)
    if args.json:
        payload = {
            "machine": info,
            "quick": args.quick,
            "figures": [f.as_dict() for f in figures],
            "skipped": skipped,
        }
        data = json.dumps(payload, indent=2, ensure_ascii=False)
        if args.json == "-":
            print(data)
        else:
            Path(args.json).write_text(data + "\n", encoding="utf-8")
    if args.update_docs:
        update_docs(output)
    failed = [f.name for f in figures if f.met is False]
    if failed:
        print(f"\n{len(failed)} target(s) missed: " + "; ".join(failed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
