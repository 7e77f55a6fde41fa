"""Start a pack from a folder of articles: ``briefing init DIR ARTICLE_OR_FOLDER...``.

The tool does the tedious parts (copying the articles byte for byte, their
sha256, a title guess, suggested hygiene flags, candidate actors with their
spellings clustered) and leaves the judgement to the author: every guess is
marked as one (``candidate: true``, ``published: null``, a ``# check`` comment),
so the fresh pack validates with warnings for the to-dos and no errors, and opens
in the reader at once. It writes only into a new or empty folder and never
replaces a file, so nothing an author wrote can be lost.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.model.authoring.article_metadata import ArticleMetadata, read_metadata
from briefing.model.authoring.candidates import Candidate, candidates, slug
from briefing.model.authoring.draft_facts import ActorForms, ArticleInput, Drafts, draft
from briefing.model.authoring.hygiene import Hygiene, examine
from briefing.model.authoring.pack_text import (
    actor_ids,
    actor_lines,
    meeting_lines,
    pledge_lines,
    source_lines,
    templates,
    unique,
)
from briefing.model.io.yaml_write import scalar
from briefing.model.sanitize import clean_line
from briefing.model.text import Article

ARTICLES_DIR = "seeds"
"""Where a new pack keeps its articles (the same place as the default pack)."""
ARTICLE_SUFFIXES = (".txt", ".md")
TITLE_MAX = 120


class InitRefused(Exception):
    """Nothing was written; the message is one line for the user."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage
        """True for a bad argument (exit 2) rather than a refused write (exit 1)."""


@dataclass(frozen=True, slots=True)
class NewSource:
    """One article as ``init`` records it."""

    id: str
    file: str
    original: Path
    data: bytes
    text: str
    title: str
    hygiene: Hygiene
    metadata: ArticleMetadata

    @property
    def skip_lines(self) -> set[int]:
        """Lines that are not the article's prose: furniture and metadata."""
        return self.hygiene.boilerplate_line_numbers() | self.metadata.lines

    @property
    def body(self) -> str:
        """The text with metadata lines and dateline prefixes blanked (same length, same offsets)."""
        lines = self.text.split("\n")
        for number, end in self.metadata.dateline_end.items():
            lines[number - 1] = " " * end + lines[number - 1][end:]
        return "\n".join(lines)

    @property
    def excluded_names(self) -> set[str]:
        """Reporters, desks and the outlet: named in the article, never actors."""
        names = set(self.metadata.people)
        if self.metadata.outlet is not None:
            names.add(self.metadata.outlet.value)
            names.update(w for w in self.metadata.outlet.value.split() if len(w) > 3)
        return names


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


def collect_articles(paths: list[str]) -> list[Path]:
    """Article files named on the command line; a folder gives its *.txt and *.md files."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            inside = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not inside:
                raise InitRefused(f"{name}: no .txt or .md articles in this folder", usage=True)
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise InitRefused(f"{name}: no such file or folder", usage=True)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise InitRefused("no articles given", usage=True)
    return unique


def guess_title(text: str, skip: set[int]) -> str:
    """The first line that is not furniture, if short enough to be a headline; else its first sentence."""
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        stripped = " ".join(line.split())
        if not stripped or number in skip:
            continue
        if len(stripped) > TITLE_MAX:
            first = Article.from_text(stripped).sentences[0]
            stripped = stripped[first[0] : first[1]]
        stripped = stripped.rstrip(".…").rstrip() or stripped
        if len(stripped) > TITLE_MAX:
            stripped = stripped[:TITLE_MAX].rsplit(" ", 1)[0] + "…"
        return stripped
    return "Untitled article"


def read_article(path: Path) -> tuple[bytes, str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InitRefused(f"{path}: cannot read: {exc.strerror or exc}", usage=True) from None
    if b"\x00" in data:
        raise InitRefused(f"{path}: a binary file, not an article", usage=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InitRefused(
            f"{path}: not valid UTF-8 (byte {exc.start}); save it as UTF-8 first", usage=True
        ) from None
    return data, text.replace("\r\n", "\n").replace("\r", "\n")


_unique = unique


def source_id(metadata: ArticleMetadata, stem: str) -> str:
    """A short id to type: the outlet and the date ('reuters-2025-03-03').

    Without a date it is the outlet alone ('harbour-wire'); with neither, the
    file name ('s02-coastal-daily'). Callers make it unique.
    """
    outlet = metadata.outlet.value if metadata.outlet is not None else ""
    words = re.sub(r"[^a-z0-9]+", " ", _ascii(outlet).lower()).split()
    words = [w for w in words if w not in ("the", "news", "agency", "media")] or words
    base = "-".join(words)[:16].strip("-") or "source"
    if not base[0].isalpha():
        base = "s-" + base
    if metadata.published is not None:
        return f"{base}-{metadata.published.value}"
    if outlet and base != "source":
        return base
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", _ascii(stem).lower()).strip("-")[:24].strip("-")
    if not ascii_stem:
        return "source"
    return ascii_stem if ascii_stem[0].isalpha() else "s" + ascii_stem


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


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


def read_sources(paths: list[Path], used_ids: set[str], used_files: set[str]) -> list[NewSource]:
    """Each article read, with its hygiene and metadata; ids and file names unique among ``used_*``."""
    sources = []
    for path in paths:
        data, text = read_article(path)
        hygiene = examine(text)
        metadata = read_metadata(text, hygiene.boilerplate_line_numbers())
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem)
        file_name = _unique(stem, used_files) + path.suffix
        title = (
            metadata.headline.value
            if metadata.headline is not None
            else guess_title(text, hygiene.boilerplate_line_numbers() | metadata.lines)
        )
        sources.append(
            NewSource(
                id=_unique(source_id(metadata, path.stem), used_ids),
                file=f"{ARTICLES_DIR}/{file_name}",
                original=path,
                data=data,
                text=text,
                title=_short_title(title),
                hygiene=hygiene,
                metadata=metadata,
            )
        )
    return sources


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


def _short_title(title: str) -> str:
    if len(title) > TITLE_MAX:
        first = Article.from_text(title).sentences[0]
        title = title[first[0] : first[1]]
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return title


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
        if source.original.is_relative_to(target.resolve()) and target.exists():
            raise InitRefused(f"{source.original}: an article inside the new pack folder")
    pack_title = (
        title or target.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize()
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
