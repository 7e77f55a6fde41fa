"""A pack grown over two days: ``briefing init`` on day 1's articles, ``briefing add`` on day 2's.

Between the two, the analyst writes a claim (as they would by hand); after day
2, they add the claim's new value. Shared by the "since" tests and the reader's.
"""

from __future__ import annotations

from pathlib import Path

from support import FIXTURES

from briefing.cli import main

STORY = FIXTURES / "since_story"

CLAIM = """\
claims:
  - id: ships-first-month
    topic: How many ships patrol in the first month
    values:
      - value: eight
        source: harbour-wire-2025-06-02
        evidence:
          - {source: harbour-wire-2025-06-02, quote: "eight ships on patrol in the first month"}
      - value: six
        source: source-2025-06-02
        evidence:
          - {source: source-2025-06-02, quote: "six ships on patrol in the first month"}
"""
TEN = """\
      - value: ten
        source: harbour-wire-2025-06-06
        evidence:
          - {source: harbour-wire-2025-06-06, quote: "ten ships on patrol in the first month"}
"""


def grow(root: Path) -> Path:
    """Build the pack at ``root`` (which must not exist) and return it."""
    assert main(["init", str(root), str(STORY / "day1"), "--as-of", "2025-06-02"]) == 0
    (root / "data" / "claims.yaml").write_text(CLAIM, encoding="utf-8")
    assert main(["add", str(root), str(STORY / "day2")]) == 0
    with (root / "data" / "claims.yaml").open("a", encoding="utf-8") as stream:
        stream.write(TEN)
    return root
