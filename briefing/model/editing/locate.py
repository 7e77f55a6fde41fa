"""Where a record sits in a pack's YAML text: composed node positions, whole lines, indents.

An edit must change only the bytes it means to change, so edits work on the
file's own text with the character offsets PyYAML's composer gives every node
(start and end marks), never on a re-dumped tree: comments, quoting, key order
and blank lines elsewhere cannot move. Composing builds nodes only; no object is
constructed from a tag (the pack was read strictly by ``yaml_text.read`` first). The
pure parser is used, not libyaml, because its marks count characters of exactly
the string we splice (BOM and CRLF kept).

Worst case: one compose per file per edit, O(file length); a record's extent is
found by walking its own lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.model.diagnostics import Diagnostic
from briefing.model.io.yaml_text.pure import PureParser


class EditRefused(Exception):
    """An edit that was not made: one line for the user, and the diagnostics that explain it."""

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


class Stale(EditRefused):
    """A data file changed on disk since the session read it: reload, never clobber."""


@dataclass(frozen=True, slots=True)
class Splice:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str


@dataclass
class YamlText:
    """One data file: its bytes, the text edits are made in, and its composed tree."""

    path: Path
    data: bytes
    text: str
    root: yaml.Node | None

    @property
    def newline(self) -> str:
        """The file's own line end (CRLF when its first line ends so)."""
        first = self.text.find("\n")
        return "\r\n" if first > 0 and self.text[first - 1] == "\r" else "\n"

    @classmethod
    def parse(cls, path: Path, data: bytes) -> YamlText:
        """Decode (BOM and line ends kept) and compose; refused when it cannot be read."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise EditRefused(f"{path}: not valid UTF-8; fix it before editing") from None
        return cls(path, data, text, compose(text, path))


def compose(text: str, path: Path) -> yaml.Node | None:
    """The composed tree of ``text`` (None for an empty file)."""
    loader = PureParser(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise EditRefused(f"{path}: cannot be edited, it does not parse: {exc}") from None
    finally:
        loader.dispose()


def apply(text: str, splices: list[Splice]) -> str:
    """``text`` with every splice made; splices may not overlap."""
    out = text
    last = len(text) + 1
    for splice in sorted(splices, key=lambda s: (s.start, s.end), reverse=True):
        if splice.end > last:
            raise EditRefused("internal: overlapping edits")  # pragma: no cover - a bug
        out = out[: splice.start] + splice.new + out[splice.end :]
        last = splice.start
    return out


def get(node: yaml.Node | None, key: str) -> tuple[yaml.ScalarNode, yaml.Node] | None:
    """The (key, value) nodes of ``key`` in a mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def scalar(node: yaml.Node | None, key: str) -> str | None:
    """The string value of ``key`` in a mapping node, when it is a scalar."""
    found = get(node, key)
    return found[1].value if found is not None and isinstance(found[1], yaml.ScalarNode) else None


@dataclass(frozen=True, slots=True)
class Located:
    """A record (an item of a list section) in one file."""

    file: YamlText
    section: str
    items: yaml.SequenceNode
    node: yaml.MappingNode
    index: int

    @property
    def id(self) -> str:
        return scalar(self.node, "id") or ""


def records(file: YamlText) -> Iterator[Located]:
    """Every mapping item of every list section of the file, in document order."""
    root = file.root
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                if isinstance(item, yaml.MappingNode):
                    yield Located(file, str(key.value), value, item, index)


def find(files: list[YamlText], record_id: str) -> Located | None:
    """The record with this id in any of the files (the first one, as the loader keeps)."""
    for file in files:
        for located in records(file):
            if located.id == record_id:
                return located
    return None


def line_start(text: str, offset: int) -> int:
    """Offset of the start of the line holding ``offset``."""
    return text.rfind("\n", 0, offset) + 1


def next_line(text: str, offset: int) -> int:
    """Offset just past the end of the line holding ``offset`` (its newline included)."""
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1


def indent_of(text: str, offset: int) -> int:
    """The column of the first non-space character on ``offset``'s line."""
    start = line_start(text, offset)
    column = 0
    while start + column < len(text) and text[start + column] == " ":
        column += 1
    return column


def last_end(node: yaml.Node) -> int:
    """Where a node's own text ends.

    A block collection's end mark is where the next token starts (after blank
    lines and comments that follow it), so the end is taken from its last child.
    """
    if isinstance(node, yaml.ScalarNode) or not isinstance(node, yaml.CollectionNode):
        return int(node.end_mark.index)
    if node.flow_style:
        return int(node.end_mark.index)
    children: list[yaml.Node] = (
        [v for pair in node.value for v in pair]
        if isinstance(node, yaml.MappingNode)
        else list(node.value)
    )
    if not children:
        return int(node.end_mark.index)
    return last_end(children[-1])


def dash_of(text: str, node: yaml.Node) -> int | None:
    """The offset of the ``-`` that opens a block list item, or None (a flow item)."""
    index = int(node.start_mark.index) - 1
    while index >= 0 and text[index] in " \r\n":
        index -= 1
    return index if index >= 0 and text[index] == "-" else None


def _is_comment(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def _is_blank(line: str) -> bool:
    return not line.strip()


def item_extent(located: Located) -> tuple[int, int]:
    """The whole lines of a block list item: the comment lines right above it,
    its own lines, and comment lines after it indented deeper than its dash.

    One blank line before it goes too when a blank line (or the end of the
    section) follows, so removing a record from a blank-separated list leaves
    one separator, not two.
    """
    text = located.file.text
    dash = dash_of(text, located.node)
    if dash is None:
        raise EditRefused(
            f"{located.file.path}: section '{located.section}' is a one-line [..] list; "
            "write it as a block list to edit it here"
        )
    column = dash - line_start(text, dash)
    start = line_start(text, dash)
    end = next_line(text, last_end(located.node))
    while start > 0:  # comment lines directly above, at the dash's column
        previous = line_start(text, start - 1)
        line = text[previous:start]
        if not _is_comment(line) or indent_of(text, previous) != column:
            break
        start = previous
    while end < len(text):  # comment lines below that belong to this item (deeper)
        line = text[end : next_line(text, end)]
        if not _is_comment(line) or indent_of(text, end) <= column:
            break
        end = next_line(text, end)
    following = text[end : next_line(text, end)]
    if start > 0:
        previous = line_start(text, start - 1)
        before = text[previous:start]
        if _is_blank(before) and (end >= len(text) or _is_blank(following)) and previous > 0:
            start = previous
    return start, end
