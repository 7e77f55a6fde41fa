"""The resolved model: immutable facts, each with evidence anchored to offsets.

Everything here is computed once at load; the reader, search and export only
read it. Offsets count characters of the article text (decoded, BOM removed,
CRLF turned into LF).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from briefing.model.text import Article, SentenceOf

PLEDGE_STATUSES = (
    "offered",
    "committed",
    "conditional",
    "considering",
    "undecided",
    "declined",
    "proposed",
    "delivered",
    "paused",
)
ACTOR_KINDS = ("person", "country", "organisation", "group")
MEETING_STATUSES = ("held", "planned")
PARTICIPANT_ROLES = ("host", "chair", "co-chair", "attendee", "invited")
GRADES = ("A", "B", "C", "D", "E", "F")
CREDIBILITY = ("1", "2", "3", "4", "5", "6")


@dataclass(frozen=True, slots=True, repr=False)
class Evidence(SentenceOf):
    """A verbatim quote located in its article, with its containing sentence.

    The quote and the sentence are offsets into ``text``, the article's own
    text (one string shared by every evidence of the article, not a copy),
    sliced on asking: a pack holds ~26 evidence items an article, and a copy
    of each quote and sentence kept for the session cost ~7 MiB per 1,000
    articles. Equality compares the text too, so it still implies the same
    quote and sentence.
    """

    source: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    text: str
    """The whole article the offsets count in (shared with its source)."""
    match: str = "exact"
    """How the quote was found: ``exact``, ``normalised`` or ``lost-character``."""

    @property
    def quote(self) -> str:
        """The quoted words as the article has them."""
        return self.text[self.start : self.end]

    def __repr__(self) -> str:
        return (
            f"Evidence(source={self.source!r}, quote={self.quote!r}, start={self.start}, "
            f"end={self.end}, sentence_start={self.sentence_start}, "
            f"sentence_end={self.sentence_end}, sentence={self.sentence!r}, match={self.match!r})"
        )


@dataclass(frozen=True, slots=True)
class Flags:
    """What is true of an article's text, as the author recorded it."""

    machine_translated: bool = False
    garbled: bool = False
    boilerplate_lines: tuple[tuple[int, int], ...] = ()
    lost_characters: tuple[str, ...] = ()

    def is_boilerplate_line(self, line: int) -> bool:
        """True when 1-based ``line`` is site furniture, not the article."""
        return any(first <= line <= last for first, last in self.boilerplate_lines)


@dataclass(frozen=True, slots=True)
class Uncited:
    """A sentence the author deliberately left without a fact, and why."""

    evidence: Evidence
    reason: str


@dataclass(frozen=True, slots=True)
class Source:
    """One article and what the author knows about it."""

    id: str
    file: str
    path: str
    sha256: str
    outlet: str
    title: str
    published: str | None
    language: str
    article: Article
    translated_from: str | None = None
    original_outlet: str | None = None
    url: str | None = None
    grade: str = "F"
    date_reasoning: str | None = None
    notes: str | None = None
    flags: Flags = field(default_factory=Flags)
    uncited: tuple[Uncited, ...] = ()

    @property
    def text(self) -> str:
        """The article text that every offset of this source counts in."""
        return self.article.text

    def is_boilerplate(self, offset: int) -> bool:
        """True when the character at ``offset`` lies on a boilerplate line.

        Most articles have none: then no line is looked up (the detectors ask for
        every number and stance they read, ~54 an article).
        """
        flags = self.flags
        return bool(flags.boilerplate_lines) and flags.is_boilerplate_line(
            self.article.line_of(offset)
        )


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, country, organisation or group named in the articles."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    candidate: bool = False
    notes: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Accepted:
    """A faithfulness rule's judgement on one fact, accepted by the pack with a stated reason.

    Written ``accept: [{rule, reason}]`` on the fact; the finding is then shown
    (in the reader and the note, with the reason) instead of reported.
    """

    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor taking part in a meeting, and in what role."""

    actor: str
    role: str


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting, summit, call or round of talks, held or planned."""

    id: str
    title: str
    date: str | None
    date_text: str
    status: str
    evidence: tuple[Evidence, ...]
    place: str | None = None
    date_reasoning: str | None = None
    participants: tuple[Participant, ...] = ()
    credibility: str | None = None
    """Admiralty credibility 1-6 set by the author; None means computed (briefing.model.analysis.grading)."""
    notes: str | None = None
    """What a reader must know to read the evidence right (shown in the reader and the note)."""
    accepted: tuple[Accepted, ...] = ()
    candidate: bool = False
    """Drafted by ``briefing init``/``add``, not yet confirmed by the author."""


def meetings_by_date(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Dated meetings oldest first, then undated ones; ties keep pack order.

    The one meeting order: the timeline view, the navigator and the note all use it,
    so the same pack never lists its meetings in two orders. O(n log n).
    """
    return sorted(meetings, key=lambda m: (not m.date, m.date or ""))


@dataclass(frozen=True, slots=True)
class Pledge:
    """Who offers (or declines) what, on what condition."""

    id: str
    actor: str
    contribution: str
    status: str
    evidence: tuple[Evidence, ...]
    conditions: tuple[str, ...] = ()
    credibility: str | None = None
    """Admiralty credibility 1-6 set by the author; None means computed (briefing.model.analysis.grading)."""
    notes: str | None = None
    """What a reader must know to read the evidence right (shown in the reader and the note)."""
    accepted: tuple[Accepted, ...] = ()
    candidate: bool = False
    """Drafted by ``briefing init``/``add``, not yet confirmed by the author."""


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """What one source says on a disputed point."""

    value: str
    source: str
    evidence: tuple[Evidence, ...]
    credibility: str | None = None
    """Admiralty credibility 1-6 set by the author; None means computed (briefing.model.analysis.grading)."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A point on which sources disagree."""

    id: str
    topic: str
    values: tuple[ClaimValue, ...]
    notes: str | None = None
    """What a reader must know to read the values right (shown in the reader and the note)."""
    accepted: tuple[Accepted, ...] = ()

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """All evidence of all values, so a claim reads like any other fact."""
        return tuple(e for v in self.values for e in v.evidence)


Fact = Actor | Meeting | Pledge | Claim


@dataclass(frozen=True, slots=True)
class PackMeta:
    """The pack's own metadata."""

    title: str
    story: str
    as_of: str
    notes: str | None = None
    checks: tuple[tuple[str, str], ...] = ()
    """(faithfulness rule, level) pairs from ``checks:``; a rule not listed is a warning."""


@dataclass(frozen=True, slots=True)
class Span:
    """One evidence span in a source, with the fact it supports (for highlighting)."""

    evidence: Evidence
    kind: str
    fact_id: str
