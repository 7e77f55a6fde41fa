"""The detail pane: the selected item's fields, its links and each evidence item.

One OptionList holds it all; what it lists comes from
:mod:`briefing.tui.detail_rows` (plain Python). Fields are disabled rows (the
cursor skips them); links, evidence items, mentions and "more" rows are the
rows the cursor lands on. Highlighting an evidence row shows it in the source
pane; enter follows a link, jumps to the sentence or shows more rows.

A new item is shown from its top, its kind and name in the pane's title; the
pane scrolls down to an evidence row only when the analyst steps to it (``n``,
the history), so the name is never scrolled away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker

from briefing.model.types import Actor, Fact, Source
from briefing.tui.detail_rows import (
    PAGE,
    DetailRows,
    EvidenceRow,
    LinkRow,
    MentionRow,
    MoreRow,
    Row,
    Target,
    detail_rows,
    title_of,
)
from briefing.tui.mentions_finder import MentionsFinder

if TYPE_CHECKING:
    from briefing.model.derived import Derived
    from briefing.model.names import Mention

BACKGROUND_MENTIONS_CHARS = 200_000
"""Above this much article text, an actor's mentions are found in a worker (see MentionsFinder).

A small pack keeps the simple path: its mentions take milliseconds.
"""


def _options(rows: tuple[Row, ...]) -> list[Option | None]:
    """One option per row (so positions match), a separator (None) after a row that asks."""
    options: list[Option | None] = []
    for row in rows:
        options.append(Option(Content.assemble(*row.parts), disabled=row.target is None))
        if row.divider:
            options.append(None)
    return options


class DetailPane(OptionList):
    """Fields, links and evidence of one item."""

    # The messages are plain classes, not dataclasses: a dataclass compiles its
    # methods from source when its module is imported (~0.5 ms each, measured),
    # and this module is imported before the reader's first frame.

    class EvidenceHighlighted(Message):
        """The cursor is on evidence item ``index`` of the current item."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    class EvidenceOpened(Message):
        """Enter on evidence item ``index``: go to its sentence."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    class MentionShown(Message):
        """The cursor is on (or enter was pressed on) one of an actor's mentions."""

        def __init__(self, mention: Mention, opened: bool) -> None:
            self.mention = mention
            self.opened = opened
            super().__init__()

    class MentionsFound(Message):
        """An actor's mentions, found in the background, are now listed in the pane."""

        def __init__(self, actor_id: str) -> None:
            self.actor_id = actor_id
            super().__init__()

    class LinkFollowed(Message):
        """Enter on a link to another item."""

        def __init__(self, item_id: str) -> None:
            self.item_id = item_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Detail"
        # No row carries a ``@click`` link (rows are plain styled parts; links are
        # options, followed with enter): with auto links on, Textual unpickled the
        # style of every segment drawn looking for one, ~30% of drawing the pane
        # (profiled: the first frame, and every key press that shows another item).
        self.auto_links = False
        self.item_id: str | None = None
        self.content = DetailRows("Detail", ())
        """What the pane lists now (rows and their targets)."""
        self._derived: Derived | None = None
        self._item: Fact | Source | None = None
        self._marked = False
        self._expanded: dict[str, int] = {}
        """Long groups the analyst has asked to see more of (for the item on show)."""
        self.finder = MentionsFinder(self, self._mentions_ready)
        self._top_while: int | None = None
        """The cursor's row while a fresh item shows from its top (None once it has moved)."""

    # -- what the main screen asks --------------------------------------------------------

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """The shown actor's mentions, in row order (empty while they are being found)."""
        return self.content.mentions

    @property
    def finding_mentions(self) -> bool:
        """True while the shown actor's mentions are being found in the background."""
        return self.content.finding_mentions

    def target(self, position: int | None = None) -> Target | None:
        """What the row at ``position`` (default: under the cursor) stands for."""
        position = self.highlighted if position is None else position
        return None if position is None else self.content.target_at(position)

    def index_of(self, target: Target) -> int | None:
        """The option index of ``target``, or None when it is not listed."""
        return self.content.index_of(target)

    def show(
        self, derived: Derived, item: Fact | Source, evidence: int = 0, marked: bool = False
    ) -> None:
        """Fill the pane for ``item`` from its top.

        The cursor goes to evidence row ``evidence`` (or the first link); the
        pane scrolls to it only when it is not the first (the analyst stepped
        there: history, ``n``), so a fresh item shows its name and fields first.
        """
        self.finder.forget()
        self.item_id = item.id
        self._derived, self._item, self._marked = derived, item, marked
        self._expanded = {}
        self._fill(self._mentions_of(derived, item))
        with self.prevent(OptionList.OptionHighlighted):
            self.select_evidence(evidence)
        # The cursor waits on the first evidence or link (enter follows it at once),
        # but the pane stays at its top: the item's name and fields first.
        self._top_while = self.highlighted if evidence == 0 else None
        if self._top_while is not None:
            self.scroll_home(animate=False, immediate=True)

    def set_marked(self, marked: bool) -> None:
        """The shown item was marked or unmarked: retitle the pane."""
        self._marked = marked
        if self._derived is not None and self._item is not None:
            self.border_title = Content(title_of(self._derived.pack, self._item, marked))

    def select_evidence(self, index: int) -> None:
        """Move the cursor to evidence row ``index`` (or the first link when there is none)."""
        position = self.content.index_of(EvidenceRow(index))
        if position is None:
            enabled = [i for i, option in enumerate(self.options) if not option.disabled]
            position = enabled[0] if enabled else None
        self.highlighted = position

    # -- building ---------------------------------------------------------------------

    def _mentions_of(self, derived: Derived, item: Fact | Source) -> list[Mention] | None:
        """An actor's mentions if known or quick to find; None while a worker finds them."""
        if not isinstance(item, Actor):
            return []
        known = derived.known_mentions(item.id)
        if known is not None:
            return known
        if not derived.index_ready:
            # Finding mentions needs the actor index, which the app's worker is
            # building: "finding them" until it is there (refresh_item asks again).
            return None
        if derived.article_chars <= BACKGROUND_MENTIONS_CHARS:
            return derived.mentions(item.id) or []
        self.finder.want(derived, item.id)
        return None

    def _fill(self, mentions: list[Mention] | None) -> None:
        assert self._derived is not None and self._item is not None
        self.content = detail_rows(
            self._derived,
            self._item,
            marked=self._marked,
            mentions=mentions,
            expanded=self._expanded,
        )
        self.border_title = Content(self.content.title)  # the pack's text: never markup
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(_options(self.content.rows))

    def _refill(self) -> None:
        """Rebuild the rows of the same item (with the mentions known now), keeping the
        cursor and scroll where they are."""
        assert self._derived is not None and self._item is not None
        known = self._derived.known_mentions(self._item.id) if isinstance(self._item, Actor) else []
        self._refill_with(known)

    def _refill_with(self, mentions: list[Mention] | None) -> None:
        """Rebuild the rows with ``mentions`` (None: still being found), cursor and scroll kept."""
        highlighted, scroll_y = self.highlighted, self.scroll_y
        with self.prevent(OptionList.OptionHighlighted):
            self._fill(mentions)
            self.highlighted = highlighted
            self.scroll_to(y=scroll_y, animate=False, immediate=True)

    def refresh_item(self) -> None:
        """Rebuild the shown item's rows in place (the analysis arrived), and look for an
        actor's mentions if they were held back while the index was being built."""
        if self._derived is None or self._item is None:
            return
        if not isinstance(self._item, Actor):
            self._refill_with([])
            return
        mentions = self._derived.known_mentions(self._item.id)
        held_back = mentions is None and self.finder.wanted != self._item.id
        if held_back:
            mentions = self._mentions_of(self._derived, self._item)
        self._refill_with(mentions)
        if held_back and mentions is not None:
            self.post_message(self.MentionsFound(self._item.id))

    def _mentions_ready(self, actor_id: str) -> None:
        """The finder has the shown actor's mentions: list them where the analyst is."""
        if self._item is None or self._item.id != actor_id or not self.finding_mentions:
            return
        self._refill()
        self.post_message(self.MentionsFound(actor_id))

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Bring the cursor into view, except while a fresh item shows from its top.

        OptionList also scrolls to the cursor when the pane is shown (the panes
        appear once the pack is loaded), which would hide the first item's name.
        """
        if self._top_while is not None and self.highlighted == self._top_while:
            return
        super().scroll_to_highlight(top)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self.finder.worker_changed(event.worker, event.state):
            event.stop()

    # -- the cursor -------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Evidence (or a mention) under the cursor is shown in the source pane."""
        event.stop()
        self._top_while = None
        target = self.target(event.option_index)
        if isinstance(target, EvidenceRow):
            self.post_message(self.EvidenceHighlighted(target.index))
        elif isinstance(target, MentionRow):
            self.post_message(self.MentionShown(self.mentions[target.index], opened=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter follows the link under the cursor (or shows more of a long group)."""
        event.stop()
        target = self.target(event.option_index)
        if isinstance(target, EvidenceRow):
            self.post_message(self.EvidenceOpened(target.index))
        elif isinstance(target, LinkRow):
            self.post_message(self.LinkFollowed(target.item_id))
        elif isinstance(target, MentionRow):
            self.post_message(self.MentionShown(self.mentions[target.index], opened=True))
        elif isinstance(target, MoreRow):
            self._show_more(target.group, event.option_index)

    def _show_more(self, group: str, position: int) -> None:
        """The next page of a long group; the cursor lands on its first new row."""
        self._expanded[group] = self._expanded.get(group, PAGE) + PAGE
        self._refill()
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = None
        self.highlighted = position  # announced: the new row's mention or evidence is shown
