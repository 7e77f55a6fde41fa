"""What a loaded pack needs before the reader shows it: plain Python, run in workers.

The app's loading worker and the curation worker both build these after reading
the pack, off the UI thread; neither needs Textual, so they live apart from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.model.derived import Derived
    from briefing.model.editing import EditSession
    from briefing.model.io import LoadResult

# The model is imported inside each function: these run in a worker, and the
# loader and analysis are not needed for the first frame.


def derive(result: LoadResult) -> Derived | None:
    """A new owner of the loaded pack's derived data, its analysis and index built now.

    Called in a worker: the analysis (dates, support, grades) and the actor index
    are built here, off the UI thread, with the collector paused.
    """
    from briefing.model.collector import collector_paused
    from briefing.model.derived import Derived

    if result.pack is None:
        return None
    derived = Derived(result.pack)
    with collector_paused():
        _ = derived.analysis
        _ = derived.index
    return derived


def editor_for(pack_arg: str | None, result: LoadResult) -> EditSession | None:
    """The edit engine for a loaded pack, or None when its files cannot be edited."""
    from briefing.model.editing import EditRefused, EditSession

    try:
        return EditSession(pack_arg, baseline=result)
    except EditRefused:
        return None


def find_disagreements(derived: Derived) -> None:
    """Find the pack's disagreements (kept by ``derived``), then keep the collector off them."""
    from briefing.model.collector import keep_for_good

    _ = derived.disagreements
    keep_for_good()
