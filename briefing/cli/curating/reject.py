"""``briefing reject PACK ID...``: delete candidates (refused while anything refers to one)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefing.cli.common import run_edits

if TYPE_CHECKING:
    from briefing.model.editing import Applied, EditSession

NAME = "reject"
ORDER = 33
HELP = "reject candidate actors or draft facts: remove their lines (refused if something refers to one)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, then one or more ids."""
    parser.add_argument("pack", metavar="PACK", help="pack folder")
    parser.add_argument("ids", nargs="+", metavar="ID", help="id of a candidate record")


def run(args: argparse.Namespace) -> int:
    """Reject each id in turn; exit 1 if any was refused."""
    return run_edits(args.pack, [_reject(i) for i in args.ids])


def _reject(record_id: str) -> Callable[[EditSession], Applied]:
    return lambda session: session.reject(record_id)
