"""The tree a pack's YAML is read into, and the characters a pack may not hold.

Every scalar stays the string the author wrote, with its position, so each
diagnostic can point at it; the reader (:mod:`briefing.model.io.yaml_text.read`)
builds these nodes from the parser's events, the schema walks them. Positions
are 1-based (line, column), as every diagnostic shows them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
"""C0 (but tab, LF, CR), DEL, C1, bidi overrides and the two non-characters.

U+FFFE/U+FFFF are here because the two parsers report them differently; checking
them ourselves keeps one verdict. The same set is checked again on every parsed
scalar, since a double-quoted ``"\\e"`` or ``"\\u202e"`` escape produces them too."""
ESCAPED = re.compile(FORBIDDEN.pattern[:-1] + "\r]")
"""What a parsed scalar may not hold: the set above and a carriage return. The
text is parsed after CR and CRLF became LF, so a CR in a scalar was written as
the escape ``"\\r"``: it matches nothing in a (normalised) article, and on a
terminal it moves the cursor back over what was printed."""


def has_forbidden(text: str) -> bool:
    """True when ``text`` holds a character a pack may not contain, raw or escaped."""
    return ESCAPED.search(text) is not None


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


class Positions:
    """Turns a character offset into a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.length = len(text)

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def clamp(positions: Positions, line: int, column: int) -> tuple[int, int]:
    """1-based position of a 0-based mark, marks past the end moved to the end.

    At the end of a file without a final newline libyaml puts the mark on the
    next line and the pure parser after the last character; one position keeps
    one verdict.
    """
    starts = positions.starts
    if line >= len(starts) or (line == len(starts) - 1 and column > positions.length - starts[-1]):
        return positions.at(positions.length)
    return line + 1, column + 1
