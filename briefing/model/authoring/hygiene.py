"""Source hygiene: lines that are site furniture, and words that lost a character.

Scraped articles end in "Read more", "Also on site" lists, newsletter sign-ups
and copyright lines, and sometimes carry "Miche?l" where a letter was lost in
transit. Those are facts about the *text*, which the pack records in a source's
``flags``; this module only suggests them (``briefing init`` writes them with a
comment, ``briefing hygiene`` lists what a pack has not flagged yet). The rules
are generic patterns, never a list of one site's phrases, so they err on the
side of suggesting less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.model.authoring.machine_translation import (
    REPEATED,
    Sign,
    looks_machine_translated,
    signs,
    summary,
)
from briefing.model.names.acting import is_action_verb
from briefing.model.names.vocabulary import BYLINE_NOUNS, MASTHEAD_NOUNS, SECTION_LABELS

if TYPE_CHECKING:
    from briefing.model.types import Source

_BOILERPLATE = [
    (
        re.compile(
            r"^\W*(read more|read also|also read|read the full|more from|see also|related "
            r"(articles|stories|news)|recommended( for you)?|you may also like|also on site|"
            r"share (this|on)|follow us|click here|advertisement)\b",
            re.IGNORECASE,
        ),
        "site navigation",
    ),
    (
        re.compile(
            r"\b(sign up|subscribe|subscriber|newsletter|to your inbox|free updates?|log ?in|"
            r"sign in|accept (all )?cookies|we use cookies|cookie (policy|settings|preferences))\b|"
            r"\baccept all\W*$",  # a consent banner's button, at the line's end (never prose)
            re.I,
        ),
        "newsletter sign-up",
    ),
    (
        re.compile(
            r"^\W*(most (read|popular|viewed)|trending|top stories|more stories|latest news|related)\W*$|"
            r"\b(facebook|twitter|linkedin|whatsapp|e-?mail)\s*\|",
            re.I,
        ),
        "site navigation",
    ),
    (re.compile(r"©|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE), "copyright line"),
]
_HEADER = re.compile(
    r"^\W*(also on site|related|read also|read more|more from|see also|recommended|most (read|popular|viewed)|"
    r"trending|top stories|more stories|share this)",
    re.I,
)
_BANNER = re.compile(r"^[^a-z]*[A-Z]{2}[^a-z]*$")
"""A short line in capitals ("ENERGY EUROPE BRIEFING"): a newsletter's or site's name."""
FOOT_LINE = 100
"""Lines after a footer header ("Most read") this short are links, not the article."""
_LIST_ITEM = re.compile(r"^\s*[-•*·]\s+\S")
_LOST = re.compile(r"\b[^\W\d_]+(?:(?:\?|\ufffd)[^\W\d_]+)+")
"""A word with '?' or U+FFFD between letters. The leading \\b starts a match only at a
word's start: without it a 40,000-letter run was rescanned from every letter (130 s)."""
_COPYRIGHT_OWNER = re.compile(
    r"(?:©|\bcopyright\b)\s*(?:\d{4}\s*)?([^().,©]{3,60}?)\s*(?:\(|\.|,|all rights|$)", re.I
)
SHORT_LINE = 160
"""Sign-ups and navigation are short lines; a long paragraph mentioning a newsletter is prose."""


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A run of 1-based lines ``first``..``last`` that look like site furniture."""

    first: int
    last: int
    reason: str
    sample: str

    @property
    def value(self) -> str:
        """The form ``flags.boilerplate_lines`` takes: ``"N"`` or ``"N-M"``."""
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True, slots=True)
class Hygiene:
    """Everything suggested about one article's text."""

    boilerplate: tuple[Boilerplate, ...]
    lost_characters: tuple[str, ...]
    repeated_phrase: str | None
    """A phrase repeated back to back ("for a peace operation for a peace operation"): garbled prose."""
    outlet: str | None
    """The owner named in a copyright line, a guess for ``outlet``."""
    translation_signs: tuple[Sign, ...] = ()
    """Signs of machine translation (see :mod:`briefing.model.authoring.machine_translation`)."""

    @property
    def machine_translated(self) -> bool:
        """True when the signs are enough to suggest ``machine_translated: true``."""
        return looks_machine_translated(list(self.translation_signs))

    def boilerplate_line_numbers(self) -> set[int]:
        """Every suggested line, for excluding furniture from candidate extraction."""
        return {n for b in self.boilerplate for n in range(b.first, b.last + 1)}


