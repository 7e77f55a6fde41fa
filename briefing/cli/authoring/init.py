"""``briefing init DIR ARTICLE_OR_FOLDER...``: start a new pack from a folder of articles."""

from __future__ import annotations

import argparse
import re
from datetime import date

from briefing.cli.common import EXIT_INVALID, EXIT_OK, fail, refused, validate_written

NAME = "init"
ORDER = 29
HELP = "start a new pack in DIR from articles: sources with dates, candidate actors, draft facts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """DIR, the articles, and the few metadata fields init cannot guess."""
    parser.add_argument(
        "dir", metavar="DIR", help="the new pack folder (must not exist, or be empty)"
    )
    parser.add_argument(
        "articles",
        nargs="*",
        metavar="ARTICLE_OR_FOLDER",
        help="article files (UTF-8 text), or folders whose *.txt and *.md files are articles",
    )
    parser.add_argument("--title", help="the briefing's title (default: from DIR's name)")
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="the date the briefing is current to (default: today)"
    )
    parser.add_argument("--language", default="en", help="language of the articles (default: en)")
    parser.add_argument(
        "--example",
        action="store_true",
        help="copy the example story's articles (four on a donors' conference) into DIR, to try init on",
    )


def _is_iso_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD (2025-02-30 is not)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _example(folder: str, extra: list[str]) -> int:
    """Copy the example story's articles into ``folder`` (new or empty), byte for byte."""
    import shutil
    from pathlib import Path

    from briefing.model.io import example_story_path
    from briefing.model.sanitize import clean_line

    if extra:
        return fail("--example takes only DIR, the folder to copy the example articles into")
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        return fail(f"{clean_line(folder)}: exists and is not an empty folder", EXIT_INVALID)
    articles = sorted(example_story_path().glob("*.txt"))
    try:
        target.mkdir(parents=True, exist_ok=True)
        for article in articles:
            shutil.copyfile(article, target / article.name)
    except OSError as exc:
        return fail(f"{clean_line(folder)}: cannot write: {exc.strerror or exc}", EXIT_INVALID)
    print(f"copied {len(articles)} example articles into {clean_line(folder)}/:")
    for article in articles:
        print(f"  {article.name}")
    print(f"next: briefing init PACK {clean_line(folder)}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Write the pack, then load it back and report what the author has left to do."""
    from briefing.model.authoring import InitRefused, init_pack, summary
    from briefing.model.sanitize import clean_line

    if args.example:
        return _example(args.dir, args.articles)
    if not args.articles:
        return fail("give the articles: briefing init DIR ARTICLE_OR_FOLDER... (or --example DIR)")
    if args.as_of is not None and not _is_iso_date(args.as_of):
        return fail(f"--as-of '{args.as_of}' is not a date in YYYY-MM-DD form")
    try:
        result = init_pack(
            args.dir, args.articles, title=args.title, as_of=args.as_of, language=args.language
        )
    except InitRefused as exc:
        return refused(exc)
    n = len(result.sources)
    shown = clean_line(args.dir)
    print(f"created {shown}/ from {n} article{'s' if n != 1 else ''}:")
    dated = sum(1 for s in result.sources if s.metadata.published)
    print(
        f"  data/pack.yaml    pack metadata and {n} sources ({dated} with a publication date read)"
    )
    print(f"  data/actors.yaml  {len(result.candidates)} candidate actors (confirm or delete each)")
    print(
        f"  data/facts.yaml   {len(result.drafts.meetings)} draft meetings, "
        f"{len(result.drafts.pledges)} draft pledges, a template for each section"
    )
    print(f"  seeds/            the {n} articles, unchanged")
    suggestions = (
        [
            (s, f"boilerplate lines {b.value} ({b.reason}: {clean_line(b.sample)[:60]})")
            for s in result.sources
            for b in s.hygiene.boilerplate
        ]
        + [
            (s, f"lost character in '{clean_line(w)}'")
            for s in result.sources
            for w in s.hygiene.lost_characters
        ]
        + [
            (s, f"machine-translated? {clean_line(summary(list(s.hygiene.translation_signs), 2))}")
            for s in result.sources
            if s.hygiene.machine_translated
        ]
        + [
            (
                s,
                f"garbled? a phrase repeats: '{clean_line(s.hygiene.repeated_phrase)[:60]}' (commented out)",
            )
            for s in result.sources
            if s.hygiene.repeated_phrase
        ]
    )
    if suggestions:
        print("suggested flags, written into data/pack.yaml (check them):")
        for source, text in suggestions:
            print(f"  {source.id}: {text}")
    for source in result.sources:
        if source.metadata.published is None:
            relative = source.metadata.relative
            found = (
                "no publication date found in the text"
                if relative is None
                else f"line {relative.line} gives only '{clean_line(relative.text)[:60]}'"
            )
            print(f"  {source.id}: {found}; fill in its 'published:' in data/pack.yaml")
    top = ", ".join(f"{clean_line(c.name)} ({c.mentions})" for c in result.candidates[:8])
    if top:
        print(f"most mentioned: {top}")
    code = validate_written(args.dir)
    print(f"next: briefing validate {shown}; briefing {shown}")
    return code
