"""Diagnostics: one line per problem, in the ``path:line:col: severity: message`` form.

Authors fix packs by jumping to a position in their editor, so every problem
carries a file and a 1-based line and column, and the formatted line is the
same one compilers print (editors and terminals already know how to follow it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from briefing.model.sanitize import clean_line


class Severity(StrEnum):
    """How bad a problem is: errors make a pack invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a pack, located as precisely as we can."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    """A suggestion, shown as ``(did you mean 'hint'?)``."""
    fatal: bool = False
    """True when reading stopped here, so nothing after it in the file was checked
    (a syntax error, an alias, bytes that are not UTF-8); False when the reader
    recovered and went on (a duplicate key keeps its first value). Either way
    an error makes the pack invalid: this says whether the rest was looked at."""

    def format(self) -> str:
        """The one-line form printed by ``briefing validate``."""
        text = f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        if self.hint is not None:
            text += f" (did you mean {quote_hint(self.hint)}?)"
        # A hint can quote the article ("closest passage"), and articles are scraped:
        # an OSC 52 or clear-screen sequence must not reach the author's terminal.
        return clean_line(text)

    @property
    def is_error(self) -> bool:
        """True when this problem makes the pack invalid."""
        return self.severity is Severity.ERROR


def suggest(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The nearest valid choice, for a "did you mean" hint; None if nothing is close.

    rapidfuzz is imported here, on the error path: a reader that only shows a
    valid pack never needs it at start-up.
    """
    if not choices:
        return None
    extract_one, ratio = _rapidfuzz()
    best = extract_one(value, list(choices), scorer=ratio, score_cutoff=70)
    return None if best is None else str(best[0])


@cache
def _rapidfuzz() -> tuple[Callable[..., Any], Callable[..., float]]:
    """rapidfuzz's best-match search and ratio, imported on first use (an import
    statement per call cost a third of suggest() on a file with 100,000 unknown fields)."""
    from rapidfuzz import fuzz, process

    return process.extractOne, fuzz.ratio


def quote_hint(hint: str) -> str:
    """Quote a suggestion so that leading/trailing spaces and quotes stay visible."""
    return "'" + hint.replace("\n", " ") + "'"


MAX_DIAGNOSTICS = 1_000
"""Diagnostics kept for one load: a file with a million unknown fields is reported as
the first thousand and a count, not a million lines (and 700 MB) of errors."""


def place(diagnostic: Diagnostic) -> tuple[str, int, int]:
    """The order a load reports diagnostics in: by file, then position (sort stably by it)."""
    return diagnostic.path, diagnostic.line, diagnostic.col


def dropped_line(dropped: int) -> str:
    """The line printed after the kept diagnostics for those found past the limit."""
    return f"briefing: … and {dropped:,} more (only the first {MAX_DIAGNOSTICS:,} are kept)"


class DiagnosticList(list[Diagnostic]):
    """A list that keeps the first :data:`MAX_DIAGNOSTICS` diagnostics and counts the rest.

    Handed to everything that reports problems (it only appends or extends), so
    memory stays bounded however many problems a hostile file holds.
    """

    def __init__(self, limit: int = MAX_DIAGNOSTICS) -> None:
        super().__init__()
        self.limit = limit
        self.dropped_errors = 0
        self.dropped_warnings = 0

    @property
    def dropped(self) -> int:
        """How many diagnostics were not kept."""
        return self.dropped_errors + self.dropped_warnings

    def append(self, diagnostic: Diagnostic) -> None:
        """Keep ``diagnostic`` while there is room, else count it."""
        if len(self) < self.limit:
            super().append(diagnostic)
        elif diagnostic.is_error:
            self.dropped_errors += 1
        else:
            self.dropped_warnings += 1

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Append each; another DiagnosticList's own dropped counts carry over."""
        for diagnostic in diagnostics:
            self.append(diagnostic)
        if isinstance(diagnostics, DiagnosticList):
            self.dropped_errors += diagnostics.dropped_errors
            self.dropped_warnings += diagnostics.dropped_warnings


class PackError(Exception):
    """Raised when a pack cannot be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics
