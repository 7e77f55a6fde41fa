"""A tiny document model shared by the Markdown and HTML notes.

The note is built once as plain data (headings, paragraphs, bullet lists,
tables, footnotes) and then written out by one renderer per format. That way the
two formats cannot drift apart in content, and every renderer only has to get
escaping right for its own syntax. Every string held here is already sanitised
(``briefing.model.sanitize.clean``) but NOT escaped: escaping is the renderer's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Text to stress (a status, a date, a disputed value)."""

    text: str


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to footnote ``number``."""

    number: int


@dataclass(frozen=True, slots=True)
class Tag:
    """How many sources (and outlets) support the statement it ends."""

    sources: int
    outlets: int
    rating: str = ""
    """Admiralty rating (``B2``: source reliability A-F, credibility 1-6), when known."""
    translated: bool = False
    """Some supporting article is a machine translation."""

    @property
    def single(self) -> bool:
        """True for a statement only one article supports."""
        return self.sources <= 1

    @property
    def label(self) -> str:
        """The words shown: ``single source`` or ``3 sources`` (``, 2 outlets`` when fewer)."""
        if self.single:
            words = "single source"
        else:
            words = f"{self.sources} sources"
            if self.outlets < self.sources:
                words += f", {self.outlets} outlet{'s' if self.outlets != 1 else ''}"
        if self.rating:
            words += f", {self.rating}"
        if self.translated:
            words += ", machine-translated"
        return words


Piece = Text | Strong | Ref | Tag
Inline = tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading; ``anchor`` is a stable id for HTML."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph."""

    content: Inline


@dataclass(frozen=True, slots=True)
class Item:
    """A bullet; ``statement`` items must carry at least one footnote."""

    content: Inline
    children: tuple[Item, ...] = ()
    statement: bool = True


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bullet list."""

    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table; every row has exactly ``len(header)`` cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    statements: bool = True
    """True when each row is a statement (and so carries a footnote)."""

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.header):
                raise ValueError("table row width differs from its header")


@dataclass(frozen=True, slots=True)
class Point:
    """One mark of a chart: a day (articles, meetings held, planned) or a status (pledges)."""

    label: str
    value: int
    held: int = 0
    planned: int = 0


@dataclass(frozen=True, slots=True)
class Chart:
    """A small chart, drawn as inline SVG in the HTML note.

    ``kind`` is ``timeline`` (one point per day: articles published, meetings
    held and planned) or ``statuses`` (one point per pledge status: how many).
    Every figure in a chart is also stated, cited, in the note's text, so the
    Markdown note leaves charts out and loses nothing a reader must check.
    """

    kind: str
    title: str
    anchor: str
    points: tuple[Point, ...]


Block = Heading | Para | Bullets | Table | Chart


@dataclass(frozen=True, slots=True)
class Footnote:
    """One citation: where the sentence comes from, and the sentence split round the quote."""

    number: int
    source_id: str
    cite: str
    """``Outlet, 2025-03-10, line 7``."""
    before: str
    quote: str
    after: str

    @property
    def sentence(self) -> str:
        """The whole cited sentence, as it stands in the article."""
        return self.before + self.quote + self.after


@dataclass(frozen=True, slots=True)
class Note:
    """A whole briefing note."""

    title: str
    blocks: tuple[Block, ...]
    footnotes: Sequence[Footnote]
    """In number order; a note's footnotes may be made one at a time as they are read."""
