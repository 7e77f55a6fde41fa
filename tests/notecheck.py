"""Read an exported note back with real parsers, for the export tests.

The Markdown is parsed by markdown-it-py (CommonMark, GFM tables, footnote
plugin), the HTML by the standard library's ``html.parser``; both give back the
same summary (statements with their footnote labels, footnotes with their cited
sentence and marked words, tables), so the tests assert the same things on both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

STATEMENT_SECTIONS = (
    "Bottom line",
    "Pledges by actor",
    "Meetings",
    "Where sources disagree",
    "Who's who",
)
SINCE_PREFIX = "What changed since "
"""The "since" section's heading starts so; it holds statements like the sections above."""


def holds_statements(section: str) -> bool:
    """True for the note's sections whose lines are statements (each must cite)."""
    return section in STATEMENT_SECTIONS or section.startswith(SINCE_PREFIX)


MARK = "\x00"
"""Stands for a mark boundary in a reconstructed sentence (never in cleaned text)."""


@dataclass
class Cited:
    """One footnote as a reader sees it."""

    cite: str
    sentence: str
    marked: str


@dataclass
class Parsed:
    """What a parser found in a note."""

    sections: list[str] = field(default_factory=list)
    statements: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(section, text, footnote labels) for every list item and table body row in a statement section."""
    footnotes: dict[str, Cited] = field(default_factory=dict)
    refs: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    """Every table as rows of cell texts, header first."""
    problems: list[str] = field(default_factory=list)
    """Anything a note must never contain (raw HTML, links, code spans, stray markup)."""


def _split_marked(text: str) -> tuple[str, str]:
    parts = text.split(MARK)
    if len(parts) != 3:
        return text.replace(MARK, ""), ""
    return "".join(parts), parts[1]


# ---------------------------------------------------------------------- Markdown


def markdown_parser() -> MarkdownIt:
    """CommonMark with tables and footnotes, raw HTML allowed (so stray HTML is seen)."""
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def _inline_text(token: Token, parsed: Parsed, refs: list[str], quoted: bool = False) -> str:
    """The text of an inline token; marks become MARK; the single-source tag's italics are allowed outside quotes."""
    out = []
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind in ("strong_open", "strong_close") or (
            kind == "html_inline" and child.content in ("<mark>", "</mark>")
        ):
            out.append(MARK)
        elif kind in ("em_open", "em_close") and not quoted:
            pass
        elif kind == "footnote_ref":
            refs.append(child.meta["label"])
        else:
            parsed.problems.append(f"{kind}: {child.content!r}")
    return "".join(out)


def parse_markdown(text: str) -> Parsed:
    """Parse a Markdown note into a :class:`Parsed` summary."""
    env: dict[str, object] = {}
    tokens = markdown_parser().parse(text, env)
    parsed = Parsed()
    section = ""
    in_footnote: str | None = None
    footnote_parts: list[str] = []
    items: list[tuple[list[str], list[str]]] = []  # open list items: (texts, labels)
    row: list[str] | None = None
    row_refs: list[str] = []
    in_body = False
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "inline" and heading_level:
            heading = _inline_text(token, parsed, []).replace(MARK, "")
            if heading_level <= 2:
                section = heading
                parsed.sections.append(heading)
            heading_level = 0
        elif kind == "footnote_open":
            in_footnote = token.meta["label"]
            footnote_parts = []
        elif kind == "footnote_close":
            assert in_footnote is not None
            cite = footnote_parts[0] if footnote_parts else ""
            sentence, marked = _split_marked(footnote_parts[1] if len(footnote_parts) > 1 else "")
            parsed.footnotes[in_footnote] = Cited(cite, sentence, marked)
            if len(footnote_parts) != 2:
                parsed.problems.append(f"footnote {in_footnote} has {len(footnote_parts)} parts")
            in_footnote = None
        elif kind == "list_item_open":
            items.append(([], []))
        elif kind == "list_item_close":
            texts, labels = items.pop()
            if holds_statements(section):
                parsed.statements.append((section, " ".join(texts), labels))
            if items:
                items[-1][0].extend(texts)
                items[-1][1].extend(labels)
        elif kind == "table_open":
            parsed.tables.append([])
        elif kind == "tbody_open":
            in_body = True
        elif kind == "tbody_close":
            in_body = False
        elif kind == "tr_open":
            row, row_refs = [], []
        elif kind == "tr_close":
            assert row is not None
            parsed.tables[-1].append(row)
            if in_body and section in STATEMENT_SECTIONS:
                parsed.statements.append((section, " | ".join(row), row_refs))
            row = None
        elif kind == "inline":
            labels: list[str] = []
            content = _inline_text(token, parsed, labels, quoted=in_footnote is not None)
            parsed.refs.extend(labels)
            if in_footnote is None:
                content = content.replace(MARK, "")  # bold outside quotes is just stress
            if in_footnote is not None:
                footnote_parts.append(content)
            elif row is not None:
                row.append(content)
                row_refs.extend(labels)
            elif items:
                items[-1][0].append(content)
                items[-1][1].extend(labels)
        elif kind in ("html_block", "code_block", "fence", "hr"):
            parsed.problems.append(f"{kind}: {token.content!r}")
    return parsed


