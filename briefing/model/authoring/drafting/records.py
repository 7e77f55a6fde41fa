"""What the drafter reads (articles, actors' spellings) and what it drafts (meetings, pledges).

Declared once here so the drafter, the meeting and pledge rules, and the YAML
writer (``pack_text.py``) share them without importing each other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as the drafter sees it."""

    source: str
    text: str
    """The text with metadata blanked (same offsets as the article)."""
    skip_lines: frozenset[int]
    published: date | None


@dataclass(frozen=True, slots=True)
class ActorForms:
    """An actor (candidate or confirmed) and the spellings that name it."""

    id: str
    name: str
    forms: tuple[str, ...]


@dataclass(slots=True)
class DraftEvidence:
    """A sentence quoted as evidence."""

    source: str
    quote: str


@dataclass(slots=True)
class DraftMeeting:
    """A meeting drafted from one or more sentences."""

    noun: str
    status: str
    place: str | None
    places: Counter[str] = field(default_factory=Counter)
    """How often the sentences name each place, lowercased ('hofburg', 'vienna')."""
    day: date | None = None
    start: date | None = None
    end: date | None = None
    date_text: str = ""
    rule: str = ""
    participants: dict[str, str] = field(default_factory=dict)
    evidence: list[DraftEvidence] = field(default_factory=list)
    undated: bool = False
    """Its sentence says no date is set yet: never the same event as a dated draft."""

    @property
    def title(self) -> str:
        """A title to edit: 'Conference in Vienna'."""
        noun = {"met": "meeting", "meet": "meeting", "meets": "meeting", "reunion": "meeting"}.get(
            self.noun, self.noun
        )
        noun = noun[0].upper() + noun[1:]
        return f"{noun} in {self.place}" if self.place else noun


@dataclass(slots=True)
class DraftPledge:
    """A pledge (or a refusal) drafted from one or more sentences."""

    actor: str
    status: str
    contribution: str
    conditions: list[str] = field(default_factory=list)
    evidence: list[DraftEvidence] = field(default_factory=list)


@dataclass(slots=True)
class Drafts:
    """Everything drafted from a set of articles."""

    meetings: list[DraftMeeting] = field(default_factory=list)
    pledges: list[DraftPledge] = field(default_factory=list)
