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
    pass

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
    from briefing.model.io import WriteRefused, write_atomic

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
        remember_export(pack, args.format, "standard output")
        return EXIT_OK
    try:
        written = write_atomic(args.output, pieces, force=args.force)
    except WriteRefused as exc:
        return fail(str(exc), EXIT_INVALID)
    from briefing.model.sanitize import clean_line

    print(f"wrote {clean_line(str(written))} ({written.stat().st_size} bytes)", file=sys.stderr)
    remember_export(pack, args.format, str(written))
    return EXIT_OK
