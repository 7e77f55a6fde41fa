"""Grow a pack as the story moves: ``briefing add PACK ARTICLE...``.

A fast-moving story gets new articles every day. ``add`` does for them what
``init`` did for the first ones (metadata, hygiene, candidate actors, draft
facts) without touching what the analyst wrote: the new records go into a new
file, ``data/added-YYYY-MM-DD.yaml`` (the loader reads every ``data/*.yaml``
and merges sections), so every existing byte stays as it was, except the
pack's ``as_of`` date, which is moved forward by a one-value text edit when a
new article is newer. A sentence that reports a fact already in the pack is
proposed as new evidence (a comment to paste, never an edit of the record).
Adding an article already in the pack (same sha256) does nothing and says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.model.authoring.articles import (
    ARTICLES_DIR,
    InitRefused,
    NewSource,
    collect_articles,
    read_article,
    read_sources,
    unique,
)
from briefing.model.authoring.candidates import Candidate, candidates, same_name, slug
from briefing.model.authoring.drafting.records import ActorForms, DraftMeeting, DraftPledge
from briefing.model.authoring.pack_text import (
    actor_ids,
    actor_lines,
    meeting_lines,
    pledge_lines,
    source_lines,
)
from briefing.model.authoring.scaffold import create_file, draft_from
from briefing.model.io.files import Budget, Refused, read_yaml_file, yaml_files
from briefing.model.io.load import load_pack
from briefing.model.io.yaml_text.write import comment, quoted
from briefing.model.pack import Pack
from briefing.model.sanitize import clean_line

_AS_OF = re.compile(rb"^([ \t]+as_of:[ \t]*)(\d{4}-\d{2}-\d{2})\b", re.M)
_PACK_KEY = re.compile(rb"^pack:[ \t]*(?:#.*)?$", re.M)


@dataclass(slots=True)
class AddResult:
    """What ``add`` did, for the CLI to report."""

    sources: list[NewSource] = field(default_factory=list)
    already: list[tuple[Path, str]] = field(default_factory=list)
    """(article, id of the source that has the same bytes) for articles skipped."""
    candidates: list[Candidate] = field(default_factory=list)
    meetings: list[DraftMeeting] = field(default_factory=list)
    pledges: list[DraftPledge] = field(default_factory=list)
    evidence: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(fact kind, fact id, source id, quote): new sentences for facts already in the pack."""
    written: Path | None = None
    as_of: tuple[str, str] | None = None
    """(old, new) when ``as_of`` moved."""


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


def add_articles(root: str | os.PathLike[str], paths: list[str]) -> AddResult:
    """Add ``paths`` to the pack at ``root``; raises InitRefused with a one-line reason."""
    loaded = load_pack(root)
    if loaded.usage_error is not None:
        raise InitRefused(clean_line(loaded.usage_error), usage=True)
    if loaded.pack is None:
        raise InitRefused(
            f"{clean_line(str(root))}: the pack has errors; fix them first (briefing validate)"
        )
    pack = loaded.pack
    pack_root = Path(pack.root)
    result = AddResult()
    known = {s.sha256: s.id for s in pack.sources}
    fresh: list[Path] = []
    budget = Budget()
    for path in collect_articles(paths):
        digest = hashlib.sha256(read_article(path, budget)[0]).hexdigest()
        if digest in known:
            result.already.append((path, known[digest]))
        else:
            known[digest] = "(given twice)"
            fresh.append(path)
    if not fresh:
        return result
    used_ids = {s.id for s in pack.sources} | {a.id for a in pack.actors}
    used_ids |= {m.id for m in pack.meetings} | {p.id for p in pack.pledges}
    used_ids |= {c.id for c in pack.claims}
    folder = pack_root / ARTICLES_DIR
    used_files = {p.stem for p in folder.iterdir()} if folder.is_dir() else set()
    dates = [date.fromisoformat(s.published) for s in pack.sources if s.published]
    result.sources = read_sources(fresh, used_ids, used_files, dates)
    existing_forms = {_fold(f) for a in pack.actors for f in (a.name, *a.aliases)}
    spellings = [f for a in pack.actors for f in (a.name, *a.aliases) if " " in f]
    excluded = {name for s in result.sources for name in s.excluded_names}
    proposed = candidates([(s.id, s.body, s.skip_lines) for s in result.sources], excluded)
    result.candidates = [
        c
        for c in proposed
        if not {_fold(f) for f in (c.name, *c.aliases)} & existing_forms
        and not any(same_name(c.name, known) for known in spellings)
    ]
    new_ids = actor_ids(result.candidates, used_ids)
    actors = [ActorForms(a.id, a.name, (a.name, *a.aliases)) for a in pack.actors] + [
        ActorForms(i, c.name, (c.name, *c.aliases))
        for i, c in zip(new_ids, result.candidates, strict=True)
    ]
    drafts = draft_from(result.sources, actors)
    for meeting in drafts.meetings:
        same = _existing_meeting(pack, meeting)
        if same is None:
            result.meetings.append(meeting)
        else:
            result.evidence += [("meeting", same, e.source, e.quote) for e in meeting.evidence]
    for pledge in drafts.pledges:
        same = next(
            (p.id for p in pack.pledges if p.actor == pledge.actor and p.status == pledge.status),
            None,
        )
        if same is None:
            result.pledges.append(pledge)
        else:
            result.evidence += [("pledge", same, e.source, e.quote) for e in pledge.evidence]
    text = _added_yaml(
        result, new_ids, used_ids, pack.sources[0].language if pack.sources else "en"
    )
    _write(pack_root, pack, result, text)
    return result


