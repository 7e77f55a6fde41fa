"""The navigator: Actors, Meetings, Pledges, Claims and Sources, with counts.

A Tree draws only the lines on screen, so a row costs a node, not a widget.
Sections are filled a page at a time: a pack with tens of thousands of facts
still opens at once, and a "more" row loads the next page when chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.model.pack import Pack
from briefing.tui.fit import shorten_text
from briefing.tui.labels import REVIEW, SECTIONS, label, section_items

if TYPE_CHECKING:
    from briefing.model.derived import Derived
    from briefing.model.types import Fact, Source

PAGE = 100
"""Rows added to a section at a time (a screen shows ~30).

Every row added before the panes are filled is a tree node, a label and a width
measured: at 500 a section (2,500 rows at 1,000 articles) that was a third of
the reader's CPU time from a warm cache read to the filled panes (measured:
0.30 s against 0.20 s at 100, headless, 1,000 articles)."""
TAGGED = frozenset({REVIEW, "meetings", "pledges"})
"""Sections whose labels end with the analysis's support and rating."""


@dataclass(frozen=True)
class NodeData:
    """What a tree row stands for: a section header, an item, or the "more" row."""

    section: str
    item_id: str | None = None
    more: bool = False


class Navigator(Tree[NodeData], inherit_bindings=False):
    """Sections of the pack; moving the cursor browses, enter opens the item."""

    # Our own bindings only: Tree binds space to expand/collapse, but space marks a fact here.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("shift+up", "cursor_previous_sibling", "Previous sibling", show=False),
        Binding("shift+down", "cursor_next_sibling", "Next sibling", show=False),
        Binding("left", "collapse", "Collapse", show=False),
        Binding("right", "expand", "Expand", show=False),
        # Tree's own page and end keys (dropped with its space binding above).
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "First row", show=False),
        Binding("end", "scroll_end", "Last row", show=False),
    ]

    _frame_style: Style | None = None
    """The base style of the frame being drawn (see :meth:`render_lines`)."""

    class Opened(Message):
        """Enter on an item: show it and move into the detail pane.

        A plain class, not a dataclass (see :class:`briefing.tui.widgets.detail.DetailPane`).
        """

        def __init__(self, item_id: str) -> None:
            self.item_id = item_id
            super().__init__()

    def __init__(self, *, on_browse: Callable[[str], None], id: str | None = None) -> None:
        """``on_browse`` is called with the item id as soon as the cursor rests on it.

        Synchronously, in the key press's own handler, rather than by a message:
        a message is handled after Textual has drawn the frame with the moved
        cursor, so the detail and source panes followed one frame (up to 17 ms,
        plus a second render of the screen) later. Measured: key press to
        highlighted sentence 63 ms -> 37 ms (median) on the default pack.
        """
        super().__init__(Text("Pack"), id=id)
        self._on_browse = on_browse
        self.show_root = False
        self.guide_depth = 2
        self.pack: Pack | None = None
        self.derived: Derived | None = None
        self.marked: frozenset[str] = frozenset()
        self.since: frozenset[str] = frozenset()
        """Items new or changed since the reader's "since" date (drawn ``+``)."""
        self._rows_by_id: dict[str, TreeNode[NodeData]] = {}
        self._nav_loaded: dict[str, int] = {}
        self._nav_more: dict[str, TreeNode[NodeData]] = {}
        self._items: dict[str, tuple[Fact | Source, ...]] = {}
        """Each section's items, listed once when the pack is set."""
        self._moving_to: TreeNode[NodeData] | None = None
        """The row the last :meth:`show_item` is moving the cursor to (once laid out)."""

    def set_pack(self, derived: Derived) -> None:
        """Show a freshly loaded pack, every section open at its first page."""
        self.pack = derived.pack
        self.derived = derived
        self.clear()
        self._rows_by_id.clear()
        self._nav_more.clear()
        # Each section listed once per pack: every page and lookup reads these.
        self._items = {section: section_items(derived, section) for section, _ in SECTIONS}
        for section, title in SECTIONS:
            count = len(self._items[section])
            if section == REVIEW and not count:
                continue  # nothing to review: no empty group above the actors
            header = Text.assemble((title, "bold"), f" ({count:,})")
            node = self.root.add(header, NodeData(section), expand=True, allow_expand=count > 0)
            self._nav_loaded[section] = 0
            self._add_page(section, node)

    def _add_page(self, section: str, node: TreeNode[NodeData]) -> None:
        items = self._items[section]
        start = self._nav_loaded[section]
        if section in self._nav_more:
            self._nav_more.pop(section).remove()
        for item in items[start : start + PAGE]:
            self._rows_by_id[item.id] = node.add_leaf(
                self._label(item.id), NodeData(section, item.id)
            )
        self._nav_loaded[section] = min(len(items), start + PAGE)
        rest = len(items) - self._nav_loaded[section]
        if rest:
            more = Text(f"… {rest:,} more (enter to show)", style="italic")
            self._nav_more[section] = node.add_leaf(more, NodeData(section, more=True))

    def _label(self, item_id: str) -> Text:
        assert self.derived is not None
        item = self.derived.pack.get(item_id)
        assert item is not None
        marker = "● " if item_id in self.marked else ""
        new = "+ " if item_id in self.since else ""
        return Text.assemble((marker, "bold"), (new, "bold"), label(self.derived, item))

    def render_lines(self, crop: Region) -> list[Strip]:
        """A frame's rows, drawn with its base style worked out once (see :attr:`rich_style`)."""
        self._frame_style = super().rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    @property
    def rich_style(self) -> Style:
        """The base style; within a frame, the one worked out for it.

        Tree reads it for every row it draws, and each read walks the styles of
        every ancestor: ~1 ms of each frame of the navigator (the first one, and
        every cursor move), for the same answer.
        """
        if self._frame_style is not None:
            return self._frame_style
        return super().rich_style

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        """The label cut to the pane with a visible "…", its kind or tags kept ("… (group)").

        Tree itself crops a long label at the pane's edge, which reads as a whole
        name ("European countries (group"); this cuts it where the reader can see.
        """
        text = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        return shorten_text(text, room)

    def relabel(self) -> None:
        """Redraw the labels that carry support tags (the analysis arrived).

        Only the rows added so far (a page a section), so the cost does not grow
        with the pack; actors, claims and sources carry no tag.
        """
        for item_id, node in self._rows_by_id.items():
            if node.data is not None and node.data.section in TAGGED:
                node.set_label(self._label(item_id))

    def get_label_width(self, node: TreeNode[NodeData]) -> int:
        """A row's width as :meth:`render_label` draws it, without drawing it.

        The tree measures every row each time a row is added or relabelled (for
        its horizontal extent); measuring by rendering, Tree's default, cut every
        label with :func:`shorten_text`: 2,500 rows at 1,000 articles, most of the
        time from the pack read to the panes filled (measured: 3.1 of 4.9 s,
        profiled). A label is never drawn wider than the pane, so its text's
        length, capped there, is the same answer.
        """
        # The pane's width, not its scrollable region: asking for that while the
        # tree measures its rows starts the measuring again (the reader hung).
        # The navigator never scrolls sideways (overflow-x: hidden), so a cell or
        # two of scrollbar counted in changes nothing drawn.
        depth = 0 if node.parent is None or node.parent is self.root else 1
        room = max(self.size.width - depth * self.guide_depth, 0)
        if not room:
            return 0  # not laid out yet (the first build): measured again once it has a width
        icon = 2 if node.allow_expand else 0
        label = node.label
        width = label.cell_len if isinstance(label, Text) else cell_len(label)
        return min(width + icon, room)

    def set_marked(self, marked: frozenset[str]) -> None:
        """Redraw the labels whose mark changed."""
        changed = self.marked ^ marked
        self.marked = marked
        for item_id in changed:
            if item_id in self._rows_by_id:
                self._rows_by_id[item_id].set_label(self._label(item_id))

    def set_since(self, since: frozenset[str]) -> None:
        """Redraw the labels whose "new since" mark changed."""
        changed = self.since ^ since
        self.since = since
        for item_id in changed:
            if item_id in self._rows_by_id:
                self._rows_by_id[item_id].set_label(self._label(item_id))

    def node_for(self, item_id: str) -> TreeNode[NodeData] | None:
        """The row of an item, loading pages of its section until it is there."""
        if self.derived is None or item_id in self._rows_by_id:
            return self._rows_by_id.get(item_id)
        for section, _ in SECTIONS:
            if any(item.id == item_id for item in self._items[section]):
                header = next(
                    (n for n in self.root.children if n.data and n.data.section == section), None
                )
                if header is None:
                    return None
                while item_id not in self._rows_by_id:
                    self._add_page(section, header)
                return self._rows_by_id[item_id]
        return None

    def show_item(self, item_id: str) -> None:
        """Put the cursor on an item (used by back/forward and links)."""
        node = self.node_for(item_id)
        if node is None or (self.cursor_node is not None and self.cursor_node is node):
            return
        if node.parent is not None and not node.parent.is_expanded:
            # Only when folded: Tree's expand() rebuilds every line and lays the tree
            # out again even for an open section (the first frame paid for it twice).
            node.parent.expand()
        # After a refresh, when the tree has laid out the row. The browse this
        # causes names the item already shown, which the screen ignores.
        self._moving_to = node
        self.call_after_refresh(self._move_when_laid_out, node)

    def _move_when_laid_out(self, node: TreeNode[NodeData], tries: int = 20) -> None:
        """Move the cursor once the tree has a size and the row a line number.

        Moving earlier scrolls against a zero-height viewport, which hides the
        section header above the first row on some runs and not others.
        """
        if node is not self._moving_to:
            return  # a later show_item wins (an older move still waiting must not overtake it)
        if (self.size.height == 0 or node.line < 0) and tries > 0:
            self.call_after_refresh(self._move_when_laid_out, node, tries - 1)
            return
        self.move_cursor(node)

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        """Browsing: tell the screen which item the cursor is on, before the next frame."""
        previous = self.cursor_node
        super().watch_cursor_line(previous_line, line)
        node = self.cursor_node
        if node is None or node is previous or node.data is None or node.data.item_id is None:
            return
        self._on_browse(node.data.item_id)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        """Handled in ``watch_cursor_line``: the screen needs nothing more."""
        event.stop()

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        """Enter: open the item, or load the next page."""
        event.stop()
        data = event.node.data
        if data is None:
            return
        if data.more:
            header = event.node.parent
            assert header is not None
            self._add_page(data.section, header)
        elif data.item_id is not None:
            self.post_message(self.Opened(data.item_id))

    def action_collapse(self) -> None:
        """Left: fold the section (from an item, go to its header first)."""
        node = self.cursor_node
        if node is None:
            return
        if node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)
        elif node.is_expanded:
            node.collapse()

    def action_expand(self) -> None:
        """Right: open the section under the cursor."""
        node = self.cursor_node
        if node is not None and not node.is_expanded and node.allow_expand:
            node.expand()
