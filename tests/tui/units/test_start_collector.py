"""The reader's start: its imports are frozen inside the collector's pause."""

from __future__ import annotations

from support import fresh_python


def test_the_reader_s_imports_leave_no_pass_over_what_they_built() -> None:
    """In a fresh interpreter (the modules import once a process): importing the app
    froze what it built before the collector was back on. Frozen after, a pass
    started at a young count of ~41,000 (measured) and walked it all first."""
    code = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from support import YoungPasses\n"
        "with YoungPasses() as passes:\n"
        "    import briefing.tui.app\n"
        "print(passes.crowded)\n"
    )
    out = fresh_python(code)
    assert out.strip() == "[]"
