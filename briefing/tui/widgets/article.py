"""The article text, wrapped once and drawn a line at a time.

A ``Static`` inside a scrolling container re-wraps and re-renders the whole
article on every change, and needs two layout passes before it can scroll: that
was most of the time between a key press and the highlighted sentence on screen.
This widget is a Line API ``ScrollView``: the wrap (offsets into the text) is
computed once per article and width, a highlight change only swaps the styled
``Content`` the lines are cut from, only the visible lines are rendered, and the
line holding an offset is a bisect, so the sentence is scrolled into view in the
same frame that shows it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rich.cells import cell_len
from rich.style import Style
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

_WORD = re.compile(r"\S+\s*|\s+")


def _fold(text: str, start: int, end: int, width: int) -> list[int]:
    """Offsets at which to cut ``text[start:end]`` (one word) into ``width``-cell pieces."""
    cuts = []
    cells = 0
    for index in range(start, end):
        size = cell_len(text[index])
        if cells + size > width and cells:
            cuts.append(index)
            cells = 0
        cells += size
    return cuts


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` at ``width`` cells, as (start, end) offsets per line.

    Every character belongs to exactly one line, newlines excepted (they end a
    line and belong to none); the spaces after a word stay on its line and are
    not counted against the width, as in Textual's own wrap; a word wider than a
    line is folded. Offsets, not strings, so a restyled copy of the same text can
    be cut into the same lines.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        end_of_paragraph = position + len(paragraph)
        line_start, cells = position, 0
        for match in _WORD.finditer(paragraph):
            start, end = position + match.start(), position + match.end()
            word = match.group()
            shown = cell_len(word.rstrip())
            if cells and cells + shown > width:
                lines.append((line_start, start))
                line_start, cells = start, 0
            if shown > width:
                stripped_end = start + len(word.rstrip())
                for cut in _fold(text, start, stripped_end, width):
                    lines.append((line_start, cut))
                    line_start = cut
                cells = cell_len(text[line_start:end])
                continue
            cells += cell_len(word)
        lines.append((line_start, end_of_paragraph))
        position = end_of_paragraph + 1
    return lines


class ArticleView(ScrollView, can_focus=True):
    """The scrolling article: focusable, so the arrow keys and page keys scroll it."""

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = Content("")
        """The styled article the lines are cut from (same text as the source)."""
        self._lines: list[tuple[int, int]] = [(0, 0)]
        self._starts: list[int] = [0]
        self._wrapped: tuple[str, int] | None = None
        """The text and width the line offsets were computed for."""
        self._pieces: list[Content] | None = None
        """``content`` cut into its wrapped lines (made on the first draw after a change)."""
        self._strips: dict[int, Strip] = {}
        """Lines already drawn for this content and width (scrolling redraws them)."""
        self._strips_style: Style | None = None
        """The base style the cached lines were drawn with."""
        self._frame: tuple[Style, int] | None = None
        """The base style and width of the frame being drawn (see :meth:`render_lines`)."""

    def set_content(self, content: Content) -> None:
        """Show ``content``; the wrap is reused when only the styles changed."""
        self.content = content
        self._pieces = None
        self._strips.clear()
        self._rewrap()
        self.refresh()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        plain = self.content.plain
        if width <= 0:  # not laid out yet: wrapped on the first resize
            self._lines, self._starts, self._wrapped = [(0, len(plain))], [0], None
            return
        if self._wrapped is not None and self._wrapped[1] == width and self._wrapped[0] == plain:
            return
        self._lines = wrap_offsets(plain, width)
        self._starts = [start for start, _ in self._lines]
        self._wrapped = (plain, width)
        self._pieces = None
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))

    def line_of(self, offset: int) -> int:
        """The wrapped line (0-based) that shows the character at ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def line_range(self, line: int) -> tuple[int, int]:
        """The offsets in the text that wrapped line ``line`` shows."""
        return self._lines[line]

    def scroll_to_line(self, line: int) -> None:
        """Scroll so ``line`` sits a third of the way down the pane, at once."""
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    def on_resize(self) -> None:
        self._rewrap()
        self.refresh()

    def _offset_at(self, line: int, column: int) -> int:
        """The text offset at ``column`` of wrapped line ``line`` (clamped to what the line shows)."""
        if not self._lines:
            return 0
        start, end = self._lines[min(max(line, 0), len(self._lines) - 1)]
        shown_end = start + len(self.content.plain[start:end].rstrip())
        return min(start + max(column, 0), shown_end)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text as the article has it: a wrap point is a space, not a newline.

        Selections are in wrapped-line coordinates; mapped back through the line
        offsets, a copied passage is the source's own text, ready to paste as a
        quote (``briefing find`` and the pack's ``quote:`` fields match it).
        """
        plain = self.content.plain
        start = 0 if selection.start is None else self._offset_at(*selection.start.transpose)
        end = len(plain) if selection.end is None else self._offset_at(*selection.end.transpose)
        return plain[start:end], "\n"

    def selected_span(self) -> tuple[int, int] | None:
        """The text offsets of the mouse selection in this view, or None (nothing selected)."""
        selection = self.text_selection
        if selection is None:
            return None
        plain = self.content.plain
        start = 0 if selection.start is None else self._offset_at(*selection.start.transpose)
        end = len(plain) if selection.end is None else self._offset_at(*selection.end.transpose)
        return (start, end) if end > start else None

    def top_offset(self) -> int:
        """The text offset of the first line on screen (where "the sentence in view" starts)."""
        if not self._lines:
            return 0
        return self._lines[min(self.scroll_offset.y, len(self._lines) - 1)][0]

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """A frame's lines, drawn with its base style and width worked out once.

        ``rich_style`` walks the styles of every ancestor each time it is read:
        read for each line, that was ~1 ms of every frame, the first one included
        (31 lines, most of them blank while the source pane waits for its text).
        """
        self._frame = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        """One visible line: the styled text between its offsets, padded to the width."""
        index = self.scroll_offset.y + y
        if self._frame is None:  # drawn outside a frame
            rich_style, width = self.rich_style, self.scrollable_content_region.width
        else:
            rich_style, width = self._frame
        if index >= len(self._lines):
            return Strip.blank(width, rich_style)
        if rich_style != self._strips_style:
            # Focus tints the background: lines drawn before are stale.
            self._strips.clear()
            self._strips_style = rich_style
        selection = self.text_selection
        strip = None if selection is not None else self._strips.get(index)
        if strip is None or strip.cell_length != width:
            if self._pieces is None:
                # One pass over the styles for the whole article, not one per line.
                self._pieces = self.content.divide(self._starts[1:])
            piece = self._pieces[index].rstrip()
            span = None if selection is None else selection.get_span(index)
            if span is not None:
                start, end = span
                end = len(piece.plain) if end == -1 else end
                piece = piece.stylize(self.screen.get_visual_style("screen--selection"), start, end)
            strip = Strip(piece.render_segments(self.visual_style), piece.cell_length)
            strip = strip.adjust_cell_length(width, rich_style).apply_offsets(0, index)
            if selection is None:
                self._strips[index] = strip
        return strip
