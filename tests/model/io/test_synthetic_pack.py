"""The benchmarks' synthetic pack is itself a valid pack, with nothing to warn about.

The performance figures are only worth something if the pack they load is one
an analyst could have made: every quote anchored, every date consistent with the
weekday its article names. A warning per meeting (as there once were, ~3,500 at
1,000 articles) would also put the cost of formatting warnings into the figures.
"""

from __future__ import annotations

from pathlib import Path

from support import synthetic_pack

from briefing.model.io import load_pack


def test_a_generated_pack_loads_with_no_errors_and_no_warnings(tmp_path: Path) -> None:

    root = synthetic_pack(12, tmp_path / "pack")
    result = load_pack(str(root), faithfulness=True)  # as `briefing validate` reads it
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    assert [d.format() for d in result.diagnostics] == []
    assert len(result.pack.sources) == 12
    assert len(result.pack.meetings) == 48
