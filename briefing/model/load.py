"""Load a pack: read the YAML, check it, read the articles, anchor every quote.

All problems are collected in one run (an author fixes a batch, not one error per
run), each as a ``path:line:col`` diagnostic. Nothing here raises on bad input:
the result says what is wrong, and the CLI turns that into exit codes.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.model.anchor import Anchorer
from briefing.model.diagnostics import Diagnostic, Severity
from briefing.model.drift import drift_message
from briefing.model.meetingdates import meeting_date
from briefing.model.pack import Pack
from briefing.model.paths import display, resolve_pack_root
from briefing.model.schema import SECTIONS, RawEvidence, Ref, Walker, suggest
from briefing.model.text import Article
from briefing.model.types import (
    Actor,
    Claim,
    ClaimValue,
    Evidence,
    Flags,
    Meeting,
    PackMeta,
    Participant,
    Pledge,
    Source,
    Uncited,
)
from briefing.model.yamlread import (
    MAX_BYTES,
    YMap,
    YScalar,
    YSeq,
    decode_utf8,
    kind_name,
    position_of,
    read_yaml,
)

LIST_SECTIONS = ("sources", "actors", "meetings", "pledges", "claims")


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


@dataclass
class _Record:
    """One entity as written, with the walker of the file it came from."""

    walker: Walker
    node: YMap
    fields: dict[str, Any]


@dataclass
class _Loaded:
    root: Path
    records: dict[str, list[_Record]] = field(
        default_factory=lambda: {s: [] for s in LIST_SECTIONS}
    )
    meta: _Record | None = None
    articles: dict[str, tuple[Article, str]] = field(default_factory=dict)
    """source id -> (article, display path)."""
    anchorers: dict[str, Anchorer] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    """Sources whose article no longer matches its sha256: lost quotes get a suggested replacement."""
    incomplete: bool = False
    meta_seen: bool = False
    """A 'pack' section exists (even one with errors): "no file defines it" would be false."""
    broken_ids: set[str] = field(default_factory=set)
    """Ids of entities that failed validation: references to them are not reported again."""
    boilerplate: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    uncited: list[tuple[Walker, Ref, Evidence]] = field(default_factory=list)
    """A file could not be read: missing ids would only be noise, so they are not reported."""


def load_pack(path: str | os.PathLike[str] | None = None) -> LoadResult:
    """Load, validate and anchor the pack at ``path`` (the default pack when None)."""
    try:
        root, data_dir = resolve_pack_root(path)
    except FileNotFoundError as exc:
        return LoadResult(None, usage_error=str(exc))
    problems: list[Diagnostic] = []
    state = _Loaded(root)
    files = sorted([*data_dir.glob("*.yaml"), *data_dir.glob("*.yml")])
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
    tree, found = read_yaml(data, shown)
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
            what = name[:-1]
            for item in value.items:
                fields = walker.record(item, SECTIONS[name], what)
                if fields is not None and isinstance(item, YMap):
                    state.records[name].append(_Record(walker, item, fields))
                elif isinstance(item, YMap) and isinstance(
                    ident := item.items.get("id", (None, None))[1], YScalar
                ):
                    state.broken_ids.add(ident.value)


def _read_meta(walker: Walker, key: YScalar, value: Any, state: _Loaded) -> None:
    if state.meta is not None:
        first = state.meta
        walker.error(
            key, f"'pack' section defined twice (first in {first.walker.path}:{first.node.line})"
        )
        return
    fields = walker.record(value, SECTIONS["pack"], "pack")
    if fields is not None and isinstance(value, YMap):
        state.meta = _Record(walker, value, fields)


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
    file_node = record.node.items["file"][1]
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
            record.node.items["sha256"][1],
            f"article '{fields['file']}' changed since the pack was written (its sha256 is {digest}); "
            "check every quote below, then update sha256",
        )
    if fields.get("published") is None:
        walker.warn(
            record.node.items["published"][1],
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
    node = record.node.items["flags"][1] if "flags" in record.node.items else record.node
    lines = len(article.line_starts) - (1 if article.text.endswith("\n") else 0)
    for _first, last in flags.get("boilerplate_lines", []):
        if last > lines:
            record.walker.error(
                node, f"boilerplate line {last} is past the end of the article ({lines} lines)"
            )
    for word in flags.get("lost_characters", []):
        if word not in article.text:
            record.walker.error(node, f"lost-character word '{word}' does not occur in the article")


def _anchor(
    walker: Walker, raw: RawEvidence, state: _Loaded, expect_source: str | None = None
) -> Evidence | None:
    """Locate one quote; every failure is a diagnostic with the closest passage."""
    source = raw.source.value
    if source not in state.anchorers:
        known = [r.fields["id"].value for r in state.records["sources"]]
        if source not in known and source not in state.broken_ids and not state.incomplete:
            walker.error(raw.source, f"unknown source '{source}'", hint=suggest(source, known))
        return None  # a source that failed to load was reported already
    if expect_source is not None and source != expect_source:
        walker.error(
            raw.source, f"evidence for a claim value must come from its source '{expect_source}'"
        )
        return None
    anchorer = state.anchorers[source]
    article = anchorer.article
    found = anchorer.find_all(raw.quote)
    where = Ref(raw.quote, raw.line, raw.col)
    if not found and source in state.changed:
        walker.error(where, drift_message(anchorer, source, raw.quote))
        return None
    if not found:
        closest = anchorer.closest(raw.quote)
        if closest is None:
            walker.error(where, f"quote not found in source '{source}'")
        else:
            line = article.line_of(closest.start)
            walker.error(
                where,
                f"quote not found in source '{source}'; closest passage is on line {line}, "
                f"{closest.similarity:.0f}% similar",
                hint=closest.text,
            )
        return None
    if raw.occurrence is None and len(found) > 1:
        lines = ", ".join(str(article.line_of(f.start)) for f in found)
        walker.error(
            where,
            f"quote occurs {len(found)} times in source '{source}' (lines {lines}); "
            f"add occurrence: 1 to {len(found)}, or quote more words",
        )
        return None
    index = (raw.occurrence or 1) - 1
    if index >= len(found):
        walker.error(
            where,
            f"occurrence {raw.occurrence} requested but the quote occurs {len(found)} time(s)",
        )
        return None
    hit = found[index]
    if raw.comment is not None:
        cut = raw.comment.split()[0]
        if re.match(r"\s+" + re.escape(cut), article.text[hit.end :]):
            walker.error(
                where,
                f"the quote stops before '{cut}': in YAML ' #' starts a comment, "
                "so put the whole quote in double quotes",
            )
            return None
    line = article.line_of(hit.start)
    if any(first <= line <= last for first, last in state.boilerplate.get(source, ())):
        walker.warn(
            where,
            f"quote is on boilerplate line {line} of source '{source}' (site furniture, not the article)",
        )
    sentence_start, sentence_end = article.sentence_span(hit.start, hit.end)
    return Evidence(
        source=source,
        quote=article.text[hit.start : hit.end],
        start=hit.start,
        end=hit.end,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        sentence=article.text[sentence_start:sentence_end],
        match=hit.match,
    )


def _evidence(
    record: _Record, state: _Loaded, items: list[RawEvidence], source: str | None = None
) -> tuple[Evidence, ...]:
    anchored = [_anchor(record.walker, raw, state, source) for raw in items]
    return tuple(e for e in anchored if e is not None)


def _check_ref(
    record: _Record, ref: Ref | None, known: dict[str, Any], what: str, state: _Loaded
) -> str | None:
    if ref is None:
        return None
    if ref.value not in known and ref.value not in state.broken_ids and not state.incomplete:
        record.walker.error(
            ref, f"unknown {what} '{ref.value}'", hint=suggest(ref.value, list(known))
        )
    return ref.value


def _build(state: _Loaded) -> Pack | None:
    """Resolve references and anchor quotes; None if the metadata is missing."""
    records = state.records
    actor_ids = {r.fields["id"].value: r for r in records["actors"]}
    source_ids = {r.fields["id"].value: r for r in records["sources"]}
    sources = tuple(
        _source(r, state) for r in records["sources"] if r.fields["id"].value in state.articles
    )
    sources_by_id = {s.id: s for s in sources}
    actors = []
    for r in records["actors"]:
        f = r.fields
        if f.get("candidate"):
            r.walker.warn(
                f["id"],
                f"actor '{f['id'].value}' is a candidate from 'briefing init': confirm it (remove 'candidate') or delete it",
            )
        actors.append(
            Actor(
                id=f["id"].value,
                name=f["name"],
                kind=f["kind"],
                aliases=tuple(dict.fromkeys(f.get("aliases") or ())),
                role=f.get("role"),
                affiliation=_check_ref(r, f.get("affiliation"), actor_ids, "actor", state),
                candidate=bool(f.get("candidate")),
                notes=f.get("notes"),
                evidence=_evidence(r, state, f.get("evidence") or []),
            )
        )
    meetings = []
    for r in records["meetings"]:
        f = r.fields
        participants = tuple(
            Participant(_check_ref(r, p["actor"], actor_ids, "actor", state) or "", p["role"])
            for p in f.get("participants") or []
        )
        meetings.append(
            Meeting(
                id=f["id"].value,
                title=f["title"],
                date=f["date"],
                date_text=f["date_text"],
                status=f["status"],
                evidence=_evidence(r, state, f["evidence"]),
                place=f.get("place"),
                date_reasoning=f.get("date_reasoning"),
                participants=participants,
                credibility=f.get("credibility"),
            )
        )
        _check_meeting_date(r, meetings[-1], sources_by_id)
    pledges = []
    for r in records["pledges"]:
        f = r.fields
        pledges.append(
            Pledge(
                id=f["id"].value,
                actor=_check_ref(r, f["actor"], actor_ids, "actor", state) or "",
                contribution=f["contribution"],
                status=f["status"],
                evidence=_evidence(r, state, f["evidence"]),
                conditions=tuple(f.get("conditions") or ()),
                credibility=f.get("credibility"),
            )
        )
    claims = []
    for r in records["claims"]:
        f = r.fields
        values = []
        for v in f["values"]:
            source = _check_ref(r, v["source"], source_ids, "source", state) or ""
            values.append(
                ClaimValue(
                    v["value"],
                    source,
                    _evidence(r, state, v["evidence"], source),
                    credibility=v.get("credibility"),
                )
            )
        claims.append(Claim(id=f["id"].value, topic=f["topic"], values=tuple(values)))
    _check_uncited(state, [*actors, *meetings, *pledges, *claims])
    if state.meta is None:
        return None
    m = state.meta.fields
    meta = PackMeta(title=m["title"], story=m["story"], as_of=m["as_of"], notes=m.get("notes"))
    return Pack(
        str(state.root),
        meta,
        sources,
        tuple(actors),
        tuple(meetings),
        tuple(pledges),
        tuple(claims),
    )


def _check_meeting_date(record: _Record, meeting: Meeting, sources: dict[str, Source]) -> None:
    """Warn when the curated date, the date as written and the other sources disagree.

    The rules live in briefing.model.dates; here each finding is pointed at the
    YAML field the author would change.
    """
    for field_name, message in meeting_date(meeting, sources).problems:
        item = record.node.items.get(field_name)
        node = item[1] if item is not None else record.node.items["id"][1]
        record.walker.warn(node, message)


def _check_uncited(state: _Loaded, facts: list[Actor | Meeting | Pledge | Claim]) -> None:
    """An `uncited` entry must name a sentence nothing cites, and only once."""
    cited: dict[tuple[str, int], str] = {}
    for fact in facts:
        for evidence in fact.evidence:
            cited.setdefault((evidence.source, evidence.sentence_start), fact.id)
    seen: set[tuple[str, int]] = set()
    for walker, where, evidence in state.uncited:
        key = (evidence.source, evidence.sentence_start)
        if key in cited:
            walker.warn(
                where,
                f"sentence listed as uncited is cited by '{cited[key]}'; remove it from uncited",
            )
        elif key in seen:
            walker.warn(where, "sentence listed as uncited twice")
        seen.add(key)


def _source(record: _Record, state: _Loaded) -> Source:
    f = record.fields
    article, _ = state.articles[f["id"].value]
    flags = f.get("flags") or {}
    uncited = []
    for item in f.get("uncited") or []:
        quote_node = item["_node"].items["quote"][1]  # point at the quote the author fixes
        raw = RawEvidence(
            f["id"],
            item["quote"],
            item.get("occurrence"),
            quote_node.line,
            quote_node.col,
            quote_node.comment if isinstance(quote_node, YScalar) else None,
        )
        anchored = _anchor(record.walker, raw, state)
        if anchored is not None:
            uncited.append(Uncited(anchored, item["reason"]))
            state.uncited.append((record.walker, Ref(item["quote"], raw.line, raw.col), anchored))
    return Source(
        id=f["id"].value,
        file=f["file"],
        path=str(state.root / f["file"]),
        sha256=f["sha256"],
        outlet=f["outlet"],
        title=f["title"],
        published=f["published"],
        language=f["language"],
        article=article,
        translated_from=f.get("translated_from"),
        original_outlet=f.get("original_outlet"),
        url=f.get("url"),
        grade=f.get("grade") or "F",
        date_reasoning=f.get("date_reasoning"),
        notes=f.get("notes"),
        flags=Flags(
            machine_translated=bool(flags.get("machine_translated")),
            garbled=bool(flags.get("garbled")),
            boilerplate_lines=tuple(flags.get("boilerplate_lines") or ()),
            lost_characters=tuple(flags.get("lost_characters") or ()),
        ),
        uncited=tuple(uncited),
    )


__all__ = ["LoadResult", "Severity", "load_pack"]
