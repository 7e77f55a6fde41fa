"""Open pack files without trusting them: the one read path for load, cache, find and init.

A pack arrives from anywhere (a shared drive, an archive, a scrape), so any name
in it may be a FIFO that blocks the first read for ever, a device (``/dev/zero``
never ends), a sparse file of gigabytes, a symlink out of the pack (to
``/etc/passwd``) or a symlink loop. Every check here happens before a byte is
read, and every refusal is one line that says what the file is:

1. The name is resolved once, strictly: a loop, a missing folder or a name too
   long is an answer, not a crash. Inside a pack, the result must stay inside
   the pack folder: articles, YAML files and ``data/`` itself alike.
2. The resolved name is ``stat``-ed, and anything but a regular file is refused
   without being opened (opening a FIFO or a tape device has effects).
3. It is opened with ``O_NOFOLLOW | O_NONBLOCK`` (a name swapped meanwhile for a
   link cannot lead out, nor a FIFO block), and the *descriptor* is ``fstat``-ed:
   the same regular file, no larger than the per-file cap, within the pack's
   total budget.
4. At most cap + 1 bytes are read, so a file that grows meanwhile is refused too.

The budgets (:data:`MAX_FILE_BYTES`, :data:`MAX_PACK_BYTES`, :data:`MAX_RECORDS`)
are documented in docs/hostile-input.md.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from briefing.model.diagnostics import Diagnostic, suggest

MAX_FILE_BYTES = 16 * 1024 * 1024
"""One file (YAML or article): 16 MiB, refused before reading. No real pack file comes close."""
MAX_PACK_BYTES = 64 * 1024 * 1024
"""All of a pack's files together: 64 MiB, seven times the 1,000-article benchmark
pack (5.7 MB of YAML, 3.5 MB of articles). Loading costs ~15x the YAML's size in
memory, so this keeps a hostile pack to about a gigabyte and tens of seconds."""
MAX_RECORDS = 250_000
"""Section items (sources, actors, meetings, pledges, claims) in a pack: 2.4 times
the 5,000-article benchmark pack's 105,024 (issue 19's largest size). Records are
small, so the byte budget above binds first for anything but tiny records."""

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Refused(Exception):
    """A file that will not be read; ``str()`` is the one-line reason."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        """A "did you mean" suggestion (a missing article's nearest name)."""


@dataclass(slots=True)
class Budget:
    """What one pack may cost in total: bytes read and records; charged before the work."""

    max_bytes: int = field(default_factory=lambda: MAX_PACK_BYTES)
    max_records: int = field(default_factory=lambda: MAX_RECORDS)
    bytes_read: int = 0
    records_read: int = 0
    records_over: bool = False
    """The record limit was reached: the loader reads no further file."""

    def charge(self, size: int) -> None:
        """Count ``size`` more bytes, or refuse them if the pack would go over its total."""
        if self.bytes_read + size > self.max_bytes:
            raise Refused(
                f"file of {size} bytes would take the pack over its {self.max_bytes}-byte "
                f"total (its files so far: {self.bytes_read} bytes)"
            )
        self.bytes_read += size

    def count_record(self) -> None:
        """Count one more section item, or refuse it past the pack's record limit."""
        if self.records_read >= self.max_records:
            self.records_over = True
            raise Refused(
                f"the pack has more than {self.max_records} records (sources, actors and "
                "facts); nothing from here on is read"
            )
        self.records_read += 1


def kind_of(mode: int) -> str:
    """What a non-regular file is, in the words of a diagnostic."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a special file"


def _reason(exc: OSError, path: Path) -> str:
    """Why resolving, stat-ing or opening ``path`` failed, as the end of a sentence."""
    if exc.errno == errno.ELOOP:
        return "is a symlink loop"
    if exc.errno == errno.ENOENT:
        return "is a symlink to nothing" if os.path.lexists(path) else "does not exist"
    return f"cannot be read: {exc.strerror or exc}"


def _checked(info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"{kind_of(info.st_mode)}, not a regular file")
    if info.st_size > limit:
        raise Refused(f"file is {info.st_size} bytes, over the {limit}-byte limit")


def read_file(
    path: Path, *, budget: Budget | None = None, limit: int = MAX_FILE_BYTES, follow: bool = True
) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``); Refused says why not.

    Not confined to a pack: ``init`` reads articles named on its command line
    from anywhere. ``follow=False`` refuses a symlink as the last component
    (used on names already resolved, so a swap meanwhile is caught).
    """
    try:
        before = os.stat(path, follow_symlinks=follow)
    except OSError as exc:
        raise Refused(_reason(exc, path)) from None
    _checked(before, limit)
    try:
        fd = os.open(path, _OPEN_FLAGS | (0 if follow else _NOFOLLOW))
    except OSError as exc:
        raise Refused(_reason(exc, path)) from None
    try:
        opened = os.fstat(fd)
        _checked(opened, limit)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise Refused("file was replaced while being opened")
        if budget is not None:
            budget.charge(opened.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise Refused(_reason(exc, path)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise Refused(f"file grew past the {limit}-byte limit while being read")
    if budget is not None:  # the file may have changed size meanwhile: count what we hold
        budget.bytes_read += len(data) - opened.st_size
    return data


def _real(path: Path) -> Path:
    """``path`` with every link resolved, strictly (OSError on a loop or a missing part)."""
    return Path(os.path.realpath(path, strict=True))


def _inside(root: Path, path: Path) -> Path:
    """The real path of ``path`` if it stays inside the pack folder ``root``.

    OSError (a loop, a missing part) is left to the caller, who knows what to call the name.
    """
    real_root, real = _real(root), _real(path)
    if not real.is_relative_to(real_root):
        raise Refused("leads outside the pack folder (symlink?)")
    return real


def yaml_files(root: Path, data_dir: Path) -> list[Path]:
    """The pack's ``*.yaml`` and ``*.yml`` files in the order they are read.

    Refused when ``data/`` leads outside the pack or cannot be listed: an
    unreadable folder is not an empty one.
    """
    try:
        _inside(root, data_dir)
    except Refused as exc:
        raise Refused(f"the data folder {exc.message}") from None
    except OSError as exc:
        raise Refused(f"the data folder {_reason(exc, data_dir)}") from None
    try:
        with os.scandir(data_dir) as entries:
            names = [e.name for e in entries if e.name.endswith((".yaml", ".yml"))]
    except OSError as exc:
        raise Refused(f"cannot list the data folder: {exc.strerror or exc}") from None
    return sorted(data_dir / name for name in names)


def read_yaml_file(root: Path, path: Path, budget: Budget | None = None) -> bytes:
    """The bytes of one of the pack's YAML files, confined to the pack like an article."""
    try:
        real = _inside(root, path)
    except OSError as exc:
        raise Refused(_reason(exc, path)) from None
    return read_file(real, budget=budget, follow=False)


def read_article(root: Path, name: str, budget: Budget | None = None) -> bytes:
    """The bytes of the article a source names; Refused with the loader's wording.

    A path is refused when written absolute or with ``..``, and when it resolves
    outside the pack (a symlink out); a symlink that stays inside is fine.
    """
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise Refused(f"article path '{name}' must stay inside the pack folder")
    path = root / relative
    try:
        real = _inside(root, path)
    except Refused as exc:
        raise Refused(f"article path '{name}' {exc.message}") from None
    except OSError as exc:
        if exc.errno == errno.ENOENT and not os.path.lexists(path):
            raise Refused(f"article file '{name}' not found", _nearest(path, name)) from None
        raise Refused(f"article path '{name}' {_reason(exc, path)}") from None
    try:
        return read_file(real, budget=budget, follow=False)
    except Refused as exc:
        raise Refused(f"article '{name}': {exc.message}") from None


def _nearest(path: Path, name: str) -> str | None:
    """A file next to where the missing article was looked for, with a similar name."""
    try:
        with os.scandir(path.parent) as entries:
            names = [e.name for e in entries]
    except OSError:
        return None
    near = suggest(path.name, names)
    return str(Path(name).parent / near) if near else None


def article_text(data: bytes, shown: str) -> tuple[str | None, Diagnostic | None]:
    """An article's text (strict UTF-8, BOM dropped, line breaks normalised), or why not.

    A NUL byte means a binary file, reported at its position.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(data, nul)
        return None, Diagnostic(
            shown, line, col, "article is a binary file (it contains NUL bytes), not text"
        )
    return decode_utf8(data, shown)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line:col of a byte offset, counting characters as UTF-8 where possible."""
    head = data[:offset].decode("utf-8", errors="replace").removeprefix("\ufeff")
    head = head.replace("\r\n", "\n").replace("\r", "\n")
    return head.count("\n") + 1, len(head) - head.rfind("\n")


def decode_utf8(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """Decode strictly (a BOM is accepted); a bad byte is reported at its line:col.

    PyYAML and Python report a bad byte by its byte position only, which an author
    cannot act on; we count lines and characters up to it ourselves, with the same
    line breaks the text will have (CRLF, lone CR and LF) and without the BOM, so
    the position is the one an editor shows. Line breaks are then normalised once:
    every offset the pack reports counts in the returned text.
    """
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = bom + exc.start
        head = data[bom:bad_at].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = head.count(b"\n") + 1
        line_start = head.rfind(b"\n") + 1
        col = len(head[line_start:].decode("utf-8", errors="replace")) + 1
        bad = data[bad_at : bad_at + 1].hex()
        return None, Diagnostic(
            path, line, col, f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None
