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

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.model.authoring.candidates import Candidate, candidates, slug
from briefing.model.authoring.hygiene import Hygiene, examine
from briefing.model.io.files import Budget, Refused, article_text, read_file
from briefing.model.io.yaml_write import comment, flow_list, quoted, scalar
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


@dataclass(slots=True)
class InitResult:
    """What was written, for the CLI to report."""

    root: Path
    sources: list[NewSource] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def collect_articles(paths: list[str]) -> list[Path]:
    """Article files named on the command line; a folder gives its *.txt and *.md files.

    Anything that is not a folder is taken as an article and read through
    :func:`briefing.model.io.files.read_file`, which says what it is when it is
    not a regular file (a FIFO, ``/dev/zero``) instead of "no such file".
    """
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except FileNotFoundError:
            raise InitRefused(f"{name}: no such file or folder", usage=True) from None
        except OSError as exc:
            raise InitRefused(
                f"{name}: cannot be read: {exc.strerror or exc}", usage=True
            ) from None
        if not is_folder:
            found.append(path)
            continue
        try:
            with os.scandir(path) as entries:
                inside = sorted(
                    path / e.name
                    for e in entries
                    if Path(e.name).suffix.lower() in ARTICLE_SUFFIXES and not _is_folder(e)
                )
        except OSError as exc:
            raise InitRefused(
                f"{name}: cannot list this folder: {exc.strerror or exc}", usage=True
            ) from None
        if not inside:
            raise InitRefused(f"{name}: no .txt or .md articles in this folder", usage=True)
        found.extend(inside)
    # Named twice (or through a link) is one article; realpath, unlike resolve(),
    # does not raise on a symlink loop (reading it says what it is).
    seen: dict[str, Path] = {}
    for path in found:
        seen.setdefault(os.path.realpath(path), path)
    unique = list(seen.values())
    if not unique:
        raise InitRefused("no articles given", usage=True)
    return unique


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A sub-folder is skipped; anything else named *.txt is read (and refused if need be)."""
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop: reading it says so
        return False


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


def _read(path: Path, budget: Budget) -> tuple[bytes, str]:
    """An article's bytes and text, read and decoded exactly as the loader will."""
    try:
        data = read_file(path, budget=budget)
    except Refused as exc:
        raise InitRefused(f"{path}: {exc.message}", usage=True) from None
    text, problem = article_text(data, str(path))
    if text is None:
        assert problem is not None
        where = f"{problem.path}:{problem.line}:{problem.col}"
        raise InitRefused(f"{where}: {problem.message}", usage=True)
    return data, text


def _unique(base: str, used: set[str]) -> str:
    value, n = base, 2
    while value in used:
        value = f"{base}-{n}"
        n += 1
    used.add(value)
    return value


def _source_id(stem: str) -> str:
    """An id from the file name ('000_cd82...' gives 's000-cd82...'), short enough to type."""
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:24].strip("-")
    if not ascii_stem:
        return "source"
    return ascii_stem if ascii_stem[0].isalpha() else "s" + ascii_stem


def plan(root: Path, paths: list[str]) -> InitResult:
    """Read the articles and work out everything to write; nothing touches the disk."""
    result = InitResult(root)
    used_ids: set[str] = set()
    used_files: set[str] = set()
    budget = Budget()  # the pack's total, so init never writes a pack the loader refuses
    for path in collect_articles(paths):
        data, text = _read(path, budget)
        hygiene = examine(text)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem)
        file_name = _unique(stem, used_files) + path.suffix
        result.sources.append(
            NewSource(
                id=_unique(_source_id(path.stem), used_ids),
                file=f"{ARTICLES_DIR}/{file_name}",
                original=path,
                data=data,
                text=text,
                title=guess_title(text, hygiene.boilerplate_line_numbers()),
                hygiene=hygiene,
            )
        )
    result.candidates = candidates(
        [(s.id, s.text, s.hygiene.boilerplate_line_numbers()) for s in result.sources]
    )
    return result


def pack_yaml(result: InitResult, title: str, as_of: str, language: str) -> str:
    """``data/pack.yaml``: metadata and one entry per source, every guess commented."""
    out = [
        "# Written by `briefing init`. Fill in the TODOs; `briefing validate` warns until",
        "# every publication date is known. See docs/pack-format.md for every field.",
        "pack:",
        f"  title: {scalar(title)}",
        "  story: TODO one paragraph on what the story is about",
        f"  as_of: {as_of}  # the date the briefing is current to",
        "",
        "sources:",
    ]
    for source in result.sources:
        h = source.hygiene
        outlet = (
            f"{scalar(h.outlet)}  # guessed from the copyright line; check"
            if h.outlet
            else "unknown  # TODO: who published it"
        )
        out += [
            f"  - id: {source.id}",
            f"    file: {scalar(source.file)}",
            f"    sha256: {hashlib.sha256(source.data).hexdigest()}",
            f"    outlet: {outlet}",
            f"    title: {scalar(source.title)}  # guessed from the text; check",
            "    published: null  # TODO: YYYY-MM-DD (validate warns until it is known)",
            f"    language: {scalar(language)}",
            "    # grade: F  # Admiralty source reliability A-F; F: cannot be judged",
        ]
        flags = _flags(h)
        if flags:
            out += ["    flags:  # suggested by briefing init from the text; check each", *flags]
    return "\n".join(out) + "\n"


