"""Load a pack: read the YAML, check it, read the articles, anchor every quote.

All problems are collected in one run (an author fixes a batch, not one error per
run), each as a ``path:line:col`` diagnostic. Nothing here raises on bad input:
the result says what is wrong, and the CLI turns that into exit codes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.diagnostics import Diagnostic, Severity
from briefing.model.io.build import LIST_SECTIONS, _build, _Loaded, _Record
from briefing.model.io.cache import PackCache
from briefing.model.io.paths import display, resolve_pack_root
from briefing.model.io.schema import SECTIONS, Outline, Ref, Walker, suggest
from briefing.model.io.yaml_read import (
    MAX_BYTES,
    YMap,
    YNode,
    YScalar,
    YSeq,
    decode_utf8,
    kind_name,
    position_of,
    read_yaml,
)
from briefing.model.pack import Pack
from briefing.model.text import Article


@dataclass
class LoadResult:
    """A loaded pack (None when there are errors) and every diagnostic found."""

    pack: Pack | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    usage_error: str | None = None
    """Set when PACK names no pack at all (exit 2 rather than 1)."""

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the problems that make the pack invalid."""
        return [d for d in self.diagnostics if d.is_error]


def load_pack(path: str | os.PathLike[str] | None = None, *, cache: bool = False) -> LoadResult:
    """Load, validate and anchor the pack at ``path`` (the default pack when None).

    With ``cache``, a valid pack is kept in the user cache folder and a later load
    of byte-identical files is rebuilt from there (see :mod:`briefing.model.io.cache`);
    the result is the same either way.

    A 1,000-article pack allocates millions of small objects that all stay
    alive: callers that care about speed load inside
    :func:`briefing.model.collector.collector_paused` (the CLI and the reader
    do; the policy is theirs, not the library's).
    """
    if not cache:
        return _load_pack(path)
    return _load_cached(path)


def _load_cached(path: str | os.PathLike[str] | None) -> LoadResult:
    """A cache hit, or a full load whose valid result is stored for next time."""
    try:
        root, data_dir = resolve_pack_root(path)
    except FileNotFoundError:
        return _load_pack(path)
    store = PackCache.open(root, yaml_files(data_dir))
    if store is not None:
        pack = store.load()
        if pack is not None:
            return LoadResult(pack, list(pack.warnings))
    result = _load_pack(path)
    if store is not None and result.pack is not None:
        store.store(result.pack)
    return result


def yaml_files(data_dir: Path) -> list[Path]:
    """The pack's YAML files, in the order they are read."""
    return sorted([*data_dir.glob("*.yaml"), *data_dir.glob("*.yml")])


def _load_pack(path: str | os.PathLike[str] | None) -> LoadResult:
    try:
        root, data_dir = resolve_pack_root(path)
    except FileNotFoundError as exc:
        return LoadResult(None, usage_error=str(exc))
    problems: list[Diagnostic] = []
    state = _Loaded(root)
    files = yaml_files(data_dir)
    if not files:
        problems.append(
            Diagnostic(display(data_dir), 1, 1, "no .yaml files in the pack's data folder")
        )
    for yaml_path in files:
        _read_file(yaml_path, state, problems)
    if state.meta is None and files and not state.incomplete and not state.meta_seen:
        problems.append(Diagnostic(display(files[0]), 1, 1, "no file defines the 'pack' section"))
    _check_ids(state)
    for record in state.records["sources"]:
        _read_article(record, state)
    pack = _build(state)
    problems.sort(key=lambda d: (d.path, d.line, d.col))
    has_errors = any(d.is_error for d in problems)
    if has_errors or pack is None:
        return LoadResult(None, problems)
    warnings = tuple(d for d in problems if not d.is_error)
    return LoadResult(_with_warnings(pack, warnings), problems)


def _with_warnings(pack: Pack, warnings: tuple[Diagnostic, ...]) -> Pack:
    return Pack(
        pack.root,
        pack.meta,
        pack.sources,
        pack.actors,
        pack.meetings,
        pack.pledges,
        pack.claims,
        warnings,
    )


