"""The normalised view of an article: what a quote copied from a browser or a PDF is
compared with when it is not found as written.

NFKC, straight quotes, plain dashes, collapsed white space, no zero-width
characters. The view keeps a map back to the original offsets, so a quote found
there is still reported in the article's own coordinates; it is built only when
an exact match fails.

The definition is per character (:func:`piece` on each character and its
combining marks; white space collapsed), but running it one character at a time
costs ~8 s for a megabyte of Cyrillic or CJK. So the view is built from the
article's *kinds*: every distinct character is classified once (kept as one
character, expanded, deleted, white space, combining mark), the article is
translated to one kind letter a character (in C), and a regular expression over
that string cuts it into stretches, each handled in one step:

- a *run* of characters that stand alone (no combining mark after them) with
  single white-space characters between them: translated in one ``str.translate``
  (in a non-ASCII text with few characters to change, those are found and changed
  one by one instead: see :data:`SPARSE`),
  its offsets copied from a ready-made 0, 1, 2, ... array (or, when some characters
  expand or are deleted, built by C iterators);
- a run of white space (one space out, if any text came before), of deleted
  characters (nothing out), or one character with its combining marks (its
  :func:`piece`, computed once per distinct group).

Worst case O(n + d) for n characters with d distinct ones (d <= 1,114,112), with
one Python step per stretch: at most one per character when the text alternates
kinds on purpose (``"e\\u0301"`` repeated: every character has a mark), ~0.5 s per
megabyte; see docs/hostile-input.md. A property test holds it to the definition.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable
from itertools import chain, repeat

TRANSLATE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)
"""Typographic quotes and dashes made plain, invisible characters removed (before and
after NFKC)."""


def piece(group: str) -> str:
    """The normal form of one character and the combining marks after it: the definition.

    Translated (:data:`TRANSLATE`), then NFKC-normalised when not ASCII and translated
    again (NFKC makes some characters into ones the table changes). White space is not a
    group: a run of it becomes one space, none at the start or end of the view.
    """
    out = group.translate(TRANSLATE)
    if out and not out.isascii():
        out = unicodedata.normalize("NFKC", out).translate(TRANSLATE)
    return out


def normalise(text: str) -> str:
    """The comparable form of a quote (same rules as :func:`normalise_with_spans`)."""
    return normalise_with_spans(text)[0]


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map every output character to its source offset.

    ``mapping[i]`` is the offset in ``text`` where the character that produced output
    character ``i`` starts; one extra entry maps the end.
    """
    out, starts, _ends = normalise_with_spans(text)
    return out, [*starts, len(text)]


# Kinds of character, one letter each (see the module docstring); a character that
# expands to L characters is chr(0x80 + L) (NFKC makes one at most 18: U+FDFA).
KEPT, DELETED, SPACE, MARK = "k", "d", "s", "m"
_LONGEST = 18


def _expanded(length: int) -> str:
    return chr(0x80 + length)


_COUNTS = {ord(KEPT): "\x01", ord(SPACE): "\x01", ord(DELETED): "\x00"} | {
    0x80 + length: chr(length) for length in range(2, _LONGEST + 1)
}
"""A run's kinds to its characters' output lengths (as characters)."""

_STRETCH = re.compile(
    r"(?P<run>[k\x82-\x92](?!m)(?:[dk\x82-\x92](?!m))*+"
    r"(?:s[k\x82-\x92](?!m)(?:[dk\x82-\x92](?!m))*+)*+)"
    r"|(?P<space>s++)"
    r"|(?P<gone>(?:d(?!m))++)"
    r"|(?P<group>[^s]m*+)"
)
"""Cuts the kinds string into stretches; every position starts one of them (a kept,
expanded or deleted character followed by a mark, or a mark, is a group). A run
starts with a character that has output and a single white space in it is followed
by one, so a space in a run spans just itself, as the definition says; deleted
characters (zero-width ones) may sit anywhere else in it. Possessive quantifiers and
one-character look-aheads: nothing to backtrack into, linear."""

_RESIZED = re.compile(r"[^ks]")
"""In a run, a character whose output is not one character (expanded or deleted)."""

