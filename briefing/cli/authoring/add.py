"""``briefing add PACK ARTICLE...``: add new articles to a pack as the story moves."""

from __future__ import annotations

import argparse

from briefing.cli.common import EXIT_OK, refused, validate_written

NAME = "add"
ORDER = 30
HELP = "add articles to a pack: new sources, candidate actors and draft facts in a new file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack and the articles."""
    parser.add_argument("pack", metavar="PACK", help="the pack folder (made by briefing init)")
    parser.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE_OR_FOLDER",
        help="article files (UTF-8 text), or folders whose *.txt and *.md files are articles; "
        "an article already in the pack (same sha256) is skipped",
    )


def run(args: argparse.Namespace) -> int:
    """Add, then load the pack back and report what is left to check."""
    from briefing.model.authoring import InitRefused, add_articles
    from briefing.model.sanitize import clean_line

    try:
        result = add_articles(args.pack, args.articles)
    except InitRefused as exc:
        return refused(exc)
    for path, known in result.already:
        print(f"{clean_line(str(path))}: already in the pack as source '{known}'; not added")
    if not result.sources:
        print("briefing: nothing to add")
        return EXIT_OK
    n = len(result.sources)
    assert result.written is not None
    print(
        f"added {n} article{'s' if n != 1 else ''} to {clean_line(args.pack)}/, in {result.written.name}:"
    )
    for source in result.sources:
        date = source.metadata.published.value if source.metadata.published else "date unknown"
        print(f"  {source.id}: {clean_line(source.title)} ({date}) -> {source.file}")
    print(
        f"  {len(result.candidates)} new candidate actors, {len(result.meetings)} draft meetings, "
        f"{len(result.pledges)} draft pledges"
    )
    if result.evidence:
        print(
            f"  {len(result.evidence)} sentences for facts already in the pack (comments in {result.written.name}):"
        )
        for kind, fact, source_id, _quote in result.evidence:
            print(f"    {kind} {fact}: {source_id}")
    if result.as_of is not None:
        print(f"as_of moved from {result.as_of[0]} to {result.as_of[1]}")
    return validate_written(args.pack)
