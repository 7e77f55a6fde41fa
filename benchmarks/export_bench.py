"""Markdown export of the 1,000-article pack, against its JSON export (same run, same pack).

The pack is loaded once (not timed); then ``briefing.export.render(pack, "md")``
and ``render(pack, "json")`` are timed alternately, best of a few. Target: < 2 s.
"""

from __future__ import annotations

from benchmarks.common import Context, Figure, run_python

CHILD = r"""
import gc, json, sys, time
from briefing.model import load_pack
from briefing.export import render
pack = load_pack(sys.argv[1], cache=True).pack
times = {"md": [], "json": []}
for _ in range(int(sys.argv[2])):
    for fmt in ("md", "json"):
        gc.collect()
        began = time.perf_counter()
        text = render(pack, fmt)
        times[fmt].append(time.perf_counter() - began)
        times[fmt + "_bytes"] = len(text.encode("utf-8"))
print(json.dumps(times))
"""


def unavailable() -> str | None:
    from benchmarks.common import REPO

    if not (REPO / "briefing" / "export" / "markdown.py").exists():
        return "the Markdown export is not in this tree yet"
    return None


def run(ctx: Context) -> list[Figure]:
    ctx.log("export: 1,000 articles")
    repeats = 2 if ctx.quick else 4
    t = run_python(
        CHILD,
        str(ctx.packs.get(1000)),
        str(repeats),
        env={"BRIEFING_CACHE_DIR": str(ctx.packs.cache_dir("export"))},
    )
    md, js = min(t["md"]), min(t["json"])
    return [
        Figure(
            "export",
            f"Markdown export, 1,000 articles ({t['md_bytes'] / 2**20:.1f} MiB of Markdown)",
            md,
            "s",
            "JSON export of the same pack",
            js,
            md / js,
            "< 2 s",
            md < 2,
        )
    ]
