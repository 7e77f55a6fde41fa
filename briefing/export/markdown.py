"""The briefing note as Markdown (CommonMark + GFM tables + footnotes).

Article text is escaped so that it renders as itself: a quote holding ``*``,
``_``, ``[``, ``|``, ``<`` or a backtick must not turn into emphasis, a link, a
table column or HTML. We backslash-escape only the characters that can start
inline syntax (plus block markers at the start of a line), so the raw file stays
readable for someone who opens it in a text editor.

Quoted words are marked in bold (``**...**``). Where CommonMark's flanking rules
would not let ``**`` open or close at the quote's edges (a quote starting with a
quotation mark right after a letter, say), we fall back to ``<mark>`` so the
marked part still equals the quote exactly.
"""

from __future__ import annotations

import re
import unicodedata

from briefing.export.doc import (
    Block,
    Bullets,
    Chart,
    Footnote,
    Heading,
    Inline,
    Item,
    Note,
    Para,
    Ref,
    Strong,
    Table,
    Tag,
    Text,
)

_INLINE_SPECIAL = frozenset("\\`*_[]<|~#")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK_START = re.compile(r"([-+=>]|[0-9]{1,9}[.)])")
_FOOTNOTE_INDENT = "    "


def escape(text: str) -> str:
    """``text`` as Markdown inline content that renders as exactly ``text`` (one line).

    A leading block marker (``-``, ``1.``, ``>``) is escaped too, so the text
    stays itself even where it opens a line or a list item. Most strings (names,
    labels, dates) need nothing escaped and come back as they are; the others
    are copied by runs (:func:`_escape_one_line`), not a character at a time.
    """
    if _SPECIAL.search(text) is None and _BLOCK_START.match(text) is None:
        return text
    return _escape_one_line(text, {})


def _escape_each(text: str) -> str:
    """:func:`escape` by its definition, a character at a time (the tests' reference)."""
    out = [_escape_at(text, index) for index in range(len(text))]
    marker = _BLOCK_START.match(text)
    if marker:
        last = marker.end() - 1
        out[last] = "\\" + text[last]
    return "".join(out)


def _escape_at(text: str, index: int) -> str:
    """The character at ``index`` escaped; ``&`` only where it would start an entity."""
    char = text[index]
    if char in _INLINE_SPECIAL or (char == "&" and _ENTITY.match(text, index)):
        return "\\" + char
    return char


_SPECIAL = re.compile("[" + re.escape("".join(sorted(_INLINE_SPECIAL))) + "&]")
"""Where :func:`_escape_at` may change a character: the only places worth visiting."""


def _escape_one_line(text: str, inserts: dict[int, str]) -> str:
    """:func:`escape_sentence` for the common case (one line, no edge white space).

    Same output, but it copies the runs between special characters and insert
    points as slices instead of visiting every character: a 1,000-article note
    has tens of thousands of cited sentences.
    """
    size = len(text)
    marker = _BLOCK_START.match(text)
    escape_at = marker.end() - 1 if marker else -1
    points = {m.start() for m in _SPECIAL.finditer(text)}
    points.update(k for k in inserts if 0 <= k <= size)
    if escape_at >= 0:
        points.add(escape_at)
    out: list[str] = []
    done = 0
    for index in sorted(points):
        out.append(text[done:index])
        out.append(inserts.get(index, ""))
        if index < size:
            out.append("\\" + text[index] if index == escape_at else _escape_at(text, index))
            done = index + 1
        else:
            done = index
    out.append(text[done:])
    return "".join(out)


def escape_sentence(text: str, indent: str, inserts: dict[int, str]) -> str:
    """``text`` (which may hold newlines) as the body of a Markdown block quote.

    ``inserts`` maps offsets of ``text`` to raw Markdown to put there (the marks
    round the quoted words). Each newline becomes a hard break followed by
    ``indent``. White space at either end of a line would be dropped by the
    parser, so it is written as character references; a character that would
    start a block at the beginning of a line (``-``, ``+``, ``=``, ``>``, ``1.``)
    is escaped.
    """
    if "\n" not in text and not (text[:1].isspace() or text[-1:].isspace()):
        return _escape_one_line(text, inserts)
    size = len(text)
    keep = [False] * size
    for edge in _line_edges(text):
        step = 1 if edge >= 0 else -1
        index = edge if edge >= 0 else size + edge
        while 0 <= index < size and text[index] != "\n" and text[index].isspace():
            keep[index] = True
            index += step
    out: list[str] = []
    line_start = True
    escape_at = -1
    for index, char in enumerate(text):
        out.append(inserts.get(index, ""))
        if line_start and char != "\n":
            match = _BLOCK_START.match(text, index)
            escape_at = match.end() - 1 if match else -1
        if char == "\n":
            out.append("\\\n" + indent)
        elif keep[index]:
            out.append(_char_ref(char))
        elif index == escape_at:
            out.append("\\" + char)
        else:
            out.append(_escape_at(text, index))
        line_start = char == "\n"
    out.append(inserts.get(size, ""))
    return "".join(out)


