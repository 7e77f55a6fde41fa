"""The reader's keys as a user feels them, and its memory, from the default pack to 5,000 articles.

For each pack (the default pack, then 100, 1,000 and 5,000 articles) one fresh
process runs ``benchmarks.reader_session`` with a warm cache (a second start):
key press to repainted frame on the Actors list (the first list on screen: an
actor's detail pane lists every fact it is linked to, so this is the walk whose
cost grew with the pack), on the pledges, and per character typed in the actor
search box; and the session's peak RSS. The same number of presses at every
size; figures are medians. The baseline of each key figure is the same walk in
the default pack (targets: Actors list, pledges and search at 5,000 articles ≤ 1.3×).
The previous version walked the pledges only (a few rows each) and timed
``ActorIndex.search`` alone for search.

``python -m benchmarks.nav_bench --profile N FILE`` writes the cProfile of the
Actors-list walk at N articles (0: the default pack) to FILE and prints its top.
"""

from __future__ import annotations

import argparse
import itertools
import pstats
import statistics
import time

from benchmarks.common import (
    LARGE,
    REPO,
    Context,
    Figure,
    Packs,
    median,
    reader_missing,
    run_module,
    run_python,
)

SIZES = (0, 100, 1000, LARGE)
FILL = "import sys; from briefing.model import load_pack; load_pack(sys.argv[1], cache=True)"


def unavailable() -> str | None:
    return reader_missing()


def label(articles: int) -> str:
    return "default pack" if articles == 0 else f"{articles:,} articles"


def session(packs: Packs, articles: int, presses: int, profile: str = "") -> dict[str, object]:
    """One reader session on a warm cache (filled first by a plain load, not timed)."""
    pack = str(packs.get(articles))
    env = {"BRIEFING_CACHE_DIR": str(packs.cache_dir(f"nav-{articles}")), "BRIEFING_NO_CACHE": ""}
    run_python(FILL + "; print(1)", pack, env=env)
    args = [pack, str(presses), repr(time.time())] + ([profile] if profile else [])
    return run_module("benchmarks.reader_session", *args, env=env, timeout=900)  # type: ignore[no-any-return]


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def run(ctx: Context) -> list[Figure]:
    presses = 12 if ctx.quick else 30
    results: dict[int, dict[str, object]] = {}
    for articles in SIZES:
        ctx.log(f"navigation: {label(articles)}, {presses} presses")
        results[articles] = session(ctx.packs, articles, presses)
    bare = run_module("benchmarks.apps", "bare", str(REPO), "frame", repr(time.time()))["rss_mib"]
    figures: list[Figure] = []
    for key, what, target_size in (
        ("actors", "key press to repainted frame, Actors list", LARGE),
        ("pledges", "key press to repainted frame, pledges", LARGE),
        ("search", "search keystroke to repainted results", LARGE),
    ):
        base = median(results[0][key])  # type: ignore[arg-type]
        for articles in SIZES[1:]:
            times: list[float] = results[articles][key]  # type: ignore[assignment]
            value = median(times)
            target = articles == target_size
            figures.append(
                Figure(
                    "navigation",
                    f"{what}, {label(articles)} (median of {len(times)}; p90 {_p90(times) * 1000:.0f} ms)",
                    value,
                    "s",
                    "same in the default pack",
                    base,
                    value / base,
                    "≤ 1.3×" if target else "(informational)",
                    value / base <= 1.3 if target else None,
                )
            )
    above: dict[int, float] = {}
    for articles in SIZES:
        rss = float(results[articles]["rss_mib"])  # type: ignore[arg-type]
        above[articles] = rss - bare
        target = articles == LARGE
        figures.append(
            Figure(
                "memory",
                f"reader peak RSS over a session, {label(articles)} (load, background "
                f"analysis, walks, search; {float(results[articles]['rss_shown_mib']):.0f} MiB "  # type: ignore[arg-type]
                "when the panes filled)",
                rss,
                "MiB",
                "bare Textual app, same widgets",
                bare,
                rss / bare,
                "≤ 250 MiB" if target else "(informational)",
                rss <= 250 if target else None,
            )
        )
    for small, large in itertools.pairwise(SIZES[1:]):
        growth = (above[large] / large) / (above[small] / small)
        figures.append(
            Figure(
                "memory",
                f"reader RSS above the bare app per article, {large:,} vs {small:,} articles",
                above[large] / large * 1024,
                "KiB/article",
                f"per article at {small:,}",
                above[small] / small * 1024,
                growth,
                "linear (≤ 1.25×)",
                growth <= 1.25,
            )
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", nargs=2, metavar=("ARTICLES", "FILE"), required=True)
    parser.add_argument("--presses", type=int, default=12)
    args = parser.parse_args(argv)
    packs = Packs()
    try:
        articles, path = int(args.profile[0]), args.profile[1]
        result = session(packs, articles, args.presses, profile=path)
    finally:
        packs.close()
    times: list[float] = result["actors"]  # type: ignore[assignment]
    print(f"Actors list, {label(articles)}: median {median(times) * 1000:.0f} ms of {len(times)}")
    pstats.Stats(path).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
