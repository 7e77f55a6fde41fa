"""The detail pane's rows as data: what a row shows and what the cursor on it stands for.

Each row is a run of styled text parts and, when the cursor may land on it, a
typed target (evidence item ``n``, a link, mention ``n``, "show more"); the
pane turns rows into options and targets into actions. Long groups are paged
(:func:`paged`): the pane wraps every row it is given on each change of item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from briefing.model.pack import Pack
from briefing.model.sanitize import clean, clean_line
from briefing.model.types import Actor, Claim, Fact, Meeting, Pledge, Source
from briefing.tui.labels import is_candidate

if TYPE_CHECKING:
    from briefing.model.names import Mention

PAGE = 20
"""Rows of a long group shown at first, and added by each "more" row.

About a screenful: an actor in a thousand pledges, meetings and mentions then
lists ~65 rows, whose wrapping costs what a small pack's actor costs."""
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """Evidence item ``index`` of the item shown (numbered across a claim's values)."""

    index: int


@dataclass(frozen=True, slots=True)
class LinkRow:
    """A link to another item of the pack."""

    item_id: str


@dataclass(frozen=True, slots=True)
class MentionRow:
    """Mention ``index`` of the actor shown (an index into :attr:`DetailRows.mentions`)."""

    index: int


@dataclass(frozen=True, slots=True)
class MoreRow:
    """Show the next page of ``group``."""

    group: str


Target = EvidenceRow | LinkRow | MentionRow | MoreRow

Part = tuple[str, str]
"""(text, style): the text is already sanitised; the style is a Textual style string."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row: its parts, and what it stands for (None: a field or heading the cursor skips)."""

    parts: tuple[Part, ...]
    target: Target | None = None
    divider: bool = False
    """A separator line follows this row."""

    @property
    def plain(self) -> str:
        """The row's text without styles."""
        return "".join(text for text, _style in self.parts)


GAP = None
"""A separator line between blocks (while building; folded into the row above)."""


@dataclass(frozen=True, slots=True)
class DetailRows:
    """Everything the pane shows for one item."""

    title: str
    """The pane's title: the kind of item and its name, so the name is always in sight."""
    rows: tuple[Row, ...]
    """In order; a row's position is its option index in the pane."""
    mentions: tuple[Mention, ...] = ()
    """The actor's mentions that :class:`MentionRow` indexes into."""
    finding_mentions: bool = False
    """True when the item is an actor whose mentions are not known yet."""

    def index_of(self, target: Target) -> int | None:
        """The row position of ``target``, or None when it is not listed."""
        for position, row in enumerate(self.rows):
            if row.target == target:
                return position
        return None

    def target_at(self, position: int) -> Target | None:
        """What the row at ``position`` stands for (None for fields, headings, gaps)."""
        if 0 <= position < len(self.rows):
            return self.rows[position].target
        return None


def pending_note(pack: Pack) -> str:
    """What the detail pane says where support, rating and resolved date will be."""
    return (
        f"analysing {len(pack.sources):,} articles… (support, rating and resolved date "
        "appear when done)"
    )


def title_of(pack: Pack, item: Fact | Source, marked: bool = False) -> str:
    """``Pledge: Poland``, ``Actor: United Kingdom``, ``Source: BBC``: kind and name."""
    if isinstance(item, Actor):
        name = item.name
    elif isinstance(item, Meeting):
        name = item.title
    elif isinstance(item, Pledge):
        found = pack.get(item.actor)
        name = found.name if isinstance(found, Actor) else item.actor
    elif isinstance(item, Claim):
        name = item.topic
    else:
        name = item.outlet
    review = " · to review" if is_candidate(item) else ""
    return f"{type(item).__name__}: {clean_line(name)}{review}{' ● marked' if marked else ''}"


def field(name: str, value: str) -> Row:
    """``name: value`` (a field row; the cursor skips it)."""
    return Row(((f"{name}:", "bold"), (" ", ""), (clean(value), "")))


def heading(text: str) -> Row:
    """A group heading in the accent colour (`$text-accent`: readable on light themes too)."""
    return Row(((text, "bold $text-accent"),))


def more_row(group: str, hidden: int, noun: str) -> Row:
    shown = min(PAGE, hidden)
    return Row(
        ((f"… {hidden:,} more {noun} (enter shows {shown:,} more)", "italic $text-muted"),),
        MoreRow(group),
    )


def paged(
    group: str,
    items: Sequence[T],
    make: Callable[[T, int], Row],
    expanded: Mapping[str, int],
    noun: str,
) -> Iterator[Row]:
    """The first page (or as many as ``expanded`` asks for) of ``items``, then "more"."""
    limit = expanded.get(group, PAGE)
    for index, item in enumerate(items[:limit]):
        yield make(item, index)
    if len(items) > limit:
        yield more_row(group, len(items) - limit, noun)
