"""Everything computed from a loaded pack, each piece once: the one owner of derived data.

The reader asks for the same derived views from three threads at once: the
load worker builds the analysis and the actor index, a worker finds an actor's
mentions, another detects disagreements. A :class:`Derived` is made once per
loaded pack by whoever holds the pack (the reader app, a CLI command) and is
the only place those views are kept: the pack itself stays immutable, and no
module keeps a global cache keyed by pack. Each view is built by the first
thread that asks, under its own lock, while the others wait for that result
instead of building it again.

The modules doing the work (analysis, search, mentions) are imported on first
use: the reader's first frame needs none of them.

The reader fills its panes from the pack alone and builds the analysis, index
and disagreements afterwards in a worker; until then the panes ask the
non-blocking ``known_*`` / ``*_ready`` forms and say that analysis is pending.
The worker's ``build_*`` forms take a ``stop`` and give way to quitting.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefing.model.once import Once, Stop, Stoppable, Stopped, never
from briefing.model.types import Meeting, Pledge, meetings_by_date

if TYPE_CHECKING:
    from briefing.model.analysis.analyse import Analysis
    from briefing.model.analysis.disagreements.values import Disagreement
    from briefing.model.analysis.history import PledgeHistory
    from briefing.model.names.actor_mentions import Mention
    from briefing.model.names.search import ActorIndex
    from briefing.model.names.word_index import WordIndex
    from briefing.model.pack import Pack


MENTIONS_KEPT = 32
"""Actors whose mentions are kept, the most recently asked for.

