"""``briefing hygiene [PACK]``: what the articles' text suggests flagging that the pack has not.

``briefing init`` writes these suggestions into a new pack; articles change and
packs grow, so this checks an existing pack the same way: site furniture not in
``boilerplate_lines``, words with a lost character not in ``lost_characters``,
and back-to-back repeated phrases (garbled prose) in a source not flagged
``garbled``. Suggestions only: the pack files are never touched.
"""

from __future__ import annotations

import argparse

from briefing.cli.common import EXIT_INVALID, EXIT_OK, add_pack_argument, load_or_report

NAME = "hygiene"
ORDER = 16
HELP = "suggest source flags (boilerplate lines, lost characters, garbled prose) not yet set"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, and --strict for CI use."""
    parser.add_argument("--strict", action="store_true", help="exit 1 if there is anything to flag")
    add_pack_argument(parser)


def run(args: argparse.Namespace) -> int:
    """One line per suggestion, as ``article:line:col: suggestion: ...``; then a count."""
    from briefing.model.authoring import unflagged
    from briefing.model.sanitize import clean_line

    pack, code = load_or_report(args.pack)
    if pack is None:
        return code
    count = 0
    for source in pack.sources:
        for item in unflagged(source):
            line, col = source.article.line_col(item.offset)
            print(
                f"{source.file}:{line}:{col}: suggestion: {clean_line(item.message)} "
                f"(source '{source.id}': {clean_line(item.fix)})"
            )
            count += 1
    if count:
        print(f"briefing: {count} suggestion{'s' if count != 1 else ''} for source flags")
    else:
        print(f"briefing: nothing to flag in {len(pack.sources)} sources")
    return EXIT_INVALID if count and args.strict else EXIT_OK
