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
from collections.abc import Callable
from dataclasses import dataclass, field
from sys import intern

import yaml

from briefing.model.diagnostics import Diagnostic
from briefing.model.io.files import MAX_FILE_BYTES, decode_utf8
from briefing.model.io.yaml_pure import PureParser

PURE_PARSER: type = PureParser
try:  # libyaml is ~5x faster; the verdicts are the same (tabs are refused up front).
    LIBYAML_PARSER: type | None = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    LIBYAML_PARSER = None

PARSER: type = LIBYAML_PARSER or PURE_PARSER
"""The event parser every read uses; tests set it to each of the two in turn."""

MAX_DEPTH = 8
"""The schema nests at most 6 levels (section, item, evidence list, item, ...)."""

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
"""C0 (but tab, LF, CR), DEL, C1, bidi overrides and the two non-characters.

U+FFFE/U+FFFF are here because the two parsers report them differently; checking
them ourselves keeps one verdict. The same set is checked again on every parsed
scalar, since a double-quoted ``"\\e"`` or ``"\\u202e"`` escape produces them too."""
_ESCAPED = re.compile(_FORBIDDEN.pattern[:-1] + "\r]")
"""What a parsed scalar may not hold: the set above and a carriage return. The
text is parsed after CR and CRLF became LF, so a CR in a scalar was written as
the escape ``"\\r"``: it matches nothing in a (normalised) article, and on a
terminal it moves the cursor back over what was printed."""
_TAB = "\t"


def has_forbidden(text: str) -> bool:
    """True when ``text`` holds a character a pack may not contain, raw or escaped."""
    return _ESCAPED.search(text) is not None


@dataclass(slots=True)
class YScalar:
    """A scalar exactly as written; ``plain`` is False when it was quoted."""

    value: str
    line: int
    col: int
    plain: bool = True
    comment: str | None = None
    """For a plain scalar, a ``# ...`` comment on the same line after it: in
    ``quote: ranked #1`` YAML drops ``#1`` silently, so the loader checks whether
    the article goes on with it (then the quote was cut, not commented)."""

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
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.length = len(text)

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


ItemHook = Callable[[str, "YMap"], "YNode"]
"""Called with (section name, item) as each mapping item of a top-level list is complete."""


