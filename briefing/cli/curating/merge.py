"""``briefing merge PACK ID INTO_ID``: fold one actor into another."""

from __future__ import annotations

import argparse

from briefing.cli.common import run_edits

NAME = "merge"
ORDER = 34
HELP = (
    "merge actor ID into INTO_ID: its name and aliases become INTO_ID's aliases, "
    "references to it are repointed, its record goes"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack and the two actor ids."""
    parser.add_argument("pack", metavar="PACK", help="pack folder")
    parser.add_argument("id", metavar="ID", help="the actor to fold in (usually a candidate)")
    parser.add_argument("into", metavar="INTO_ID", help="the actor that keeps its id")


def run(args: argparse.Namespace) -> int:
    """Merge; exit 1 if refused."""
    return run_edits(args.pack, [lambda s: s.merge(args.id, args.into)])
