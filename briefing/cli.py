"""The ``briefing`` command: open the reader, or validate and export packs.

Every subcommand calls the same model and export functions the reader uses; the
reader (and so Textual) is imported only when it is opened, which keeps
``validate`` and ``export`` fast and usable where no terminal UI can run.

Exit codes: 0 success, 1 invalid pack or refused write, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from briefing import __version__

if TYPE_CHECKING:
    from briefing.model.pack import Pack

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

PACK_HELP = "pack folder (default: the Coalition of the Willing pack shipped with briefing)"


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, never a stack of usage text and a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _load(pack_arg: str | None) -> tuple[Pack | None, int]:
    """Load a pack, printing diagnostics; return (pack, exit code)."""
    from briefing.model import load_pack

    result = load_pack(pack_arg)
    if result.usage_error is not None:
        print(f"briefing: error: {result.usage_error}", file=sys.stderr)
        return None, EXIT_USAGE
    for diagnostic in result.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if result.pack is None:
        count = len(result.errors)
        print(
            f"briefing: {count} error{'s' if count != 1 else ''}; the pack is not valid",
            file=sys.stderr,
        )
        return None, EXIT_INVALID
    return result.pack, EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a pack and report every problem, one line each."""
    pack, code = _load(args.pack)
    if pack is None:
        return code
    facts = sum(len(g) for g in (pack.actors, pack.meetings, pack.pledges, pack.claims))
    evidence = sum(len(pack.spans(s.id)) for s in pack.sources)
    warnings = len(pack.warnings)
    print(
        f"{pack.meta.title}: valid: {len(pack.sources)} sources, {len(pack.actors)} actors, "
        f"{len(pack.meetings)} meetings, {len(pack.pledges)} pledges, {len(pack.claims)} claims "
        f"({facts} facts, {evidence} evidence spans anchored), {warnings} warning{'s' if warnings != 1 else ''}"
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export the pack (or some actors' part of it) as JSON, Markdown or HTML."""
    from briefing.export import render
    from briefing.export.safewrite import WriteRefused, write_atomic

    pack, code = _load(args.pack)
    if pack is None:
        return code
    try:
        text = render(pack, args.format, actors=args.actor or None)
    except KeyError as exc:
        print(f"briefing: error: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        written = write_atomic(args.output, text, force=args.force)
    except WriteRefused as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {written} ({len(text.encode('utf-8'))} bytes)", file=sys.stderr)
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    """Open the reader on a pack (what plain ``briefing`` does)."""
    problem = terminal_problem()
    if problem is not None:
        print(
            f"briefing: {problem}; the reader needs a terminal. "
            "Use 'briefing validate' or 'briefing export' instead.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from briefing.model import load_pack

    check = load_pack(args.pack) if args.pack is not None else None
    if check is not None and check.usage_error is not None:
        print(f"briefing: error: {check.usage_error}", file=sys.stderr)
        return EXIT_USAGE
    from briefing.tui.app import run

    code: int = run(args.pack)
    return code


def terminal_problem() -> str | None:
    """Why the reader cannot start here, or None when it can."""
    for name, stream in (
        ("standard input", sys.stdin),
        ("standard output", sys.stdout),
        ("standard error", sys.stderr),
    ):
        if stream is None or not stream.isatty():
            return f"{name} is not a terminal"
    term = os.environ.get("TERM", "")
    if term in ("", "dumb", "unknown"):
        return f"TERM is {term or 'not set'}"
    return None


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "open": (cmd_open, "open the reader (the default when no command is given)"),
    "validate": (cmd_validate, "check a pack: every problem as path:line:col, exit 1 if invalid"),
    "export": (cmd_export, "export a briefing note or the JSON contract"),
}


def build_parser() -> Parser:
    """The argument parser; one subparser per command in COMMANDS."""
    parser = Parser(
        prog="briefing",
        description="A terminal briefing reader: every fact in a story pack links to its source sentence.",
        epilog="Run 'briefing' alone to open the reader on the default pack, or 'briefing PACK' for another. "
        "Exit codes: 0 ok, 1 invalid pack or refused write, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (_, summary) in COMMANDS.items():
        command = sub.add_parser(
            name, help=summary, description=summary[0].upper() + summary[1:] + "."
        )
        if name == "export":
            command.add_argument(
                "--format",
                "-f",
                choices=("json", "md", "html"),
                default="md",
                help="output format (default: md)",
            )
            command.add_argument(
                "--output", "-o", metavar="FILE", help="write to FILE (default: standard output)"
            )
            command.add_argument(
                "--actor",
                action="append",
                metavar="ID",
                help="only facts involving this actor (repeatable)",
            )
            command.add_argument("--force", action="store_true", help="replace FILE if it exists")
        command.add_argument("pack", nargs="?", metavar="PACK", help=PACK_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``briefing`` and ``python -m briefing``."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        args_list.insert(0, "open")
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
        if args.command is None:
            args = parser.parse_args(["open", *args_list])
        handler: Callable[[argparse.Namespace], int] = COMMANDS[args.command][0]
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Someone piped us into `head`: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
