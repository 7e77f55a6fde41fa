"""The source pane: the whole article, the evidence sentence highlighted and in view.

The article is one ``Content`` built from the sanitised text (same length as the
original, so the pack's offsets apply unchanged) with style spans layered in
order: every other evidence span of the article faintly, boilerplate lines
dimmed, lost-character words marked, the sentence, and the quote strongest.
The styles come from component classes in the stylesheet, so they follow the
theme. ``highlight`` records what is highlighted, by offsets, for tests and for
the other panes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, NamedTuple

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from briefing.model.pack import Pack
from briefing.model.sanitize import clean, clean_line
from briefing.model.types import Evidence, Source
from briefing.tui.widgets.article import ArticleView


class Highlight(NamedTuple):
    """What the source pane highlights: offsets in ``Source.text``."""

    source_id: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


class SourceView(Vertical, can_focus=False):
    """Banner (what the text is) above the scrolling article."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-view--sentence",
        "source-view--quote",
        "source-view--other",
        "source-view--boilerplate",
        "source-view--lost",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Source"
        self.pack: Pack | None = None
        self.source: Source | None = None
        self.evidence: Evidence | None = None
        self.highlight: Highlight | None = None
        self.flags_text: str = ""
        """The banner's warning line (empty when the text has no flags)."""
        self.marked_lost: tuple[tuple[int, int], ...] = ()
        """Offsets of the lost-character words marked in the article."""
        self._shown_source: Source | None = None
        """The source whose title, meta line and banner are on screen."""

    def compose(self) -> ComposeResult:
        yield Static(id="source-meta", markup=False)
        yield Static(id="source-flags", markup=False)
        yield ArticleView(id="article-scroll")

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        # After a refresh: until then the component classes still give the old theme's colours.
        if self.source is not None:
            self.call_after_refresh(self._render_article, scroll=False)

    def show(
        self, pack: Pack, source: Source, evidence: Evidence | None = None, note: str = ""
    ) -> None:
        """Show ``source``; with ``evidence``, highlight it and scroll its sentence into view.

        ``note`` says on the pane's lower edge what the highlight is when it is not the
        item's own evidence (a sentence that only names an actor), so a highlight is
        never taken for evidence it is not.
        """
        self.pack, self.source, self.evidence = pack, source, evidence
        self.border_subtitle = Content(note)
        self.highlight = (
            None
            if evidence is None
            else Highlight(
                source.id,
                evidence.start,
                evidence.end,
                evidence.sentence_start,
                evidence.sentence_end,
            )
        )
        if source is not self._shown_source:
            # Only when the article changes: each update costs a layout pass and a
            # redraw of the pane, and browsing usually stays within one article.
            self._shown_source = source
            self.border_title = Content(clean_line(source.outlet))  # a str would be markup
            self.query_one("#source-meta", Static).update(self._meta(source))
            flags = self._flags(source)
            self.flags_text = flags
            banner = self.query_one("#source-flags", Static)
            banner.update(Content(flags))
            banner.display = bool(flags)
        self._render_article(scroll=True)

    def show_nothing(self, message: str) -> None:
        """No article to show (an item without evidence): say so plainly."""
        self.source = self.evidence = self.highlight = None
        self._shown_source = None
        self.flags_text = ""
        self.marked_lost = ()
        self.border_title = "Source"
        self.border_subtitle = ""
        self.query_one("#source-meta", Static).update(Content(message).stylize("italic"))
        self.query_one("#source-flags", Static).display = False
        self.query_one(ArticleView).set_content(Content(""))

    def _meta(self, source: Source) -> Content:
        origin = f" (from {source.translated_from})" if source.translated_from else ""
        credited = f" · credits {source.original_outlet}" if source.original_outlet else ""
        return Content.from_markup(
            "[b]$title[/b]\n[dim]$meta[/dim]",
            title=clean_line(source.title),
            meta=clean_line(
                f"{source.published or 'date unknown'} · grade {source.grade} · "
                f"{source.language}{origin}{credited}"
            ),
        )

    @staticmethod
    def _flags(source: Source) -> str:
        flags = source.flags
        parts = []
        if flags.machine_translated:
            parts.append("MACHINE-TRANSLATED")
        if flags.garbled:
            parts.append("GARBLED: read quotes with care")
        if flags.lost_characters:
            lost = ", ".join(clean_line(word) for word in flags.lost_characters)
            parts.append(f"lost characters in {lost}")
        if flags.boilerplate_lines:
            parts.append("site boilerplate dimmed")
        return "⚠ " + " · ".join(parts) if parts else ""

    def _render_article(self, *, scroll: bool) -> None:
        source = self.source
        assert source is not None and self.pack is not None
        text = source.text
        spans: list[tuple[int, int, str]] = []
        for span in self.pack.spans(source.id):
            spans.append((span.evidence.start, span.evidence.end, "other"))
        for first, last in source.flags.boilerplate_lines:
            start, end = source.article.lines_between(first, last)
            spans.append((start, end, "boilerplate"))
        lost = []
        for word in source.flags.lost_characters:
            at = text.find(word) if word else -1
            while at >= 0:
                lost.append((at, at + len(word)))
                at = text.find(word, at + len(word))
        self.marked_lost = tuple(sorted(lost))
        if self.highlight is not None:
            h = self.highlight
            spans.append((h.sentence_start, h.sentence_end, "sentence"))
            spans.append((h.start, h.end, "quote"))
        # Last, so a damaged word keeps its mark inside the quote (where it matters most)
        # instead of taking the quote's text colour.
        spans.extend((start, end, "lost") for start, end in self.marked_lost)
        # A tab would reach the terminal as a tab (jumping to its next tab stop, past
        # the wrap and the border): shown as a space, one character for one, so the
        # pack's offsets and the selection still line up.
        content = Content(clean(text).replace("\t", " "))
        for start, end, kind in spans:
            style = self.get_visual_style(f"source-view--{kind}")
            if kind == "lost":  # a mark on the letters: whatever highlight lies under them stays
                style = replace(style, background=None)
            content = content.stylize(style, start, end)
        self.query_one(ArticleView).set_content(content)
        if scroll:
            self.scroll_to_highlight()

    def highlight_line(self) -> int:
        """The wrapped line (0-based) on which the highlighted sentence starts."""
        if self.highlight is None:
            return 0
        return self.query_one(ArticleView).line_of(self.highlight.sentence_start)

    def scroll_to_highlight(self) -> None:
        """Scroll so the sentence sits a third of the way down the pane.

        Unless the whole sentence is on screen with the article at its top: then the
        article opens at its first line (a sentence near the top no longer scrolls
        the headline away, issue 22 bug 8).
        """
        article = self.query_one(ArticleView)
        height = article.scrollable_content_region.height
        if self.highlight is None or (
            height > 0
            and article.line_of(max(self.highlight.sentence_end - 1, self.highlight.start)) < height
        ):
            article.scroll_home(animate=False, immediate=True)
            return
        article.scroll_to_line(self.highlight_line())

    def on_resize(self) -> None:
        if self.highlight is not None:
            self.call_after_refresh(self.scroll_to_highlight)