def _read_file(yaml_path: Path, state: _Loaded, problems: list[Diagnostic]) -> None:
    shown = display(yaml_path)
    data, why = read_regular_file(yaml_path)
    if data is None:
        problems.append(Diagnostic(shown, 1, 1, why))
        state.incomplete = True
        return
    checked: dict[int, _Checked] = {}

    def check_now(name: str, item: YMap) -> YNode:
        """Check a section's record as soon as it is parsed; leave a stub in the tree."""
        if name not in SECTIONS or name == "pack":
            return item  # not a list section: walked (or refused) with the tree below
        stub = YMap(item.line, item.col)
        checked[id(stub)] = _check_item(shown, name, item)
        return stub

    tree, found = read_yaml(data, shown, on_item=check_now)
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
                    state.records[name].append(_Record(walker, done.outline, done.fields))
                elif done.broken_id is not None:
                    state.broken_ids.add(done.broken_id)


@dataclass
class _Checked:
    """One section item checked against the schema: a record, or why it is not one."""

    problems: tuple[Diagnostic, ...]
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
    found: list[Diagnostic] = []
    fields = Walker(shown, found).record(item, SECTIONS[name], name[:-1])
    if fields is not None and isinstance(item, YMap):
        return _Checked(tuple(found), fields, Outline.of(item))
    if isinstance(item, YMap) and isinstance(
        ident := item.items.get("id", (None, None))[1], YScalar
    ):
        return _Checked(tuple(found), broken_id=ident.value)
    return _Checked(tuple(found))


def _read_meta(walker: Walker, key: YScalar, value: Any, state: _Loaded) -> None:
    if state.meta is not None:
        first = state.meta
        walker.error(
            key, f"'pack' section defined twice (first in {first.walker.path}:{first.node.line})"
        )
        return
    fields = walker.record(value, SECTIONS["pack"], "pack")
    if fields is not None and isinstance(value, YMap):
        state.meta = _Record(walker, Outline.of(value), fields)


def _check_ids(state: _Loaded) -> None:
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


def read_regular_file(path: Path) -> tuple[bytes | None, str]:
    """The bytes of a regular file of at most MAX_BYTES, or (None, why not).

    Checked on the open descriptor before reading: a FIFO named ``x.yaml`` would
    block the loader for ever, a device or a huge file would exhaust memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "not a regular file"
        if info.st_size > MAX_BYTES:
            return None, f"file is {info.st_size} bytes, over the {MAX_BYTES}-byte limit"
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(MAX_BYTES + 1), ""
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc}"
    finally:
        os.close(fd)


def _article_path(root: Path, name: str) -> tuple[Path | None, str]:
    """The article's path if it stays inside the pack folder, else (None, why).

    A path is refused when written absolute or with ``..``, and when it resolves
    outside the pack (a symlink out); a symlink that stays inside is fine.
    Resolving can fail on a symlink loop (RuntimeError on Python 3.11) or a name
    that is too long (OSError): both are the author's problem, not a crash.
    """
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        return None, f"article path '{name}' must stay inside the pack folder"
    article_path = root / relative
    try:
        inside = article_path.resolve().is_relative_to(root.resolve())
    except RuntimeError:
        return None, f"article path '{name}' is a symlink loop"
    except OSError as exc:
        return None, f"article path '{name}' cannot be used: {exc.strerror or exc}"
    if not inside:
        return None, f"article path '{name}' leads outside the pack folder (symlink?)"
    return article_path, ""


def _read_article(record: _Record, state: _Loaded) -> None:
    walker, fields = record.walker, record.fields
    file_node = record.node.at("file")
    article_path, why = _article_path(state.root, fields["file"])
    if article_path is None:
        walker.error(file_node, why)
        return
    if not os.path.lexists(article_path):
        folder = article_path.parent
        try:
            names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        except OSError:
            names = []
        near = suggest(article_path.name, names)
        hint = str(Path(fields["file"]).parent / near) if near else None
        walker.error(file_node, f"article file '{fields['file']}' not found", hint=hint)
        return
    data, why = read_regular_file(article_path)
    if data is None:
        walker.error(file_node, f"article '{fields['file']}': {why}")
        return
    shown = display(article_path)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(data, nul)
        walker.problems.append(
            Diagnostic(
                shown, line, col, "article is a binary file (it contains NUL bytes), not text"
            )
        )
        return
    text, problem = decode_utf8(data, shown)
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


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line:col of a byte offset, counting characters as UTF-8 where possible."""
    head = data[:offset].decode("utf-8", errors="replace").removeprefix("\ufeff")
    head = head.replace("\r\n", "\n").replace("\r", "\n")
    return position_of(head, len(head))


def _check_flags(record: _Record, article: Article) -> None:
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