# -------------------------------------------------------------------------- HTML


class _Tree(HTMLParser):
    """Collects what the HTML tests need in one pass."""

    VOID = frozenset({"br", "meta", "link", "img", "hr", "input", "wbr"})
    FOREIGN = frozenset({"script", "iframe", "object", "embed", "link", "img", "base", "form"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str]]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.external: list[str] = []
        self.parsed = Parsed()
        self.section = ""
        self.heading: list[str] | None = None
        self.captures: list[list[str]] = []
        self.in_ref = 0
        self.ref_label = ""
        self.pops: list[tuple[str, str]] = []
        self.footnote: str | None = None
        self.footnote_parts: list[str] = []
        self.statements: list[tuple[list[str], list[str]]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    # ------------------------------------------------------------------ tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        classes = attributes.get("class", "").split()
        if "id" in attributes:
            self.ids.append(attributes["id"])
        for key in ("src", "href", "action", "srcset", "poster", "data"):
            if key in attributes:
                value = attributes[key]
                if key == "href" and value.startswith("#"):
                    self.hrefs.append(value[1:])
                else:
                    self.external.append(f"{tag} {key}={value}")
        if tag in self.FOREIGN or any(k.startswith("on") for k in attributes):
            self.external.append(tag)
        if tag in ("h1", "h2"):
            self.heading = []
        elif tag == "details" and "ref" in classes:
            self.in_ref += 1
        elif (tag == "summary" and self.in_ref) or (
            tag == "span" and ("sentence" in classes or "cite" in classes)
        ):
            self.captures.append([])
        elif tag == "li" and attributes.get("id", "").startswith("fn-"):
            self.footnote = attributes["id"][3:]
            self.footnote_parts = []
        elif tag == "table":
            self.parsed.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "mark":
            self._text(MARK)
        elif tag == "br":
            self._text("\n")
        if tag in ("li", "tr") and "statement" in classes:
            self.statements.append(([], []))
        if tag not in self.VOID:
            self.stack.append((tag, classes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<rect/>`` in inline SVG: opened and closed at once."""
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.parsed.problems.append(f"unbalanced </{tag}>")
            return
        _, classes = self.stack.pop()
        if tag in ("h1", "h2") and self.heading is not None:
            self.section = "".join(self.heading)
            self.parsed.sections.append(self.section)
            self.heading = None
        elif tag == "summary" and self.in_ref:
            self.ref_label = "".join(self.captures.pop()).strip("[]")
            self.parsed.refs.append(self.ref_label)
            for _, labels in self.statements:
                labels.append(self.ref_label)
        elif tag == "details" and "ref" in classes:
            self.in_ref -= 1
        elif tag == "span" and ("sentence" in classes or "cite" in classes):
            text = "".join(self.captures.pop())
            if self.in_ref:
                if "sentence" in classes:
                    self.pops.append((self.ref_label, text))
            elif self.footnote is not None:
                self.footnote_parts.append(text)
        elif tag == "mark":
            self._text(MARK)
        elif tag == "li" and self.footnote is not None and not self.in_ref:
            if len(self.footnote_parts) != 2:
                self.parsed.problems.append(f"footnote {self.footnote}: {self.footnote_parts}")
            else:
                sentence, marked = _split_marked(self.footnote_parts[1])
                cite = self.footnote_parts[0].rstrip(":")
                self.parsed.footnotes[self.footnote] = Cited(cite, sentence, marked)
            self.footnote = None
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.parsed.tables[-1].append(self.row)
            self.row = None
        if tag in ("li", "tr") and "statement" in classes:
            texts, labels = self.statements.pop()
            if holds_statements(self.section):
                self.parsed.statements.append((self.section, "".join(texts), labels))

    # ------------------------------------------------------------------ text

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)
        for capture in self.captures:
            capture.append(data)
        if self.in_ref:
            return
        if self.cell is not None:
            self.cell.append(data)
        for texts, _ in self.statements:
            texts.append(data)


@dataclass
class ParsedHtml:
    """The HTML summary plus the link and id checks."""

    parsed: Parsed
    ids: list[str]
    hrefs: list[str]
    external: list[str]
    pops: list[tuple[str, str]]
    """(footnote label, sentence with marks) of every citation that expands in place."""


def parse_html(text: str) -> ParsedHtml:
    """Parse an HTML note into a :class:`ParsedHtml`."""
    tree = _Tree()
    tree.feed(text)
    tree.close()
    if tree.stack:
        tree.parsed.problems.append(f"unclosed: {[t for t, _ in tree.stack]}")
    return ParsedHtml(tree.parsed, tree.ids, tree.hrefs, tree.external, tree.pops)
