"""Strict YAML reading: parse events and build a small tree of strings, never objects.

PyYAML's loaders construct Python objects from tags, coerce ``no`` into False and
``2025-03-11`` into a date, keep the last of two duplicate keys silently, and the
pure and libyaml parsers disagree on tabs. A pack is hand-written by an author who
needs to be told about each of those, so we read the *event stream* (libyaml when
available, for speed) and build our own tree: every scalar stays the string the
author wrote, with its position, and anything outside the schema's plain subset
(tags, anchors, aliases, duplicate keys, deep nesting) is a diagnostic. Events are
consumed iteratively, so a deeply nested or self-referencing document cannot blow
the stack or explode a walk.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import yaml

from briefing.model.diagnostics import Diagnostic

try:  # libyaml is ~5x faster; the verdicts are the same (tabs are refused up front).
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

MAX_BYTES = 16 * 1024 * 1024
"""Files larger than this are refused before parsing: no real pack comes close."""

MAX_DEPTH = 8
"""The schema nests at most 6 levels (section, item, evidence list, item, ...)."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TAB = "\t"


@dataclass(slots=True)
class YScalar:
    """A scalar exactly as written; ``plain`` is False when it was quoted."""

    value: str
    line: int
    col: int
    plain: bool = True

    @property
    def is_null(self) -> bool:
        """True for an unquoted ``null``, ``~`` or empty value."""
        return self.plain and self.value in ("", "null", "~", "Null", "NULL")


@dataclass(slots=True)
class YMap:
    """A mapping; keys are scalars, in document order, duplicates refused."""

    line: int
    col: int
    items: dict[str, tuple[YScalar, YNode]] = field(default_factory=dict)


@dataclass(slots=True)
class YSeq:
    """A sequence."""

    line: int
    col: int
    items: list[YNode] = field(default_factory=list)


YNode = YScalar | YMap | YSeq


def kind_name(node: YNode) -> str:
    """How a node is described to an author ("a list", "a mapping", "a string")."""
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return "null" if node.is_null else "a string"


class _Positions:
    """Turns a character offset into a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1


def decode_utf8(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """Decode strictly (a BOM is accepted); a bad byte is reported at its line:col.

    PyYAML and Python report a bad byte by its byte position only, which an author
    cannot act on; we count lines and characters up to it ourselves.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        line_start = head.rfind(b"\n") + 1
        col = len(head[line_start:].decode("utf-8", errors="replace")) + 1
        bad = data[exc.start : exc.start + 1].hex()
        return None, Diagnostic(
            path, line, col, f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def read_yaml(data: bytes, path: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse one YAML file into a tree of strings, or return why it cannot be read."""
    if len(data) > MAX_BYTES:
        return None, [
            Diagnostic(path, 1, 1, f"file is {len(data)} bytes, over the {MAX_BYTES}-byte limit")
        ]
    text, problem = decode_utf8(data, path)
    if text is None:
        assert problem is not None
        return None, [problem]
    positions = _Positions(text)
    problems: list[Diagnostic] = []
    tab = text.find(_TAB)
    if tab >= 0:
        line, col = positions.at(tab)
        problems.append(Diagnostic(path, line, col, "tab character; YAML packs use spaces only"))
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        line, col = positions.at(bad.start())
        problems.append(
            Diagnostic(
                path, line, col, f"control character U+{ord(bad.group()):04X} is not allowed"
            )
        )
    if problems:
        return None, problems
    try:
        return _build(text, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "cannot be parsed"
        return None, [Diagnostic(path, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always gives marks
        return None, [Diagnostic(path, 1, 1, f"YAML syntax error: {exc}")]


_SCALAR = yaml.ScalarEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _refused(event: yaml.NodeEvent, path: str) -> Diagnostic | None:
    """Why a node with an anchor or a tag is refused (None for the harmless ``!``)."""
    mark = event.start_mark
    assert mark is not None
    line, col = mark.line + 1, mark.column + 1
    if event.anchor is not None:
        return Diagnostic(
            path, line, col, f"anchors (&{event.anchor}) are not allowed; write the value out"
        )
    tag = getattr(event, "tag", None)
    explicit = (
        tag is not None
        and tag != "!"
        and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0])
    )
    if explicit:
        shown = str(tag).replace("tag:yaml.org,2002:", "!!")
        return Diagnostic(path, line, col, f"tags ({shown}) are not allowed")
    return None


def _build(text: str, path: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Consume the event stream into a tree, refusing what a pack never needs."""
    problems: list[Diagnostic] = []
    stack: list[YMap | YSeq] = []
    pending_key: list[YScalar | None] = []
    root: YNode | None = None
    documents = 0
    parser = _Parser(text)
    check_event, get_event = parser.check_event, parser.get_event
    try:
        # Half a million events in a 1,000-article pack: dispatch on the exact
        # event class and test anchor/tag once (both None in every event of a
        # valid pack) instead of a chain of isinstance checks per event.
        while check_event():
            event = get_event()
            cls = type(event)
            if cls is _SCALAR or cls is _MAP_START or cls is _SEQ_START:
                if event.anchor is not None or event.tag is not None:
                    refused = _refused(event, path)
                    if refused is not None:
                        problems.append(refused)
                        break
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                if cls is _SCALAR:
                    new: YNode = YScalar(event.value, line, col, not event.style)
                elif cls is _MAP_START:
                    new = YMap(line, col)
                else:
                    new = YSeq(line, col)
            elif cls is _MAP_END or cls is _SEQ_END:
                done = stack.pop()
                pending_key.pop()
                if not stack:
                    root = done
                continue
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    assert mark is not None
                    problems.append(
                        Diagnostic(
                            path, mark.line + 1, mark.column + 1, "only one YAML document per file"
                        )
                    )
                    break
                continue
            elif cls is yaml.AliasEvent:
                mark = event.start_mark
                problems.append(
                    Diagnostic(
                        path,
                        mark.line + 1,
                        mark.column + 1,
                        "aliases (*name) are not allowed; write the value out",
                    )
                )
                break
            else:  # stream and document ends
                continue
            if stack:
                parent = stack[-1]
                if isinstance(parent, YSeq):
                    parent.items.append(new)
                elif pending_key[-1] is None:
                    if not isinstance(new, YScalar):
                        problems.append(
                            Diagnostic(path, line, col, "mapping keys must be plain strings")
                        )
                        break
                    if new.value in parent.items:
                        first = parent.items[new.value][0]
                        problems.append(
                            Diagnostic(
                                path,
                                line,
                                col,
                                f"duplicate key '{new.value}' (first defined at line {first.line}, "
                                f"column {first.col}); YAML would silently keep only the last",
                            )
                        )
                    pending_key[-1] = new
                    continue
                else:
                    key = pending_key[-1]
                    assert key is not None
                    if key.value not in parent.items:
                        parent.items[key.value] = (key, new)
                    pending_key[-1] = None
            if cls is not _SCALAR:
                assert isinstance(new, (YMap, YSeq))
                if len(stack) >= MAX_DEPTH:
                    problems.append(
                        Diagnostic(
                            path,
                            line,
                            col,
                            f"nested deeper than the pack schema allows ({MAX_DEPTH} levels)",
                        )
                    )
                    break
                stack.append(new)
                pending_key.append(None)
            elif not stack:
                root = new
    finally:
        parser.dispose()
    # A duplicate key leaves a usable tree (the first value is kept), so the rest
    # of the file is still checked; anything else stopped the walk part-way.
    fatal = any(not p.message.startswith("duplicate key") for p in problems)
    return (None if fatal else root), problems
