"""The articles ``init`` and ``add`` take in: found, read once, their metadata and hygiene.

Both commands read articles the same way (through the one read path,
:func:`briefing.model.io.files.read_file`, with the pack's budget), so a pack
they write is never one the loader refuses; each article becomes a
:class:`NewSource` with what it says about itself, its suggested flags and a
short id (outlet and date).
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefing.model.authoring.article_metadata import (
    ArticleMetadata,
    complete_year,
    read_metadata,
    settle_reading,
)
from briefing.model.authoring.hygiene import Hygiene, examine
from briefing.model.diagnostics import Diagnostic
from briefing.model.io.files import Budget, Refused, article_text, read_file
from briefing.model.names.countries import BY_FORM
from briefing.model.text import Article

ARTICLES_DIR = "seeds"
"""Where a new pack keeps its articles (the same place as the default pack)."""
ARTICLE_SUFFIXES = (".txt", ".md")
TITLE_MAX = 120


class InitRefused(Exception):
    """Nothing was written; the message is one line for the user."""

    def __init__(
        self, message: str, usage: bool = False, diagnostic: Diagnostic | None = None
    ) -> None:
        super().__init__(message)
        self.usage = usage
        """True for a bad argument (exit 2) rather than a refused write (exit 1)."""
        self.diagnostic = diagnostic
        """The problem's place in an article, when it has one: printed as
        ``path:line:col: error: ...``, the form every other file problem takes."""


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
        """Reporters, desks, the outlet and the place written from: never actors.

        The byline's or dateline's place ("Jane Doe in Almaty") is a city the
        reporter is in; a headline's "Almaty says" would otherwise read it as a
        person. A country's own forms stay (a capital is its government's
        metonym: "Washington said"), since the country rules judge those.
        """
        names = set(self.metadata.people)
        names.update(p for p in self.metadata.places if p not in BY_FORM)
        if self.metadata.outlet is not None:
            names.add(self.metadata.outlet.value)
            names.update(w for w in self.metadata.outlet.value.split() if len(w) > 3)
        return names


def unique(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``used`` (then used)."""
    value, n = base, 2
    while value in used:
        value = f"{base}-{n}"
        n += 1
    used.add(value)
    return value


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


def read_article(path: Path, budget: Budget) -> tuple[bytes, str]:
    """An article's bytes and text, read and decoded exactly as the loader will."""
    try:
        data = read_file(path, budget=budget)
    except Refused as exc:
        raise InitRefused(f"{path}: {exc.message}", usage=True) from None
    text, problem = article_text(data, str(path))
    if text is None:
        assert problem is not None
        where = f"{problem.path}:{problem.line}:{problem.col}"
        raise InitRefused(f"{where}: {problem.message}", usage=True, diagnostic=problem)
    return data, text


def source_id(metadata: ArticleMetadata, stem: str) -> str:
    """A short id to type: the outlet and the date ('reuters-2025-03-03').

    Without a date it is the outlet alone ('harbour-wire'); with neither, the
    file name ('s02-coastal-daily'). Callers make it unique.
    """
    outlet = metadata.outlet.value if metadata.outlet is not None else ""
    words = re.sub(r"[^a-z0-9]+", " ", _ascii(outlet).lower()).split()
    words = [w for w in words if w not in ("the", "news", "agency", "media")] or words
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > 20:
            break
        kept.append(word[:20])
    base = "-".join(kept) or "source"
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
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def read_sources(
    paths: list[Path],
    used_ids: set[str],
    used_files: set[str],
    known: list[date] | None = None,
    budget: Budget | None = None,
) -> list[NewSource]:
    """Each article read, with its hygiene and metadata; ids and file names unique among ``used_*``.

    ``known``: publication dates of articles already in the pack, for datelines
    without a year (:func:`complete_year`). Ids are made last, from the dates.
    ``budget``: the pack's total, so the pack written is never one the loader refuses.
    """
    budget = budget or Budget()
    read = []
    for path in paths:
        data, text = read_article(path, budget)
        hygiene = examine(text)
        read.append(
            (path, data, text, hygiene, read_metadata(text, hygiene.boilerplate_line_numbers()))
        )
    # The story's dates: what each article says without doubt (not a yearless
    # dateline's own guess, nor a numeric date either way valid: the two below
    # may still correct them from these).
    dates = list(known or []) + [
        date.fromisoformat(m.published.value)
        for *_, m in read
        if m.published is not None and m.published is not m.own_year and m.readings is None
    ]
    sources = []
    for path, data, text, hygiene, metadata in read:
        complete_year(metadata, dates)
        settle_reading(metadata, dates)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem)
        file_name = unique(stem, used_files) + path.suffix
        title = (
            metadata.headline.value
            if metadata.headline is not None
            else guess_title(text, hygiene.boilerplate_line_numbers() | metadata.lines)
        )
        sources.append(
            NewSource(
                id=unique(source_id(metadata, path.stem), used_ids),
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


def _short_title(title: str) -> str:
    if len(title) > TITLE_MAX:
        first = Article.from_text(title).sentences[0]
        title = title[first[0] : first[1]]
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return title
