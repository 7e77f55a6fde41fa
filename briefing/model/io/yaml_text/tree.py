"""The tree a YAML file's event stream builds: strings with positions, nothing constructed.

:func:`briefing.model.io.yaml_text.read.read_yaml` checks the bytes (size, UTF-8,
tabs, control characters) and hands the parser's events to :class:`TreeBuilder`,
which refuses what a pack never needs (tags, anchors, aliases, duplicate keys,
deep nesting) and keeps every scalar as the text the author wrote. Split from the
reading gate because the builder is the hot loop of a cold load (half a million
events at 1,000 articles) and carries its own fast path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from sys import intern
from typing import Any, NoReturn

import yaml

from briefing.model.diagnostics import Diagnostic
from briefing.model.io.yaml_text.nodes import (
    ESCAPED,
    Positions,
    YMap,
    YNode,
    YScalar,
    YSeq,
    clamp,
)

MAX_DEPTH = 8
"""The schema nests at most 6 levels (section, item, evidence list, item, ...)."""

ItemHook = Callable[[str, "YMap"], "YNode"]
"""Called with (section name, item) as each mapping item of a top-level list is complete."""


_COMMENT = re.compile(r"[ ]+(#[^\n]*)")


_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*#")


def _glued_comment(
    text: str, positions: Positions, event: yaml.ScalarEvent, line: int, column: int
) -> int | None:
    """For a block scalar whose header runs into '#' ("|#"), the offset of the '#'."""
    if event.style not in ("|", ">") or line >= len(positions.starts):
        return None
    found = _BLOCK_HEADER.match(text, positions.starts[line] + column)
    return None if found is None else len(found.group()) - 1


_SCALAR = yaml.ScalarEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _classify(event: yaml.Event) -> type | None:
    """The event class :class:`TreeBuilder` dispatches ``event`` as (None: nothing to do)."""
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


class _Refused(Exception):
    """A handler recorded a fatal problem: the walk stops there (see :meth:`TreeBuilder.refuse`)."""


class TreeBuilder:
    """Consumes one file's event stream into a tree, refusing what a pack never needs.

    One small handler per kind of event; a handler that finds something fatal
    records it and raises :class:`_Refused`, which ends the walk. Problems the
    walk survives (a duplicate key keeps its first value) are recorded and the
    walk goes on, so the rest of the file is still checked.

    A 1,000-article pack is half a million events, so :meth:`run` dispatches the
    common ones (scalar, mapping and sequence starts and ends) on their exact
    class, and the per-scalar checks have a cheap pre-test each: the position
    clamp (only the last line can hold a mark past the end), the same-line
    comment (only when a space follows the scalar) and the glued block header
    (only for ``|``/``>`` scalars). Every other event, and any event class we do
    not know, goes through :meth:`other`, which classifies it by ``isinstance``.
    """

    INLINE = True
    """Build the common scalar inline in :meth:`run` (off: every scalar through
    :meth:`scalar_event`; the tests switch it off to compare the two trees)."""

    def __init__(
        self, text: str, path: str, positions: Positions, on_item: ItemHook | None
    ) -> None:
        self.text = text
        self.path = path
        self.positions = positions
        self.on_item = on_item
        self.problems: list[Diagnostic] = []
        self.stack: list[YMap | YSeq] = []
        self.pending_key: list[YScalar | None] = []
        """For each open collection, the mapping key waiting for its value (None: none)."""
        self.root: YNode | None = None
        self.documents = 0
        self.section: YSeq | None = None
        """The list under the current top-level key, whose items go to ``on_item``."""
        self.section_name = ""
        self.last_line = len(positions.starts) - 1

    def run(self, parser_class: type) -> tuple[YNode | None, list[Diagnostic]]:
        """The tree (None when a fatal problem stopped the walk) and every problem found.

        The common scalar (not on the last line, no anchor, tag or block style, no
        escape to refuse, inside an open collection, not a duplicate key) is built
        right here with everything it touches held in locals: four in five events
        are scalars and calling out for each was half the walk's own time at 1,000
        articles. Every other scalar (and every one when :attr:`INLINE` is off) takes
        :meth:`scalar_event`, the same steps with each check spelled out; the
        tests compare the two trees.
        """
        parser = parser_class(self.text)
        inline = self.INLINE
        check_event, get_event = parser.check_event, parser.get_event
        end_collection, node, scalar = self.end_collection, self.node, self.scalar_event
        stack, pending = self.stack, self.pending_key
        last_line, text = self.last_line, self.text
        starts = self.positions.starts
        lines = len(starts)
        has_space = text.startswith
        comment_at = _COMMENT.match
        escape = ESCAPED.search
        try:
            while check_event():
                event = get_event()
                cls = type(event)
                if cls is _SCALAR:
                    mark = event.start_mark
                    style = event.style
                    value = event.value
                    if (
                        not inline
                        or not stack
                        or mark.line >= last_line
                        or event.anchor is not None
                        or event.tag is not None
                        or (style and style in "|>")
                        or (style == '"' and escape(value) is not None)
                    ):
                        scalar(event)
                        continue
                    parent = stack[-1]
                    key = pending[-1]
                    if key is None and type(parent) is YMap:  # a mapping key
                        value = intern(value)
                        if value in parent.items:
                            scalar(event)  # a duplicate: said at the key
                            continue
                    comment = None
                    if not style:
                        end = event.end_mark
                        if end.line < lines:
                            at = starts[end.line] + end.column
                            if has_space(" ", at):
                                found = comment_at(text, at)
                                if found is not None:
                                    comment = found.group(1)
                    new = YScalar(value, mark.line + 1, mark.column + 1, not style, comment)
                    if type(parent) is YSeq:
                        parent.items.append(new)
                    elif key is None:
                        pending[-1] = new
                    else:
                        assert type(parent) is YMap
                        if key.value not in parent.items:  # a duplicate's value is dropped
                            parent.items[key.value] = (key, new)
                        pending[-1] = None
                elif cls is _MAP_END or cls is _SEQ_END:
                    end_collection()
                elif cls is _MAP_START or cls is _SEQ_START:
                    node(event, cls)
                else:
                    self.other(event)
        except _Refused:
            pass
        finally:
            parser.dispose()
        fatal = any(p.fatal for p in self.problems)
        return (None if fatal else self.root), self.problems

    def refuse(self, line: int, col: int, message: str) -> NoReturn:
        """Record a problem that leaves no usable tree, and stop the walk."""
        self.problems.append(Diagnostic(self.path, line, col, message, fatal=True))
        raise _Refused

    def other(self, event: yaml.Event) -> None:
        """The rare events (stream and document boundaries, aliases) and any subclass."""
        kind = _classify(event)
        if kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                mark = event.start_mark
                assert mark is not None
                self.refuse(mark.line + 1, mark.column + 1, "only one YAML document per file")
        elif kind is _MAP_END:
            self.end_collection()
        elif kind is yaml.AliasEvent:
            mark = event.start_mark
            assert mark is not None
            line, col = clamp(self.positions, mark.line, mark.column)
            self.refuse(line, col, "aliases (*name) are not allowed; write the value out")
        elif kind is not None:
            self.node(event, kind)  # a subclass of a node start event: built as its base

    def end_collection(self) -> None:
        """A mapping or list is complete: it is the root, or a record handed to ``on_item``."""
        done = self.stack.pop()
        self.pending_key.pop()
        stack = self.stack
        if not stack:
            self.root = done
        elif self.on_item is not None and stack[-1] is self.section and type(done) is YMap:
            self.section.items[-1] = self.on_item(self.section_name, done)

    def place(self, event: Any) -> tuple[int, int]:
        """The 1-based position of a node event (any: typed loosely, as the stubs make
        every mark optional), refused if it has an anchor or a tag."""
        mark = event.start_mark
        mark_line, mark_col = mark.line, mark.column
        if mark_line < self.last_line:  # clamp can only move a mark on the last line or past it
            line, col = mark_line + 1, mark_col + 1
        else:
            line, col = clamp(self.positions, mark_line, mark_col)
        if event.anchor is not None:
            self.refuse(
                line, col, f"anchors (&{event.anchor}) are not allowed; write the value out"
            )
        # Any tag written in the file, the non-specific "!" included, is refused:
        # a plain or quoted scalar without one has tag None in both parsers.
        tag = event.tag
        if tag is not None:
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            self.refuse(line, col, f"tags ({shown}) are not allowed")
        return line, col

    def scalar_event(self, event: Any) -> None:
        """A scalar (four in five events): checked, built and put in place in one call.

        The same steps as :meth:`node` and :meth:`attach` with the branches a
        scalar never takes left out (it is never pushed, never a section list).
        """
        mark = event.start_mark
        if mark.line < self.last_line and event.anchor is None and event.tag is None:
            line, col = mark.line + 1, mark.column + 1  # what place() gives here
        else:
            line, col = self.place(event)
        new = self.scalar(event, line, col)
        stack = self.stack
        if not stack:
            self.root = new
            return
        parent = stack[-1]
        if type(parent) is YSeq:
            parent.items.append(new)
            return
        assert isinstance(parent, YMap)
        key = self.pending_key[-1]
        if key is None:
            self.key(parent, new, line, col)
            return
        if key.value not in parent.items:  # a duplicate key's value is dropped (said at the key)
            parent.items[key.value] = (key, new)
        self.pending_key[-1] = None

    def node(self, event: Any, cls: type) -> None:
        """The start of a mapping or list (a scalar goes to :meth:`scalar_event`):
        check it, build it, attach it, open it."""
        if cls is _SCALAR:
            self.scalar_event(event)
            return
        line, col = self.place(event)
        new: YMap | YSeq = YMap(line, col) if cls is _MAP_START else YSeq(line, col)
        if self.stack and self.attach(new, line, col):
            return  # a mapping key: its value comes next
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(
                line, col, f"nested deeper than the pack schema allows ({MAX_DEPTH} levels)"
            )
        self.stack.append(new)
        self.pending_key.append(None)

    def scalar(self, event: Any, line: int, col: int) -> YScalar:
        """A scalar as written, with a same-line comment after a plain one."""
        style = event.style
        value = event.value
        if style == "|" or style == ">":
            glued = _glued_comment(
                self.text, self.positions, event, event.start_mark.line, event.start_mark.column
            )
            if glued is not None:
                # libyaml takes "|#x" as an empty block scalar (dropping "#x");
                # the pure parser refuses it. Refuse it the same way with both.
                self.refuse(
                    line,
                    col + glued,
                    "YAML syntax error: expected chomping or indentation indicators, but found '#'",
                )
        # Only a double-quoted scalar has escapes: any other holds the file's own
        # characters (checked before parsing) and the line breaks YAML folds.
        escaped = ESCAPED.search(value) if style == '"' else None
        if escaped is not None:
            self.refuse(
                line,
                col,
                f"control character U+{ord(escaped.group()):04X} (written as an escape) is not allowed",
            )
        comment = None
        if not style:
            end = event.end_mark
            starts = self.positions.starts
            if end is not None and end.line < len(starts):
                # A same-line comment needs a space right after the scalar.
                at = starts[end.line] + end.column
                if self.text.startswith(" ", at):
                    found = _COMMENT.match(self.text, at)
                    if found is not None:
                        comment = found.group(1)
        return YScalar(value, line, col, not style, comment)

    def attach(self, new: YNode, line: int, col: int) -> bool:
        """Put ``new`` into the open collection; True when it is a mapping key."""
        parent = self.stack[-1]
        if type(parent) is YSeq:
            parent.items.append(new)
            return False
        assert isinstance(parent, YMap)
        key = self.pending_key[-1]
        if key is None:
            self.key(parent, new, line, col)
            return True
        if (
            key.value not in parent.items
        ):  # a duplicate key's value is dropped (reported at the key)
            parent.items[key.value] = (key, new)
            if len(self.stack) == 1 and type(new) is YSeq:
                self.section, self.section_name = new, key.value
        self.pending_key[-1] = None
        return False

    def key(self, parent: YMap, new: YNode, line: int, col: int) -> None:
        """A mapping key: a plain string, not seen before in this mapping."""
        if type(new) is not YScalar:
            self.refuse(line, col, "mapping keys must be plain strings")
        # Keys repeat in every record ("id", "quote", ...): one string each
        # instead of one per occurrence, in the tree and in every record.
        new.value = intern(new.value)
        if new.value in parent.items:
            first = parent.items[new.value][0]
            # Recoverable: the first value is kept and the rest of the file is still checked.
            self.problems.append(
                Diagnostic(
                    self.path,
                    line,
                    col,
                    f"duplicate key '{new.value}' (first defined at line {first.line}, "
                    f"column {first.col}); YAML would silently keep only the last",
                )
            )
        self.pending_key[-1] = new
