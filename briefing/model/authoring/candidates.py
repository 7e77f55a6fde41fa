"""Candidate actors: the names an analyst would otherwise collect by hand.

``briefing init`` proposes every person, country, organisation and group the
articles name, so the author starts by confirming or deleting rather than by
typing. The rules are generic (no story-specific lists): runs of capitalised
words, acronyms (``NATO``, ``U.S.``), countries with their demonyms, short forms
and capitals (:mod:`briefing.model.names.countries`). Titles are stripped ("Prime Minister
Keir Starmer" is the person "Keir Starmer", and the title says it is a person).
Variant and garbled spellings ("Starmmer", "Miche?l") and surname-only mentions
are clustered into one candidate with rapidfuzz, and each candidate carries its
mention count and the first sentence it appears in, so the author can judge it
without opening the article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from briefing.model.names.countries import BY_FORM, KINGDOMS, Country
from briefing.model.names.proper_names import ProperName, proper_names
from briefing.model.names.variants import (
    ACRONYM,
    CLUSTER_SCORE,
    WORD_SCORE,
    ClusterIndex,
    NameCluster,
    find_cluster,
    same_name,
)
from briefing.model.names.vocabulary import (
    GROUP_WORDS,
    ORG_WORDS,
    SENTENCE_OPENERS,
    TITLE_WORDS,
)

__all__ = [
    "CLUSTER_SCORE",
    "WORD_SCORE",
    "Candidate",
    "candidates",
    "same_name",
    "slug",
]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed actor, with what the author needs to judge it."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    sources: tuple[str, ...]
    first_source: str
    first_offset: int
    first_sentence: str
    role: str | None
    kind_reason: str


def _lowercase_words(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in re.findall(r"\b[a-z][a-z’'-]+\b", text)}


def _keep(mention: ProperName, common: set[str], excluded: set[str]) -> bool:
    """Drop capitalised common words ('Meeting' in a headline), places, bylines and one-letter noise."""
    form = mention.form
    if form.lower() in excluded or any(
        w.lower() in excluded for w in form.split() if len(w) > 3 and w.isupper()
    ):
        return False
    if mention.country is not None:
        # A capital after 'in'/'at' or before 'conference' is where, not who ("talks in Vienna").
        is_seat = form in mention.country.seats
        return not (is_seat and (mention.after_preposition or mention.place))
    if ACRONYM.match(form):
        return not mention.after_time  # "6:15 p.m. UTC" is a time zone
    if mention.place and not {w.lower() for w in form.split()} & (ORG_WORDS | GROUP_WORDS):
        return False
    if len(form) < 2 or form.lower() in SENTENCE_OPENERS:
        return False
    words = form.split()
    return not all(w.lower() in common or w.lower() in TITLE_WORDS for w in words)


def _lead_noun_of(mention: ProperName, common: set[str]) -> ProperName:
    """ "Delegations of Sudan" is Sudan: a common noun capitalised before "of" is not a name's.

    Only one leading word, found in lowercase elsewhere in the articles and not
    an organisation or group word ("Bank of England", "Coalition of the Willing"
    keep theirs), with a name after "of".
    """
    words = mention.form.split()
    if (
        len(words) < 3
        or words[1] != "of"
        or words[0].lower() not in common
        or words[0].lower() in ORG_WORDS | GROUP_WORDS
    ):
        return mention
    rest = words[3:] if words[2] == "the" else words[2:]
    if not rest or not rest[0][:1].isupper():
        return mention
    form = " ".join(rest)
    return replace(
        mention,
        form=form,
        offset=mention.offset + len(mention.form) - len(form),
        country=BY_FORM.get(form),
        sentence_initial=False,
    )


def _acts(cluster: NameCluster) -> bool:
    """Some evidence that the name is an actor's, not a place's ("in Jeddah", "El Fasher")."""
    if cluster.country is not None:
        return True
    words = {w.lower() for f in cluster.forms for w in f.split()}
    if words & (ORG_WORDS | GROUP_WORDS):
        return True
    # An acronym is a body's name; a word in capitals also written in mixed case is not
    # one ("JEDDAH, Saudi Arabia (AP)" is a dateline's city).
    lower = {f.lower() for f in cluster.forms if not f.isupper()}
    if any(ACRONYM.match(f) and f.lower() not in lower for f in cluster.forms):
        return True
    return any(m.title or m.said or m.acts or m.country_hint for m in cluster.mentions)


def _guess_country(form: str) -> Country | None:
    """A misspelt country form ('Britian'), for forms long enough to judge."""
    if len(form) < 6 or ACRONYM.match(form):
        return None
    best = process.extractOne(form, list(BY_FORM), scorer=fuzz.ratio, score_cutoff=90)
    return None if best is None else BY_FORM[best[0]]


def _kind(cluster: NameCluster) -> tuple[str, str]:
    """(kind guess, why) for a cluster."""
    if cluster.country is not None and cluster.country.region:
        return "group", "a region or its adjective"
    if cluster.country is not None:
        return "country", "a country name, demonym or capital"
    rep = cluster.representative
    words = {w.lower() for f in cluster.forms for w in f.split()}
    if any(m.country_hint for m in cluster.mentions):
        return "country", "named as the country of a title ('Minister of ...')"
    if any(m.title for m in cluster.mentions):
        return "person", "named after a title"
    if words & GROUP_WORDS:
        return "group", "a group word in the name"
    if all(ACRONYM.match(f) for f in cluster.forms) or words & ORG_WORDS:
        return "organisation", "an acronym or an organisation word in the name"
    if len(rep.split()) > 1 and any(ACRONYM.match(f) for f in cluster.forms):
        return "organisation", "known by an acronym of its initials ('UN')"
    if any(" of " in f or " for " in f for f in cluster.forms):
        # "Dairy Farmers of Canada", "Council for Trade": a person's name has no "of X" once
        # titles are stripped ("Minister of Energy" was a title).
        return "organisation", "a name with 'of' or 'for' in it"
    if any(m.said for m in cluster.mentions):
        return "person", "said or told something"
    if 2 <= len(rep.split()) <= 4:
        return "person", "a multi-word name"
    return "organisation", "a single capitalised word (a guess)"


def _role(cluster: NameCluster) -> str | None:
    titles = Counter(m.title for m in cluster.mentions if m.title)
    return titles.most_common(1)[0][0] if titles else None


def candidates(
    articles: Sequence[tuple[str, str, set[int]]], excluded: Iterable[str] = ()
) -> list[Candidate]:
    """Candidates from ``(source id, text, lines to skip)``, most mentioned first.

    ``excluded``: names that are never actors here (reporters, desks, outlets).
    """
    common = _lowercase_words(text for _, text, _ in articles)
    banned = {name.lower() for name in excluded}
    found = [
        m
        for source, text, skip in articles
        for m in (_lead_noun_of(n, common) for n in proper_names(source, text, skip))
        if _keep(m, common, banned)
    ]
    for mention in found:
        if mention.country is None and len(mention.form.split()) == 1:
            mention.country = _guess_country(mention.form)
    _resolve_the_kingdom(found)
    by_country: dict[str, NameCluster] = {}
    clusters: list[NameCluster] = []
    index = ClusterIndex()
    forms = Counter(m.form for m in found)
    grouped: defaultdict[str, list[ProperName]] = defaultdict(list)
    for mention in found:
        grouped[mention.form].append(mention)
    order = sorted(
        grouped,
        key=lambda f: (
            "?" in f,
            bool(ACRONYM.match(f)),
            -len(f.split()),
            -forms[f],
            f,
        ),
    )
    for form in order:
        group = grouped[form]
        country = group[0].country
        if country is not None:
            cluster = by_country.get(country.name)
            if cluster is None:
                cluster = by_country[country.name] = NameCluster(country=country)
                clusters.append(cluster)
        else:
            found_cluster = find_cluster(group[0], clusters, index)
            if found_cluster is None:
                found_cluster = NameCluster()
                clusters.append(found_cluster)
            cluster = found_cluster
        for mention in group:
            cluster.add(mention)
        index.add(form, cluster)
    result = []
    for cluster in clusters:
        if (
            cluster.country is None
            and all(m.after_preposition for m in cluster.mentions)
            and not (
                {w.lower() for f in cluster.forms for w in f.split()} & (ORG_WORDS | GROUP_WORDS)
            )
        ):
            continue  # only ever "in X" / "to X": a place
        if not _acts(cluster):
            continue  # never does or says anything, has no title or organisation word: a place

        # A name seen once, only at the start of a sentence, with nothing else for it, is noise.
        if cluster.count == 1 and cluster.country is None:
            only = cluster.mentions[0]
            if (
                only.sentence_initial
                and not only.title
                and not only.said
                and " " not in only.form
                and not ACRONYM.match(only.form)
            ):
                continue
        name = cluster.country.name if cluster.country else cluster.representative
        first = min(cluster.mentions, key=lambda m: (_source_rank(articles, m.source), m.offset))
        kind, why = _kind(cluster)
        aliases = sorted(
            (f for f in cluster.forms if f != name), key=lambda f: (-cluster.forms[f], f)
        )
        result.append(
            Candidate(
                name=name,
                kind=kind,
                aliases=tuple(aliases),
                mentions=cluster.count,
                sources=tuple(
                    dict.fromkeys(
                        m.source
                        for m in sorted(
                            cluster.mentions, key=lambda m: _source_rank(articles, m.source)
                        )
                    )
                ),
                first_source=first.source,
                first_offset=first.offset,
                first_sentence=first.sentence,
                role=_role(cluster) if kind == "person" else None,
                kind_reason=why,
            )
        )
    result.sort(key=lambda c: (-c.mentions, c.name))
    return result


def _resolve_the_kingdom(found: list[ProperName]) -> None:
    """ "the Kingdom" is the one kingdom its article names ("Morocco ... the Kingdom will host").

    State-agency copy calls its own country "the Kingdom". With exactly one kingdom
    among the countries an article mentions, the phrase is that country's mention; with
    none or two ("Jordan and Saudi Arabia"), it stays a name of its own for the author.
    Linear in the mentions.
    """
    kingdoms: defaultdict[str, set[str]] = defaultdict(set)
    for mention in found:
        if mention.country is not None and mention.country.name in KINGDOMS:
            kingdoms[mention.source].add(mention.country.name)
    for mention in found:
        named = kingdoms.get(mention.source, set())
        if mention.country is None and mention.form == "Kingdom" and len(named) == 1:
            mention.country = BY_FORM[next(iter(named))]


def _source_rank(articles: Sequence[tuple[str, str, set[int]]], source: str) -> int:
    for index, (name, _, _) in enumerate(articles):
        if name == source:
            return index
    return len(articles)


def slug(name: str) -> str:
    """An id from a name: ASCII, lowercase, words joined by '-', starting with a letter."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    if not value or not value[0].isalpha():
        value = "x-" + value if value else "x"
    return value
