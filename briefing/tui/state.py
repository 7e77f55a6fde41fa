"""What the reader is looking at, kept apart from the widgets that show it.

The history and the marks are plain Python so that the rules (what "back" means,
what a mark is) are tested without a terminal, and so that the search and export
features read the same state the panes show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Place:
    """One stop in the navigation history: an item and which of its evidence items is shown."""

    item_id: str
    evidence: int = 0


@dataclass
class History:
    """Browser-like back/forward over the items shown in the detail pane.

    Moving through the navigator *browses*: consecutive browsing steps replace
    the newest entry instead of piling up, so "back" returns to where the analyst
    came from rather than to every row the cursor passed over. Following a link
    always adds an entry.
    """

    entries: list[Place] = field(default_factory=list)
    index: int = -1
    browsing: bool = False

    @property
    def current(self) -> Place | None:
        """The place shown now, or None before the first visit."""
        return self.entries[self.index] if self.index >= 0 else None

    def visit(self, place: Place, *, browse: bool = False) -> None:
        """Record a new place; forward entries are dropped, as in a browser."""
        if self.current == place:
            self.browsing = browse
            return
        del self.entries[self.index + 1 :]
        if browse and self.browsing and self.entries:
            self.entries[-1] = place
        else:
            self.entries.append(place)
        self.index = len(self.entries) - 1
        self.browsing = browse

    def set_evidence(self, evidence: int) -> None:
        """The current item now shows another evidence item (not a new entry)."""
        if self.current is not None:
            self.entries[self.index] = Place(self.current.item_id, evidence)

    @property
    def can_back(self) -> bool:
        """True when there is an earlier place."""
        return self.index > 0

    @property
    def can_forward(self) -> bool:
        """True when "back" was used and there is a later place."""
        return self.index < len(self.entries) - 1

    def back(self) -> Place | None:
        """Step back; None when already at the oldest place."""
        if not self.can_back:
            return None
        self.index -= 1
        self.browsing = False
        return self.entries[self.index]

    def forward(self) -> Place | None:
        """Step forward; None when already at the newest place."""
        if not self.can_forward:
            return None
        self.index += 1
        self.browsing = False
        return self.entries[self.index]

    def keep(self, exists: Callable[[str], bool]) -> None:
        """Drop the places whose item is gone (an edit removed it); the order stays.

        Two visits of one item brought next to each other by the removal become one
        (the later, or the current): back would otherwise stop twice on the same item, the screen
        unchanged the first time. The current place stays current; when it is gone,
        the place before it is.
        """
        kept: list[Place] = []
        index = -1
        for position, place in enumerate(self.entries):
            if not exists(place.item_id):
                continue
            if kept and kept[-1].item_id == place.item_id:
                if position <= self.index or index != len(kept) - 1:
                    kept[-1] = place  # the later visit, unless the earlier is current
            else:
                kept.append(place)
            if position <= self.index:
                index = len(kept) - 1
        self.entries = kept
        self.index = index
        self.browsing = False
