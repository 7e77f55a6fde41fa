"""The legend: every mark and colour the reader draws, with what it means.

Shown under the keys on the help screen (``?``; the palette finds it by "keys",
"help" or "legend"). The colour samples are drawn with the source pane's own
styles, passed in by the caller, so the legend always matches the theme in
force; the marks' examples use the same wording the panes build (labels.py,
the timeline's support cell, the search score tiers).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.style import Style

from briefing.model.names import DERIVED, EXACT, FUZZY_MAX, SYNONYM

HIGHLIGHTS: tuple[tuple[str, str, str], ...] = (
    ("quote", "quoted words", "the words the evidence quotes"),
    ("sentence", "its sentence", "the sentence the quote stands in"),
    ("other", "cited elsewhere", "other sentences of this article that some fact cites"),
    ("boilerplate", "Subscribe now", "site boilerplate (menus, adverts), not the story"),
    ("lost", "Miche?l", "a word with a lost character, as the article has it"),
)
"""(source-pane style, sample, meaning)."""

MARKS: tuple[tuple[str, str], ...] = (
    (
        "[3 src/3 outlets B1]",
        "support and rating: cited by 3 sources from 3 independent outlets; "
        "Admiralty rating = source reliability A (reliable) to F, "
        "then credibility 1 (confirmed) to 6",
    ),
    ("[single source D4]", "one source only: weigh it accordingly"),
    (
        "2/2 C3",
        "the same in the timeline and board: sources/outlets and rating; "
        "reversed when all come from one outlet",
    ),
    ("[D MT]", "a source's grade (A to F); MT: machine-translated"),
    ("[conditional]", "a pledge's status (green: firm, yellow: tentative, red: declined)"),
    (
        "⚠ banner",
        "above an article: why to read it with care (machine translation, "
        "garbled text, lost characters, boilerplate)",
    ),
    ("● marked", "marked with space: what export (e) writes"),
    ("+ new", "in the navigator: new or changed since the last note (w lists what changed)"),
    ("→ link", "in the detail pane: enter follows it"),
    ("1/8", "evidence item 1 of 8: n and N step through them"),
    (
        "96",
        f"search score: {EXACT:.0f} a name or alias as written, "
        f"{DERIVED:.0f}-{SYNONYM:.0f} a synonym, surname, initials or acronym, "
        f"{FUZZY_MAX:.0f} or less a fuzzy match (typo, transliteration)",
    ),
    ("(kind)", "after an actor's name: country, person, organisation, group"),
)
"""(mark as drawn, meaning)."""


def legend_rows(style_of: Callable[[str], Style]) -> list[tuple[Text, str]]:
    """(sample as drawn, meaning) for every highlight and mark.

    ``style_of("quote")`` gives the source pane's style for that highlight (its
    ``source-view--quote`` component class), so the samples follow the theme.
    """
    rows = [
        (Text(sample, style=style_of(kind).rich_style), meaning)
        for kind, sample, meaning in HIGHLIGHTS
    ]
    rows.extend((Text(mark, style="bold"), meaning) for mark, meaning in MARKS)
    return rows
