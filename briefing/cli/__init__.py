"""The ``briefing`` command: open the reader, or validate, export and search packs.

Each subcommand is a module in this package defining ``NAME``, ``HELP``,
``ORDER``, ``add_arguments(parser)`` and ``run(args) -> int``; they are found by
listing the package, so adding a command never touches this file. Every command
calls the same model and export functions the reader uses; Textual is imported
only when the reader opens, which keeps the other commands fast and usable where
no terminal UI can run.

Exit codes: 0 success, 1 invalid pack or refused write, 2 usage error.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from briefing import __version__
from briefing.cli.common import EXIT_OK, EXIT_USAGE, fail

DEFAULT_COMMAND = "open"


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line error, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from briefing.model.sanitize import clean_line

        self.print_usage(sys.stderr)
        # "unrecognized arguments: ..." echoes the arguments as typed.
        self.exit(EXIT_USAGE, f"{self.prog}: error: {clean_line(message)}\n")


def command_modules() -> dict[str, ModuleType]:
    """Every subcommand module, by name, in help order."""
    found = []
    # One module a command, in folders by what the command does (reading, authoring, curating).
    for info in pkgutil.walk_packages(__path__, f"{__name__}."):
        if (
            info.ispkg
            or info.name.rsplit(".", 1)[1].startswith("_")
            or info.name.endswith(".common")
        ):
            continue
        found.append(importlib.import_module(info.name))
    found.sort(key=lambda m: (m.ORDER, m.NAME))
    return {m.NAME: m for m in found}


def build_parser(modules: dict[str, ModuleType]) -> Parser:
    """The argument parser; one subparser per command module."""
    parser = Parser(
        prog="briefing",
        description="A terminal briefing reader: every fact in a story pack links to its source sentence.",
        epilog="Run 'briefing' alone to open the reader on the default pack, or 'briefing PACK' "
        "for another. Exit codes: 0 ok, 1 invalid pack or refused write, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, module in modules.items():
        summary: str = module.HELP
        command = sub.add_parser(
            name, help=summary, description=summary[0].upper() + summary[1:] + "."
        )
        module.add_arguments(command)
    return parser


def misspelt_command(word: str, names: Sequence[str]) -> str | None:
    """The command ``word`` was probably meant to be, when it is no path on disk.

    ``briefing PACK`` opens a pack, so a first word that is not a command is
    taken as a pack; but "valdate" is far likelier a typo than a missing folder,
    and "no pack at 'valdate'" would send the user looking for the wrong thing.
    """
    if Path(word).exists() or "/" in word or word.startswith("."):
        return None
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.75)
    return close[0] if close else None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``briefing`` and ``python -m briefing``."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    modules = command_modules()
    # "briefing --since DATE [PACK]" is the reader's option, given without the command.
    opens_reader = bool(args_list) and args_list[0].split("=")[0] == "--since"
    if (
        opens_reader
        or not args_list
        or (args_list[0] not in modules and not args_list[0].startswith("-"))
    ):
        meant = (
            misspelt_command(args_list[0], list(modules))
            if args_list and not opens_reader
            else None
        )
        if meant is not None:
            return fail(f"unknown command '{args_list[0]}' (did you mean '{meant}'?)")
        args_list.insert(0, DEFAULT_COMMAND)
    parser = build_parser(modules)
    try:
        args = parser.parse_args(args_list)
        if args.command is None:
            args = parser.parse_args([DEFAULT_COMMAND, *args_list])
        handler: Callable[[argparse.Namespace], int] = modules[args.command].run
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Piped into `head`: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
