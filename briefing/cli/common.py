"""What every subcommand shares: exit codes, the PACK argument, loading with diagnostics."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefing.model.io import display
from briefing.model.sanitize import clean_line

if TYPE_CHECKING:
    from briefing.model.authoring import InitRefused
    from briefing.model.editing import Applied, EditSession
    from briefing.model.pack import Pack

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

PACK_HELP = "pack folder (default: the Coalition of the Willing pack shipped with briefing)"


def add_pack_argument(parser: argparse.ArgumentParser) -> None:
    """The optional PACK positional every command takes."""
    parser.add_argument("pack", nargs="?", metavar="PACK", help=PACK_HELP)


def load_or_report(
    pack_arg: str | None, *, strict: bool = False, faithfulness: bool = False
) -> tuple[Pack | None, int]:
    """Load a pack, printing each diagnostic on its own line; return (pack, exit code).

    With ``strict``, every warning is reported as an error and makes the pack invalid;
    with ``faithfulness``, each fact is checked against its own evidence too.
    """
    from dataclasses import replace

    from briefing.model import load_pack
    from briefing.model.collector import collector_paused, keep_for_good
    from briefing.model.diagnostics import Severity, dropped_line

    # The collector is paused while loading and what was loaded is then frozen: the
    # pack lives until the command ends and holds no cycles, so collecting passes
    # over its millions of objects would only cost time.
    with collector_paused():
        result = load_pack(pack_arg, faithfulness=faithfulness)
        keep_for_good()
    if result.usage_error is not None:
        print(f"briefing: error: {clean_line(result.usage_error)}", file=sys.stderr)
        return None, EXIT_USAGE
    if strict and result.pack is not None and (result.diagnostics or result.dropped):
        # --strict: every warning is an error, and the pack is not valid.
        lines = [replace(d, severity=Severity.ERROR).format() for d in result.diagnostics]
        if result.dropped:
            lines.append(dropped_line(result.dropped))
        count = len(result.diagnostics) + result.dropped
        lines.append(
            f"briefing: {count:,} error{'s' if count != 1 else ''} under --strict; "
            "the pack is not valid"
        )
        for line in lines:
            print(line, file=sys.stderr)
        return None, EXIT_INVALID
    for line in result.report():
        print(line, file=sys.stderr)
    if result.pack is None:
        return None, EXIT_INVALID
    return result.pack, EXIT_OK


def validate_written(pack_arg: str) -> int:
    """Print the ``validate:`` line for a pack ``init`` or ``add`` just wrote; its exit code.

    Counted as ``briefing validate`` counts (faithfulness findings included), so the
    two agree: the line printed after writing used to leave those out.
    """
    from briefing.model import load_pack

    loaded = load_pack(pack_arg, faithfulness=True)
    errors = loaded.error_count  # every one, also those past the diagnostics kept
    warnings = len(loaded.diagnostics) - len(loaded.errors) + loaded.dropped_warnings
    why = " (the TODOs and candidates above)" if errors == 0 and warnings else ""
    print(f"validate: {errors} errors, {warnings} warnings{why}")
    for diagnostic in loaded.errors:
        print(diagnostic.format(), file=sys.stderr)
    return EXIT_OK if errors == 0 else EXIT_INVALID


def refused(exc: InitRefused) -> int:
    """A refused ``init`` or ``add``: a problem inside an article as ``path:line:col:
    error: ...`` (as ``validate`` prints one), any other as ``briefing: error: ...``."""
    code = EXIT_USAGE if exc.usage else EXIT_INVALID
    if exc.diagnostic is None:
        return fail(str(exc), code)
    print(exc.diagnostic.format(), file=sys.stderr)
    return code


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print a one-line error and return its exit code.

    Messages echo what the user typed (a path, an id, a date): a folder name reached
    by a shell glob can hold ``ESC ] 0 ; … BEL``, so the line goes through the one
    sanitiser, like every diagnostic.
    """
    print(f"briefing: error: {clean_line(message)}", file=sys.stderr)
    return code


def run_edits(pack_arg: str, edits: list[Callable[[EditSession], Applied]]) -> int:
    """Make each edit in turn through the one edit engine; one line per edit or problem.

    A refused edit prints why (and the diagnostics that explain it) and the next
    one is still tried; the exit code is 1 when any was refused, 2 when PACK is
    no pack.
    """
    from briefing.model.editing import EditRefused, EditSession

    try:
        session = EditSession(pack_arg)
    except EditRefused as exc:
        return fail(str(exc))
    code = EXIT_OK
    for edit in edits:
        try:
            applied = edit(session)
        except EditRefused as exc:
            print(f"briefing: error: {clean_line(str(exc))}", file=sys.stderr)
            for diagnostic in exc.diagnostics:
                print(diagnostic.format(), file=sys.stderr)
            code = EXIT_INVALID
            continue
        files = ", ".join(display(p) for p in applied.change.after)
        print(clean_line(f"{applied.change.description}: written to {files}"))
    return code
