"""Where each meeting's date comes from, and whether the sources and the author agree.

A meeting's ``date_text`` is the author's pointer into the articles; here it
is found again in the meeting's evidence, resolved against that article's
publication date, and compared with the curated ``date``. Every other date
expression that places the meeting (one sharing a clause with a meeting word
such as "meeting", "talks" or "summit" inside a quote cited for it) is resolved
too, so two sources that put the meeting on different days are caught.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from briefing.model.analysis.dates.resolve import (
    Found,
    Resolution,
    Tense,
    find_expressions,
    resolve,
    resolve_in_text,
    sentence_tense,
)
from briefing.model.text import SentenceOf
from briefing.model.types import Evidence, Meeting, Source

_MEETING_WORD = re.compile(
    r"\b(?:meetings?|meet|meets|met|talks|talked|summit|summits|calls?|conference|forum"
    r"|gathering|gathers|gathered|session|convened?|spoke|negotiations|visit)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:.!?]")


@dataclass(frozen=True, slots=True)
class Placement(SentenceOf):
    """One date expression in one source that dates a meeting.

    Its sentence is two offsets into ``text`` (the article's one string, shared),
    sliced on asking: an analysis keeps ~4 placements a meeting for the session,
    and a copy of each sentence cost ~4 MiB at 5,000 articles.
    """

    source: str
    start: int
    """Offset of the expression in the article."""
    end: int
    text: str = field(repr=False)
    """The article (or, for a source not in the pack, the quote's sentence) the offsets count in."""
    sentence_start: int
    sentence_end: int
    resolution: Resolution
    tense_from: str
    """Where the tense came from: ``text`` (the sentence), ``status`` (the meeting's) or ``none``."""


@dataclass(frozen=True, slots=True)
class MeetingDate:
    """A meeting's resolved date with its basis and every check made on it."""

    meeting: str
    curated: date | None
    basis: Placement | None
    """Where ``date_text`` was found; None when it occurs in none of the evidence."""
    resolution: Resolution
    placements: tuple[Placement, ...]
    conflicts: tuple[tuple[Placement, Placement], ...]
    problems: tuple[tuple[str, str], ...]
    """(field, message) pairs: ``date`` disagrees, ``date_text`` not found, ``evidence`` conflicts."""

    @property
    def agrees(self) -> bool | None:
        """Curated date inside the resolution (None when either side is unknown)."""
        if self.curated is None or not self.resolution.known:
            return None
        return self.resolution.contains(self.curated)


@dataclass(frozen=True, slots=True)
class CheckedDates:
    """The meeting dates the load resolved to check them, kept for the analysis.

    Why: loading checks every meeting's date (:func:`meeting_date`, a warning on
    the field to change), and the analysis needs the same dates; resolving them
    twice was a tenth of an export. They are reused only for the very meetings
    and sources they were resolved from (the same tuples, by identity), so a pack
    rebuilt with other facts resolves its own.
    """

    meetings: tuple[Meeting, ...]
    sources: tuple[Source, ...]
    dates: tuple[MeetingDate, ...]
    """One per meeting, in the order of ``meetings``."""

    def of(
        self, meetings: tuple[Meeting, ...], sources: tuple[Source, ...]
    ) -> tuple[MeetingDate, ...] | None:
        """The dates of ``meetings`` when resolved from exactly these facts, else None."""
        if meetings is self.meetings and sources is self.sources:
            return self.dates
        return None


def _published(source: Source | None) -> date | None:
    if source is None or source.published is None:
        return None
    return _day(source.published)


@lru_cache(maxsize=4096)
def _day(iso: str) -> date:
    """One date object per publication day, not one per placement (kept by their resolutions)."""
    return date.fromisoformat(iso)


def _status_tense(meeting: Meeting) -> Tense:
    return "future" if meeting.status == "planned" else "past"


def _placement(
    meeting: Meeting, source: Source | None, evidence: Evidence, start: int, end: int
) -> Placement:
    """Resolve the expression at article offsets [start, end) of ``evidence``'s source."""
    text = source.text if source else evidence.sentence
    s_start, s_end = source.article.sentence_span(start, end) if source else (0, len(text))
    tense = sentence_tense(text[s_start:s_end], start - s_start, end - s_start)
    tense_from = "text"
    if tense is None:
        tense, tense_from = _status_tense(meeting), "status"
    resolution = resolve_in_text(text, start, end, _published(source), tense)
    return Placement(evidence.source, start, end, text, s_start, s_end, resolution, tense_from)


def _find_date_text(
    meeting: Meeting, sources: Mapping[str, Source]
) -> tuple[Evidence, int, int] | None:
    """The first place ``date_text`` occurs: in a quote, its sentence, then its paragraph."""
    wanted = _folded(" ".join(meeting.date_text.split()))
    if not wanted:
        return None
    for scope in ("quote", "sentence", "line"):
        for evidence in meeting.evidence:
            source = sources.get(evidence.source)
            if source is None:
                continue
            if scope == "quote":
                lo, hi = evidence.start, evidence.end
            elif scope == "sentence":
                lo, hi = evidence.sentence_start, evidence.sentence_end
            else:
                line = source.article.line_of(evidence.start)
                lo, hi = source.article.lines_between(line, line)
            index = _folded(source.text[lo:hi]).find(wanted)
            if index >= 0:
                return evidence, lo + index, lo + index + len(wanted)
    return None


def _folded(text: str) -> str:
    """Lower case with curly apostrophes straightened; same length as ``text``."""
    return text.lower().replace("’", "'").replace("‘", "'")


def _places_meeting(quote: str, found: Found) -> bool:
    """True when a meeting word shares the expression's clause inside the quote."""
    before = _CLAUSE_BREAK.split(quote[: found.start])[-1]
    after = _CLAUSE_BREAK.split(quote[found.end :])[0]
    return bool(_MEETING_WORD.search(before) or _MEETING_WORD.search(after))


def meeting_date(meeting: Meeting, sources: Mapping[str, Source]) -> MeetingDate:
    """Resolve a meeting's date as written and check it against the curated date and the other sources."""
    curated = date.fromisoformat(meeting.date) if meeting.date else None
    problems: list[tuple[str, str]] = []
    hit = _find_date_text(meeting, sources)
    basis: Placement | None = None
    if hit is None:
        resolution = resolve(meeting.date_text, None)
        resolution = Resolution(
            None,
            None,
            "unknown",
            f"'{meeting.date_text}' does not occur in the meeting's evidence",
            meeting.date_text,
            None,
            resolution.family,
        )
        problems.append(
            (
                "date_text",
                f"date_text '{meeting.date_text}' of meeting '{meeting.id}' does not occur in its evidence "
                "(quote, sentence or paragraph), so its date cannot be checked",
            )
        )
    else:
        evidence, start, end = hit
        basis = _placement(meeting, sources.get(evidence.source), evidence, start, end)
        resolution = basis.resolution
        if curated is not None and resolution.known and not resolution.contains(curated):
            problems.append(
                (
                    "date",
                    f"date {curated.isoformat()} of meeting '{meeting.id}' disagrees with "
                    f"'{meeting.date_text}' in source '{basis.source}', which resolves to "
                    f"{resolution.shown()} ({resolution.rule})",
                )
            )
        elif curated is None and resolution.precision == "day" and resolution.start is not None:
            problems.append(
                (
                    "date",
                    f"date of meeting '{meeting.id}' is null but '{meeting.date_text}' in source "
                    f"'{basis.source}' resolves to {resolution.shown()} ({resolution.rule})",
                )
            )
    placements = _placements(meeting, sources, basis)
    conflicts = tuple(
        (a, b)
        for i, a in enumerate(placements)
        for b in placements[i + 1 :]
        if a.source != b.source and not a.resolution.overlaps(b.resolution)
    )
    for a, b in conflicts:
        problems.append(
            (
                "evidence",
                f"sources place meeting '{meeting.id}' on different dates: '{a.resolution.expression}' "
                f"in '{a.source}' resolves to {a.resolution.shown()}, '{b.resolution.expression}' in "
                f"'{b.source}' to {b.resolution.shown()}",
            )
        )
    return MeetingDate(
        meeting.id, curated, basis, resolution, placements, conflicts, tuple(problems)
    )


def _placements(
    meeting: Meeting, sources: Mapping[str, Source], basis: Placement | None
) -> tuple[Placement, ...]:
    """Every resolvable date expression inside a quote cited for the meeting.

    ``basis`` (the ``date_text`` placed) is usually one of them: it is reused,
    not resolved again (the tense and resolution rules are most of the cost of
    a pack's analysis).
    """
    seen: set[tuple[str, int]] = set()
    result: list[Placement] = []
    for evidence in meeting.evidence:
        source = sources.get(evidence.source)
        if source is None:
            continue
        for found in find_expressions(evidence.quote):
            start = evidence.start + found.start
            if (evidence.source, start) in seen or not _places_meeting(evidence.quote, found):
                continue
            seen.add((evidence.source, start))
            end = evidence.start + found.end
            if basis is not None and (basis.source, basis.start, basis.end) == (
                evidence.source,
                start,
                end,
            ):
                placement = basis
            else:
                placement = _placement(meeting, source, evidence, start, end)
            if placement.resolution.known:
                result.append(placement)
    return tuple(result)
