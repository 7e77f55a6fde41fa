"""``briefing export``: the briefing note (Markdown, HTML) or the JSON contract."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from briefing.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    add_pack_argument,
    fail,
    load_or_report,
)

if TYPE_CHECKING:
    from briefing.model.pack import Pack

NAME = "export"
ORDER = 20
HELP = "export a briefing note (md, html) or the JSON contract"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Format, output file, actor and item filters, --force."""
    parser.add_argument(
        "--format",
        "-f",
        choices=("json", "md", "html"),
        default="md",
        help="output format (default: md)",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE (default: standard output)"
    )
    parser.add_argument(
        "--actor",
        action="append",
        metavar="ID",
        help="only facts involving this actor (repeatable)",
    )
    parser.add_argument(
        "--item",
        action="append",
        metavar="ID",
        help="only this fact (pledge, meeting, claim or actor id; repeatable)",
    )
    parser.add_argument(
        "--candidates",
        action="store_true",
        help="include candidates (unconfirmed actors and draft facts) in a md/html note",
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="open the note with what changed after DATE (YYYY-MM-DD, or 'last': the "
        "last note exported from this pack)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    add_pack_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Render, then write atomically (or to stdout), a piece at a time."""
    from briefing.export import remember_export, render_chunks
    from briefing.model.collector import collector_paused
    from briefing.model.io import WriteRefused, write_atomic
    from briefing.model.parallel import second_core

    if args.output is not None and not args.output.strip():
        return fail("-o/--output is empty: give a file name, or - for standard output")
    pack, code = load_or_report(args.pack)
    if pack is None:
        return code
    since = None
    if args.since is not None:
        from briefing.model.io import since_date
        from briefing.model.sanitize import clean_line

        try:
            since, why = since_date(pack, args.since)
        except ValueError as exc:
            return fail(clean_line(str(exc)), EXIT_USAGE)
        print(f"briefing: what changed since {since}{f' ({why})' if why else ''}", file=sys.stderr)
    # The collector stays paused from here to the end, as around the load: the
    # detection, the note and the JSON records allocate millions of objects that
    # form no cycles (a whole 1,000-article export leaves a few dozen cyclic
    # objects), and the cyclic collector's passes over the growing heap cost 2-4 s
    # of a 5,000-article export (5-9%, growing faster than the pack) for nothing.
    # The detectors and the value contexts may use a second core (a forked child:
    # briefing.model.parallel), ~5 s of a 5,000-article JSON export's ~35 s.
    with collector_paused(), second_core():
        try:
            pieces = render_chunks(
                pack,
                args.format,
                actors=args.actor or None,
                only=args.item or None,
                candidates=args.candidates,
                since=since,
            )
        except KeyError as exc:
            return fail(str(exc.args[0]), EXIT_USAGE)
        if args.output is None or args.output == "-":
            sys.stdout.writelines(pieces)
            _say_left_out(pack, args.format, args.candidates)
            remember_export(pack, args.format, "standard output")
            return EXIT_OK
        try:
            written = write_atomic(args.output, pieces, force=args.force)
        except WriteRefused as exc:
            return fail(str(exc), EXIT_INVALID)
    from briefing.model.sanitize import clean_line

    print(f"wrote {clean_line(str(written))} ({written.stat().st_size} bytes)", file=sys.stderr)
    _say_left_out(pack, args.format, args.candidates)
    remember_export(pack, args.format, str(written))
    return EXIT_OK


def _say_left_out(pack: Pack, fmt: str, candidates: bool) -> None:
    """Say how many candidates a note left out: a fresh pack's note can be only the
    disagreements found in the text, and the analyst should know why."""
    from briefing.export import candidate_ids

    if fmt == "json" or candidates:
        return
    left = len(candidate_ids(pack))
    if left:
        print(
            f"briefing: {left} candidate{'s' if left != 1 else ''} left out of the note "
            "(confirm them, or add --candidates)",
            file=sys.stderr,
        )
