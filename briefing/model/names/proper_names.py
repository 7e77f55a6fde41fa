"""Name-like mentions in an article: runs of capitalised words, titles stripped.

The extraction half of :mod:`briefing.model.authoring.candidates` (which clusters these
mentions into candidate actors). The word lists are generic English (no
story-specific names): they tell a name from a capitalised sentence opener and
a title ("Prime Minister") from the name it precedes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from briefing.model.names.acting import acts
from briefing.model.names.countries import BY_FORM, Country, country_of
from briefing.model.names.vocabulary import (
    CONNECTORS,
    GROUP_WORDS,
    HEAD_TITLES,
    MEETING_NOUNS,
    ORG_WORDS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    PORTFOLIOS,
    ROLE_NOISE,
    SENTENCE_OPENERS,
    TITLE_WORDS,
)
from briefing.model.text import Article

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'-]|\?(?=[^\W\d_]))*")
_SAID = re.compile(
    r"^\s*,?\s*(said|says|told|added|stated|warned|noted|announced|insisted|argued)\b"
)


@dataclass(slots=True)
class ProperName:
    """One occurrence of a name as written (title stripped)."""

    form: str
    source: str
    offset: int
    sentence: str
    sentence_initial: bool
    title: str | None = None
    said: bool = False
    country: Country | None = None
    after_preposition: bool = False
    """It follows 'in', 'at', 'to'... ('talks in Taraz'): a place there."""
    place: bool = False
    """It ends in, or is followed by, a place word ('Talas River', 'the Kirov dam')."""
    country_hint: bool = False
    """Named as the country of a title ('Foreign Minister of Q'), though not in the table."""
    acts: bool = False
    """The subject of a verb of doing or saying ('Riyadh offered', 'said X', 'X, the bank's head')."""
    after_time: bool = False
    """Right after a clock time ('6:15 p.m. UTC'): a time zone, not a name."""


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, token) with possessives and trailing punctuation removed."""
    found = []
    for match in _TOKEN.finditer(sentence):
        token, end = match.group(), match.end()
        for suffix in ("’s", "'s", "’", "'", "-"):
            if token.endswith(suffix) and len(token) > len(suffix):
                token, end = token[: -len(suffix)], end - len(suffix)
        found.append((match.start(), end, token))
    return found


def _is_capitalised(token: str) -> bool:
    return token[0].isupper() and token.lower() not in SENTENCE_OPENERS


def _runs(sentence: str) -> list[list[tuple[int, int, str]]]:
    """Maximal runs of capitalised tokens, joined by single spaces and connectors."""
    tokens = _tokens(sentence)
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []
    for tok in tokens:
        previous = pending[-1] if pending else (current[-1] if current else None)
        adjacent = previous is not None and sentence[previous[1] : tok[0]] == " "
        if _is_capitalised(tok[2]):
            if current and adjacent:
                current.extend(pending)
            elif current:
                runs.append(current)
                current = []
            if not current:
                current = []
            current.append(tok)
            pending = []
        elif (
            tok[2] in CONNECTORS
            and current
            and adjacent
            and (tok[2] != "the" or (pending and pending[-1][2] == "of"))
        ):
            pending.append(tok)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return _with_owners(sentence, runs)


def _with_owners(
    sentence: str, runs: list[list[tuple[int, int, str]]]
) -> list[list[tuple[int, int, str]]]:
    """Runs with a country's possessive joined to the organisation it owns.

    "China's Export-Import Bank", "Britain's Foreign Office": an institution
    named by generic words is told apart by its country, so the two runs the
    possessive splits are one name, as written. Only a whole run that is a
    country, and a next run ending in an organisation word ("Bank",
    "Ministry"): "Russia's Gazprom" and "China's Vice Finance Minister Liao
    Jianguo" stay two names.
    """
    joined: list[list[tuple[int, int, str]]] = []
    for run in runs:
        if joined:
            owner = joined[-1]
            gap = sentence[owner[-1][1] : run[0][0]]
            if (
                gap in ("'s ", "’s ")
                and sentence[owner[0][0] : owner[-1][1]] in BY_FORM
                and run[-1][2].lower() in ORG_WORDS
            ):
                owner.extend(run)
                continue
        joined.append(run)
    return joined


def _title_phrase(words: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """(words before, the title, the name) when ``words`` hold a title; None otherwise.

    A title starts at its first title or portfolio word and runs over title
    words, portfolios, connectors and the country after "of" ("Minister of
    Energy of Moldova", "Kazakh Water Resources Minister"); the name is what
    follows. It must hold a head word (Minister, President, Sir): "Energy Europe
    Media" is not a title.
    """
    start = next(
        (
            i
            for i, w in enumerate(words)
            if w.lower() in TITLE_WORDS | PORTFOLIOS and w.lower() not in ("of", "the", "state")
        ),
        None,
    )
    if start is None:
        return None
    end = start
    head = False
    index = start
    while index < len(words):
        lower = words[index].lower()
        if lower in HEAD_TITLES:
            head = True
            end = index + 1
        elif lower in ("of", "for") and index + 1 < len(words):
            nxt = index + 1
            if words[nxt].lower() == "the" and nxt + 1 < len(words):
                nxt += 1
            following = words[nxt]
            if following.lower() in TITLE_WORDS | PORTFOLIOS:
                index = nxt
                end = nxt + 1
                continue
            size = _country_prefix(words[nxt:])
            if (
                head
                and following[:1].isupper()
                and (size or nxt + 1 == len(words) or _next_is_name(words, nxt))
            ):
                end = nxt + max(size, 1)  # "of Austria", "of Q": the country of the title
                index = end
                continue
            break
        elif lower in TITLE_WORDS or lower in PORTFOLIOS or lower == "and":
            end = index + 1
        else:
            break
        index += 1
    if not head:
        return None
    while end > start and words[end - 1].lower() in ("and", "of", "the", "for"):
        end -= 1
    return words[:start], words[start:end], words[end:]


def _next_is_name(words: list[str], index: int) -> bool:
    """After 'of X', the rest still reads as a person's name (two or three capitalised words)."""
    rest = words[index + 1 :]
    return 2 <= len(rest) <= 3 and all(w[:1].isupper() for w in rest)


def _country_prefix(words: list[str]) -> int:
    """How many leading words name a country (0 if none); longest form wins."""
    for size in range(min(5, len(words)), 0, -1):
        if " ".join(words[:size]) in BY_FORM:
            return size
    return 0


def _mentions_in_run(
    words: list[str],
    start: int,
    source: str,
    sentence: str,
    sentence_offset: int,
    initial: bool,
    title: str | None = None,
) -> Iterable[ProperName]:
    """Split one run into mentions: titles stripped, leading countries split off."""
    if not words:
        return
    split = _title_phrase(words)
    if split is not None:
        lead, phrase, name = split
        offset = start
        if lead:
            yield from _mentions_in_run(lead, start, source, sentence, sentence_offset, initial)
            offset += len(" ".join(lead)) + 1
        at = offset
        role_words: list[str] = []
        after_of = False
        skip_to = 0
        for position, word in enumerate(phrase):
            lower = word.lower()
            if position < skip_to:
                at += len(word) + 1
                continue
            if after_of and lower not in TITLE_WORDS | PORTFOLIOS | CONNECTORS:
                # "of Austria", "of the United States", "of Q": the title's country.
                size = _country_prefix(phrase[position:]) or 1
                form = " ".join(phrase[position : position + size])
                skip_to = position + size
                yield ProperName(
                    form,
                    source,
                    sentence_offset + at,
                    sentence,
                    False,
                    country=BY_FORM.get(form),
                    country_hint=form not in BY_FORM,
                )
                if role_words and role_words[-1] in ("of", "the"):
                    while role_words and role_words[-1] in ("of", "the"):
                        role_words.pop()
            elif lower not in ROLE_NOISE or lower in ("of", "the"):
                role_words.append(word)
            after_of = lower in ("of", "the") and (after_of or lower == "of")
            at += len(word) + 1
        while role_words and role_words[-1].lower() in ROLE_NOISE | {"and", "for"}:
            role_words.pop()
        while role_words and role_words[0].lower() in ROLE_NOISE:
            role_words.pop(0)
        if name and name[0] in ("of", "for"):
            # "Minister of the Energetic Transition": a portfolio the list does not know is
            # still the title's, never a name ("of the Energetic Transition").
            return
        if "of" in name:
            cut = name.index("of")
            tail = " ".join(name[cut + 1 :])
            if tail in BY_FORM:  # "Prime Minister Kaja Kalas of Estonia"
                where = at + len(" ".join(name[: cut + 1])) + 1
                yield ProperName(
                    tail, source, sentence_offset + where, sentence, False, country=BY_FORM[tail]
                )
                name = name[:cut]
        if name:
            yield from _mentions_in_run(
                name,
                at,
                source,
                sentence,
                sentence_offset,
                False,
                " ".join(role_words) or title or "",
            )
        return
    size = _country_prefix(words)
    if size and size < len(words) and words[-1].lower() in ORG_WORDS | GROUP_WORDS:
        size = 0  # "European Union", "French Foreign Ministry": one organisation
    if size:
        form = " ".join(words[:size])
        yield ProperName(
            form, source, sentence_offset + start, sentence, initial, country=country_of(form)
        )
        rest = words[size:]
        if rest:
            yield from _mentions_in_run(
                rest,
                start + len(form) + 1,
                source,
                sentence,
                sentence_offset,
                False,
                title,
            )
        return
    if len(words) == 1 and "-" in words[0]:
        parts = words[0].split("-")
        if all(p in BY_FORM for p in parts):  # "Russia-Ukraine war"
            for part in parts:
                yield ProperName(
                    part, source, sentence_offset + start, sentence, initial, country=BY_FORM[part]
                )
            return
    while words and words[-1] in CONNECTORS:
        words = words[:-1]
    form = " ".join(words)
    after = sentence[start + len(form) :]
    yield ProperName(
        form,
        source,
        sentence_offset + start,
        sentence,
        initial,
        title=title or None,
        said=bool(_SAID.match(after)),
        acts=acts(sentence, start, start + len(form)),
        after_time=_CLOCK.search(sentence, max(0, start - 24), start) is not None,
    )


_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?$", re.I)


def proper_names(
    source: str, text: str, skip_lines: AbstractSet[int] = frozenset()
) -> list[ProperName]:
    """Every name-like mention in one article, boilerplate lines skipped."""
    article = Article.from_text(text)
    found: list[ProperName] = []
    for start, end in article.sentences:
        if article.line_of(start) in skip_lines:
            continue
        sentence = text[start:end]
        for run in _runs(sentence):
            first = run[0][0]
            words = sentence[first : run[-1][1]].split(" ")
            initial = not sentence[:first].strip(" \"'“‘(")
            before = sentence[max(0, first - 40) : first].lower().split()
            if before and before[-1] == "the":
                before.pop()
            after_prep = bool(before) and before[-1] in PLACE_PREPOSITIONS
            following = _PLACE_AFTER.match(sentence, run[-1][1])
            place = words[-1].lower() in PLACE_WORDS or (
                following is not None and following.group(1) in PLACE_WORDS | MEETING_NOUNS
            )
            title = None
            if len(before) >= 2 and before[-1] in ("of", "for") and before[-2] in HEAD_TITLES:
                # "the minister of the Foreign Affairs Mauro Vieira": the portfolio is the title's.
                lead = 0
                while lead < len(words) and words[lead].lower() in _TITLE_PARTS:
                    lead += 1
                if 0 < lead < len(words):
                    title = " ".join([before[-2], before[-1], *words[:lead]])
                    first += len(" ".join(words[:lead])) + 1
                    words = words[lead:]
            for mention in _mentions_in_run(words, first, source, sentence, start, initial, title):
                mention.after_preposition = after_prep
                mention.place = place
                found.append(mention)
    return found


_PLACE_AFTER = re.compile(r"\s+([a-z]+)")
_TITLE_PARTS = TITLE_WORDS | PORTFOLIOS | CONNECTORS
