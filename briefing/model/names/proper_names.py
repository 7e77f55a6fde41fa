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

from briefing.model.names.countries import BY_FORM, Country, country_of
from briefing.model.names.vocabulary import (
    CONNECTORS,
    GROUP_WORDS,
    HEAD_TITLES,
    ORG_WORDS,
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
    return runs


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
    # Strip a title: everything up to the last head title word ("Minister",
    # "Sir") that a name follows. A trailing "of Estonia" is a country mention.
    last_title = -1
    for index, word in enumerate(words[:-1]):
        if word.lower() in HEAD_TITLES and words[index + 1].lower() not in TITLE_WORDS:
            last_title = index
    if last_title >= 0:
        prefix, rest = words[: last_title + 1], words[last_title + 1 :]
        role = " ".join(w for w in prefix if w.lower() in TITLE_WORDS).strip()
        role_words = role.split()
        while role_words and role_words[0].lower() in ROLE_NOISE:
            role_words.pop(0)
        while role_words and role_words[-1].lower() in ROLE_NOISE:
            role_words.pop()
        # Non-title words in the prefix ("British", "EU") are mentions of their own.
        chunk: list[str] = []
        for word in [*prefix, "of"]:
            if word.lower() in TITLE_WORDS:
                if chunk:
                    yield from _mentions_in_run(
                        chunk, start, source, sentence, sentence_offset, initial
                    )
                chunk = []
            else:
                chunk.append(word)
        offset = start + len(" ".join(prefix)) + 1
        if "of" in rest:
            cut = rest.index("of")
            if " ".join(rest[cut + 1 :]) in BY_FORM:
                tail = " ".join(rest[cut + 1 :])
                at = offset + len(" ".join(rest[: cut + 1])) + 1
                yield ProperName(
                    tail, source, sentence_offset + at, sentence, False, country=BY_FORM[tail]
                )
                rest = rest[:cut]
        yield from _mentions_in_run(
            rest,
            offset,
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
    )


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
            found.extend(_mentions_in_run(words, first, source, sentence, start, initial))
    return found