def _flags(h: Hygiene) -> list[str]:
    lines = []
    if h.boilerplate:
        lines.append(f"      boilerplate_lines: {flow_list([b.value for b in h.boilerplate])}")
        for b in h.boilerplate:
            lines.append(
                f"      # line{'s' if b.first != b.last else ''} {b.value}: {b.reason}: {comment(b.sample)[:80]}"
            )
    if h.lost_characters:
        lines.append(f"      lost_characters: {flow_list(list(h.lost_characters))}")
    if h.repeated_phrase:
        lines.append(
            f"      # garbled: true  # a phrase repeats back to back: {comment(h.repeated_phrase)[:80]}"
        )
    return lines


def actors_yaml(result: InitResult) -> str:
    """``data/actors.yaml``: every candidate, most mentioned first."""
    out = [
        "# Candidate actors proposed by `briefing init`: names found in the articles, with",
        "# variant and garbled spellings clustered into aliases. Each is a warning in",
        "# `briefing validate` until you confirm it (delete its `candidate: true` line,",
        "# fix name, kind and aliases) or delete the whole entry. Kinds are guesses.",
        "actors:",
    ]
    if not result.candidates:
        out[-1] = "actors: []"
    used = {s.id for s in result.sources}
    by_id = {s.id: s for s in result.sources}
    for c in result.candidates:
        first = by_id[c.first_source]
        line = Article.from_text(first.text).line_of(c.first_offset)
        where = f"{len(c.sources)} source{'s' if len(c.sources) != 1 else ''}"
        notes = (
            f"{c.mentions} mention{'s' if c.mentions != 1 else ''} in {where}; "
            f"first in {c.first_source} line {line}: {comment(c.first_sentence)}"
        )
        out += [
            "",
            f"  # kind guess: {c.kind} ({c.kind_reason})",
            f"  - id: {_unique(slug(c.name), used)}",
            f"    name: {scalar(c.name)}",
            f"    kind: {c.kind}",
        ]
        if c.aliases:
            out.append(f"    aliases: {flow_list(list(c.aliases))}")
        if c.role:
            out.append(f"    # role: {comment(c.role)}  # the title seen before the name")
        out += ["    candidate: true", f"    notes: {quoted(notes)}"]
    return "\n".join(out) + "\n"


FACTS_TEMPLATE = """\
# Facts: meetings, pledges and claims, each with evidence quoted verbatim from an
# article. `briefing find "half-remembered words" PACK` prints an evidence item
# ready to paste. Uncomment a template, fill it in, then run `briefing validate`.

meetings: []
#  - id: summit-paris              # lowercase letters, digits, - and _
#    title: Leaders' summit
#    date: null                     # YYYY-MM-DD, or null if the text does not allow it
#    date_text: on Tuesday          # the date as the article writes it
#    place: Paris
#    status: planned                # held | planned
#    participants:
#      - {actor: ACTOR_ID, role: host}   # host | chair | co-chair | attendee | invited
#    evidence:
#      - {source: SOURCE_ID, quote: "exact words from the article"}

pledges: []
#  - id: country-troops
#    actor: ACTOR_ID
#    contribution: troops
#    status: conditional            # offered committed conditional considering undecided declined proposed delivered
#    conditions: [only with a US backstop]
#    evidence:
#      - {source: SOURCE_ID, quote: "exact words from the article"}

claims: []
#  - id: how-many
#    topic: How many countries are in the talks
#    values:
#      - value: about 20
#        source: SOURCE_ID
#        evidence: [{source: SOURCE_ID, quote: "about 20 countries"}]
#      - value: "37"
#        source: OTHER_SOURCE_ID
#        evidence: [{source: OTHER_SOURCE_ID, quote: "37 countries"}]
"""


def _check_target(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise InitRefused(f"{root}: exists and is not a folder")
    if root.is_dir() and any(root.iterdir()):
        raise InitRefused(
            f"{root}: folder is not empty; briefing init only writes into a new or empty folder"
        )


def _create(path: Path, data: bytes) -> None:
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
            result, pack_title or "New briefing", as_of or date.today().isoformat(), language
        ).encode("utf-8"),
        Path("data/actors.yaml"): actors_yaml(result).encode("utf-8"),
        Path("data/facts.yaml"): FACTS_TEMPLATE.encode("utf-8"),
    }
    try:
        target.mkdir(parents=True, exist_ok=True)
        _check_target(target)
        (target / "data").mkdir()
        (target / ARTICLES_DIR).mkdir()
        for source in result.sources:
            _create(target / source.file, source.data)
            result.files.append(target / source.file)
        for relative, data in files.items():
            _create(target / relative, data)
            result.files.append(target / relative)
    except FileExistsError as exc:
        raise InitRefused(f"{exc.filename}: already exists; nothing was overwritten") from None
    except OSError as exc:
        raise InitRefused(f"{target}: cannot write: {exc.strerror or exc}") from None
    return result
