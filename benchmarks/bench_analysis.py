"""Cost of the analysis relative to loading the pack, measured in the same run.

Run: python -m benchmarks.bench_analysis [PACK]. Prints medians and ratios to
the plain load (the baseline); the machine is shared, so only ratios matter.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from unittest import mock

from briefing.model import load_pack
from briefing.model.analysis.analyse import analyse
from briefing.model.io.building import sections as load_module  # build_pack checks dates here


def _median(fn: Callable[[], object], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else None
    pack = load_pack(path).pack
    assert pack is not None
    plain: list[float] = []
    dated: list[float] = []
    built: list[float] = []
    for _ in range(25):  # interleaved, so a busy spell hits both sides alike
        with mock.patch.object(load_module, "check_meeting_dates", lambda *a: ()):
            plain.append(_median(lambda: load_pack(path), 1))
        dated.append(_median(lambda: load_pack(path), 1))
        built.append(_median(lambda: analyse(pack), 1))
    baseline, with_dates, analysis = (statistics.median(x) for x in (plain, dated, built))
    print(f"load without date checks (baseline): {baseline * 1000:.1f} ms")
    print(f"load with date checks: {with_dates * 1000:.1f} ms ({with_dates / baseline:.2f}x)")
    print(
        f"full analysis, once per pack: {analysis * 1000:.1f} ms ({analysis / baseline:.2f}x of a load)"
    )


if __name__ == "__main__":
    main()
