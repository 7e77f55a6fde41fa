"""Reading a pack's files in full: the YAML parsed and checked, articles read, quotes anchored.

What :func:`briefing.model.io.load.load_pack` does when the load cache cannot
answer. Split out of ``load.py`` so that a cache hit (every start of an
unchanged pack) imports none of it: the YAML parser, the schema, anchoring and
the checks that reach into the analysis cost ~70-100 ms of imports, more than
the hit itself on a small pack.

All problems are collected in one run (an author fixes a batch, not one error per
run), each as a ``path:line:col`` diagnostic; nothing here raises on bad input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.diagnostics import Diagnostic, DiagnosticList, place, suggest
from briefing.model.io.building.sections import build_pack
from briefing.model.io.building.state import LIST_SECTIONS, LoadState, Record
from briefing.model.io.building.walker import Walker
from briefing.model.io.files import (
    Budget,
    Refused,
    article_text,
    read_article,
    read_yaml_file,
    yaml_files,
)
from briefing.model.io.paths import display
from briefing.model.io.schema import SECTIONS, Outline, Ref
from briefing.model.io.yaml_text.nodes import YMap, YNode, YScalar, YSeq, kind_name
from briefing.model.io.yaml_text.read import read_yaml
from briefing.model.pack import Pack
from briefing.model.text import Article

if TYPE_CHECKING:
    from briefing.model.analysis.dates.meeting_dates import CheckedDates


def read_pack(
    root: Path,
    data_dir: Path,
    faithfulness: bool = False,
    replaced: Mapping[str, bytes] | None = None,
    defer_dates: bool = False,
) -> tuple[Pack | None, list[Diagnostic], int, int, LaterChecks | None]:
    """(the pack or None if invalid, the diagnostics kept, errors dropped, warnings
    dropped, the checks left for later or None).

    ``replaced`` maps a YAML file's name in ``data/`` to bytes read instead of the
    file's own (an edit being checked). A valid pack carries its warnings; with
    ``defer_dates`` a valid one may lack the meeting-date warnings, which
    :class:`LaterChecks` adds. An invalid pack never has checks left: its report
    is whole at once.
    """
    problems = DiagnosticList()
    state = LoadState(root, faithfulness=faithfulness, defer_dates=defer_dates)
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
    later = state.dates_later
    if later is not None and (
        pack is None or problems.dropped_errors or any(d.is_error for d in problems)
    ):
        later()  # not shown, so nothing to wait for: the report has every warning
        later = None
    problems.sort(key=place)
    kept = list(problems)
    dropped_errors, dropped_warnings = problems.dropped_errors, problems.dropped_warnings
    if dropped_errors or any(d.is_error for d in kept) or pack is None:
        return None, kept, dropped_errors, dropped_warnings, None
    warnings = tuple(d for d in kept if not d.is_error)
    checks = None if later is None else LaterChecks(problems, later)
    return pack.with_warnings(warnings), kept, dropped_errors, dropped_warnings, checks


class LaterChecks:
    """Checks of a valid pack left until it is shown: their findings are warnings only.

    Resolving every meeting's date to check it (~13% of a first read of 1,000
    articles) finds nothing the reader's first screen needs and can never make the
    pack invalid, so the reader runs it after the panes are filled (see
    ``load_pack``'s ``defer_checks``). :meth:`run` gives the warnings it finds,
    which a full load would have had; ``validate`` and ``export`` never defer.
    """

    def __init__(self, problems: DiagnosticList, dates: Callable[[], CheckedDates]) -> None:
        self._problems = problems
        """The load's own list: the checks' walkers append to it."""
        self._dates = dates

    def run(self, pack: Pack) -> tuple[list[Diagnostic], int]:
        """(the new warnings, how many more were dropped); ``pack`` keeps the resolved dates.

        Merged with the load's diagnostics by :func:`place` they are the full load's
        (the same ones in the same order, unless more than the kept maximum were found).
        """
        problems = self._problems
        before, dropped = len(problems), problems.dropped_warnings
        pack.keep_checked_dates(self._dates())
        return problems[before:], problems.dropped_warnings - dropped


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