NAV_ITEM_WORDS = 3
"""A menu item ("Home", "World", "Sign in", "Middle East") is this many words at most."""


def is_navigation(line: str) -> bool:
    """A site's menu or breadcrumb: short capitalised items between '|' ("Home | World | Africa").

    A byline has the same shape ("Jane Doe | Africa Editor | Outlet") but names a
    role ('Editor', 'Correspondent', 'Desk'); a menu never does. Linear in the line.
    """
    items = [item.strip() for item in line.split("|")]
    if len(items) < 2 or not all(items):
        return False
    for item in items:
        words = item.split()
        if len(words) > NAV_ITEM_WORDS or not item[0].isupper() or any(c.isdigit() for c in item):
            return False
        if any(w.lower().strip(".,") in BYLINE_NOUNS for w in words) or item[-1] in ".!?":
            return False
    return True


_MASTHEAD = re.compile(r"^(?:The )?(?:[A-Z][\w'&.-]* ){0,3}([A-Z][a-z]+)$")
"""Up to four capitalised words and no punctuation at the end: a masthead's shape."""


def is_masthead(line: str) -> bool:
    """A publication's name in mixed case ("Sahel Energy Review"): its last word says so.

    A headline in title case ("Laos Wins Reprieve as China Agrees to Talk") has a verb or
    a lowercase word and does not end in a publication's noun. Linear (no nested repeats).
    """
    shape = _MASTHEAD.match(line.strip())
    if shape is None or shape.group(1).lower() not in MASTHEAD_NOUNS:
        return False
    # "Moldova Seeks Record": a title-case headline has a verb; a masthead has none.
    return not any(is_action_verb(w.lower(), bare=True) for w in line.split()[:-1])


def _banner(lines: list[str]) -> bool:
    """The first line is a site's name ("THE HORN BRIEF", "Sahel Energy Review") above a headline."""
    first = lines[0].strip() if lines else ""
    following = next((line.strip() for line in lines[1:] if line.strip()), "")
    return (
        (bool(_BANNER.match(first)) or is_masthead(first))
        and len(first) <= BANNER_LENGTH
        and len(first.split()) <= BANNER_WORDS
        and bool(following)
        and not following.isupper()
    )


BANNER_LENGTH = 40
BANNER_WORDS = 4
"""A banner is a name, not a headline in capitals ("SUDAN'S GENERALS END TALKS WITHOUT TRUCE")."""


def _line_reason(line: str, after_header: bool) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > SHORT_LINE:
        return None
    for pattern, reason in _BOILERPLATE:
        if pattern.search(stripped):
            return reason
    if is_navigation(stripped):
        return "site navigation"
    if after_header and _LIST_ITEM.match(line):
        return "link list"
    return None


def boilerplate(text: str) -> list[Boilerplate]:
    """Runs of boilerplate lines; one unflagged line between two runs joins them.

    The join catches a site's own sentence inside its footer ("Finally we wish
    X provided you with enough information") without knowing the site.
    """
    lines = text.split("\n")
    marked: dict[int, tuple[str, str]] = {}
    in_list = False
    for number, line in enumerate(lines, start=1):
        reason = _line_reason(line, in_list)
        if reason is not None:
            marked[number] = (reason, line.strip())
            in_list = in_list or bool(_HEADER.match(line.strip()))
        elif line.strip():
            in_list = False
    if _banner(lines):
        marked.setdefault(1, ("site banner", lines[0].strip()))
        if len(lines) > 1 and lines[1].strip().lower() in SECTION_LABELS:
            marked.setdefault(2, ("site section", lines[1].strip()))  # "Analysis" under it
    runs: list[Boilerplate] = []
    for number in sorted(marked):
        reason, sample = marked[number]
        if (
            runs
            and number - runs[-1].last <= 2
            and _only_blank_or_short(lines, runs[-1].last, number)
        ):
            last = runs[-1]
            runs[-1] = Boilerplate(last.first, number, last.reason, last.sample)
        else:
            runs.append(Boilerplate(number, number, reason, sample))
    return _whole_blocks(lines, runs)


