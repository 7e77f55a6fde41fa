"""Writing YAML scalars an author can paste and our strict reader reads back unchanged.

Generated YAML (a new pack from ``briefing init``, an evidence item from
``briefing find``) is read by people and by :mod:`briefing.model.io.yaml_text.read`. A
string is written plain only when no YAML reader could take it for anything
else (no ``no``/``2025``/``1.10``, no ``: `` or `` #``, no leading indicator);
everything else is double-quoted with escapes, which round-trips any text.
"""

from __future__ import annotations

import re

from briefing.model.io.yaml_text.nodes import has_forbidden
from briefing.model.sanitize import clean


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, for readability."""
    return frozenset(text.split())


_PLAIN = re.compile(r"^[A-Za-z\u00c0-\u024f][\w .'’()/?&-]*$")
_RESERVED = _words(
    """y n yes no on off true false null ~"""
)  # YAML 1.1 booleans/null, matched case-insensitively
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")
"""Characters the strict reader refuses raw, or that would hide in an editor: always escaped."""
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar (always safe, any text)."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif has_forbidden(char):
            # The strict reader refuses these even as escapes: write what the reader
            # would show instead (ESC as ␛), so generated packs always load.
            out.append(clean(char))
        elif _INVISIBLE.match(char):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def scalar(value: str) -> str:
    """``value`` plain when that is unambiguous (easier to read), else double-quoted."""
    if (
        _PLAIN.fullmatch(value)
        and value.lower() not in _RESERVED
        and not value.endswith((" ", "?", ":"))
        and "  " not in value
    ):
        return value
    return quoted(value)


def flow_list(values: list[str]) -> str:
    """A one-line YAML list, ``[a, "b, c"]``.

    Commas, and the flow indicators ``?`` and ``:`` (PyYAML refuses ``[H?l?ne]``),
    force quoting inside flow lists, so every YAML reader reads the list back.
    """
    return (
        "["
        + ", ".join(quoted(v) if any(c in v for c in ",?:") else scalar(v) for v in values)
        + "]"
    )


def comment(text: str) -> str:
    """One line of text made safe for a ``# comment`` (no line breaks)."""
    return " ".join(_INVISIBLE.sub(" ", text).split())