def _existing_meeting(pack: Pack, draft: DraftMeeting) -> str | None:
    """The id of a meeting already in the pack that ``draft`` reports again, if any."""
    for meeting in pack.meetings:
        if meeting.status != draft.status:
            continue
        if draft.day is not None and meeting.date == draft.day.isoformat():
            return meeting.id
        places = set(draft.places)
        if (
            meeting.place
            and meeting.place.lower() in places
            and (draft.day is None or meeting.date is None)
        ):
            return meeting.id
    return None


def _added_yaml(result: AddResult, new_ids: list[str], used: set[str], language: str) -> str:
    out = [
        "# Written by `briefing add`: new sources, candidate actors and draft facts.",
        "# Check each (see the comments), then delete its `candidate: true` line.",
        "sources:",
    ]
    for source in result.sources:
        out += source_lines(source, language)
    if result.candidates:
        out += ["", "actors:"]
        for candidate, actor_id in zip(result.candidates, new_ids, strict=True):
            out += actor_lines(candidate, actor_id, result.sources)
    if result.meetings:
        out += ["", "meetings:"]
        for meeting in result.meetings:
            out += meeting_lines(meeting, unique(slug(meeting.title), used), {})
    if result.pledges:
        out += ["", "pledges:"]
        for pledge in result.pledges:
            out += pledge_lines(pledge, unique(slug(f"{pledge.actor} {pledge.status}"), used), {})
    if result.evidence:
        out += [
            "",
            "# New evidence for facts already in the pack: paste each under the fact's evidence:",
        ]
        for kind, fact, source_id, quote in result.evidence:
            out.append(
                f"#   {kind} {fact}:  - {{source: {source_id}, quote: {quoted(comment(quote))}}}"
            )
    return "\n".join(out) + "\n"


def _write(root: Path, pack: Pack, result: AddResult, text: str) -> None:
    """Copy the articles, create the new YAML file, then move ``as_of``; undo on failure."""
    created: list[Path] = []
    data_dir = root / "data"
    newest = max(
        (s.metadata.published.value for s in result.sources if s.metadata.published), default=None
    )
    stamp = newest or pack.meta.as_of
    try:
        existing = yaml_files(root, data_dir)
    except Refused as exc:
        raise InitRefused(f"{clean_line(str(data_dir))}: {exc.message}") from None
    name = unique(f"added-{stamp}", {p.stem for p in existing})
    target = data_dir / f"{name}.yaml"
    try:
        (root / ARTICLES_DIR).mkdir(exist_ok=True)
        for source in result.sources:
            create_file(root / source.file, source.data)
            created.append(root / source.file)
        create_file(target, text.encode("utf-8"))
        created.append(target)
        if newest is not None and newest > pack.meta.as_of:
            _move_as_of(root, existing, pack.meta.as_of, newest)
            result.as_of = (pack.meta.as_of, newest)
    except FileExistsError as exc:
        _remove(created)
        raise InitRefused(
            f"{clean_line(str(exc.filename))}: already exists; nothing was added"
        ) from None
    except OSError as exc:
        _remove(created)
        raise InitRefused(
            f"{clean_line(str(root))}: cannot write: {exc.strerror or exc}; nothing was added"
        ) from None
    result.written = target


def _remove(paths: list[Path]) -> None:
    for path in reversed(paths):
        with contextlib.suppress(OSError):
            path.unlink()


def _move_as_of(root: Path, files: list[Path], old: str, new: str) -> None:
    """Replace the date after ``as_of:`` in the file with the ``pack:`` section; nothing else."""
    for path in files:
        try:
            before = read_yaml_file(root, path)
        except Refused as exc:
            raise OSError(f"{path.name}: {exc.message}") from None
        if not _PACK_KEY.search(before):
            continue
        match = _AS_OF.search(before, _PACK_KEY.search(before).end())  # type: ignore[union-attr]
        if match is None or match.group(2).decode() != old:
            raise OSError(f"cannot find 'as_of: {old}' in {path.name}")
        after = before[: match.start(2)] + new.encode() + before[match.end(2) :]
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".as_of-")
        try:
            os.fchmod(fd, os.stat(path).st_mode & 0o777)
            with os.fdopen(fd, "wb") as stream:
                stream.write(after)
                stream.flush()
                os.fsync(stream.fileno())
            if read_yaml_file(root, path) != before:
                raise OSError(f"{path.name} changed while adding; run briefing add again")
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        return
