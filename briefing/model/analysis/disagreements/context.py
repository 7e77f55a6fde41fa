"""The context of a disputed value: when it was true, and what it counts.

"About 20 countries" and "37 countries" are not a contradiction if the first
was said of last week and the second of today, or if one counts countries
interested and the other countries in talks. Each value therefore carries its
source's publication date, the date its own sentence gives it (resolved, when
the sentence has one), and the basis of what it counts, read from the words
around it. The reader and the note then say whether values differ in time or
in definition, not only in number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from briefing.model.analysis.dates.resolve import find_expressions, resolve, sentence_tense
from briefing.model.text import case_folded
from briefing.model.types import Source

_BASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "interested",
        re.compile(r"\binterest(?:ed|s)?\b|\bwillingness\b|\bready to\b", re.IGNORECASE),
    ),
    (
        "in talks",
        re.compile(
            r"\btalks?\b|\bdiscuss\w*|\binvolved\b|\bnegotiat\w*|\bconsult\w*|\bin contact\b",
            re.IGNORECASE,
        ),
    ),
    (
        "committed",
        re.compile(
            r"\bcommitted\b|\bsigned (?:up|on)\b|\bagreed to\b",
            re.IGNORECASE,
        ),
    ),
    ("members", re.compile(r"\bmembers?\b|\bjoined\b|\bparticipat\w*", re.IGNORECASE)),
    ("pledged", re.compile(r"\bpledge[sd]?\b|\bpromised\b|\boffered\b", re.IGNORECASE)),
    ("spent", re.compile(r"\bspent\b|\bdisbursed\b|\bdelivered\b|\bpaid\b", re.IGNORECASE)),
    ("planned", re.compile(r"\bproposed\b|\bplanned\b|\bbudget\w*|\btarget\w*", re.IGNORECASE)),
)
"""What a figure can count, from the words of its sentence; first match nearest the figure wins."""
_BASIS_ANY = "|".join(
    f"(?P<b{index}>{pattern.pattern})" for index, (_, pattern) in enumerate(_BASES)
)


def _openings() -> str:
    """A look-ahead for the first two letters of every alternative of ``_BASES``."""
    seconds: dict[str, str] = {}
    for opening in sorted(
        {alt[2:4] for _, p in _BASES for alt in p.pattern.split("|") if alt.startswith("\\b")}
    ):
        seconds[opening[0]] = seconds.get(opening[0], "") + opening[1]
    return "|".join(f"{first}[{rest}]" for first, rest in seconds.items())


_BASIS_LOWER = re.compile(rf"\b(?={_openings()})(?:{_BASIS_ANY})")
_BASIS = re.compile(_BASIS_ANY, re.IGNORECASE)
"""All of ``_BASES`` in one pass over the sentence (seven case-blind passes cost a third
of a value's context); ``_BASIS_LOWER`` is the pass over the sentence lowered
(:func:`briefing.model.text.case_folded`: the same places, without the flag's cost).
Every alternative opens with ``\b`` and two lower-case letters there, so the
pass first asks for a word starting with one of those pairs ("in", "ta", "pl",
...: :func:`_openings`) and skips every other place without trying the thirty
alternatives: the same matches in three quarters of the time of asking for the first
letter alone, which most words of a sentence start with (35,000 value sentences
at 1,000 articles: 0.26 s by first letter, 0.19 s by two).

It finds what the seven patterns find one by one: each alternative starts at a
word boundary with its own word, and no match holds, after its first word, a
word another alternative starts with ("ready to", "signed up", "in contact",
"agreed to"; a ``\\w*`` tail holds no word boundary), so no two patterns' matches
overlap and the leftmost-first scan meets every one of them. The nearest wins,
ties to the earlier pattern, then the earlier match: what the passes in
``_BASES`` order did.
"""


_DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]{1,2}\s")


@dataclass(frozen=True, slots=True)
class ValueContext:
    """When a value holds and what it counts, as its sentence and source say."""

    published: str | None
    """The source's publication date (ISO), if known."""
    when: str | None
    """A date the sentence itself gives the value ("last week" -> 2025-03-03..2025-03-09)."""
    when_text: str | None
    """That date as written."""
    basis: str | None
    """What the figure counts beyond its noun: ``interested``, ``in talks``, ``committed``, ..."""

    @property
    def period(self) -> tuple[str, str] | None:
        """The days the value holds for: the sentence's date, else the publication day."""
        if self.when is not None:
            start, _, end = self.when.partition("..")
            return start, end or start
        if self.published is not None:
            return self.published, self.published
        return None

    def shown(self) -> str:
        """e.g. ``'last week' (2025-03-03..2025-03-09), in talks``."""
        parts = []
        if self.when_text is not None:
            parts.append(f"'{self.when_text}' ({self.when})")
        elif self.published is not None:
            parts.append(f"published {self.published}")
        if self.basis is not None:
            parts.append(self.basis)
        return ", ".join(parts)


@lru_cache(maxsize=8192)
def _dates_in(sentence: str, published: str | None) -> tuple[tuple[int, str, str], ...]:
    """The dates ``sentence`` gives, resolved against ``published``: (offset, ISO, as written).

    Remembered (bounded: 8,192 sentences): the same sentence gives values to
    several disagreements (a count and an amount), and finding and resolving its
    dates is most of a value's context.
    """
    pub_day = date.fromisoformat(published) if published else None
    found_dates = []
    for found in find_expressions(sentence):
        if _DATELINE_AFTER.match(sentence, found.end):
            continue  # "Lisbon, 14 May (Wire) -": the dateline dates the report, not the value
        tense = sentence_tense(sentence, found.start, found.end)
        resolved = resolve(found.text, pub_day, tense)  # remembered by resolve itself
        if resolved.known:
            found_dates.append((found.start, resolved.shown(), found.text.strip()))
    return tuple(found_dates)


def value_context(source: Source | None, sentence: str, offset: int | None = None) -> ValueContext:
    """The context of a value found in ``sentence`` (``offset``: the value's place in it).

    Cost: one pass of the date finder and a few fixed patterns over the sentence.
    """
    published = source.published if source is not None else None
    when = when_text = None
    at = offset if offset is not None else 0
    nearest = None
    for start, shown, text in _dates_in(sentence, published):
        distance = abs(start - at)
        if nearest is None or distance < nearest:
            nearest = distance
            when, when_text = shown, text
    best: tuple[int, int, int] | None = None
    lowered = case_folded(sentence)
    matches = _BASIS.finditer(sentence) if lowered is None else _BASIS_LOWER.finditer(lowered)
    for match in matches:
        key = (abs(match.start() - at), int((match.lastgroup or "b0")[1:]), match.start())
        if best is None or key < best:
            best = key
    basis = None if best is None else _BASES[best[1]][0]
    return ValueContext(published, when, when_text, basis)


def differ_in_time(contexts: list[ValueContext]) -> bool:
    """True when two values hold for periods that do not overlap.

    Two periods are apart when one ends before the other starts. If any two
    are, so are the earliest end (or the next earliest, when that is the same
    value's) and the latest start (or the next latest): linear, where comparing
    every pair was quadratic in a disagreement's values (tens of thousands of
    "Number of countries" values at 5,000 articles, all overlapping).
    """
    periods = [c.period for c in contexts if c.period is not None]
    if len(periods) < 2:
        return False
    ends = sorted(range(len(periods)), key=lambda i: periods[i][1])[:2]
    starts = sorted(range(len(periods)), key=lambda i: periods[i][0], reverse=True)[:2]
    return any(x != y and periods[x][1] < periods[y][0] for x in ends for y in starts)


def differ_in_definition(contexts: list[ValueContext]) -> bool:
    """True when two values count different things (by their basis words)."""
    return len({c.basis for c in contexts if c.basis is not None}) > 1


def explain(values: list[tuple[str, ValueContext]], figures: bool = True) -> str | None:
    """One sentence saying how values differ in time and definition, or None if they do not.

    ``values`` are (value as shown, its context) pairs, e.g. ("about 20", ...);
    what a value counts is compared only for ``figures``.
    """
    if not figures:
        # Not a quantity that changes with time: only the dates the sentences
        # themselves give are compared, and there is no count to define.
        values = [(v, ValueContext(None, c.when, c.when_text, None)) for v, c in values]
    contexts = [c for _, c in values]
    time = differ_in_time(contexts)
    definition = differ_in_definition(contexts)
    if not (time or definition):
        return None
    seen: dict[str, list[str]] = {}
    for value, context in values:
        seen.setdefault(value, [])
        shown = context.shown()
        if shown and shown not in seen[value]:
            seen[value].append(shown)
    what = " and ".join(
        w for w, on in (("in time", time), ("in what they count", definition)) if on
    )
    detail = "; ".join(f"{value}: {' / '.join(parts)}" for value, parts in seen.items() if parts)
    tail = ", not only in number" if figures else ""
    return f"The values differ {what}{tail} ({detail})."
