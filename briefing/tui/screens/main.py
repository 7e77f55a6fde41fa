"""The main screen: navigator, detail and source panes, tied together by the history.

Every route to an item (navigator, links, back/forward, search, the timeline and
the pledge board) goes through :meth:`MainScreen.go`, so the three panes always
agree and the history records it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Header, Label

from briefing.model.pack import Pack, evidence_of
from briefing.model.types import Actor, Fact, Source
from briefing.tui.labels import first_item
from briefing.tui.mentions_finder import mention_evidence
from briefing.tui.screens.main_keys import MainKeys
from briefing.tui.state import History, Place
from briefing.tui.widgets.article import ArticleView
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.key_bar import KeyBar
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.reading_notice import ReadingNotice
from briefing.tui.widgets.source_view import SourceView

if TYPE_CHECKING:
    from briefing.model.derived import Derived
    from briefing.model.names import Mention


NO_EVIDENCE_NOTE = "no evidence of its own: a sentence that names it"
"""Under an actor's source pane when the highlight is where it is named, not evidence."""
MENTION_NOTE = "a sentence that names it, not evidence"


class MainScreen(MainKeys):
    """Three panes side by side when wide; navigator and detail above the source when narrow."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it as an instance-style class attribute)
        (0, "-narrow"),
        (110, "-wide"),
    ]

    class Moved(Message):
        """The reader shows another item or evidence: what is available may have changed.

        The app listens (it owns ``check_action`` and the footer); the screen does
        not need to know the app's class.
        """

    def __init__(self) -> None:
        super().__init__()
        self.pack: Pack | None = None
        self.derived: Derived | None = None
        self.history = History()
        self.marked: set[str] = set()
        self._then: Callable[[], None] | None = None
        """What to call once the panes are filled (see :meth:`set_pack`)."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Grid(id="panes"):
            yield Navigator(id="navigator", on_browse=self.browsed)
            yield DetailPane(id="detail")
            yield SourceView(id="source")
        with Horizontal(id="footer-row"):
            yield KeyBar(id="keys")
            yield Label("", id="pending", markup=False)
            yield Label("", id="marked-count", markup=False)

    def on_mount(self) -> None:
        self.query_one("#navigator", Navigator).border_title = "Pack"
        if self.derived is None:
            self.query_one("#panes").loading = True
        else:  # the pack was read before the panes were mounted: in the first frame
            self._fill(self.derived)

    def get_loading_widget(self) -> Widget:
        """A still line over the panes while a slow read goes on (no animation to draw)."""
        return ReadingNotice()

    # -- state the app's check_action reads -------------------------------------------

    @property
    def current(self) -> Place | None:
        """The item and evidence index shown now."""
        return self.history.current

    @property
    def evidence_count(self) -> int:
        """How many evidence items the current item has."""
        item = self.current_item
        return 0 if item is None else len(evidence_of(item))

    @property
    def current_item(self):  # type: ignore[no-untyped-def]
        """The fact or source in the detail pane, or None."""
        if self.pack is None or self.current is None:
            return None
        return self.pack.get(self.current.item_id)

    @property
    def markable(self) -> Fact | None:
        """The fact space would mark: the one shown, unless the navigator's cursor is
        on a section heading (marking the item shown last from there surprised people)."""
        item = self.current_item
        if item is None or isinstance(item, Source):
            return None
        navigator = self.query_one(Navigator)
        if self.focused is navigator:
            node = navigator.cursor_node
            if node is None or node.data is None or node.data.item_id is None:
                return None  # a section heading (or the "more" row)
        return item  # type: ignore[no-any-return]

    # -- loading -----------------------------------------------------------------------

    def set_pack(self, derived: Derived, then: Callable[[], None] | None = None) -> None:
        """Show a loaded pack (with what is derived from it) and open its first item.

        Read before the screen is mounted (a quick load), the panes are filled as it
        mounts, in its first frame. ``then`` is called once they are filled.
        """
        self.derived = derived
        self.pack = derived.pack
        self._then = then
        if self.is_mounted:
            self._fill(derived)
        # else on_mount fills the panes

    def _fill(self, derived: Derived) -> None:
        self.query_one("#panes").loading = False
        navigator = self.query_one(Navigator)
        navigator.set_pack(derived)
        navigator.focus()
        first = first_item(derived)
        if first is not None:
            self.go(first, browse=True)
            navigator.show_item(first)
        then, self._then = self._then, None
        if then is not None:
            then()

    def analysis_arrived(self) -> None:
        """The background analysis is built: labels get their support and rating, and
        the detail pane fills in what it showed as pending (cursor and scroll kept)."""
        self.query_one(Navigator).relabel()
        self.query_one(DetailPane).refresh_item()

    def reload_pack(self, derived: Derived, show: str | None = None) -> None:
        """Show the pack as it is after an edit, keeping the history and the cursor.

        The history and marks keep every place whose item still exists; the
        detail shows ``show`` (the next item to review, a new fact) or else the
        item shown before, and the navigator's cursor goes to it.
        """
        self.derived = derived
        self.pack = pack = derived.pack
        self.history.keep(lambda item_id: pack.get(item_id) is not None)
        kept = {item_id for item_id in self.marked if pack.get(item_id) is not None}
        if kept != self.marked:
            self.marked = kept
            self._show_marked_count()
        navigator = self.query_one(Navigator)
        navigator.marked = frozenset(self.marked)
        navigator.set_pack(derived)
        current = self.current
        target = show if show is not None and pack.get(show) is not None else None
        if target is None and current is not None:
            target = current.item_id
        if target is None:
            target = first_item(derived)
        if target is None:
            return
        if current is not None and current.item_id == target:
            self._show(current)
        else:
            self.go(target)
        navigator.show_item(target)

    def passage(self) -> tuple[str, int, int] | None:
        """(source id, start, end) for ``a``: the mouse selection, else the highlighted
        sentence, else the sentence at the top of the article pane (start == end)."""
        source_view = self.query_one(SourceView)
        source = source_view.source
        if source is None:
            return None
        article = self.query_one(ArticleView)
        selected = article.selected_span()
        if selected is not None:
            return source.id, *selected
        highlight = source_view.highlight
        if highlight is not None and highlight.source_id == source.id:
            return source.id, highlight.sentence_start, highlight.sentence_end
        offset = article.top_offset()
        return source.id, offset, offset

    # -- navigation ------------------------------------------------------------------

    def set_since(self, item_ids: frozenset[str]) -> None:
        """Mark ``+`` in the navigator the items new or changed since a date."""
        self.query_one(Navigator).set_since(item_ids)

    def go(self, item_id: str, evidence: int = 0, *, browse: bool = False) -> None:
        """Show an item in the detail and source panes and record it in the history."""
        if self.pack is None or self.pack.get(item_id) is None:
            return
        self.history.visit(Place(item_id, evidence), browse=browse)
        self._show(self.history.current)

    def _show(self, place: Place | None) -> None:
        if place is None or self.pack is None or self.derived is None:
            return
        item = self.pack.get(place.item_id)
        if item is None:
            return
        detail = self.query_one(DetailPane)
        detail.show(self.derived, item, place.evidence, marked=place.item_id in self.marked)
        self._show_evidence(place.evidence)
        self.post_message(self.Moved())

    def _show_evidence(self, index: int) -> None:
        assert self.pack is not None
        item = self.current_item
        source_view = self.query_one(SourceView)
        if isinstance(item, Source):
            source_view.show(self.pack, item)
            return
        evidence = evidence_of(item) if item is not None else ()
        if not evidence:
            first_mention = self.query_one(DetailPane).mentions[:1]
            if isinstance(item, Actor) and first_mention:
                # An actor rarely has evidence of its own; where it is named is the
                # next best thing to show, and the detail lists the other mentions.
                self._show_mention(first_mention[0], NO_EVIDENCE_NOTE)
                return
            source_view.show_nothing(
                "Finding the sentences that name it…"
                if self.query_one(DetailPane).finding_mentions
                else "No evidence of its own: follow its pledges and meetings (enter) to their sentences."
            )
            return
        chosen = evidence[min(index, len(evidence) - 1)]
        source_view.show(self.pack, self.pack.source(chosen.source), chosen)

    def step_evidence(self, delta: int) -> None:
        """n / N: the next or previous evidence item of the current fact, wrapping round."""
        count = self.evidence_count
        if self.current is None or count < 2:
            return
        index = (self.current.evidence + delta) % count
        self.history.set_evidence(index)
        self.query_one(DetailPane).select_evidence(index)
        self._show_evidence(index)

    def back(self) -> None:
        """Backspace: the previous place in the history."""
        self._restore(self.history.back())

    def forward(self) -> None:
        """The next place in the history."""
        self._restore(self.history.forward())

    def _restore(self, place: Place | None) -> None:
        if place is None:
            return
        self._show(place)
        self.query_one(Navigator).show_item(place.item_id)

    def follow(self) -> None:
        """Enter from anywhere: act on what the focused pane has under its cursor."""
        focused = self.focused
        navigator = self.query_one(Navigator)
        detail = self.query_one(DetailPane)
        if focused is navigator:
            navigator.action_select_cursor()
        elif detail.highlighted is not None:
            detail.action_select()

    @property
    def has_selection(self) -> bool:
        """True when enter has something to act on."""
        if self.focused is self.query_one(Navigator):
            return self.query_one(Navigator).cursor_node is not None
        return self.query_one(DetailPane).highlighted is not None

    # -- marks -------------------------------------------------------------------------

    def toggle_mark(self) -> None:
        """Space: mark or unmark the current fact."""
        item = self.markable
        if item is None:
            return
        self.marked.symmetric_difference_update({item.id})
        self.query_one(Navigator).set_marked(frozenset(self.marked))
        self.query_one(DetailPane).set_marked(item.id in self.marked)
        self._show_marked_count()

    def _show_marked_count(self) -> None:
        """The count of marks in the header and the footer row, and the commands it
        enables: after a mark, and after an edit that removed a marked fact."""
        # Next to the app's "as of" date, not instead of it.
        marked = f" · {len(self.marked)} marked" if self.marked else ""
        self.sub_title = f"{self.app.sub_title}{marked}" if marked else ""
        # The footer row carries the count too: it is where an analyst looks before `e`.
        count = self.query_one("#marked-count", Label)
        count.update(f" {len(self.marked)} marked " if self.marked else "")
        count.display = bool(self.marked)
        self.app.refresh_bindings()

    # -- messages from the panes -------------------------------------------------------

    def browsed(self, item_id: str) -> None:
        """The navigator's cursor rests on an item: show it (a browse, not a visit)."""
        if self.current is not None and self.current.item_id == item_id:
            return  # the cursor caught up with a link, back or forward: not a new visit
        self.go(item_id, browse=True)

    def on_navigator_opened(self, message: Navigator.Opened) -> None:
        self.go(message.item_id)
        self.query_one(DetailPane).focus()

    def on_detail_pane_evidence_highlighted(self, message: DetailPane.EvidenceHighlighted) -> None:
        if self.current is not None and message.index != self.current.evidence:
            self.history.set_evidence(message.index)
            self._show_evidence(message.index)

    def on_detail_pane_evidence_opened(self, message: DetailPane.EvidenceOpened) -> None:
        self.history.set_evidence(message.index)
        self._show_evidence(message.index)
        self.query_one("#article-scroll").focus()

    def on_detail_pane_mentions_found(self, message: DetailPane.MentionsFound) -> None:
        """Mentions found in the background: an actor without evidence shows its first one.

        Only while the source pane is still empty: once the analyst has chosen a
        mention, it stays.
        """
        current = self.current
        if (
            current is not None
            and current.item_id == message.actor_id
            and self.query_one(SourceView).source is None
        ):
            self._show_evidence(current.evidence)

    def on_detail_pane_mention_shown(self, message: DetailPane.MentionShown) -> None:
        """A mention under the cursor is shown in its article, like evidence (not recorded)."""
        if self.pack is None:
            return
        self._show_mention(message.mention)
        if message.opened:
            self.query_one("#article-scroll").focus()

    def _show_mention(self, mention: Mention, note: str = MENTION_NOTE) -> None:
        """Show a mention in its article, highlighted like evidence and labelled as a mention."""
        assert self.pack is not None
        source = self.pack.source(mention.source_id)
        self.query_one(SourceView).show(
            self.pack, source, mention_evidence(mention, source.text), note
        )

    def on_detail_pane_link_followed(self, message: DetailPane.LinkFollowed) -> None:
        self.open_item(message.item_id)

    def open_item(self, chosen: str | Place | None) -> None:
        """Follow a link (or a pick from search, timeline or board) to an item.

        A view may choose a place within the item (the disagreements view: the
        claim at the chosen source's evidence), not just the item.
        """
        if chosen is None:
            return
        place = chosen if isinstance(chosen, Place) else Place(chosen)
        self.go(place.item_id, place.evidence)
        self.query_one(Navigator).show_item(place.item_id)
        self.query_one(DetailPane).focus()
