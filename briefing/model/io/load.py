"""Load a pack: read the YAML, check it, read the articles, anchor every quote.

All problems are collected in one run (an author fixes a batch, not one error per
run), each as a ``path:line:col`` diagnostic. Nothing here raises on bad input:
the result says what is wrong, and the CLI turns that into exit codes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.diagnostics import (
    Diagnostic,
    DiagnosticList,
    Severity,
    dropped_line,
    suggest,
)
from briefing.model.io.building.sections import build_pack
from briefing.model.io.building.state import LIST_SECTIONS, LoadState, Record
from briefing.model.io.cache import PackCache, UntrustedCache
from briefing.model.io.files import (
    Budget,
    Refused,
    article_text,
    read_article,
    read_yaml_file,
    yaml_files,
)
from briefing.model.io.paths import display, resolve_pack_root
from briefing.model.io.schema import SECTIONS, Outline, Ref, Walker
from briefing.model.io.yaml_nodes import YMap, YNode, YScalar, YSeq, kind_name
from briefing.model.io.yaml_read import read_yaml
from briefing.model.pack import Pack
from briefing.model.text import Article


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
    entry (after the pack is shown). None when there is nothing to write."""

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

    A 1,000-article pack allocates millions of small objects that all stay
    alive: callers that care about speed load inside
    :func:`briefing.model.collector.collector_paused` (the CLI and the reader
    do; the policy is theirs, not the library's).
    """
    if not cache or faithfulness or replaced:
        return _load_pack(path, faithfulness, replaced or {})
    return _load_cached(path, store_later)


def _load_cached(path: str | os.PathLike[str] | None, store_later: bool = False) -> LoadResult:
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
    result = _load_pack(path)
    if store is not None and result.pack is not None:
        if store_later:
            result.store_cache = partial(store.store, result.pack)
        else:
            store.store(result.pack)
    return result


def _load_pack(
    path: str | os.PathLike[str] | None,
    faithfulness: bool = False,
    replaced: Mapping[str, bytes] | None = None,
) -> LoadResult:
    try:
        root, data_dir = resolve_pack_root(path)
    except FileNotFoundError as exc:
        return LoadResult(None, usage_error=str(exc))
    problems = DiagnosticList()
    state = LoadState(root, faithfulness=faithfulness)
    budget = Budget()
    try:
        files = yaml_files(root, data_dir)
    except Refused as exc:
        files = []
        problems.append(Diagnostic(display(data_dir), 1, 1, exc.message))
    else:
        if not files:
            problems.append(
                Diagnostic(display(data_dir), 1, 1, "no .yaml files in the pack's data folder")
            )
    for yaml_path in files:
        if budget.records_over:
            break  # said once, where it happened
        _read_file(yaml_path, state, problems, budget, (replaced or {}).get(yaml_path.name))
    if state.meta is None and files and not state.incomplete and not state.meta_seen:
        problems.append(Diagnostic(display(files[0]), 1, 1, "no file defines the 'pack' section"))
    _check_ids(state)
    for record in state.records["sources"]:
        _read_article(record, state, budget)
    pack = build_pack(state)
    problems.sort(key=lambda d: (d.path, d.line, d.col))
    kept = list(problems)
    dropped = (problems.dropped_errors, problems.dropped_warnings)
    if problems.dropped_errors or any(d.is_error for d in kept) or pack is None:
        return LoadResult(None, kept, None, *dropped)
    warnings = tuple(d for d in kept if not d.is_error)
    return LoadResult(_with_warnings(pack, warnings), kept, None, *dropped)


def _with_warnings(pack: Pack, warnings: tuple[Diagnostic, ...]) -> Pack:
    again = Pack(
        pack.root,
        pack.meta,
        pack.sources,
        pack.actors,
        pack.meetings,
        pack.pledges,
        pack.claims,
        warnings,
    )
    again.keep_checked_dates(pack.checked_dates)
    return again


def _read_file(
    yaml_path: Path,
    state: LoadState,
    problems: DiagnosticList,
    budget: Budget,
    instead: bytes | None = None,
) -> None:
    """Read and check one YAML file (``instead``: these bytes, for an edit being checked)."""
    shown = display(yaml_path)
    try:
        data = instead if instead is not None else read_yaml_file(state.root, yaml_path, budget)
    except Refused as exc:
        problems.append(Diagnostic(shown, 1, 1, exc.message))
        state.incomplete = True
        return
    checked: dict[int, _Checked] = {}
    last: list[YMap] = []

    def check_now(name: str, item: YMap) -> YNode:
        """Check a section's record as soon as it is parsed; leave a stub in the tree."""
        if name not in SECTIONS or name == "pack":
            return item  # not a list section: walked (or refused) with the tree below
        last[:] = [item]
        budget.count_record()  # Refused past the pack's record limit: parsing stops
        stub = YMap(item.line, item.col)
        checked[id(stub)] = _check_item(shown, name, item)
        return stub

    try:
        tree, found = read_yaml(data, shown, on_item=check_now)
    except Refused as exc:
        problems.append(Diagnostic(shown, last[0].line, last[0].col, exc.message))
        state.incomplete = True
        return
    del data  # the bytes are not needed while the tree is walked
    problems.extend(found)
    if tree is None:
        state.incomplete = True
        if not found:
            problems.append(
                Diagnostic(shown, 1, 1, "file is empty; expected sections such as 'actors:'")
            )
        return
    walker = Walker(shown, problems)
    if not isinstance(tree, YMap):
        walker.error(
            tree,
            f"expected a mapping of sections (pack, sources, actors, ...), found {kind_name(tree)}",
        )
        return
    for name, (key, value) in tree.items.items():
        if name not in SECTIONS:
            walker.error(key, f"unknown section '{name}'", hint=suggest(name, list(SECTIONS)))
        elif name == "pack":
            state.meta_seen = True
            _read_meta(walker, key, value, state)
        elif isinstance(value, YScalar) and value.is_null:
            continue
        elif not isinstance(value, YSeq):
            walker.error(value, f"section '{name}' must be a list, found {kind_name(value)}")
        else:
            # In document order, each item as checked while parsing (or now, for
            # an item that is not a mapping); nothing is kept from a file that
            # turned out unreadable, since we only get here with its tree.
            for item in value.items:
                done = checked.get(id(item)) or _check_item(shown, name, item)
                problems.extend(done.problems)
                if done.fields is not None and done.outline is not None:
                    state.records[name].append(Record(walker, done.outline, done.fields))
                elif done.broken_id is not None:
                    state.broken_ids.add(done.broken_id)


@dataclass
class _Checked:
    """One section item checked against the schema: a record, or why it is not one."""

    problems: DiagnosticList
    fields: dict[str, Any] | None = None
    outline: Outline | None = None
    """Only the outline is kept: the item's subtree is freed as soon as it is checked."""
    broken_id: str | None = None
    """The id of an item that failed its checks (references to it are not reported)."""


def _check_item(shown: str, name: str, item: YNode) -> _Checked:
    """Check one item of list section ``name``; its diagnostics are kept aside.

    They are added to the pack's in document order when the whole file has been
    read (an unreadable file reports its syntax error only, as before).
    """
    found = DiagnosticList()
    fields = Walker(shown, found).record(item, SECTIONS[name], name[:-1])
    if fields is not None and isinstance(item, YMap):
        return _Checked(found, fields, Outline.of(item))
    if isinstance(item, YMap) and isinstance(
        ident := item.items.get("id", (None, None))[1], YScalar
    ):
        return _Checked(found, broken_id=ident.value)
    return _Checked(found)


def _read_meta(walker: Walker, key: YScalar, value: Any, state: LoadState) -> None:
    if state.meta is not None:
        first = state.meta
        walker.error(
            key, f"'pack' section defined twice (first in {first.walker.path}:{first.node.line})"
        )
        return
    fields = walker.record(value, SECTIONS["pack"], "pack")
    if fields is not None and isinstance(value, YMap):
        state.meta = Record(walker, Outline.of(value), fields)


def _check_ids(state: LoadState) -> None:
    seen: dict[str, tuple[str, Ref]] = {}
    for section in LIST_SECTIONS:
        kept = []
        for record in state.records[section]:
            ident: Ref = record.fields["id"]
            if ident.value in seen:
                path, first = seen[ident.value]
                record.walker.error(
                    ident,
                    f"duplicate id '{ident.value}' (first defined at {path}:{first.line}:{first.col})",
                )
                continue
            seen[ident.value] = (record.walker.path, ident)
            kept.append(record)
        state.records[section] = kept


def _read_article(record: Record, state: LoadState, budget: Budget) -> None:
    walker, fields = record.walker, record.fields
    try:
        data = read_article(state.root, fields["file"], budget)
    except Refused as exc:
        walker.error(record.node.at("file"), exc.message, hint=exc.hint)
        return
    shown = display(state.root / fields["file"])
    text, problem = article_text(data, shown)
    if text is None:
        assert problem is not None
        walker.problems.append(problem)
        return
    digest = hashlib.sha256(data).hexdigest()
    if isinstance(fields["sha256"], str) and digest != fields["sha256"]:
        state.changed.add(fields["id"].value)
        walker.error(
            record.node.at("sha256"),
            f"article '{fields['file']}' changed since the pack was written (its sha256 is {digest}); "
            "check every quote below, then update sha256",
        )
    if fields.get("published") is None:
        walker.warn(
            record.node.at("published"),
            f"publication date of source '{fields['id'].value}' is unknown",
        )
    article = Article.from_text(text)
    state.articles[fields["id"].value] = (article, shown)
    state.anchorers[fields["id"].value] = Anchorer(article)
    _check_flags(record, article)
    state.boilerplate[fields["id"].value] = tuple(
        (record.fields.get("flags") or {}).get("boilerplate_lines", [])
    )


def _check_flags(record: Record, article: Article) -> None:
    flags = record.fields.get("flags") or {}
    node = record.node.at("flags") if "flags" in record.node else record.node.here()
    lines = len(article.line_starts) - (1 if article.text.endswith("\n") else 0)
    for _first, last in flags.get("boilerplate_lines", []):
        if last > lines:
            record.walker.error(
                node, f"boilerplate line {last} is past the end of the article ({lines} lines)"
            )
    for word in flags.get("lost_characters", []):
        if word not in article.text:
            record.walker.error(node, f"lost-character word '{word}' does not occur in the article")


__all__ = ["LoadResult", "Severity", "load_pack"]
