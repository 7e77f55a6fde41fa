"""Load a pack: from the load cache when it can answer, else read in full (``building/read.py``).

All problems are collected in one run (an author fixes a batch, not one error per
run), each as a ``path:line:col`` diagnostic. Nothing here raises on bad input:
the result says what is wrong, and the CLI turns that into exit codes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from briefing.model.diagnostics import Diagnostic, Severity, dropped_line, place
from briefing.model.io.cache import PackCache
from briefing.model.io.files import Refused, yaml_files
from briefing.model.io.paths import resolve_pack_root
from briefing.model.io.trust import UntrustedCache
from briefing.model.pack import Pack

if TYPE_CHECKING:
    from briefing.model.io.building.read import LaterChecks


@dataclass
class LoadResult:
    """A loaded pack (None when there are errors) and every diagnostic found."""

    pack: Pack | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    usage_error: str | None = None
    """Set when PACK names no pack at all (exit 2 rather than 1)."""
    dropped_errors: int = 0
    """Errors found past :data:`MAX_DIAGNOSTICS`: counted, not kept."""
    dropped_warnings: int = 0
    store_cache: Callable[[], None] | None = field(default=None, repr=False, compare=False)
    """A load with ``store_later`` that missed the cache: call this to write the
    entry (after the pack is shown; it runs the later checks first, since the
    entry keeps every warning). None when there is nothing to write."""
    later: LaterChecks | None = field(default=None, repr=False, compare=False)
    """A load with ``defer_checks``: the warning-only checks not run yet (see
    :meth:`run_later_checks`). None when every check has run."""

    def run_later_checks(self) -> list[Diagnostic]:
        """Run the checks ``defer_checks`` left (once) and return the warnings they found.

        They join :attr:`diagnostics` where a full load has them, and :attr:`pack`
        becomes the same pack with every warning (its facts and index shared; the
        resolved meeting dates are kept on the pack the caller already holds).
        """
        later, self.later = self.later, None
        if later is None or self.pack is None:
            return []
        found, dropped = later.run(self.pack)
        if found or dropped:
            self.dropped_warnings += dropped
            # A stable sort: the same order a full load reports them in.
            self.diagnostics = sorted([*self.diagnostics, *found], key=place)
            warnings = tuple(d for d in self.diagnostics if not d.is_error)
            self.pack = self.pack.with_warnings(warnings)
        return found

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the problems that make the pack invalid (those kept)."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def error_count(self) -> int:
        """Every error found, kept or not."""
        return len(self.errors) + self.dropped_errors

    @property
    def dropped(self) -> int:
        """How many diagnostics were found but not kept (shown as "... and N more")."""
        return self.dropped_errors + self.dropped_warnings

    def report(self) -> list[str]:
        """The lines ``validate`` prints for this load (the reader prints the same on exit).

        Every kept diagnostic, a count of those not kept, and for an invalid pack
        the verdict with every error counted.
        """
        lines = [d.format() for d in self.diagnostics]
        if self.dropped:
            lines.append(dropped_line(self.dropped))
        if self.pack is None:
            count = self.error_count
            lines.append(
                f"briefing: {count:,} error{'s' if count != 1 else ''}; the pack is not valid"
            )
        return lines


def load_pack(
    path: str | os.PathLike[str] | None = None,
    *,
    cache: bool = False,
    store_later: bool = False,
    faithfulness: bool = False,
    replaced: Mapping[str, bytes] | None = None,
    defer_checks: bool = False,
) -> LoadResult:
    """Load, validate and anchor the pack at ``path`` (the default pack when None).

    ``replaced`` maps a YAML file's name in ``data/`` to bytes read instead of the
    file's own: an edit (:mod:`briefing.model.editing`) is checked this way before
    anything is written. It is never cached.

    With ``cache``, a valid pack is kept in the user cache folder and a later load
    of byte-identical files is rebuilt from there (see :mod:`briefing.model.io.cache`);
    the result is the same either way, except that a cache folder or entry someone
    else made (a FIFO, a link, another user's, writable by others) stops the load
    with one diagnostic naming it and what to do.

    With ``faithfulness`` (what ``briefing validate`` asks for), every fact is also
    read against its own evidence sentences (briefing.model.analysis.faithfulness)
    and each finding reported on its field; that reads every cited sentence again,
    so the reader and the exports, which only show the pack's accepted judgements,
    do not ask for it (and such a load is never served from the cache).

    With ``store_later`` too, a miss does not write the entry itself: the result's
    ``store_cache`` does, when called. The reader shows the pack first (writing
    the entry is ~15% of a cold load at 1,000 articles).

    With ``defer_checks`` (the reader), a full read of a valid pack leaves the
    checks that can only warn and that nothing on a first screen needs (each
    meeting's date against its sources, ~13% of a first read of 1,000 articles)
    for the result's :meth:`LoadResult.run_later_checks`: the pack is shown
    first, the warnings follow. An invalid pack, a cache hit (its entry keeps
    every warning) and every other caller get every check at once.

    A 1,000-article pack allocates millions of small objects that all stay
    alive: callers that care about speed load inside
    :func:`briefing.model.collector.collector_paused` (the CLI and the reader
    do; the policy is theirs, not the library's).
    """
    if not cache or faithfulness or replaced:
        return _load_pack(path, faithfulness, replaced or {}, defer_checks)
    return _load_cached(path, store_later, defer_checks)


def _load_cached(
    path: str | os.PathLike[str] | None, store_later: bool = False, defer_checks: bool = False
) -> LoadResult:
    """A cache hit, or a full load whose valid result is stored for next time."""
    try:
        root, data_dir = resolve_pack_root(path)
        files = yaml_files(root, data_dir)
    except (FileNotFoundError, Refused):
        return _load_pack(path)  # which says what is wrong
    store = PackCache.open(root, files)
    if store is not None:
        try:
            pack = store.load()
        except UntrustedCache as exc:  # someone else wrote into the cache: say so, stop
            return LoadResult(None, [exc.diagnostic()])
        if pack is not None:
            return LoadResult(pack, list(pack.warnings))
    result = _load_pack(path, defer_checks=defer_checks)
    if store is not None and result.pack is not None:
        if store_later:
            result.store_cache = partial(_store, store, result)
        else:
            _store(store, result)
    return result


def _store(store: PackCache, result: LoadResult) -> None:
    """Write the cache entry of a valid load, every check run first (it keeps the warnings)."""
    result.run_later_checks()
    assert result.pack is not None
    store.store(result.pack)


def _load_pack(
    path: str | os.PathLike[str] | None,
    faithfulness: bool = False,
    replaced: Mapping[str, bytes] | None = None,
    defer_checks: bool = False,
) -> LoadResult:
    """The full load (no cache): every file read, checked and anchored."""
    try:
        root, data_dir = resolve_pack_root(path)
    except FileNotFoundError as exc:
        return LoadResult(None, usage_error=str(exc))
    # Imported here: a cache hit (most starts of the reader) needs none of the
    # YAML parser, schema, anchoring and checks it brings in (~70-100 ms).
    from briefing.model.io.building.read import read_pack

    pack, kept, dropped_errors, dropped_warnings, later = read_pack(
        root, data_dir, faithfulness, replaced, defer_dates=defer_checks
    )
    return LoadResult(pack, kept, None, dropped_errors, dropped_warnings, later=later)


__all__ = ["LoadResult", "Severity", "load_pack"]