def _line_edges(text: str) -> list[int]:
    """Where runs of edge white space start: the start (as 0), the end (as -1), round newlines."""
    edges = [0, -1]
    for index, char in enumerate(text):
        if char == "\n":
            edges.extend([index + 1, index - 1 - len(text)])
    return edges


def _char_ref(char: str) -> str:
    return f"&#{ord(char)};"


def _is_space(char: str) -> bool:
    return char == "" or char.isspace()


def _is_punct(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"


def can_bold(before: str, quote: str, after: str) -> bool:
    """True when ``**quote**`` between ``before`` and ``after`` parses as strong emphasis.

    A conservative reading of CommonMark's flanking rules: the opening ``**``
    must be followed by a non-space and, if that is punctuation, preceded by
    space or punctuation; the closing one mirrors it.
    """
    if not quote or _is_space(quote[0]) or _is_space(quote[-1]):
        return False
    prev = before[-1:] if before else ""
    nxt = after[:1]
    opens = not _is_punct(quote[0]) or _is_space(prev) or _is_punct(prev)
    closes = not _is_punct(quote[-1]) or _is_space(nxt) or _is_punct(nxt)
    return opens and closes


def inline(content: Inline) -> str:
    """Inline pieces as Markdown."""
    out = []
    for piece in content:
        if isinstance(piece, Text):
            out.append(escape(piece.text))
        elif isinstance(piece, Strong):
            out.append(_strong(piece.text))
        elif isinstance(piece, Ref):
            out.append(f"[^{piece.number}]")
        elif isinstance(piece, Tag):
            space = " " if out and not out[-1].endswith(" ") else ""
            out.append(space + (f"*({piece.label})*" if piece.single else f"({piece.label})"))
    return "".join(out)


def _strong(text: str) -> str:
    """Bold text; the note only puts it after a space, a line start or a cell edge."""
    stripped = text.strip()
    return f"**{escape(stripped)}**" if stripped else ""


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + escape(block.text), ""]
    if isinstance(block, Para):
        return [inline(block.content), ""]
    if isinstance(block, Bullets):
        lines: list[str] = []
        for item in block.items:
            _item(item, 0, lines)
        return [*lines, ""]
    if isinstance(block, Table):
        return [*_table(block), ""]
    if isinstance(block, Chart):
        return []  # drawn in HTML only; its figures are in the text (see doc.Chart)
    raise TypeError(type(block).__name__)  # pragma: no cover - exhaustive


def _item(item: Item, depth: int, lines: list[str]) -> None:
    lines.append("  " * depth + "- " + inline(item.content))
    for child in item.children:
        _item(child, depth + 1, lines)


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(escape(h) for h in table.header) + " |"]
    lines.append("|" + "|".join("---" for _ in table.header) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(inline(cell) for cell in row) + " |")
    return lines


def footnote(note: Footnote) -> list[str]:
    """One footnote: the citation, then the sentence as a quote with the quoted words marked."""
    indent = _FOOTNOTE_INDENT + "> "
    if can_bold(note.before, note.quote, note.after):
        opening, closing = "**", "**"
    else:
        opening, closing = "<mark>", "</mark>"
    start, end = len(note.before), len(note.before) + len(note.quote)
    body = escape_sentence(note.sentence, indent, {start: opening, end: closing})
    return [f"[^{note.number}]: {escape(note.cite)}:", f"{indent}{body}", ""]


def render_note(note: Note) -> str:
    """The whole note as Markdown text."""
    lines: list[str] = []
    for block in note.blocks:
        lines.extend(_block(block))
    if note.footnotes:
        lines.extend(["## Citations", ""])
        for item in note.footnotes:
            lines.extend(footnote(item))
    return "\n".join(lines).rstrip("\n") + "\n"
