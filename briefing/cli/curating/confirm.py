"""``briefing confirm PACK ID...``: accept candidates (their ``candidate: true`` line goes)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefing.cli.common import run_edits

if TYPE_CHECKING:
    from briefing.model.editing import Applied, EditSession

NAME = "confirm"
ORDER = 32
HELP = "confirm candidate actors or draft facts: remove their 'candidate: true' (undo: git or the reader)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, then one or more ids."""
    parser.add_argument("pack", metavar="PACK", help="pack folder")
    parser.add_argument("ids", nargs="+", metavar="ID", help="id of a candidate record")


def run(args: argparse.Namespace) -> int:
    """Confirm each id in turn; exit 1 if any was refused."""
    return run_edits(args.pack, [_confirm(i) for i in args.ids])


def _confirm(record_id: str) -> Callable[[EditSession], Applied]:
    return lambda session: session.confirm(record_id)
