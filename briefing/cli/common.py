"""What every subcommand shares: exit codes, the PACK argument, loading with diagnostics."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from briefing.model.sanitize import clean_line

if TYPE_CHECKING:
    from briefing.model.pack import Pack

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

PACK_HELP = "pack folder (default: the Coalition of the Willing pack shipped with briefing)"


def add_pack_argument(parser: argparse.ArgumentParser) -> None:
    """The optional PACK positional every command takes."""
    parser.add_argument("pack", nargs="?", metavar="PACK", help=PACK_HELP)


def load_or_report(pack_arg: str | None) -> tuple[Pack | None, int]:
    """Load a pack, printing each diagnostic on its own line; return (pack, exit code).

    The collector is paused while loading and what was loaded is then frozen:
    the pack lives until the command ends and holds no cycles, so collecting
    passes over its millions of objects would only cost time.
    """
    from briefing.model import load_pack
    from briefing.model.collector import collector_paused, keep_for_good

    with collector_paused():
        result = load_pack(pack_arg)
    keep_for_good()
    if result.usage_error is not None:
        print(f"briefing: error: {clean_line(result.usage_error)}", file=sys.stderr)
        return None, EXIT_USAGE
    for line in result.report():
        print(line, file=sys.stderr)
    if result.pack is None:
        return None, EXIT_INVALID
    return result.pack, EXIT_OK


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print a one-line error and return its exit code.

    Messages echo what the user typed (a path, an id, a date): a folder name reached
    by a shell glob can hold ``ESC ] 0 ; … BEL``, so the line goes through the one
    sanitiser, like every diagnostic.
    """
    print(f"briefing: error: {clean_line(message)}", file=sys.stderr)
    return code
