"""What a loaded pack needs before the reader shows it: plain Python, run in workers.

The app's loading worker and the curation worker both build these after reading
the pack, off the UI thread; neither needs Textual, so they live apart from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.model.derived import Derived
    from briefing.model.editing import EditSession
    from briefing.model.io import LoadResult

# The model is imported inside each function: these run in a worker, and the
# loader and analysis are not needed for the first frame.


def derive(result: LoadResult) -> Derived | None:
    """A new owner of the loaded pack's derived data, its analysis and index built now.

    Called in the edit worker, off the UI thread, with the collector paused: the
    reader reloads in place after an edit and keeps showing support and ratings.
    (A first load does not: the panes are filled from the pack alone, and
    :func:`analyse_in_background` builds these afterwards.)
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


class Progress:
    """The ``stop`` the background analysis asks between pieces of work; it counts them.

    Asked once a meeting while the analysis resolves dates, once an article (three
    passes), pledge and claim while disagreements are found: the count tells the
    analyst how far it has got. ``cancelled`` says whether the worker was cancelled
    (the analyst quit): then the computations give way.
    """

    def __init__(self, derived: Derived, cancelled: Callable[[], bool]) -> None:
        self.derived = derived
        self.cancelled = cancelled
        self.stage = "indexing"
        """indexing, analysing, disagreements or done."""
        self.done = 0

    def __call__(self) -> bool:
        self.done += 1
        return self.cancelled()

    def enter(self, stage: str) -> None:
        """A new stage begins: counting starts again."""
        self.stage, self.done = stage, 0

    def text(self) -> str:
        """What the footer says while the work goes on ("" once it is done)."""
        pack = self.derived.pack
        if self.stage == "indexing":
            return f" indexing {len(pack.actors):,} actors… "
        if self.stage == "analysing":
            total = len(pack.meetings)
            return f" analysing {min(self.done, total):,}/{total:,} meetings "
        if self.stage == "disagreements":
            # Three passes over the articles, then the pledges and the claims.
            total = 3 * len(pack.sources) + len(pack.pledges) + len(pack.claims)
            percent = 100 * self.done // max(total, 1)
            return f" disagreements {min(percent, 99)}% "
        return ""


def analyse_in_background(
    progress: Progress, analysed: Callable[[], None], found: Callable[[], None]
) -> None:
    """Index and analysis, disagreements, then the word index: the load worker's second half.

    Runs after the panes are filled from the pack. ``analysed`` is called once
    the index and analysis exist (support, ratings, dates, search can be shown),
    ``found`` once the disagreements do; neither is called when the worker was
    cancelled. The collector is paused while the index and analysis are built,
    then what was built is frozen (kept for the session, never walked again).
    The word index comes last (the mentions search's, built now so that a
    search while the analyst walks the lists reads a few articles, not all).
    """
    from briefing.model.collector import collector_paused, keep_for_good

    derived = progress.derived
    with collector_paused():
        progress.enter("indexing")
        _ = derived.index  # a fraction of a second at thousands of actors
        progress.enter("analysing")
        analysis = derived.build_analysis(progress)
        if analysis is not None:
            keep_for_good()
    if analysis is None:
        return
    analysed()
    progress.enter("disagreements")
    # The collector stays on here: detection's garbage is transient, not kept.
    disagreements = derived.find_disagreements(progress)
    if disagreements is None:
        return
    keep_for_good()
    progress.enter("done")
    found()
    with collector_paused():  # quietly: the footer's count has ended with the views it opens
        derived.build_words(progress)