An analyst walks through hundreds of actors in a session; a popular actor's
mentions at 5,000 articles are thousands of objects (~1-2 MiB), so keeping every
actor visited made the reader's memory grow with the walk. An actor dropped
and shown again is searched again (the word index makes most searches quick)."""


HISTORIES_KEPT = 64
"""Actors whose pledge histories are kept, the most recently asked for (each a few
KiB: at most ``MAX_COMPARED`` pledges are grouped together)."""


class Derived:
    """The analysis, actor index, disagreements and mentions of one pack, built on demand."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._analysis: Stoppable[Analysis] = Stoppable(self._build_analysis)
        self._index: Once[ActorIndex] = Once(self._build_index)
        self._words: Stoppable[WordIndex] = Stoppable(self._build_words)
        self._mentions: OrderedDict[str, list[Mention]] = OrderedDict()
        """The last :data:`MENTIONS_KEPT` actors' mentions, most recently asked for last."""
        self._mention_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._article_chars: int | None = None
        self._outlets: Once[Counter[str]] = Once(
            lambda: Counter(s.outlet for s in self.pack.sources)
        )
        self._histories: OrderedDict[str, dict[str, PledgeHistory]] = OrderedDict()
        """The last :data:`HISTORIES_KEPT` actors' pledge histories, most recently asked for last."""
        self._dates: Once[dict[str, str | None]] = Once(self._build_dates)
        self._meetings_by_date: Once[tuple[Meeting, ...]] = Once(
            lambda: tuple(meetings_by_date(self.pack.meetings))
        )

    def _build_analysis(self, stop: Stop) -> Analysis:
        from briefing.model.analysis.analyse import analyse

        return analyse(self.pack, stop)

    def _build_dates(self) -> dict[str, str | None]:
        from briefing.model.analysis.history import source_dates

        return source_dates(self.pack)

    def _build_index(self) -> ActorIndex:
        from briefing.model.names.search import ActorIndex

        return ActorIndex.build(self.pack)

    def _build_words(self, stop: Stop) -> WordIndex:
        from briefing.model.names.word_index import WordIndex

        return WordIndex.build([s.text for s in self.pack.sources], stop)

    def build_words(self, stop: Stop) -> WordIndex | None:
        """The pack's word index (which articles can name whom), or None when ``stop`` interrupted.

        Built once, by the reader's load worker after the disagreements or by the
        first mentions search, whichever comes first: folding every article once
        costs what one search without it did (about 3 s of CPU at 5,000 articles).
        """
        try:
            return self._words.get(stop)
        except Stopped:
            return None

    @property
    def outlet_counts(self) -> Counter[str]:
        """How many sources each outlet has (lists tell two articles of one outlet apart)."""
        return self._outlets.get()

    @property
    def meetings_by_date(self) -> tuple[Meeting, ...]:
        """Meetings oldest first, undated last (the order lists and notes show them in)."""
        return self._meetings_by_date.get()

    @property
    def article_chars(self) -> int:
        """How much article text the pack holds (what a text-wide search must read)."""
        if self._article_chars is None:
            self._article_chars = sum(len(s.text) for s in self.pack.sources)
        return self._article_chars

    @property
    def analysis(self) -> Analysis:
        """Resolved dates, support and grades (disagreements are found on first use)."""
        return self._analysis.get()

    @property
    def known_analysis(self) -> Analysis | None:
        """The analysis if it is built, else None (never blocks: the reader's panes ask this)."""
        return self._analysis.known()

    @property
    def index_ready(self) -> bool:
        """True once the actor index is built (asking for it would not block)."""
        return self._index.done

    @property
    def disagreements_ready(self) -> bool:
        """True once the disagreements are found (asking for them would not block)."""
        analysis = self._analysis.known()
        return analysis is not None and analysis.disagreements_found

    def build_analysis(self, stop: Stop) -> Analysis | None:
        """Build the analysis now (a worker), or None when ``stop`` interrupted it."""
        try:
            return self._analysis.get(stop)
        except Stopped:
            return None

    def find_disagreements(self, stop: Stop) -> tuple[Disagreement, ...] | None:
        """Find the disagreements now (a worker), or None when ``stop`` interrupted it."""
        analysis = self.build_analysis(stop)
        return None if analysis is None else analysis.find_disagreements(stop)

    @property
    def index(self) -> ActorIndex:
        """The fuzzy actor index (search, the palette, and mentions' name ownership)."""
        return self._index.get()

    def history(self, pledge: Pledge) -> PledgeHistory:
        """A pledge's status over time, its actor's records grouped once while it is kept.

        Grouping an actor's pledges is O(k²) in its k records; asked on every
        key press in the pledges list it cost 1.4 s at 1,000 articles and 26 s
        at 4,500, so the histories of the pledge's actor are built on first use
        and looked up after, for the last :data:`HISTORIES_KEPT` actors. (Every
        pledge's history at once, as this once kept, was ~23 MiB for the session
        at 5,000 articles, built when the analyst first walked the pledges.) An
        actor with more than ``MAX_COMPARED`` pledges is never grouped: each of
        its histories is one record's, made when asked. A pledge not in the pack
        (none the reader shows) is grouped alone.
        """
        from briefing.model.analysis.history import MAX_COMPARED, actor_histories, history_of

        pledges = sum(isinstance(f, Pledge) for f in self.pack.facts_of(pledge.actor))
        if self.pack.get(pledge.id) is pledge and pledges <= MAX_COMPARED:
            with self._locks_lock:
                kept = self._histories.get(pledge.actor)
                if kept is None:
                    kept = actor_histories(self.pack, pledge.actor, self._dates.get())
                    self._histories[pledge.actor] = kept
                    while len(self._histories) > HISTORIES_KEPT:
                        self._histories.popitem(last=False)
                self._histories.move_to_end(pledge.actor)
            found = kept.get(pledge.id)
            if found is not None:
                return found
        return history_of(self.pack, pledge)

    @property
    def disagreements(self) -> tuple[Disagreement, ...]:
        """What the articles disagree on: the costly, text-wide part of the analysis."""
        return self.analysis.disagreements

    def known_mentions(self, actor_id: str) -> list[Mention] | None:
        """An actor's mentions if some thread has found them already, else None (never blocks)."""
        return self._recall(actor_id)

    def _recall(self, actor_id: str) -> list[Mention] | None:
        with self._locks_lock:
            found = self._mentions.get(actor_id)
            if found is not None:
                self._mentions.move_to_end(actor_id)
            return found

    def _keep(self, actor_id: str, found: list[Mention]) -> None:
        with self._locks_lock:
            self._mentions[actor_id] = found
            self._mentions.move_to_end(actor_id)
            while len(self._mentions) > MENTIONS_KEPT:
                self._mentions.popitem(last=False)

    def mentions(
        self, actor_id: str, *, stop: Callable[[], bool] | None = None
    ) -> list[Mention] | None:
        """Every sentence naming ``actor_id``, found once per actor (while it is kept).

        A second thread asking for the same actor waits for the first one's
        result. The search reads only the articles the word index says can name
        the actor (built here on the first search if the load worker has not).
        ``stop`` is asked between articles: when it says so the search ends,
        nothing is kept and None is returned (a background search gives way to
        quitting instead of holding the process open).
        """
        found = self._recall(actor_id)
        if found is not None:
            return found
        with self._locks_lock:
            lock = self._mention_locks.setdefault(actor_id, threading.Lock())
        with lock:
            found = self._recall(actor_id)
            if found is None:
                from briefing.model.names.actor_mentions import SearchStopped, mentions

                words = self.build_words(stop or never)
                if words is None:
                    return None
                try:
                    found = mentions(self.pack, actor_id, self.index, stop=stop, words=words)
                except SearchStopped:
                    return None
                self._keep(actor_id, found)
        return found
