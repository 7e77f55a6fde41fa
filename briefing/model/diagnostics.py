"""Diagnostics: one line per problem, in the ``path:line:col: severity: message`` form.

Authors fix packs by jumping to a position in their editor, so every problem
carries a file and a 1-based line and column, and the formatted line is the
same one compilers print (editors and terminals already know how to follow it).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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


def quote_hint(hint: str) -> str:
    """Quote a suggestion so that leading/trailing spaces and quotes stay visible."""
    return "'" + hint.replace("\n", " ") + "'"


class PackError(Exception):
    """Raised when a pack cannot be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics
