"""``briefing mentions ACTOR [PACK]``: every sentence naming an actor, cited or not."""

from __future__ import annotations

import argparse
import json

from briefing.cli.common import EXIT_OK, EXIT_USAGE, add_pack_argument, fail, load_or_report

NAME = "mentions"
ORDER = 31
HELP = "list every sentence that names an actor, marked cited (by a fact) or UNCITED"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Actor, pack, filters, format."""
    parser.add_argument(
        "actor", metavar="ACTOR", help="actor id, or a name or alias that names exactly one actor"
    )
    add_pack_argument(parser)
    parser.add_argument(
        "--uncited", action="store_true", help="only mentions whose sentence no fact cites"
    )
    parser.add_argument(
        "--boilerplate",
        action="store_true",
        help="include mentions on boilerplate lines (marked), skipped by default",
    )
    parser.add_argument(
        "--format", "-f", choices=("text", "json"), default="text", help="text (default) or json"
    )


def run(args: argparse.Namespace) -> int:
    """Resolve the actor (exit 2 with a suggestion if unknown), then list its mentions."""
    from briefing.model.collector import collector_paused
    from briefing.model.names import EXACT, ActorIndex, mentions
    from briefing.model.sanitize import clean_line

    pack, code = load_or_report(args.pack)
    if pack is None:
        return code
    with collector_paused():
        index = ActorIndex.build(pack)
    actor = index.actor(args.actor)
    hits = index.search(args.actor, limit=3)
    if (
        actor is None
        and hits
        and hits[0].score >= EXACT
        and (len(hits) < 2 or hits[1].score < EXACT)
    ):
        actor = index.actor(hits[0].actor_id)
    if actor is None:
        hint = ""
        if hits:
            hint = f"; did you mean {hits[0].actor_id!r} ({clean_line(hits[0].name)})?"
        return fail(f"unknown actor {clean_line(args.actor)!r}{hint}", EXIT_USAGE)
    found = mentions(pack, actor.id, index, include_boilerplate=args.boilerplate)
    if args.uncited:
        found = [m for m in found if not m.cited]
    if args.format == "json":
        print(json.dumps([m.as_json() for m in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    for m in found:
        source = pack.source(m.source_id)
        line, col = source.article.line_col(m.start)
        marks = ["cited" if m.cited else "UNCITED"]
        if m.fuzzy:
            marks.append(f"fuzzy {m.score:.0f}")
        if m.boilerplate:
            marks.append("boilerplate")
        print(
            f"{source.id}:{line}:{col}: {clean_line(m.matched)} [{', '.join(marks)}]: "
            f"{clean_line(m.sentence)}"
        )
    uncited = sum(not m.cited for m in found)
    sources = len({m.source_id for m in found})
    print(
        f"{clean_line(actor.name)} ({actor.id}): {len(found)} mention{'s' if len(found) != 1 else ''} "
        f"in {sources} source{'s' if sources != 1 else ''}, {uncited} uncited"
    )
    return EXIT_OK
