"""Which of briefing's own files may be opened: the load cache's and the note log's.

briefing writes its cache entries and note log as private files in private
folders. Anything else found there (a link, a FIFO, a device, a file of another
user or one others can write) means someone else can write where briefing
reads, so it is never opened: the load cache stops with one line saying so
(:class:`UntrustedCache`), the note log is left alone. Split from
:mod:`briefing.model.io.cache`, which holds the cache itself.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from briefing.model.diagnostics import Diagnostic
from briefing.model.io.files import kind_of

OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
"""Opening a cache file: read-only, never through a link, never blocking on a FIFO."""


class UntrustedCache(Exception):
    """A cache folder or entry briefing did not make: never opened, and said.

    The cache is written only by briefing, as private files in a private folder,
    so a FIFO, a link, a file of another user or one others can write means
    someone else can write where the cache is read. Loading stops with one line
    naming it and what to do: working around it quietly would leave the folder
    open to the next plant.
    """

    def __init__(self, path: Path, problem: str, *, folder: bool = False) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.folder = folder

    def diagnostic(self) -> Diagnostic:
        """The one-line error: what is wrong and what to do about it."""
        what = "load cache folder" if self.folder else "load cache entry"
        fix = "make it private (chmod 700)" if self.folder else "remove it"
        return Diagnostic(
            str(self.path),
            1,
            1,
            f"{what} {self.problem}: briefing never makes that, so someone else can write "
            f"into its cache; {fix}, or set BRIEFING_CACHE_DIR to a folder of your own "
            "(BRIEFING_NO_CACHE=1 turns the cache off; see README, Environment)",
        )


def lstat_or_none(path: Path) -> os.stat_result | None:
    """``lstat`` of ``path`` (a link itself, not what it points to); None if it is missing."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def check_trust(path: Path, info: os.stat_result, is_kind: Callable[[int], bool]) -> None:
    """Raise :class:`UntrustedCache` unless ``info`` is of the expected kind, owned by
    this user and writable by nobody else."""
    folder = is_kind is stat.S_ISDIR
    if not is_kind(info.st_mode):
        expected = "a folder" if folder else "a regular file"
        found = "a regular file" if stat.S_ISREG(info.st_mode) else kind_of(info.st_mode)
        raise UntrustedCache(path, f"is {found}, not {expected}", folder=folder)
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        problem = f"is owned by user {info.st_uid}, not by you (user {getuid()})"
        raise UntrustedCache(path, problem, folder=folder)
    if info.st_mode & 0o022:
        mode = stat.S_IMODE(info.st_mode)
        raise UntrustedCache(path, f"is writable by others (mode {mode:04o})", folder=folder)


def trusted_node(path: Path, is_kind: Callable[[int], bool]) -> bool:
    """True if ``path`` itself (a symlink is not followed) passes :func:`check_trust`."""
    try:
        check_trust(path, os.lstat(path), is_kind)
    except (OSError, UntrustedCache):
        return False
    return True
