"""Fitting text into terminal cells: names cut with a visible mark, table columns given a share.

Plain Python over Rich ``Text`` (no widgets), so the rules are testable on their own:

- ``shorten`` cuts a one-line label with "…" where it is cut, keeping its trailing
  kind or tags ("European co… (group)", "European Union (org.)"): a label cut
  silently reads as a whole name, and the kind tells similar names apart.
- ``fit_columns`` decides which columns of a table are shown at a width and how
  wide each is: the most important first, each at least its minimum, the rest of
  the width shared out by weight up to what each column's longest cell needs.
- ``wrap_cell`` wraps a cell to its column over at most a few lines, the last one
  ending in "…" when text is left out (the view's panel shows it whole).

Every function is linear in its input (no search, no backtracking).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

ELLIPSIS = "…"

_CLOSERS = {")": "(", "]": "["}


def tail_start(label: str) -> int:
    """Where the label's trailing tags begin: `` (group)``, `` [held] [2 src/2 outlets B1]``.

    A tag is a bracketed group at the end preceded by a space; several may follow
    one another. Returns ``len(label)`` when the label ends in none. Each tag is
    found with one ``rfind`` from the end, so this is linear in the label.
    """
    end = len(label)
    start = end
    while start > 0 and label[start - 1] in _CLOSERS:
        opener = label.rfind(" " + _CLOSERS[label[start - 1]], 0, start - 1)
        if opener <= 0:
            break
        start = opener
    return start if start < end else end


def lead_end(label: str) -> int:
    """Where the name begins after a review mark such as ``? actor: `` (0 when there is none).

    The mark says what a candidate is; it is not part of the name, so it does not
    count towards the cells of the name a cut must keep.
    """
    if not label.startswith("? "):
        return 0
    colon = label.find(": ", 2, 2 + LEAD_WORD)
    return colon + 2 if colon > 2 and label[2:colon].replace(" ", "").isalpha() else 0


LEAD_WORD = 12
"""The longest kind word a review mark may carry (``claim value``)."""


Piece = tuple[int, int] | str
"""A run of the original label (start, end) or text put in its place ("…", "org.")."""

NAME_KEPT = 10
"""Cells of the name kept before its tag: fewer, and two names read alike ("European…")."""


def _abbreviated(tag: str) -> str | None:
    """`` (organisation)`` -> `` (org.)``: a one-word tag shortened, the full stop marking it."""
    word = tag[2:-1]
    if tag.startswith(" (") and tag.endswith(")") and word.isalpha() and len(word) > 5:
        return f" ({word[:3]}.)"
    return None


def cut_plan(label: str, width: int) -> list[Piece] | None:
    """How to show ``label`` in ``width`` cells, or None when it fits as it is.

    In order of preference: the name cut with "…" and its tags whole, keeping at
    least ``NAME_KEPT`` cells of the name (a review mark like ``? actor:`` does not
    count as name); the same with a one-word tag abbreviated (``(org.)``); the
    label cut at the width with its tags left out, when that keeps ``NAME_KEPT``
    cells of the name (a name is what one recognises an item by, a support tag
    the detail pane shows); the name cut to a few characters before its tags; the
    whole label cut at the width.
    """
    if width <= 0 or cell_len(label) <= width:
        return None
    split = tail_start(label)
    head, tail = label[:split], label[split:]
    lead = cell_len(label[: lead_end(label)])
    if tail:
        short = _abbreviated(tail)
        tails: list[tuple[Piece, str]] = [((split, len(label)), tail)]
        if short is not None:
            tails.append((short, short))
        for piece, shown in tails:
            room = width - cell_len(shown)
            if cell_len(head) <= room:
                return [(0, split), piece]
            room -= cell_len(ELLIPSIS)
            if room - lead >= min(NAME_KEPT, cell_len(head) - lead):
                return [(0, len(set_cell_size(head, room).rstrip())), ELLIPSIS, piece]
        name = len(set_cell_size(head, width - cell_len(ELLIPSIS)).rstrip())
        if cell_len(label[:name]) - lead >= min(NAME_KEPT, cell_len(head) - lead):
            return [(0, name), ELLIPSIS]
        room = width - cell_len(tail) - cell_len(ELLIPSIS)
        if room - lead >= min(4, cell_len(head) - lead):
            return [(0, len(set_cell_size(head, room).rstrip())), ELLIPSIS, (split, len(label))]
    return [(0, len(set_cell_size(label, width - cell_len(ELLIPSIS)).rstrip())), ELLIPSIS]


def shorten(label: str, width: int) -> str:
    """``label`` in at most ``width`` cells, cut with "…" and its trailing tags kept when they fit."""
    plan = cut_plan(label, width)
    if plan is None:
        return label
    return "".join(p if isinstance(p, str) else label[p[0] : p[1]] for p in plan)


def shorten_text(text: Text, width: int) -> Text:
    """``shorten`` for styled text: each kept character keeps its style."""
    plan = cut_plan(text.plain, width)
    if plan is None:
        return text
    shown = Text()
    kept_to = 0
    for piece in plan:
        if isinstance(piece, str):
            # Styled like the character before it, so a cursor or mark runs on unbroken.
            at = max(0, min(kept_to, len(text.plain)) - 1)
            mark = text[at : at + 1] if text.plain else Text(" ")
            for _ in range(len(piece) - 1):
                mark.append_text(text[at : at + 1])
            mark.plain = piece
            shown.append_text(mark)
        else:
            shown.append_text(text[piece[0] : piece[1]])
            kept_to = piece[1]
    return shown


@dataclass(frozen=True, slots=True)
class Column:
    """One table column: its key and heading, and how it gives way when space is short."""

    key: str
    label: str
    priority: int = 0
    """Lower is more important: columns are shown in priority order while they fit."""
    minimum: int = 0
    """The narrowest it may be drawn (0: its natural width, never narrowed)."""
    weight: int = 1
    """Its share of the width left once every shown column has its minimum."""


def fit_columns(
    columns: Sequence[Column], natural: Sequence[int], width: int, padding: int = 2
) -> list[int | None]:
    """Each column's width at ``width`` cells, None for a column left out.

    ``natural[i]`` is the widest cell (or heading) of column i; ``padding`` the cells
    the table draws around each column. Priority-0 columns are always shown; the
    others are added by priority while their minimum fits. The width left is then
    handed out ``weight`` cells per round to the columns still narrower than their
    natural width: at most ``width`` rounds over the columns.
    """
    least = [min(n, c.minimum) if c.minimum else n for c, n in zip(columns, natural, strict=True)]
    shown: list[int] = []
    used = 0
    for index in sorted(range(len(columns)), key=lambda i: columns[i].priority):
        cost = least[index] + padding
        if columns[index].priority > 0 and used + cost > width:
            break
        shown.append(index)
        used += cost
    widths: list[int | None] = [None] * len(columns)
    for index in shown:
        widths[index] = least[index]
    left = width - used
    while left > 0:
        hungry = [i for i in shown if (widths[i] or 0) < natural[i]]
        if not hungry:
            break
        for index in hungry:
            grant = min(columns[index].weight, natural[index] - (widths[index] or 0), left)
            widths[index] = (widths[index] or 0) + grant
            left -= grant
            if left == 0:
                break
    return widths


_CONSOLE = Console(width=1000, color_system=None, legacy_windows=False)
"""Only for Text.wrap's signature: wrapping left-justified text measures, never prints."""


def wrap_cell(text: Text, width: int, max_lines: int) -> Text:
    """``text`` wrapped to ``width`` cells over at most ``max_lines`` lines, "…" where it is cut."""
    if width <= 0 or (cell_len(text.plain) <= width and "\n" not in text.plain):
        return text
    lines = list(text.wrap(_CONSOLE, width, overflow="fold"))
    for line in lines:
        line.rstrip()
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        last.truncate(width - cell_len(ELLIPSIS))
        last.rstrip()
        last.append(ELLIPSIS, style=last.spans[-1].style if last.spans else text.style)
        lines = kept
    wrapped = Text("\n").join(lines)
    wrapped.style = text.style
    wrapped.justify = text.justify
    return wrapped