def _whole_blocks(lines: list[str], runs: list[Boilerplate]) -> list[Boilerplate]:
    """Grow the first and last runs to the whole banner at the top and the whole footer.

    Furniture comes in blocks: a three-line banner has a site name in capitals
    above the sign-up line; a "Most read" header is followed by headlines with no
    keyword in them. A run at the top takes in the capitalised banner lines
    touching it; a run that only short lines follow takes in everything to the end.
    """
    if not runs:
        return runs
    first = runs[0]
    top = first.first
    while top > 1 and _BANNER.match(lines[top - 2].strip()) and len(lines[top - 2]) <= 60:
        top -= 1
    if top != first.first:
        runs[0] = Boilerplate(top, first.last, first.reason, first.sample)
    for index, run in enumerate(runs):
        header = _HEADER.match(lines[run.first - 1].strip()) or index == len(runs) - 1
        after = [line.strip() for line in lines[run.last :]]
        if header and all(len(line) <= FOOT_LINE for line in after) and any(after):
            last = len(lines)
            while last > run.last and not lines[last - 1].strip():
                last -= 1
            merged = Boilerplate(run.first, last, run.reason, run.sample)
            return [*runs[:index], merged]
    return runs


def _only_blank_or_short(lines: list[str], last: int, number: int) -> bool:
    """True when every line strictly between ``last`` and ``number`` is blank or short."""
    return all(len(lines[i - 1].strip()) <= SHORT_LINE for i in range(last + 1, number))


def lost_characters(text: str) -> list[str]:
    """Words with a ``?`` (or U+FFFD) between letters, in order of first appearance."""
    return list(dict.fromkeys(m.group() for m in _LOST.finditer(text)))


def examine(text: str) -> Hygiene:
    """All hygiene suggestions for one article."""
    runs = boilerplate(text)
    repeated = REPEATED.search(text)
    outlet = None
    for run in runs:
        for line in text.split("\n")[run.first - 1 : run.last]:
            owner = _COPYRIGHT_OWNER.search(line)
            if owner and owner.group(1).strip():
                outlet = owner.group(1).strip()
                break
    skip = {n for b in runs for n in range(b.first, b.last + 1)}
    return Hygiene(
        tuple(runs),
        tuple(lost_characters(text)),
        repeated.group() if repeated else None,
        outlet,
        tuple(signs(text, skip)),
    )


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Something the text suggests flagging that a source's ``flags`` do not say yet."""

    offset: int
    """Where in the article it is (for ``file:line:col``)."""
    message: str
    fix: str
    """What to add to the source's ``flags``."""


def unflagged(source: Source) -> list[Suggestion]:
    """What :func:`examine` suggests for ``source`` that its flags do not already cover."""
    text = source.text
    found = examine(text)
    flagged = {n for first, last in source.flags.boilerplate_lines for n in range(first, last + 1)}
    starts = source.article.line_starts
    suggestions = []
    for run in found.boilerplate:
        lines = set(range(run.first, run.last + 1))
        if lines <= flagged:
            continue
        which = f"line {run.first}" if run.first == run.last else f"lines {run.first}-{run.last}"
        suggestions.append(
            Suggestion(
                starts[run.first - 1],
                f"{which} look like site furniture ({run.reason}: {run.sample[:60]!r})",
                f'add "{run.value}" to boilerplate_lines',
            )
        )
    known = set(source.flags.lost_characters)
    for word in found.lost_characters:
        if word not in known:
            suggestions.append(
                Suggestion(
                    text.find(word),
                    f"{word!r} has lost a character",
                    f"add {word!r} to lost_characters",
                )
            )
    if found.machine_translated and not source.flags.machine_translated:
        first = found.translation_signs[0]
        suggestions.append(
            Suggestion(
                starts[first.line - 1],
                f"reads as machine-translated: {summary(list(found.translation_signs))}",
                "set machine_translated: true if it is a translation",
            )
        )
    if found.repeated_phrase is not None and not source.flags.garbled:
        suggestions.append(
            Suggestion(
                text.find(found.repeated_phrase),
                f"a phrase is repeated back to back ({found.repeated_phrase[:60]!r}): garbled prose?",
                "set garbled: true if the text is garbled",
            )
        )
    return sorted(suggestions, key=lambda s: s.offset)
