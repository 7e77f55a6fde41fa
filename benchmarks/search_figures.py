"""Actor search figures, from the search engineer's ``benchmarks/search_bench.py``.

This module only adapts its results to the runner's table: per keystroke, the
index against plain ``rapidfuzz.process.extract`` (WRatio) over the same alias
strings, at 1k, 10k and 100k aliases, and whether the top result agrees.
"""

from __future__ import annotations

import importlib.util

from benchmarks.common import Context, Figure


def unavailable() -> str | None:
    if importlib.util.find_spec("benchmarks.search_bench") is None:
        return "benchmarks/search_bench.py (branch search) is not in this tree yet"
    return None


def run(ctx: Context) -> list[Figure]:
    from benchmarks import search_bench

    queries, extra = (4, 8) if ctx.quick else (16, 48)  # as search_bench's own --quick
    figures = []
    for size in search_bench.SIZES:
        ctx.log(f"search: {size:,} aliases")
        r = search_bench.measure(size, queries, extra)
        ms = r.index_median_ms / 1000
        plain = r.plain_median_ms / 1000
        if size >= 100_000:
            target, met = "< 16 ms", r.index_median_ms < 16
        elif size <= 1_000:
            target, met = "≤ 1.2× plain", r.ratio_median <= 1.2
        else:
            target, met = "(informational)", None
        figures.append(
            Figure(
                "search",
                f"keystroke, {r.strings:,} aliases (p95 {r.index_p95_ms:.1f} ms)",
                ms,
                "s",
                "plain process.extract, WRatio",
                plain,
                r.ratio_median,
                target,
                met,
            )
        )
        figures.append(
            Figure(
                "search",
                f"same top actor (not just score) as the index's own exhaustive scan, "
                f"{r.strings:,} aliases ({r.tied_scan:.0%} of queries tie at the top score; "
                f"untied: {r.agree_untied:.0%}; as plain WRatio: {r.agree_plain:.0%})",
                r.agree_scan * 100,
                "%",
                None,
                None,
                None,
                "untied queries: same actor",
                r.agree_untied >= 1.0,
            )
        )
    return figures
