"""``briefing export`` as a user runs it: a fresh process, from the pack's files to the file written.

Each run is a new interpreter running the command line, so it pays everything a
user waits for: imports, the load, the analysis and the disagreement detection
the export includes, encoding and writing. Wall time and peak RSS come from the
command's own peak (GNU ``time``'s ``%M``, see ``common.run_command``). Beside each: ``briefing validate`` on
the same pack (the load alone, the export's floor) and, as the floor of any CLI
command, ``python -c 'import yaml, rapidfuzz'``.

Targets (at 5,000 articles): peak RSS
and wall ≤ 1.5× ``validate``'s; every figure
at most linear in the pack (per-article cost ratio ≤ 1.25, the same number of
runs at every size). The previous version of this benchmark loaded the pack once
from a warm cache outside the timing and reported the fastest of alternating
in-process renders: it skipped the load, the analysis and the disagreements.
"""

from __future__ import annotations

import itertools
import sys

from benchmarks.common import LARGE, Context, Figure, Run, median, run_command

FLOOR = "import yaml, rapidfuzz"


def unavailable() -> str | None:
    return None


def _median_run(runs: list[Run]) -> Run:
    return Run(
        median([r.wall for r in runs]),
        median([r.cpu for r in runs]),
        median([r.rss_mib for r in runs]),
    )


def run(ctx: Context) -> list[Figure]:
    # Every size up to the 5,000 articles, the same number of runs at each
    # size (the per-article ratios compare them). --quick runs each command twice,
    # interleaved (at 5,000 articles validate takes ~22 s and each export ~34 s):
    # one run was not enough, as validate alone read 21.7, 22.0 and 24.4 s in three
    # single runs on an idle machine, moving the ratios by a tenth.
    sizes = (100, 1000, LARGE)
    repeats = 2 if ctx.quick else 3
    floor = _median_run([run_command([sys.executable, "-c", FLOOR]) for _ in range(3)])
    figures: list[Figure] = []
    per_article: dict[str, dict[int, float]] = {"json": {}, "md": {}}
    out = ctx.packs.folder / "export.out"
    for articles in sizes:
        pack = str(ctx.packs.get(articles))
        ctx.log(f"export: {articles:,} articles x{repeats}")
        runs: dict[str, list[Run]] = {"validate": [], "json": [], "md": []}
        size: dict[str, int] = {}
        for _ in range(repeats):
            runs["validate"].append(
                run_command([sys.executable, "-m", "briefing", "validate", pack])
            )
            for fmt in ("json", "md"):
                argv = [sys.executable, "-m", "briefing", "export", "--format", fmt, pack]
                runs[fmt].append(run_command([*argv, "-o", str(out), "--force"]))
                size[fmt] = out.stat().st_size
        m = {k: _median_run(v) for k, v in runs.items()}
        v = m["validate"]
        figures.append(
            Figure(
                "export",
                f"briefing validate, {articles:,} articles (peak RSS {v.rss_mib:.0f} MiB; "
                f"floor's {floor.rss_mib:.0f} MiB)",
                v.wall,
                "s",
                "python -c 'import yaml, rapidfuzz'",
                floor.wall,
                v.wall / floor.wall,
                "(the export's floor)",
            )
        )
        for fmt, label in (("json", "JSON"), ("md", "Markdown")):
            e = m[fmt]
            # Above the floor (interpreter and imports), so a fixed cost does not hide growth.
            per_article[fmt][articles] = max(e.wall - floor.wall, 1e-3) / articles
            target = articles == sizes[-1]
            figures.append(
                Figure(
                    "export",
                    f"export --format {fmt}, {articles:,} articles, fresh process, wall "
                    f"({size[fmt] / 2**20:.1f} MiB of {label}; CPU {e.cpu:.2f} s)",
                    e.wall,
                    "s",
                    "briefing validate, same pack",
                    v.wall,
                    e.wall / v.wall,
                    "≤ 1.5×" if target else "(informational)",
                    e.wall / v.wall <= 1.5 if target else None,
                )
            )
            figures.append(
                Figure(
                    "export",
                    f"export --format {fmt}, {articles:,} articles, peak RSS "
                    f"({e.rss_mib / (size[fmt] / 2**20):.1f}× the output)",
                    e.rss_mib,
                    "MiB",
                    "briefing validate's peak RSS",
                    v.rss_mib,
                    e.rss_mib / v.rss_mib,
                    "≤ 1.5×" if target else "(informational)",
                    e.rss_mib / v.rss_mib <= 1.5 if target else None,
                )
            )
    for fmt, costs in per_article.items():
        for small, large in itertools.pairwise(sizes):
            growth = costs[large] / costs[small]
            figures.append(
                Figure(
                    "export",
                    f"export --format {fmt}: wall above the import floor per article, {large:,} vs {small:,}",
                    costs[large] * 1000,
                    "ms/article",
                    f"per article at {small:,}",
                    costs[small] * 1000,
                    growth,
                    "linear (≤ 1.25×)",
                    growth <= 1.25,
                )
            )
    return figures
