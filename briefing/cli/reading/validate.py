"""``briefing validate [PACK]``: check a pack and report every problem, one line each."""

from __future__ import annotations

import argparse

from briefing.cli.common import EXIT_OK, add_pack_argument, load_or_report

NAME = "validate"
ORDER = 10
HELP = "check a pack: every problem as path:line:col, exit 1 if invalid (--strict: or any warning)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, and --strict (every warning is an error: faithfulness, dates, ...)."""
    add_pack_argument(parser)
    parser.add_argument(
        "--strict",
        action="store_true",
        help="report every warning as an error and exit 1 if there is any (for CI)",
    )


def run(args: argparse.Namespace) -> int:
    """Print diagnostics (stderr) and a one-line summary (stdout)."""
    from briefing.model.sanitize import clean_line

    pack, code = load_or_report(args.pack, strict=args.strict, faithfulness=True)
    if pack is None:
        return code
    facts = sum(len(g) for g in (pack.actors, pack.meetings, pack.pledges, pack.claims))
    evidence = sum(len(pack.spans(s.id)) for s in pack.sources)
    warnings = len(pack.warnings)
    from briefing.model.analysis import RULES, check, level

    accepted = sum(f.accepted is not None for f in check(pack, accepting_only=True))
    off = [rule for rule in RULES if level(pack, rule) == "off"]
    print(
        f"{clean_line(pack.meta.title)}: valid: {len(pack.sources)} sources, {len(pack.actors)} actors, "
        f"{len(pack.meetings)} meetings, {len(pack.pledges)} pledges, {len(pack.claims)} claims "
        f"({facts} facts, {evidence} evidence spans anchored), "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
        + (
            f", {accepted} accepted judgement{'s' if accepted != 1 else ''} (shown with their reasons)"
            if accepted
            else ""
        )
        + (f"; faithfulness rules off: {', '.join(off)}" if off else "")
    )
    return EXIT_OK
