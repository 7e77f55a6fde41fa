"""The detail pane: the selected item's fields, its links and each evidence item.

One OptionList holds it all: fields are disabled rows (the cursor skips them),
links and evidence items are the rows the cursor lands on. Highlighting an
evidence row shows it in the source pane; enter follows a link or jumps to the
sentence.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.model.analysis.corroboration import outlet_identity
from briefing.model.analysis.grading import CREDIBILITY, RELIABILITY
from briefing.model.analysis.history import history_of
from briefing.model.pack import Pack, evidence_of
from briefing.model.sanitize import clean, clean_line
from briefing.model.types import Actor, Claim, Evidence, Fact, Meeting, Pledge, Source
from briefing.tui.labels import analysis, evidence_label, is_candidate, label, source_label
from briefing.tui.remarks import remark_fields

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefing.model.analysis.analyse import FactAnalysis
    from briefing.model.names.actor_mentions import Mention

BACKGROUND_MENTIONS_CHARS = 200_000
"""Above this much article text, an actor's mentions are found in a thread.

Finding them reads every article (folded, with fuzzy matching of garbled
names): milliseconds for a handful of articles, seconds for a thousand, which
would freeze the reader on every actor. A small pack keeps the simple path.
"""
MENTIONS_DELAY = 0.25
"""Seconds the cursor must rest on an actor before its mentions are looked for."""
_MENTIONS_CACHE = "tui-mentions"


def _known_mentions(pack: Pack) -> dict[str, list[Mention]]:
    """Mentions already found, by actor id, kept on the pack for the session."""
    return cast("dict[str, list[Mention]]", pack.cache.setdefault(_MENTIONS_CACHE, {}))


MATCH_NOTES = {"normalised": " (matched after normalising)", "lost-character": " (lost character)"}


def _field(name: str, value: str) -> Option:
    return Option(
        Content.from_markup("[b]$name:[/b] $value", name=name, value=clean(value)), disabled=True
    )


def _heading(text: str) -> Option:
    return Option(Content.from_markup("[b $accent]$text[/]", text=text), disabled=True)


def _analysis_rows(found: FactAnalysis | None) -> Iterator[Option]:
    """Support, Admiralty rating and caveats of a fact, as field rows."""
    if found is None:
        return
    s, g = found.support, found.grade
    single = " (single source)" if s.single_source else ""
    yield _field("support", f"{s.shown()}{single}")
    why = "set by the author" if g.basis == "author" else g.reason
    yield _field(
        "rating",
        f"{g.rating}: source {RELIABILITY[g.reliability]}; {CREDIBILITY[g.credibility]} ({why})",
    )
    for caveat in g.caveats:
        yield _field("caveat", caveat)


class DetailPane(OptionList):
    """Fields, links and evidence of one item."""

    @dataclass
    class EvidenceHighlighted(Message):
        """The cursor is on evidence item ``index`` of the current item."""

        index: int

    @dataclass
    class EvidenceOpened(Message):
        """Enter on evidence item ``index``: go to its sentence."""

        index: int

    @dataclass
    class MentionShown(Message):
        """The cursor is on (or enter was pressed on) one of an actor's mentions."""

        mention: Mention
        opened: bool

    @dataclass
    class MentionsSearched(Message):
        """The search thread has finished (posted from it; handled by the pane itself)."""

        actor_id: str

    @dataclass
    class MentionsFound(Message):
        """An actor's mentions, found in the background, are now listed in the pane."""

        actor_id: str

    @dataclass
    class LinkFollowed(Message):
        """Enter on a link to another item."""

        item_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_id: str | None = None
        self.border_title = "Detail"
        self.mentions: list[Mention] = []
        """The current actor's mentions, in row order (``mn:N`` rows)."""
        self._shown: tuple[Pack, Fact | Source] | None = None
        """The pack and item on show (the background search checks it is still wanted)."""
        self._pending: Timer | None = None
        """The short wait before mentions are looked for in the background."""
        self.finding_mentions = False
        """True while the shown actor's mentions are being found in the background."""
        self._searching: str | None = None
        """The actor whose mentions the search thread is finding now."""
        self._queued: tuple[Pack, str] | None = None
        """The latest actor waiting for the search thread."""

    def show(
        self, pack: Pack, item: Fact | Source, evidence: int = 0, marked: bool = False
    ) -> None:
        """Fill the pane for ``item`` and put the cursor on evidence row ``evidence``."""
        self.item_id = item.id
        self.mentions = []
        self.finding_mentions = False
        self._shown = (pack, item)
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        review = " · to review" if is_candidate(item) else ""
        self.border_title = f"{type(item).__name__}{review}{' ● marked' if marked else ''}"
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(list(self._rows(pack, item)))
            # Start from the top: the previous item's scroll offset would otherwise
            # survive until the next layout and hide this item's title on some runs.
            self.scroll_home(animate=False, immediate=True)
            self.select_evidence(evidence)

    def select_evidence(self, index: int) -> None:
        """Move the cursor to evidence row ``index`` (or the first link when there is none)."""
        try:
            self.highlighted = self.get_option_index(f"ev:{index}")
        except Exception:
            enabled = [i for i, option in enumerate(self.options) if not option.disabled]
            self.highlighted = enabled[0] if enabled else None

    def _rows(self, pack: Pack, item: Fact | Source) -> Iterator[Option | None]:
        yield Option(Content.from_markup("[b]$t[/b]", t=label(pack, item)), disabled=True)
        if is_candidate(item) and not isinstance(item, Actor):  # an actor says so in its fields
            yield _field("candidate", "drafted, not yet confirmed by the author")
        if isinstance(item, Actor):
            yield from self._actor(pack, item)
        elif isinstance(item, Meeting):
            yield from self._meeting(pack, item)
        elif isinstance(item, Pledge):
            yield from self._pledge(pack, item)
        elif isinstance(item, Claim):
            yield from self._claim(pack, item)
        else:
            yield from self._source(pack, item)
        if not isinstance(item, Claim | Source) and evidence_of(item):
            yield None
            yield _heading(f"Evidence ({len(evidence_of(item))})")
            yield from self._evidence(pack, evidence_of(item))

    def _evidence(
        self, pack: Pack, items: tuple[Evidence, ...], first: int = 0, total: int | None = None
    ) -> Iterator[Option]:
        total = total or len(items)
        for offset, evidence in enumerate(items):
            index = first + offset
            note = MATCH_NOTES.get(evidence.match, "")
            prompt = Content.from_markup(
                "[dim]$n[/dim] $text[i]$note[/i]",
                n=f"{index + 1}/{total}",
                text=evidence_label(pack, evidence),
                note=note,
            )
            yield Option(prompt, id=f"ev:{index}")

    def _link(self, pack: Pack, item_id: str, prefix: str = "") -> Option:
        found = pack.get(item_id)
        text = label(pack, found) if found is not None else f"{clean_line(item_id)} (missing)"
        return Option(Content.from_markup("→ $p$t", p=prefix, t=text), id=f"go:{item_id}")

    def _actor(self, pack: Pack, actor: Actor) -> Iterator[Option | None]:
        yield _field("kind", actor.kind)
        if actor.role:
            yield _field("role", actor.role)
        if actor.aliases:
            yield _field("aliases", ", ".join(actor.aliases))
        if actor.candidate:
            yield _field("candidate", "proposed, not yet confirmed by the author")
        if actor.notes:
            yield _field("notes", actor.notes)
        if actor.affiliation:
            yield _heading("Affiliation")
            yield self._link(pack, actor.affiliation)
        facts = pack.facts_of(actor.id)
        for title, kind in (("Pledges", Pledge), ("Meetings", Meeting), ("Members", Actor)):
            linked = [f for f in facts if isinstance(f, kind)]
            if linked:
                yield _heading(f"{title} ({len(linked)})")
                for fact in linked:
                    yield self._link(pack, fact.id)
        yield from self._mentions(pack, actor)

    def _mentions(self, pack: Pack, actor: Actor) -> Iterator[Option | None]:
        """Every sentence naming the actor; uncited ones are what the pack still misses."""
        from briefing.model.names.actor_mentions import (
            mentions,  # off the start-up path, as the analysis
        )

        known = _known_mentions(pack)
        found = known.get(actor.id)
        if found is None:
            if sum(len(s.text) for s in pack.sources) > BACKGROUND_MENTIONS_CHARS:
                yield None
                yield _heading(f"Mentions (finding them in {len(pack.sources):,} articles…)")
                # After a short rest, so running the cursor down a list of actors
                # does not start a search for each one it passes.
                self._pending = self.set_timer(
                    MENTIONS_DELAY, partial(self._find_mentions, pack, actor.id)
                )
                self.finding_mentions = True
                return
            found = known[actor.id] = mentions(pack, actor.id)
        self.mentions = found
        if not self.mentions:
            return
        uncited = sum(not m.cited for m in self.mentions)
        yield None
        yield _heading(f"Mentions ({len(self.mentions)}, {uncited} uncited)")
        for index, mention in enumerate(self.mentions):
            yield Option(_mention_prompt(pack, mention), id=f"mn:{index}")

    def _meeting(self, pack: Pack, meeting: Meeting) -> Iterator[Option | None]:
        yield _field("date", f"{meeting.date or 'unknown'} (“{meeting.date_text}”)")
        checked = analysis(pack).dates.get(meeting.id)
        if checked is not None:
            r = checked.resolution
            basis = f" in {checked.basis.source}" if checked.basis else ""
            yield _field(
                "resolved", f"{r.shown()} ({r.precision}) from “{r.expression}”{basis}: {r.rule}"
            )
        yield from _analysis_rows(analysis(pack).of(meeting.id))
        if meeting.date_reasoning:
            yield _field("reasoning", meeting.date_reasoning)
        if meeting.place:
            yield _field("place", meeting.place)
        yield _field("status", meeting.status)
        yield from (_field(name, text) for name, text in remark_fields(meeting))
        if meeting.participants:
            yield _heading(f"Participants ({len(meeting.participants)})")
            for participant in meeting.participants:
                yield self._link(pack, participant.actor, f"{participant.role}: ")

    def _pledge(self, pack: Pack, pledge: Pledge) -> Iterator[Option | None]:
        yield _field("contribution", pledge.contribution)
        yield _field("status", pledge.status)
        # The status over time by source date; other records of the same pledge linked.
        history = history_of(pack, pledge)
        yield _field("history" if history.changed else "reported", history.label())
        for other in history.records:
            if other != pledge.id:
                yield self._link(pack, other, "same pledge: ")
        for condition in pledge.conditions:
            yield _field("condition", condition)
        yield from (_field(name, text) for name, text in remark_fields(pledge))
        yield from _analysis_rows(analysis(pack).of(pledge.id))
        yield _heading("Actor")
        yield self._link(pack, pledge.actor)

    def _claim(self, pack: Pack, claim: Claim) -> Iterator[Option | None]:
        total = len(claim.evidence)
        first = 0
        found = analysis(pack)
        yield from (_field(name, text) for name, text in remark_fields(claim))
        for index, value in enumerate(claim.values):
            yield None
            yield _heading(f"“{clean_line(value.value)}” says {source_label(pack, value.source)}")
            yield from _analysis_rows(found.value(claim.id, index))
            yield from self._evidence(pack, value.evidence, first, total)
            first += len(value.evidence)

    def _source(self, pack: Pack, source: Source) -> Iterator[Option | None]:
        yield _field("title", source.title)
        yield _field("published", source.published or "unknown")
        if source.date_reasoning:
            yield _field("reasoning", source.date_reasoning)
        yield _field("grade", f"{source.grade} ({RELIABILITY[source.grade]})")
        yield _field("counted as outlet", outlet_identity(source))
        yield _field("language", source.language)
        if source.translated_from:
            yield _field("translated from", source.translated_from)
        if source.original_outlet:
            yield _field("original outlet", source.original_outlet)
        if source.url:
            yield _field("url", source.url)
        if source.notes:
            yield _field("notes", source.notes)
        cited = list(dict.fromkeys(span.fact_id for span in pack.spans(source.id)))
        if cited:
            yield _heading(f"Cited by ({len(cited)})")
            for fact_id in cited:
                yield self._link(pack, fact_id)

    def _find_mentions(self, pack: Pack, actor_id: str) -> None:
        """Look for the shown actor's mentions in a thread: one search at a time.

        A search cannot be interrupted (it is plain Python over every article),
        so a second one would only compete with the first for the CPU: the
        newest request waits for the running one instead, and one already
        answered is taken from the cache.
        """
        self._pending = None
        if actor_id in _known_mentions(pack):
            self._mentions_ready(actor_id)
        elif self._searching is None:
            self._searching = actor_id
            # A daemon thread: quitting mid-search must not wait for it to finish.
            threading.Thread(
                target=self._mentions_in_thread,
                args=(pack, actor_id),
                name="briefing-mentions",
                daemon=True,
            ).start()
        elif self._searching != actor_id:
            self._queued = (pack, actor_id)

    def _mentions_in_thread(self, pack: Pack, actor_id: str) -> None:
        from briefing.model.names.actor_mentions import mentions

        found = mentions(pack, actor_id)
        _known_mentions(pack)[actor_id] = found
        self.post_message(self.MentionsSearched(actor_id))  # thread-safe, never blocks

    def on_detail_pane_mentions_searched(self, message: DetailPane.MentionsSearched) -> None:
        message.stop()
        self._searching = None
        queued, self._queued = self._queued, None
        if queued is not None and self._wanted(queued[1]):
            self._find_mentions(*queued)
        self._mentions_ready(message.actor_id)

    def _wanted(self, actor_id: str) -> bool:
        """True while the pane shows ``actor_id`` and is still waiting for its mentions."""
        return self.finding_mentions and self._shown is not None and self._shown[1].id == actor_id

    def _mentions_ready(self, actor_id: str) -> None:
        """Redraw with the mentions, the cursor and scroll where the analyst left them."""
        if not self._wanted(actor_id):
            return  # moved on (the result is cached for next time), or already shown
        assert self._shown is not None
        pack, item = self._shown
        self.finding_mentions = False
        highlighted, scroll_y = self.highlighted, self.scroll_y
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(list(self._rows(pack, item)))
            self.highlighted = highlighted
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.post_message(self.MentionsFound(actor_id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Evidence under the cursor is shown in the source pane."""
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("ev:"):
            self.post_message(self.EvidenceHighlighted(int(option_id[3:])))
        elif option_id.startswith("mn:"):
            self.post_message(self.MentionShown(self.mentions[int(option_id[3:])], opened=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter follows the link under the cursor."""
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("ev:"):
            self.post_message(self.EvidenceOpened(int(option_id[3:])))
        elif option_id.startswith("go:"):
            self.post_message(self.LinkFollowed(option_id[3:]))
        elif option_id.startswith("mn:"):
            self.post_message(self.MentionShown(self.mentions[int(option_id[3:])], opened=True))


CONTEXT = 40
"""Characters of the sentence shown either side of a mention."""


def _mention_prompt(pack: Pack, mention: Mention) -> Content:
    """``✓ outlet: …words [name] words…`` (✗ and "uncited" when no fact cites the sentence)."""
    sentence, offset = mention.sentence, mention.sentence_start
    start, end = mention.start - offset, mention.end - offset
    before = sentence[max(0, start - CONTEXT) : start]
    after = sentence[end : end + CONTEXT]
    template = "[$success]✓[/]" if mention.cited else "[$warning]✗ uncited[/]"
    template += " [dim]$source:[/dim] $lead$before[b]$name[/b]$after$trail"
    if mention.fuzzy:
        template += " [i](garbled spelling)[/i]"
    return Content.from_markup(
        template,
        source=source_label(pack, mention.source_id),
        lead="…" if start > CONTEXT else "",
        before=clean_line(before),
        name=clean_line(mention.matched),
        after=clean_line(after),
        trail="…" if len(sentence) - end > CONTEXT else "",
    )
