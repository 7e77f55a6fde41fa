"""What the detail pane lists for an item, as plain data (no Textual: tested on its own).

Each row is a run of styled text parts and, when the cursor may land on it, a
typed target saying what the row stands for: evidence item ``n``, a link to
another item, mention ``n`` of an actor, or "show more of this group". The pane
turns rows into options and targets into actions; nothing is encoded in
strings and cut apart again.

Long groups (an actor in a thousand pledges, a source cited by hundreds of
facts) show a first page and a "more" row: the pane wraps every row it is given
on each change of item, so the cost of a key press must not grow with the pack.
"""

from briefing.tui.detail_rows.item_rows import CONTEXT, MATCH_NOTES, detail_rows, mention_parts
from briefing.tui.detail_rows.rows import (
    GAP,
    PAGE,
    DetailRows,
    EvidenceRow,
    LinkRow,
    MentionRow,
    MoreRow,
    Part,
    Row,
    Target,
    field,
    heading,
    pending_note,
    title_of,
)

__all__ = [
    "CONTEXT",
    "GAP",
    "MATCH_NOTES",
    "PAGE",
    "DetailRows",
    "EvidenceRow",
    "LinkRow",
    "MentionRow",
    "MoreRow",
    "Part",
    "Row",
    "Target",
    "detail_rows",
    "field",
    "heading",
    "mention_parts",
    "pending_note",
    "title_of",
]
