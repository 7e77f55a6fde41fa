"""Where the reader remembers the last note exported from each pack, and ``--since last``.

"What is new since my last note?" needs the date of that note. It is recorded
outside the pack, in the user's cache folder (``notes.json`` beside the load
cache; ``BRIEFING_CACHE_DIR`` moves it, ``BRIEFING_NO_CACHE=1`` turns it off),
keyed by the pack folder's resolved path: the pack is the user's own work and is
never written to silently. The date recorded is the note's "as of" date (the
pack's ``as_of``), which is what the note says it covers. Losing the file only
loses the default; a damaged file is not read (``--since last`` says so in its
reason) and the next export rewrites it whole. The folder and
the file pass the load cache's trust checks before they are opened (a FIFO, a
link, another user's file or one others can write is neither read nor written,
so never blocked on); only the load cache stops on them, with the line that says
what to do, since only it could be served a planted pack.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path

from briefing.model.analysis.since import fallback_since, parse_day
from briefing.model.io.cache import cache_dir
from briefing.model.io.trust import OPEN_FLAGS, trusted_node
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line

FILE = "notes.json"
KEEP = 200
"""Packs remembered at most; the oldest entries go first (bounded file)."""


def _path() -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / FILE


def _read(path: Path) -> tuple[dict[str, dict[str, str]], str]:
    """The recorded notes, and "" or why the file was not read (one line, sanitised).

    A missing file is no problem (nothing exported yet); anything else that stops
    the read is named, so ``--since last`` can say why it fell back rather than
    claim that no note was ever exported.
    """
    if not os.path.lexists(path):
        return {}, ""
    shown = clean_line(str(path))
    if not (trusted_node(path.parent, stat.S_ISDIR) and trusted_node(path, stat.S_ISREG)):
        return {}, f"{shown} is not used (a link, not a plain file, or open to others)"
    try:
        fd = os.open(path, OPEN_FLAGS)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return {}, f"{shown} is not used (not a plain file)"
            data = json.loads(stream.read(1_000_000))
    except OSError as exc:
        return {}, f"{shown} could not be read ({clean_line(exc.strerror or 'error')})"
    except ValueError:
        return {}, f"{shown} is damaged (not the JSON briefing writes); the next export rewrites it"
    if not isinstance(data, dict):
        return {}, f"{shown} is damaged (not the JSON briefing writes); the next export rewrites it"
    return {
        k: v
        for k, v in data.items()
        if isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("as_of"), str)
    }, ""


def last_note_date(root: str | os.PathLike[str]) -> str | None:
    """The "as of" date of the last note exported from the pack at ``root``, if recorded."""
    return _last(root)[0]


def _last(root: str | os.PathLike[str]) -> tuple[str | None, str]:
    """The recorded "as of" date for ``root`` (or None), and "" or why the record was unreadable."""
    path = _path()
    if path is None:
        return None, ""
    entries, problem = _read(path)
    entry = entries.get(str(Path(root).resolve()))
    return (None if entry is None else entry["as_of"]), problem


def record_note(root: str | os.PathLike[str], as_of: str, written: str) -> Path | None:
    """Remember that a note as of ``as_of`` was exported from ``root`` (to ``written``).

    Returns the file written, or None when recording is off or the folder cannot
    be written (exporting never fails for want of this record).
    """
    path = _path()
    if path is None:
        return None
    entries, _problem = _read(path)  # a damaged record is replaced whole
    key = str(Path(root).resolve())
    entries.pop(key, None)
    entries[key] = {"as_of": as_of, "written": written}
    kept = dict(list(entries.items())[-KEEP:])
    tmp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted_node(path.parent, stat.S_ISDIR):
            return None  # a folder others can write to (or a link): keep nothing there
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".notes-")
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(kept, stream, indent=1)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return None
    return path


LAST = "last"
"""The ``--since`` value meaning "the last note exported from this pack"."""


def since_date(pack: Pack, given: str) -> tuple[str, str]:
    """(date, why that date, or "") for a ``--since`` value: ``YYYY-MM-DD`` or ``last``.

    ``last`` is the "as of" date of the last note exported from this pack (as
    recorded here), else the day before the newest articles. ValueError (one line) for anything else.
    """
    if given.strip().lower() != LAST:
        day = parse_day(given)
        return day, ""
    recorded, problem = _last(pack.root)
    if recorded is not None:
        return recorded, "the date of the last note exported from this pack"
    why = problem or "no note exported from this pack yet"
    return fallback_since(pack), f"{why}: the day before the newest articles"