_ASCII_KINDS = {code: SPACE if chr(code).isspace() else KEPT for code in range(128)}
_ASCII_CHANGES = {
    code: " " if chr(code).isspace() else piece(chr(code))
    for code in range(128)
    if chr(code) != " " and (chr(code).isspace() or piece(chr(code)) != chr(code))
}
"""ASCII characters a run changes: the backquote, and white space (a single one between
two characters is a space)."""


def normalise_with_spans(text: str) -> tuple[str, array[int], array[int]]:
    """Normalise ``text``; output character ``i`` came from ``text[starts[i]:ends[i]]``.

    A base character and the combining marks after it are normalised together, so
    an article in NFD (``e`` + U+0301) matches a quote in NFC (``é``) and the other
    way round; the span then covers the marks, so a quote found this way is
    reported as the whole of the original characters. The space a run of white
    space becomes spans the run (up to the next character that produces output).

    The offsets are kept in compact arrays (4 bytes an entry, not a list of int
    objects): the anchorer keeps this view of an article while it locates its quotes.
    """
    kinds, changes = _classify(text)
    change = _changer(text, changes)
    out: list[str] = []
    starts = array("i")
    ends = array("i")
    iota = _iota(len(text) + 1)
    pieces: dict[str, str] = {}
    space_from = -1
    for stretch in _STRETCH.finditer(kinds):
        start, stop = stretch.span()
        what = stretch.lastgroup
        if what == "space":
            if out and space_from < 0:
                space_from = start
            continue
        if what == "gone":
            continue
        if what == "run":
            chunk = text[start:stop]
            produced = change(chunk) if change is not None else chunk
        else:
            chunk = text[start:stop]
            produced = pieces.get(chunk, "")
            if not produced:
                produced = pieces.setdefault(chunk, piece(chunk))
                if not produced:
                    continue
        if space_from >= 0:
            out.append(" ")
            starts.append(space_from)
            ends.append(start)
            space_from = -1
        out.append(produced)
        if what == "group":
            starts.extend(repeat(start, len(produced)))
            ends.extend(repeat(stop, len(produced)))
        elif _RESIZED.search(kinds, start, stop) is None:
            starts += iota[start:stop]
            ends += iota[start + 1 : stop + 1]
        else:
            counts = kinds[start:stop].translate(_COUNTS)
            _expanded_spans(counts, start, stop, iota, starts, ends)
    return "".join(out), starts, ends


def _expanded_spans(
    counts: str, start: int, stop: int, iota: array[int], starts: array[int], ends: array[int]
) -> None:
    """Offsets of a run in which some characters expand ("…" is "...") or are deleted: each
    character's offset repeated as many times as it has output characters.

    ``counts`` holds each character's output length as a character. When all are the
    same (a run of one expanding character) the offsets are laid out by strided slice
    copies, one per output position; otherwise C iterators repeat each offset.
    """
    size = ord(counts[0])
    if counts.count(counts[0]) == len(counts):
        for spans, first in ((starts, start), (ends, start + 1)):
            block = array("i", bytes(4 * size * (stop - start)))
            for place in range(size):
                block[place::size] = iota[first : first + stop - start]
            spans += block
        return
    lengths = counts.encode("latin-1")
    starts.extend(chain.from_iterable(map(repeat, range(start, stop), lengths)))
    ends.extend(chain.from_iterable(map(repeat, range(start + 1, stop + 1), lengths)))


def _classify(text: str) -> tuple[str, dict[int, str]]:
    """(one kind letter a character, what a run changes) for ``text``: each distinct
    character is classified once, and only the characters present are in the tables
    (a run nothing changes is not translated).

    One Python step per distinct character (at most 1,114,112, ~1 µs each): most are
    their own normal form, which the quick check answers without building it.
    """
    if text.isascii():
        return text.translate(_ASCII_KINDS), _ASCII_CHANGES
    kinds = dict(_ASCII_KINDS)
    changes: dict[int, str] = {}
    category, normal = unicodedata.category, unicodedata.is_normalized
    for char in set(text):
        code = ord(char)
        if code < 128:
            if code in _ASCII_CHANGES:
                changes[code] = _ASCII_CHANGES[code]
        elif char.isspace():
            kinds[code] = SPACE
            changes[code] = " "
        elif category(char)[0] == "M":
            kinds[code] = MARK
        elif code not in TRANSLATE and normal("NFKC", char):
            kinds[code] = KEPT  # most characters: their own normal form
        else:
            out = piece(char)
            kinds[code] = KEPT if len(out) == 1 else _expanded(len(out)) if out else DELETED
            if out != char:
                changes[code] = out
    special = [chr(code) for code, kind in kinds.items() if code >= 128 and kind != KEPT]
    return _kinds_string(text, kinds, special), changes


