"""The one sanitiser every displayed string from an article or a pack goes through.

Textual passes escape sequences straight to the terminal (a scraped article could
retitle the window, write the clipboard with OSC 52, or clear the screen), and
invisible characters (bidi overrides, zero-width spaces) can make text read as
something it is not. We never emit them; we show them. The mapping is one
character for one character, so offsets computed on the article text still
highlight the same characters on screen.

This module only makes characters safe. Markup safety is the display layer's
job: sanitised text is always shown as literal content (``Content``, ``Text``,
``markup=False``), never parsed.
"""

from __future__ import annotations

import re

UNKNOWN_INVISIBLE = "⍰"
"""Shown for C1 controls, bidi controls and zero-width characters."""

_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟, e.g. ESC is shown as ␛
    if code == 0x7F:
        return "␡"
    return UNKNOWN_INVISIBLE


def clean(text: str) -> str:
    """``text`` with every control and invisible character replaced by a visible one.

    Newlines and tabs are kept (they are layout, not commands); the result has
    the same length as ``text``.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)


def clean_line(text: str) -> str:
    """Like :func:`clean`, but newlines and tabs become spaces (for one-line labels)."""
    return clean(text).replace("\n", " ").replace("\t", " ")


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds anything :func:`clean` would replace."""
    return _UNSAFE.search(text) is not None
