"""``briefing search QUERY [PACK]``: find actors by any name, misspelt or not."""

from __future__ import annotations

import argparse
import json
import sys

from briefing.cli.common import EXIT_OK, add_pack_argument, fail, load_or_report

NAME = "search"
ORDER = 30
HELP = "find actors by name, alias, typo, transliteration or demonym, best first"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Query, pack, --limit, --format."""
    parser.add_argument(
        "query", metavar="QUERY", help="a name as remembered ('Starmr', 'the French')"
    )
    add_pack_argument(parser)
    parser.add_argument(
        "--limit", "-n", type=int, default=10, metavar="N", help="at most N results (default: 10)"
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("text", "json"),
        default="text",
        help="text (default) or json: a list of {id, name, kind, score, matched}, best first",
    )


def run(args: argparse.Namespace) -> int:
    """Print the hits; no match is not an error (an empty list, a note on stderr)."""
    from briefing.model.collector import collector_paused
    from briefing.model.names import ActorIndex
    from briefing.model.sanitize import clean_line

    if args.limit < 1:
        return fail(f"--limit must be at least 1, not {args.limit}")
    if not args.query.strip():
        return fail("QUERY is empty: give a name, alias, typo or demonym to look for")
    pack, code = load_or_report(args.pack)
    if pack is None:
        return code
    with collector_paused():
        index = ActorIndex.build(pack)
    hits = index.search(args.query, limit=args.limit)
    if args.format == "json":
        print(json.dumps([hit.as_json() for hit in hits], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not hits:
        print(f"briefing: no actor matches {clean_line(args.query)!r}", file=sys.stderr)
        return EXIT_OK
    width = max(len(hit.actor_id) for hit in hits)
    for hit in hits:
        via = "" if hit.matched == hit.name else f"  (matched {clean_line(hit.matched)!r})"
        print(
            f"{hit.score:5.1f}  {clean_line(hit.actor_id):<{width}}  "
            f"{clean_line(hit.name)} [{hit.kind}]{via}"
        )
    return EXIT_OK
