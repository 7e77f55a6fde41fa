"""``briefing coverage [PACK]``: cited sentences per source, and the gaps that name an actor."""

from __future__ import annotations

import argparse

from briefing.cli.common import EXIT_INVALID, EXIT_OK, add_pack_argument, load_or_report

NAME = "coverage"
ORDER = 15
HELP = "per source: sentences cited / article sentences, and uncited sentences naming an actor"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, and --strict for CI use."""
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 if any sentence naming an actor is uncited and unexplained",
    )
    add_pack_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Print the table, then each gap as source:line:col with its sentence."""
    from briefing.model.authoring.coverage import coverage
    from briefing.model.sanitize import clean_line

    pack, code = load_or_report(args.pack)
    if pack is None:
        return code
    report = coverage(pack)
    width = max([len("source"), *(len(r.source.id) for r in report)])
    print(f"{'source':<{width}}  cited / sentences  coverage  explained  gaps")
    for row in report:
        print(
            f"{row.source.id:<{width}}  {row.cited:>5} / {row.sentences:<9}  {row.ratio:>7.0%}  "
            f"{row.explained:>9}  {len(row.gaps):>4}"
        )
    totals = [sum(getattr(r, f) for r in report) for f in ("cited", "sentences", "explained")]
    gaps = [(row, gap) for row in report for gap in row.gaps]
    share = totals[0] / totals[1] if totals[1] else 0.0
    print(
        f"{'total':<{width}}  {totals[0]:>5} / {totals[1]:<9}  {share:>7.0%}  {totals[2]:>9}  {len(gaps):>4}"
    )
    if gaps:
        print(
            "\nUncited sentences that name a known actor (cite them, or add them to the source's `uncited` with a reason):"
        )
        for row, gap in gaps:
            line, col = row.source.article.line_col(gap.start)
            print(
                f"{row.source.file}:{line}:{col}: {', '.join(gap.actors)}: {clean_line(gap.sentence)}"
            )
    return EXIT_INVALID if gaps and args.strict else EXIT_OK
