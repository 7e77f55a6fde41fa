"""``briefing find TEXT [PACK]``: a ready-to-paste evidence item for a half-remembered quote."""

from __future__ import annotations

import argparse
import sys

from briefing.cli.common import EXIT_INVALID, EXIT_OK, add_pack_argument, fail

NAME = "find"
ORDER = 40
HELP = "find a fragment in the pack's articles (exact, then fuzzy) and print an evidence item"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The fragment and the pack."""
    parser.add_argument("text", metavar="TEXT", help="the words you remember, roughly")
    add_pack_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Print YAML: comments saying where and how, then one evidence item per place."""
    from briefing.model.anchoring import find
    from briefing.model.authoring import evidence_yaml, read_sources
    from briefing.model.diagnostics import dropped_line
    from briefing.model.sanitize import clean_line

    if not args.text.strip():
        return fail("TEXT is empty")
    try:
        sources, problems = read_sources(args.pack)
    except FileNotFoundError as exc:
        return fail(str(exc))
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems.dropped:
        print(dropped_line(problems.dropped), file=sys.stderr)
    if not sources:
        return fail("the pack has no readable sources", EXIT_INVALID)
    places, best_rejected = find(sources, args.text)
    if not places:
        where = ""
        if best_rejected is not None:
            where = (
                f"; the closest is in {best_rejected.source} line {best_rejected.line}, "
                f"{best_rejected.similarity:.0f}% similar: '{clean_line(best_rejected.quote)}'"
            )
        return fail(f"not found in {len(sources)} sources{where}", EXIT_INVALID)
    if len(places) > 1:
        print(f"# found in {len(places)} places: each item anchors; keep the ones you mean")
    for place in places:
        how = (
            f"{place.similarity:.0f}% similar to what you typed"
            if place.match == "fuzzy"
            else f"{place.match} match"
        )
        print(f"# {place.source} ({place.file}, line {place.line}): {how}")
        print(clean_line(evidence_yaml(place)))
    return EXIT_OK