SPARSE = 16
"""Below one non-ASCII character in this many, a text is translated by finding those
characters (a regular expression, in C) and changing each in a call back; above
it, by ``str.translate``.

``str.translate`` with a table that maps to strings (ours) takes a dictionary
look-up per character once the text is not pure ASCII, ~50 ns: ~0.2 s for the
~540 articles whose quotes need the normalised view in a 1,000-article pack,
which hold a few dozen such characters each (curly quotes, a euro sign). Text
dense with them (hostile, or a script whose every letter changes) keeps
``translate``, so the worst case stays what it was plus one C pass to count."""

_ASCII_KIND_BYTES = bytes(ord(_ASCII_KINDS[code]) for code in range(128)) + bytes(128)
"""The kind letter of each ASCII character as a bytes table; '?' (a kept character)
also stands for every non-ASCII one in ``text.encode("ascii", "replace")``."""


_NON_ASCII = re.compile("[^\x00-\x7f]")
"""A non-ASCII character: what :func:`_kinds_string` and :func:`_changer` look at one
by one. A fixed pattern, compiled once: a pattern of each article's own characters
was compiled anew for most articles (``re``'s cache is keyed by the pattern), which
cost more on a first load than it saved."""


def is_sparse(finder: re.Pattern[str], text: str) -> bool:
    """True when ``finder`` matches at most one character in :data:`SPARSE` of ``text``."""
    return (len(text) - len(finder.sub("", text))) * SPARSE <= len(text)


def _kinds_string(text: str, kinds: dict[int, str], special: list[str]) -> str:
    """``text.translate(kinds)`` for a non-ASCII text, in C when few characters are not ASCII.

    ``special`` lists the non-ASCII characters of ``text`` that are not plain kept
    characters (white space, marks, deleted, expanded): every other non-ASCII
    character is kept, like '?'. Each kind letter is below 256.
    """
    base = text.encode("ascii", "replace").translate(_ASCII_KIND_BYTES)
    if not special:
        return base.decode("ascii")
    if not is_sparse(_NON_ASCII, text):
        return text.translate(kinds)
    marked = bytearray(base)
    for found in _NON_ASCII.finditer(text):
        kind = kinds[ord(found.group())]
        if kind != KEPT:
            marked[found.start()] = ord(kind)
    return marked.decode("latin-1")


def _changer(text: str, changes: dict[int, str]) -> Callable[[str], str] | None:
    """How a run of ``text`` is changed: ``str.translate(changes)`` or its equal (None: as it is).

    In a non-ASCII text with few non-ASCII characters: each ASCII character that
    changes (white space that is not a space, the backquote) replaced in turn, in
    C, then each non-ASCII one found and changed. No output of either is changed
    again (they are spaces, quotes and letters, none of which is an ASCII key),
    as with ``translate``, which each would otherwise cost ~50 ns a character.
    """
    if not changes:
        return None
    if text.isascii() or not is_sparse(_NON_ASCII, text):
        return lambda chunk: chunk.translate(changes)  # ASCII: translate's own fast path
    plain = [(chr(code), out) for code, out in changes.items() if code < 128]
    table = {chr(code): out for code, out in changes.items() if code >= 128}

    def changed(found: re.Match[str]) -> str:
        char = found.group()
        return table.get(char, char)

    def change(chunk: str) -> str:
        for char, out in plain:
            chunk = chunk.replace(char, out)
        return _NON_ASCII.sub(changed, chunk) if table else chunk

    return change


_IOTA = array("i")


def _iota(size: int) -> array[int]:
    """0, 1, 2, ... at least ``size`` long: a run's offsets are a slice of it.

    Extending an array by a slice of another is a copy; extending it from a
    ``range`` converts each number (25x slower, a tenth of the load). It grows to
    the longest text normalised (4 bytes a character) and is replaced, never
    changed in place, so a reader in another thread keeps a whole one.
    """
    global _IOTA
    if len(_IOTA) < size:
        _IOTA = array("i", range(max(size, 2 * len(_IOTA))))
    return _IOTA
