"""Load + validate + anchor against plain ``yaml.CSafeLoader`` parsing of the same files.

For each pack size, a fresh interpreter times, alternately and ``repeats`` times
(the same number at every size, so per-article costs compare like with like):

- baseline: ``yaml.load(bytes, Loader=yaml.CSafeLoader)`` of every YAML file of the
  pack with the garbage collector paused, as ``load_pack`` pauses it (with the
  collector on, plain parsing grows worse than linearly and flatters the load:
  that figure is reported in the note only);
- ``load_pack(root)``: read, check, read the articles, split sentences, anchor
  every quote, build the indexes (no cache);
- ``load_pack(root, cache=True)`` against a warm cache (the second start).

The cost curve is the per-article time at 100, 1,000 and 5,000 articles.

    python -m benchmarks.load_bench [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json

from benchmarks.common import LARGE, Context, Figure, Packs, median, run_python

CHILD = r"""
import gc, json, os, sys, time
from pathlib import Path
import yaml
root, repeats, cache = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
os.environ["BRIEFING_CACHE_DIR"] = cache
files = sorted((root / "data").glob("*.yaml"))
def plain():
    for f in files:
        yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
def plain_nogc():
    gc.disable()
    try:
        plain()
    finally:
        gc.enable()
from briefing.model import load_pack
from briefing.model.collector import collector_paused
# As the CLI and the reader load (the collector policy is theirs, not load_pack's).
def ours():
    with collector_paused():
        assert load_pack(root).pack is not None
def cached():
    with collector_paused():
        assert load_pack(root, cache=True).pack is not None
cached()  # fills the cache (a miss)
times = {"plain": [], "plain_nogc": [], "load": [], "cached": []}
for _ in range(repeats):
    for name, fn in (("plain", plain), ("plain_nogc", plain_nogc), ("load", ours), ("cached", cached)):
        gc.collect()
        began = time.perf_counter()
        fn()
        times[name].append(time.perf_counter() - began)
print(json.dumps(times))
"""


def measure(packs: Packs, articles: int, repeats: int) -> dict[str, float]:
    """Median seconds of each variant for one pack size."""
    root = packs.get(articles)
    cache = packs.cache_dir(f"load-{articles}")
    times = run_python(CHILD, str(root), str(repeats), str(cache))
    return {name: median(values) for name, values in times.items()}


def run(ctx: Context) -> list[Figure]:
    sizes = (100, 1000) if ctx.quick else (100, 1000, LARGE)
    repeats = 3 if ctx.quick else 5
    figures: list[Figure] = []
    per_article: dict[int, float] = {}
    for articles in sizes:
        ctx.log(f"load: {articles} articles x{repeats} (median)")
        t = measure(ctx.packs, articles, repeats)
        ctx.shared.setdefault("parse_nogc", {})[articles] = t["plain_nogc"]
        per_article[articles] = t["load"] / articles
        ratio = t["load"] / t["plain_nogc"]
        figures.append(
            Figure(
                group="load",
                name=f"load + validate + anchor, {articles:,} articles, median of {repeats}",
                value=t["load"],
                unit="s",
                baseline="CSafeLoader parse of the same YAML, gc paused",
                baseline_value=t["plain_nogc"],
                ratio=ratio,
                target="≤ 3×",
                met=ratio <= 3,
                note=(
                    f"was compared with the parse with gc on, {t['plain']:.2f} s, "
                    f"which made the load look {t['load'] / t['plain']:.2f}×"
                ),
            )
        )
        figures.append(
            Figure(
                group="load",
                name=f"load from a warm cache, {articles:,} articles",
                value=t["cached"],
                unit="s",
                baseline="load_pack without the cache",
                baseline_value=t["load"],
                ratio=t["cached"] / t["load"],
                target="(informational)",
            )
        )
    steps = list(itertools.pairwise(sizes))
    for small, large in steps:
        growth = per_article[large] / per_article[small]
        figures.append(
            Figure(
                group="load",
                name=f"cost per article, {large:,} vs {small:,} articles",
                value=per_article[large] * 1000,
                unit="ms/article",
                baseline=f"cost per article at {small:,}",
                baseline_value=per_article[small] * 1000,
                ratio=growth,
                target="linear (≤ 1.25×)",
                met=growth <= 1.25,
            )
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    packs = Packs()
    try:
        figures = run(Context(args.quick, packs))
    finally:
        packs.close()
    print(json.dumps([f.as_dict() for f in figures], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
