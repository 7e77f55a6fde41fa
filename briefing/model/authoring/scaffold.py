"""Start a pack from a folder of articles: ``briefing init DIR ARTICLE_OR_FOLDER...``.

The tool does the tedious parts (copying the articles byte for byte, their
sha256, what each article says about itself, suggested hygiene flags, candidate
actors with their spellings clustered, draft meetings and pledges) and leaves
the judgement to the author: every guess is marked as one (``candidate: true``,
a ``# check`` comment), so the fresh pack validates with warnings for the to-dos
and no errors, and opens in the reader at once. It builds the pack beside its
target and moves it into place, so it is all or nothing, and it writes only
into a new or empty folder: nothing an author wrote can be lost.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.model.authoring.articles import (
    ARTICLES_DIR,
    InitRefused,
    NewSource,
    collect_articles,
    read_sources,
    unique,
)
from briefing.model.authoring.candidates import Candidate, candidates, slug
from briefing.model.authoring.drafting.drafter import draft
from briefing.model.authoring.drafting.records import ActorForms, ArticleInput, Drafts
from briefing.model.authoring.pack_text import (
    actor_ids,
    actor_lines,
    meeting_lines,
    pledge_lines,
    source_lines,
    templates,
)
from briefing.model.io.yaml_text.write import scalar
from briefing.model.sanitize import clean_line
from briefing.model.text import Article


@dataclass(slots=True)
class InitResult:
    """What was written, for the CLI to report."""

    root: Path
    sources: list[NewSource] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)
    drafts: Drafts = field(default_factory=Drafts)
    files: list[Path] = field(default_factory=list)

    @property
    def newest(self) -> str | None:
        """The newest publication date read from the articles (the pack's ``as_of``)."""
        dates = [s.metadata.published.value for s in self.sources if s.metadata.published]
        return max(dates) if dates else None


def plan(root: Path, paths: list[str]) -> InitResult:
    """Read the articles and work out everything to write; nothing touches the disk."""
    result = InitResult(root)
    result.sources = read_sources(collect_articles(paths), set(), set())
    excluded = {name for s in result.sources for name in s.excluded_names}
    result.candidates = candidates([(s.id, s.body, s.skip_lines) for s in result.sources], excluded)
    result.actor_ids = actor_ids(result.candidates, set())
    result.drafts = draft_from(
        result.sources,
        [
            ActorForms(actor_id, c.name, (c.name, *c.aliases))
            for actor_id, c in zip(result.actor_ids, result.candidates, strict=True)
        ],
    )
    return result


def draft_from(sources: list[NewSource], actors: list[ActorForms]) -> Drafts:
    """Draft meetings and pledges from new sources, naming ``actors``."""
    return draft(
        [
            ArticleInput(
                s.id,
                s.body,
                frozenset(s.skip_lines),
                date.fromisoformat(s.metadata.published.value) if s.metadata.published else None,
            )
            for s in sources
        ],
        actors,
    )


def pack_yaml(result: InitResult, title: str, as_of: str, language: str) -> str:
    """``data/pack.yaml``: metadata and one entry per source, every guess commented."""
    newest = "the newest publication date read" if result.newest == as_of else "given"
    out = [
        "# Written by `briefing init`. Fill in the TODOs; `briefing validate` warns until",
        "# every publication date is known. See docs/pack-format.md for every field.",
        "pack:",
        f"  title: {scalar(title)}",
        "  story: TODO one paragraph on what the story is about",
        f"  as_of: {as_of}  # {newest}; `briefing add` moves it",
        "",
        "sources:",
    ]
    for source in result.sources:
        out += source_lines(source, language)
    return "\n".join(out) + "\n"


def actors_yaml(result: InitResult) -> str:
    """``data/actors.yaml``: every candidate, most mentioned first."""
    out = [
        "# Candidate actors proposed by `briefing init`: names found in the articles, with",
        "# variant and garbled spellings clustered into aliases. Each is a warning in",
        "# `briefing validate` until you confirm it (delete its `candidate: true` line,",
        "# fix name, kind and aliases) or delete the whole entry. Kinds are guesses.",
        "# Reporters, desks, outlets and places named only as places are left out.",
        "actors:" if result.candidates else "actors: []",
    ]
    for candidate, actor_id in zip(result.candidates, result.actor_ids, strict=True):
        out += actor_lines(candidate, actor_id, result.sources)
    return "\n".join(out) + "\n"


def facts_yaml(result: InitResult) -> str:
    """``data/facts.yaml``: drafted meetings and pledges, then a template for each section."""
    ids = dict(zip((c.name for c in result.candidates), result.actor_ids, strict=True))
    by_id = {c_id: c_id for c_id in result.actor_ids}
    used: set[str] = set(result.actor_ids) | {s.id for s in result.sources}
    out = [
        "# Facts: meetings, pledges and claims, each with evidence quoted verbatim from an",
        "# article. Drafts from `briefing init` carry `candidate: true`: check the date,",
        "# status, actor and quote of each, then delete that line (or delete the draft).",
        '# `briefing find "half-remembered words" PACK` prints an evidence item to paste.',
        "# Each section ends in a commented template: uncomment it and edit it.",
        "",
        "meetings:",
    ]
    for meeting in result.drafts.meetings:
        meeting_id = unique(slug(meeting.title), used)
        out += meeting_lines(meeting, meeting_id, by_id)
    first, second = _template_sources(result)
    actor = result.actor_ids[0] if result.actor_ids else None
    if actor is not None and first is not None and second is not None:
        out += ["", *templates("meetings", actor, first, second)]
    out += ["", "pledges:"]
    for pledge in result.drafts.pledges:
        name = next((n for n, i in ids.items() if i == pledge.actor), pledge.actor)
        pledge_id = unique(slug(f"{name} {pledge.status}"), used)
        out += pledge_lines(pledge, pledge_id, by_id)
    if actor is not None and first is not None and second is not None:
        out += ["", *templates("pledges", actor, first, second)]
    out += ["", "claims:"]
    if first is not None and second is not None:
        out += [*templates("claims", actor or "", first, second)]
    return "\n".join(out) + "\n"


def _template_sources(result: InitResult) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(source id, a sentence of it) for the first two sources (the first twice if only one)."""
    found = []
    for source in result.sources:
        article = Article.from_text(source.body)
        for start, end in article.sentences:
            if article.line_of(start) in source.skip_lines:
                continue
            sentence = source.body[start:end].strip()
            if len(sentence) > 20 and source.text.count(sentence) == 1:
                found.append((source.id, sentence))
                break
    if not found:
        return None, None
    return found[0], found[1] if len(found) > 1 else found[0]


def _check_target(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise InitRefused(f"{root}: exists and is not a folder")
    if root.is_dir() and any(root.iterdir()):
        raise InitRefused(
            f"{root}: folder is not empty; briefing init only writes into a new or empty folder"
        )


def create_file(path: Path, data: bytes) -> None:
    """Exclusive create: a file that appeared meanwhile is never overwritten."""
    with open(path, "xb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def init_pack(
    root: str | os.PathLike[str],
    paths: list[str],
    *,
    title: str | None = None,
    as_of: str | None = None,
    language: str = "en",
) -> InitResult:
    """Create a pack at ``root`` from ``paths``; raises InitRefused before writing anything wrong."""
    target = Path(root)
    _check_target(target)
    result = plan(target, paths)
    for source in result.sources:
        if Path(os.path.realpath(source.original)).is_relative_to(os.path.realpath(target)) and (
            target.exists()
        ):
            raise InitRefused(f"{source.original}: an article inside the new pack folder")
    pack_title = (
        title
        or Path(os.path.realpath(target))
        .name.replace("-", " ")
        .replace("_", " ")
        .strip()
        .capitalize()
    )
    files = {
        Path("data/pack.yaml"): pack_yaml(
            result,
            pack_title or "New briefing",
            as_of or result.newest or date.today().isoformat(),
            language,
        ).encode("utf-8"),
        Path("data/actors.yaml"): actors_yaml(result).encode("utf-8"),
        Path("data/facts.yaml"): facts_yaml(result).encode("utf-8"),
    }
    _write_beside(target, result, files)
    return result


def _write_beside(target: Path, result: InitResult, files: dict[Path, bytes]) -> None:
    """Build the pack in a new folder beside ``target``, then move it into place.

    All or nothing: a full disk or an interrupted write leaves the temporary
    folder (removed here) and never a half-written pack that a retry would
    refuse as "not empty". The move is one ``rename``: onto a missing or empty
    ``target`` it is atomic, and if ``target`` gained files meanwhile it fails
    and nothing of the user's is touched.
    """
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name[:40]}.init-", dir=parent))
    except OSError as exc:
        raise InitRefused(
            f"{clean_line(str(parent))}: cannot write: {exc.strerror or exc}"
        ) from None
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(building, 0o777 & ~mask)
        (building / "data").mkdir()
        (building / ARTICLES_DIR).mkdir()
        written = []
        for source in result.sources:
            create_file(building / source.file, source.data)
            written.append(source.file)
        for relative, data in files.items():
            create_file(building / relative, data)
            written.append(str(relative))
        _fsync_dir(building / ARTICLES_DIR)
        _fsync_dir(building / "data")
        _check_target(target)
        os.rename(building, target)
        _fsync_dir(parent)
    except InitRefused:
        shutil.rmtree(building, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            raise InitRefused(
                f"{clean_line(str(target))}: folder is not empty; nothing was written"
            ) from None
        raise InitRefused(
            f"{clean_line(str(target))}: cannot write: {exc.strerror or exc}; nothing was written"
        ) from None
    result.files = [target / name for name in written]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
