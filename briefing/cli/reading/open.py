"""``briefing [open] [PACK]``: the reader. Textual is imported only here, and only when it runs."""

from __future__ import annotations

import argparse
import os
import sys

from briefing.cli.common import EXIT_USAGE, add_pack_argument, fail

NAME = "open"
ORDER = 0
HELP = "open the reader (the default when no command is given)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, and the date to show changes since."""
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="mark and list what changed after DATE (YYYY-MM-DD, or 'last': the last note "
        "exported from this pack, which the w key uses anyway)",
    )
    add_pack_argument(parser)


def terminal_problem() -> str | None:
    """Why the reader cannot start here, or None when it can."""
    streams = (
        ("standard input", sys.stdin),
        ("standard output", sys.stdout),
        ("standard error", sys.stderr),
    )
    for name, stream in streams:
        if stream is None or not stream.isatty():
            return f"{name} is not a terminal"
    term = os.environ.get("TERM", "")
    if term in ("", "dumb", "unknown"):
        return f"TERM is {term or 'not set'}"
    return None


def run(args: argparse.Namespace) -> int:
    """Refuse a missing pack, then a missing terminal (exit 2 with a hint); else run the app."""
    from briefing.model.io import resolve_pack_root

    # The pack first: "no pack at X" is the more useful answer in a script too.
    try:
        resolve_pack_root(args.pack)
    except FileNotFoundError as exc:
        return fail(str(exc))
    since = getattr(args, "since", None)
    if since is not None and since.strip().lower() != "last":
        from briefing.model.analysis import parse_day
        from briefing.model.sanitize import clean_line

        try:
            since = parse_day(since)
        except ValueError as exc:
            return fail(clean_line(str(exc)))
    problem = terminal_problem()
    if problem is not None:
        print(
            f"briefing: {problem}; the reader needs a terminal. "
            "Use 'briefing validate' or 'briefing export' instead.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from briefing.tui.app import run as run_app

    code: int = run_app(args.pack, since)
    return code
