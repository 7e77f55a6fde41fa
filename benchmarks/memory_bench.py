"""Peak memory of the reader with the 1,000-article pack, against the bare app.

Peak resident set size (``getrusage`` ru_maxrss) of a fresh process that opens
the app headless and waits until the pack is shown; the bare app is the
baseline. Target: ≤ bare app + 5x the article bytes. Measured with a warm cache
(a second start) and cold (the full load, which holds the YAML tree while it
builds the model).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, Context, Figure, reader_missing, run_module


def unavailable() -> str | None:
    return reader_missing()


def peak(kind: str, pack: str, cache: Path, mode: str = "frame") -> dict[str, float]:
    env = {"BRIEFING_CACHE_DIR": str(cache), "BRIEFING_NO_CACHE": ""}
    result = run_module("benchmarks.apps", kind, pack, mode, repr(time.time()), env=env)
    return {key: float(value) for key, value in result.items()}


def run(ctx: Context) -> list[Figure]:
    ctx.log("memory")
    pack = str(ctx.packs.get(1000))
    article_mib = ctx.packs.article_bytes(1000) / 2**20
    warm = ctx.packs.cache_dir("memory")
    bare = peak("bare", str(REPO), warm)["rss_mib"]
    cold_dir = Path(tempfile.mkdtemp(prefix="cold-", dir=ctx.packs.folder))
    cold = peak("briefing", pack, cold_dir)["rss_mib"]
    shutil.rmtree(cold_dir, ignore_errors=True)
    peak("briefing", pack, warm)  # the cold run filled nothing here: fill, then measure
    settled = peak("briefing", pack, warm, "settle")
    hot = settled["rss_mib"]
    limit = bare + 5 * article_mib
    target = f"≤ bare + 5× articles ({article_mib:.1f} MiB) = {limit:.0f} MiB"
    return [
        Figure(
            "memory",
            "peak RSS, 1,000 articles, warm cache",
            hot,
            "MiB",
            "bare Textual app",
            bare,
            hot / bare,
            target,
            hot <= limit,
        ),
        Figure(
            "memory",
            "peak RSS, 1,000 articles, cold (full load)",
            cold,
            "MiB",
            "bare Textual app",
            bare,
            cold / bare,
            target,
            cold <= limit,
        ),
        Figure(
            "memory",
            "peak RSS, 1,000 articles, warm cache, after the background disagreement detection",
            settled["rss_settled_mib"],
            "MiB",
            "bare Textual app",
            bare,
            settled["rss_settled_mib"] / bare,
            "(informational)",
            None,
        ),
    ]
