"""Finding an actor's mentions in the background, for the detail pane.

Finding them reads every article (folded, with fuzzy matching of garbled
names): milliseconds for a handful of articles, seconds for a thousand, which
would freeze the reader on every actor. So on a large pack the pane asks this
finder, which runs the search in a Textual thread worker:

- only after the cursor has rested on the actor for :data:`DELAY` seconds, so
  running down a list of actors does not start a search for each one passed;
- one search at a time: a search is plain Python over every article and a
  second one would only compete with it for the CPU, so the newest request
  waits for the running one (older waiting requests are dropped);
- answers come from :class:`briefing.model.derived.Derived`, which keeps them,
  so an actor searched once is answered at once next time;
- the worker stops between articles when Textual cancels it (quitting), so
  quitting mid-search does not wait for the search to end;
- a running search pauses while the cursor moves (:meth:`MentionsFinder.give_way`),
  until it has rested :data:`QUIET` seconds. A search is CPU-bound Python: it
  holds the interpreter lock, so the keys' own Python work runs at half speed
  and waits for the lock each time it comes back from the terminal. Measured
  on 5,000 articles with a search running through a 12-press Actors walk: the
  median press took ~200 ms against ~40-90 ms idle, and lowering
  ``sys.setswitchinterval`` from 5 ms to 0.5 ms did not change that (~130-250
  ms: the two threads still share the interpreter), so the search steps aside
  instead. With the word index most searches end within a rest anyway; the
  few actors named in thousands of articles are the ones this is for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState, get_current_worker

from briefing.model.types import Evidence

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

    from briefing.model.derived import Derived
    from briefing.model.names import Mention

DELAY = 0.25
"""Seconds the cursor must rest on an actor before its mentions are looked for."""
QUIET = DELAY
"""Seconds since the cursor last moved before a paused search goes on."""
PAUSE = 0.02
"""How long a paused search sleeps before it looks again (the lock is free meanwhile)."""
GROUP = "mentions"


class MentionsFinder:
    """Runs mentions searches for ``host``'s workers; tells ``found(actor_id)`` when one ends.

    The host forwards its ``Worker.StateChanged`` events to :meth:`worker_changed`.
    """

    def __init__(self, host: Widget, found: Callable[[str], None]) -> None:
        self.host = host
        self.found = found
        self.delay = DELAY
        self.quiet = QUIET
        self.moved_at = 0.0
        """When the cursor last moved (``time.monotonic``): running searches pause until quiet."""
        self.wanted: str | None = None
        """The actor whose mentions the pane is waiting for (None: none)."""
        self.running: str | None = None
        """The actor being searched now."""
        self._queued: tuple[Derived, str] | None = None
        self._timer: Timer | None = None

    def want(self, derived: Derived, actor_id: str) -> None:
        """The pane shows ``actor_id`` and needs its mentions: search after a short rest."""
        self.forget()
        self.wanted = actor_id
        self._timer = self.host.set_timer(self.delay, lambda: self._start(derived, actor_id))

    def forget(self) -> None:
        """The pane has moved on: no result is wanted (a running search still completes)."""
        self.moved_at = time.monotonic()
        self.wanted = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _start(self, derived: Derived, actor_id: str) -> None:
        self._timer = None
        if actor_id != self.wanted:
            return
        if derived.known_mentions(actor_id) is not None:
            self.found(actor_id)
        elif self.running is None:
            self.running = actor_id
            self.host.run_worker(
                lambda: self._search(derived, actor_id),
                name=f"mentions of {actor_id}",
                group=GROUP,
                thread=True,
                exit_on_error=False,
            )
        elif self.running != actor_id:
            self._queued = (derived, actor_id)

    def _search(self, derived: Derived, actor_id: str) -> str:
        worker = get_current_worker()
        derived.mentions(actor_id, stop=lambda: self.give_way(lambda: worker.is_cancelled))
        return actor_id

    def give_way(self, cancelled: Callable[[], bool]) -> bool:
        """Asked by a search between articles: wait while the cursor moves; True to stop.

        Sleeps in steps of :data:`PAUSE` until the cursor has not moved for
        ``quiet`` seconds (the interpreter is the keys' meanwhile), and returns
        whether the worker was cancelled.
        """
        while not cancelled() and time.monotonic() - self.moved_at < self.quiet:
            time.sleep(PAUSE)
        return cancelled()

    def worker_changed(self, worker: Worker[object], state: WorkerState) -> bool:
        """Handle a worker's state change; True when it was one of this finder's."""
        if worker.group != GROUP:
            return False
        if state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return True
        finished, self.running = self.running, None
        queued, self._queued = self._queued, None
        if queued is not None and queued[1] == self.wanted:
            self._start(*queued)
        if state == WorkerState.SUCCESS and finished is not None and finished == self.wanted:
            self.found(finished)
        return True


def mention_evidence(mention: Mention, text: str) -> Evidence:
    """A mention in the shape of evidence, so the source pane highlights it the same way.

    It is not evidence (the pane labels it as a mention); the shape is only for
    showing. ``text``: the article's text, which the offsets count in.
    """
    return Evidence(
        source=mention.source_id,
        start=mention.start,
        end=mention.end,
        sentence_start=mention.sentence_start,
        sentence_end=mention.sentence_end,
        text=text,
    )