def read_yaml(
    data: bytes, path: str, parser: type | None = None, on_item: ItemHook | None = None
) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse one YAML file into a tree of strings, or return why it cannot be read.

    ``parser`` is PyYAML's pure or libyaml loader class (default :data:`PARSER`);
    both must give the same verdict, which the tests check.

    ``on_item`` sees each mapping in a list under a top-level key (a record of a
    section such as ``pledges:``) as soon as it is complete, and what it returns
    takes the item's place in the tree: the loader checks the record there and
    then and leaves a stub, so a file's whole tree never exists at once. Only the
    first value of a key is offered (a duplicate key's value is not in the tree),
    and the caller must still drop what it made if the file turns out unreadable
    (the returned tree is None).
    """
    if len(data) > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                path, 1, 1, f"file is {len(data)} bytes, over the {MAX_FILE_BYTES}-byte limit"
            )
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
        return _build(text, path, parser or PARSER, positions, on_item)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (1, 1) if mark is None else _clamp(positions, mark.line, mark.column)
        what = exc.problem or exc.context or "cannot be parsed"
        return None, [Diagnostic(path, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always gives marks
        return None, [Diagnostic(path, 1, 1, f"YAML syntax error: {exc}")]


_COMMENT = re.compile(r"[ ]+(#[^\n]*)")


_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*#")


def _glued_comment(
    text: str, positions: _Positions, event: yaml.ScalarEvent, line: int, column: int
) -> int | None:
    """For a block scalar whose header runs into '#' ("|#"), the offset of the '#'."""
    if event.style not in ("|", ">") or line >= len(positions.starts):
        return None
    found = _BLOCK_HEADER.match(text, positions.starts[line] + column)
    return None if found is None else len(found.group()) - 1


def _clamp(positions: _Positions, line: int, column: int) -> tuple[int, int]:
    """1-based position of a 0-based mark, marks past the end moved to the end.

    At the end of a file without a final newline libyaml puts the mark on the
    next line and the pure parser after the last character; one position keeps
    one verdict.
    """
    starts = positions.starts
    if line >= len(starts) or (line == len(starts) - 1 and column > positions.length - starts[-1]):
        return positions.at(positions.length)
    return line + 1, column + 1


_SCALAR = yaml.ScalarEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _classify(event: yaml.Event) -> type | None:
    """The event class :func:`_build` dispatches ``event`` as (None: nothing to do)."""
    if isinstance(event, yaml.DocumentStartEvent):
        return yaml.DocumentStartEvent
    if not isinstance(event, yaml.NodeEvent):
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            return _MAP_END
        return None
    if isinstance(event, yaml.AliasEvent):
        return yaml.AliasEvent
    if isinstance(event, yaml.ScalarEvent):
        return _SCALAR
    if isinstance(event, yaml.MappingStartEvent):
        return _MAP_START
    return _SEQ_START


def _build(
    text: str,
    path: str,
    parser_class: type,
    positions: _Positions,
    on_item: ItemHook | None = None,
) -> tuple[YNode | None, list[Diagnostic]]:
    """Consume the event stream into a tree, refusing what a pack never needs.

    A 1,000-article pack is half a million events, so the common ones (scalar,
    mapping and sequence starts and ends) are dispatched on their exact class and
    the per-scalar checks are inlined with a cheap pre-test each: the position
    clamp (only the last line can hold a mark past the end), the same-line comment
    (only when a space follows the scalar) and the glued block header (only for
    ``|``/``>`` scalars). Every other event, and any event class we do not know,
    goes through :func:`_other_event`, which keeps the general ``isinstance``
    logic. Each check still runs on every event it applies to.
    """
    problems: list[Diagnostic] = []
    stack: list[YMap | YSeq] = []
    pending_key: list[YScalar | None] = []
    root: YNode | None = None
    documents = 0
    section: YSeq | None = None  # the list under the current top-level key, if any
    section_name = ""
    starts = positions.starts
    line_count = len(starts)
    last_line = line_count - 1
    forbidden = _ESCAPED.search
    comment_at = _COMMENT.match
    parser = parser_class(text)
    check_event, get_event = parser.check_event, parser.get_event
    try:
        while check_event():
            event = get_event()
            cls = type(event)
            if cls is _MAP_END or cls is _SEQ_END:
                done = stack.pop()
                pending_key.pop()
                if not stack:
                    root = done
                elif on_item is not None and stack[-1] is section and type(done) is YMap:
                    section.items[-1] = on_item(section_name, done)
                continue
            if cls is not _SCALAR and cls is not _MAP_START and cls is not _SEQ_START:
                # The rare events (stream and document boundaries, aliases) and any
                # subclass: classified by isinstance, as the general logic always did.
                kind = _classify(event)
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        mark = event.start_mark
                        assert mark is not None
                        problems.append(
                            Diagnostic(
                                path,
                                mark.line + 1,
                                mark.column + 1,
                                "only one YAML document per file",
                            )
                        )
                        break
                    continue
                if kind is _MAP_END:
                    done = stack.pop()
                    pending_key.pop()
                    if not stack:
                        root = done
                    elif on_item is not None and stack[-1] is section and type(done) is YMap:
                        section.items[-1] = on_item(section_name, done)
                    continue
                if kind is yaml.AliasEvent:
                    mark = event.start_mark
                    assert mark is not None
                    line, col = _clamp(positions, mark.line, mark.column)
                    problems.append(
                        Diagnostic(
                            path, line, col, "aliases (*name) are not allowed; write the value out"
                        )
                    )
                    break
                if kind is None:
                    continue
                cls = kind  # a subclass of a node start event: built as its base below
            mark = event.start_mark
            mark_line, mark_col = mark.line, mark.column
            if mark_line < last_line:  # _clamp can only move a mark on the last line or past it
                line, col = mark_line + 1, mark_col + 1
            else:
                line, col = _clamp(positions, mark_line, mark_col)
            if event.anchor is not None:
                problems.append(
                    Diagnostic(
                        path,
                        line,
                        col,
                        f"anchors (&{event.anchor}) are not allowed; write the value out",
                    )
                )
                break
            # Any tag written in the file, the non-specific "!" included, is refused:
            # a plain or quoted scalar without one has tag None in both parsers.
            tag = event.tag
            if tag is not None:
                shown = str(tag).replace("tag:yaml.org,2002:", "!!")
                problems.append(Diagnostic(path, line, col, f"tags ({shown}) are not allowed"))
                break
            new: YNode
            if cls is _SCALAR:
                style = event.style
                value = event.value
                if style == "|" or style == ">":
                    glued = _glued_comment(text, positions, event, mark_line, mark_col)
                    if glued is not None:
                        # libyaml takes "|#x" as an empty block scalar (dropping "#x");
                        # the pure parser refuses it. Refuse it the same way with both.
                        problems.append(
                            Diagnostic(
                                path,
                                line,
                                col + glued,
                                "YAML syntax error: expected chomping or indentation "
                                "indicators, but found '#'",
                            )
                        )
                        break
                escaped = forbidden(value)
                if escaped is not None:
                    problems.append(
                        Diagnostic(
                            path,
                            line,
                            col,
                            f"control character U+{ord(escaped.group()):04X} (written as an "
                            "escape) is not allowed",
                        )
                    )
                    break
                comment = None
                if not style:
                    end = event.end_mark
                    if end is not None and end.line < line_count:
                        # A same-line comment needs a space right after the scalar.
                        at = starts[end.line] + end.column
                        if text.startswith(" ", at):
                            found = comment_at(text, at)
                            if found is not None:
                                comment = found.group(1)
                new = YScalar(value, line, col, not style, comment)
            elif cls is _MAP_START:
                new = YMap(line, col)
            else:
                new = YSeq(line, col)
            if stack:
                parent = stack[-1]
                if type(parent) is YSeq:
                    parent.items.append(new)
                elif pending_key[-1] is None:
                    if cls is not _SCALAR:
                        problems.append(
                            Diagnostic(path, line, col, "mapping keys must be plain strings")
                        )
                        break
                    assert isinstance(new, YScalar) and isinstance(parent, YMap)
                    # Keys repeat in every record ("id", "quote", ...): one string each
                    # instead of one per occurrence, in the tree and in every record.
                    new.value = intern(new.value)
                    items = parent.items
                    if new.value in items:
                        first = items[new.value][0]
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
                    assert key is not None and isinstance(parent, YMap)
                    if key.value not in parent.items:
                        parent.items[key.value] = (key, new)
                        if len(stack) == 1 and type(new) is YSeq:
                            section, section_name = new, key.value
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
