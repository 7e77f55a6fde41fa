"""Write a file so that nothing the user made is lost or half-written.

A briefing note is often written over a previous one, or into a folder the
analyst shares. We write a temporary file in the target folder, fsync it, then
either hard-link it into place (atomic refuse-if-exists) or rename it over the
old file (only with ``force``). On any failure the temporary file is removed and
the old file is untouched.

It lives in ``model/io`` (not ``export``) because edits of a pack's own YAML
(:mod:`briefing.model.editing`) are written the same way, and the model may not
import the export layer. :func:`replace_bytes` is that case: exact bytes (a BOM
and CRLF line ends survive) over an existing file, keeping its permissions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from briefing.model.io.files import kind_of


class WriteRefused(Exception):
    """The file could not be written; the message is one line for the user."""


def write_atomic(
    path: str | os.PathLike[str], text: str | Iterable[str], *, force: bool = False
) -> Path:
    """Write ``text`` (UTF-8) to ``path``; refuse to replace a file unless ``force``,
    and anything that is not a regular file (FIFO, device, symbolic link) even then.

    ``text`` may be pieces (an export written as it is made): they are encoded and
    written one by one, so the whole file is never held in memory. A piece that
    cannot be made (an exception from the iterator) leaves the old file untouched.
    """
    given = os.fspath(path)
    target = Path(given)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise WriteRefused(f"{target}: is a folder; give a file name")
    if given.endswith(("/", os.sep)):
        # Path("out/") is Path("out"): without this, a missing folder became a file.
        raise WriteRefused(f"{given}: no such folder (a trailing / names a folder)")
    kind = _existing_kind(target)
    if kind is not None and kind != "file":
        # --force replaces a file, never a FIFO, a device (as root, /dev/null) or a link.
        raise WriteRefused(f"{target}: is {kind}, not a regular file; refusing to replace it")
    if kind is not None and not force:
        raise WriteRefused(f"{target}: already exists; use --force to replace it")
    if not folder.is_dir():
        raise WriteRefused(f"{target}: folder '{folder}' does not exist")
    pieces = [text] if isinstance(text, str) else text
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteRefused(f"{target}: cannot write in '{folder}': {exc.strerror or exc}") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as stream:
            for piece in pieces:
                stream.write(piece.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temp_name, target)
        else:
            _place_new(temp_name, target)
        _sync_folder(folder)
    except OSError as exc:
        raise WriteRefused(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
    return target


def replace_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace an existing file's content with ``data`` atomically, keeping its mode.

    A reader of the file sees the old bytes or the new ones, never half of each;
    on failure the old file is untouched and :class:`WriteRefused` says why.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    kind = _existing_kind(target)
    if kind != "file":
        what = "nothing" if kind is None else kind
        raise WriteRefused(f"{target}: is {what}, not a regular file; not replaced")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError as exc:
        raise WriteRefused(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteRefused(f"{target}: cannot write in '{folder}': {exc.strerror or exc}") from None
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
        _sync_folder(folder)
    except OSError as exc:
        raise WriteRefused(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
    return target


def _existing_kind(target: Path) -> str | None:
    """What is at ``target`` (not following a symbolic link): "file", the kind of a
    non-regular file in a diagnostic's words (:func:`~briefing.model.io.files.kind_of`),
    or None when nothing is."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return "something that cannot be examined"
    return "file" if stat.S_ISREG(mode) else kind_of(mode)


def _place_new(temp_name: str, target: Path) -> None:
    """Put the finished file at ``target`` only if nothing is there, atomically.

    A hard link fails if the name exists, so a file that appeared since our
    check is never replaced. Some file systems (FAT, some network shares) have no
    hard links: there we claim the name with an exclusive create, then rename
    over our own empty placeholder.
    """
    exists = f"{target}: already exists; use --force to replace it"
    try:
        os.link(temp_name, target)
        return
    except FileExistsError:
        raise WriteRefused(exists) from None
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
        ):
            raise
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise WriteRefused(exists) from None
    os.close(fd)
    os.replace(temp_name, target)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; not every file system allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
