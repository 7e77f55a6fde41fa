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
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from briefing.model.names.countries import BY_FORM, Country
from briefing.model.names.proper_names import ProperName, proper_names
from briefing.model.names.transliteration import fold_spelling
from briefing.model.names.vocabulary import (
    CONNECTORS,
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

_ACRONYM = re.compile(r"^(?:(?:[A-Z]\.){2,}|[A-Z][A-Z&]{1,5})$")

CLUSTER_SCORE = 88
WORD_SCORE = 80
"""fuzz.ratio at which two spellings are one name: 'Starmmer'/'Starmer' is 93, 'Iran'/'Iraq' 75."""


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


@dataclass(slots=True)
class _Cluster:
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[ProperName] = field(default_factory=list)
    country: Country | None = None

    def add(self, mention: ProperName) -> None:
        self.forms[mention.form] += 1
        self.mentions.append(mention)

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def representative(self) -> str:
        """The fullest, most frequent spelling without a lost character."""
        return max(
            self.forms,
            key=lambda f: ("?" not in f, len(f.split()) > 1, self.forms[f], len(f), f),
        )


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
        is_capital = form in mention.country.others and form not in (mention.country.name,)
        return not (is_capital and (mention.after_preposition or mention.place))
    if _ACRONYM.match(form):
        return True
    if mention.place and not {w.lower() for w in form.split()} & (ORG_WORDS | GROUP_WORDS):
        return False
    if len(form) < 2 or form.lower() in SENTENCE_OPENERS:
        return False
    words = form.split()
    return not all(w.lower() in common or w.lower() in TITLE_WORDS for w in words)


def _lost_pattern(form: str) -> re.Pattern[str] | None:
    if "?" not in form:
        return None
    return re.compile("".join(r"[^\W\d_]" if c == "?" else re.escape(c) for c in form))


def _similar(a: str, b: str) -> bool:
    """Two spellings of one name: same word count, every word close, or a lost letter."""
    if re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return False  # "Country12" and "Country13" are two names
    pattern = _lost_pattern(a) or _lost_pattern(b)
    if pattern is not None:
        other = b if _lost_pattern(a) else a
        if pattern.fullmatch(other):
            return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return _reordered(wa, wb)
    # Transliterations are compared in one folded spelling: "Dzhumaliev", "Djumaliev"
    # and "Jumaliyev" are all "jumaliev"; "Tseban" and "Ceban" are "ceban".
    fa, fb = fold_spelling(a), fold_spelling(b)
    if len(wa) == 1:
        return max(fuzz.ratio(a, b), fuzz.ratio(fa, fb)) >= CLUSTER_SCORE
    # "Sergei Lavrov"/"Sergey Lavrov": close as a whole, and no word far off ("Joan"/"John" is).
    return (
        max(fuzz.ratio(a, b), fuzz.ratio(fa, fb)) >= CLUSTER_SCORE
        and all(
            max(fuzz.ratio(x, y), fuzz.ratio(fold_spelling(x), fold_spelling(y))) >= WORD_SCORE
            for x, y in zip(wa, wb, strict=True)
        )
    ) or _reordered(wa, wb)


def _reordered(wa: list[str], wb: list[str]) -> bool:
    """One organisation's name with its words reordered by a translation.

    "Bank European of Investment" and "European Investment Bank" have the same
    words once connectors are dropped ("Union European" and "European Union"
    too); only names with an organisation word are compared, so two people
    never merge this way.
    """
    ca = sorted(w.lower() for w in wa if w.lower() not in CONNECTORS)
    cb = sorted(w.lower() for w in wb if w.lower() not in CONNECTORS)
    return len(ca) >= 2 and ca == cb and bool(set(ca) & ORG_WORDS)


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name by the clustering rules (variants, transliterations, reorderings)."""
    return _similar(a, b)


def _person_like(cluster: _Cluster) -> bool:
    """Only a person's name may absorb a lone surname or first name."""
    if any(m.title or m.said for m in cluster.mentions):
        return True
    words = {w.lower() for f in cluster.forms for w in f.split()}
    rep = cluster.representative.split()
    return (
        2 <= len(rep) <= 4
        and not words & (ORG_WORDS | GROUP_WORDS)
        and not any(_ACRONYM.match(w) for w in rep)
    )


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


class _Index:
    """The spellings already clustered, searchable without comparing every pair in Python.

    Spellings are shortlisted by rapidfuzz (raw and folded, in C++) among those
    whose folded spelling starts with the same letter ('Tseban' and 'Ceban' both
    fold to 'ceban'), reordered organisation names by their sorted words (a
    dict), lost-character spellings by the short list of those that have one;
    only the shortlist is checked with :func:`_similar`. Comparing each new
    spelling with every cluster's every spelling in Python took 40 s for 1,000
    distinct names; this takes ~1 s for 4,000 (worst case, every name with one
    initial: quadratic in C++, ~9 s for 4,000).
    """

    def __init__(self) -> None:
        self.buckets: dict[str, tuple[list[str], list[str], list[_Cluster]]] = {}
        self.by_words: dict[tuple[str, ...], _Cluster] = {}
        self.lost: list[tuple[str, _Cluster]] = []

    def add(self, form: str, cluster: _Cluster) -> None:
        if cluster.country is not None:
            return
        folded = fold_spelling(form)
        raw, folds, owners = self.buckets.setdefault(folded[:1], ([], [], []))
        raw.append(form)
        folds.append(folded)
        owners.append(cluster)
        self.by_words.setdefault(_word_key(form), cluster)
        if "?" in form:
            self.lost.append((form, cluster))

    def similar(self, form: str) -> _Cluster | None:
        folded = fold_spelling(form)
        raw, folds, owners = self.buckets.get(folded[:1], ([], [], []))
        hits: set[int] = set()
        for query, choices in ((form, raw), (folded, folds)):
            for _, _, index in process.extract(
                query, choices, scorer=fuzz.ratio, score_cutoff=CLUSTER_SCORE, limit=None
            ):
                hits.add(index)
        for index in sorted(hits):
            if _similar(form, raw[index]):
                return owners[index]
        if "?" in form:
            pattern = _lost_pattern(form)
            for bucket_raw, _, bucket_owners in self.buckets.values():
                for index, other in enumerate(bucket_raw):
                    if pattern is not None and pattern.fullmatch(other):
                        return bucket_owners[index]
        for other, cluster in self.lost:
            if _similar(form, other):
                return cluster
        key = _word_key(form)
        if len(key) >= 2 and key in self.by_words and _reordered(form.split(), list(key)):
            return self.by_words[key]
        return None


def _word_key(form: str) -> tuple[str, ...]:
    return tuple(sorted(w.lower() for w in form.split() if w.lower() not in CONNECTORS))


def _find_cluster(mention: ProperName, clusters: list[_Cluster], index: _Index) -> _Cluster | None:
    form = mention.form
    plain = form.replace(".", "")
    found = index.similar(form)
    if found is not None:
        return found
    words = form.split()
    best: _Cluster | None = None
    if len(words) > 1:
        return None  # only a lone word or an acronym joins a longer name below
    for cluster in clusters:
        if cluster.country is not None:
            continue
        rep = cluster.representative
        rep_words = rep.split()
        if len(words) == 1 and len(rep_words) > 1 and _person_like(cluster):
            name_words = [w for w in rep_words if w not in CONNECTORS]
            surname = (
                max(
                    fuzz.ratio(form, name_words[-1]),
                    fuzz.ratio(fold_spelling(form), fold_spelling(name_words[-1])),
                )
                >= CLUSTER_SCORE
            )
            if (surname or form == name_words[0]) and (best is None or cluster.count > best.count):
                best = cluster
        elif _ACRONYM.match(form) and len(rep_words) > 1 and _initials(rep) == plain:
            return cluster
    if best is None and len(words) == 1 and form.lower() in ORG_WORDS:
        # "the Commission" after "the European Commission": only when one organisation ends so.
        heads = [
            c
            for c in clusters
            if c.country is None
            and len(c.representative.split()) > 1
            and c.representative.split()[-1] == form
        ]
        if len(heads) == 1:
            return heads[0]
    return best


def _guess_country(form: str) -> Country | None:
    """A misspelt country form ('Britian'), for forms long enough to judge."""
    if len(form) < 6 or _ACRONYM.match(form):
        return None
    best = process.extractOne(form, list(BY_FORM), scorer=fuzz.ratio, score_cutoff=90)
    return None if best is None else BY_FORM[best[0]]


def _kind(cluster: _Cluster) -> tuple[str, str]:
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
    if all(_ACRONYM.match(f) for f in cluster.forms) or words & ORG_WORDS:
        return "organisation", "an acronym or an organisation word in the name"
    if any(m.said for m in cluster.mentions):
        return "person", "said or told something"
    if 2 <= len(rep.split()) <= 4:
        return "person", "a multi-word name"
    return "organisation", "a single capitalised word (a guess)"


def _role(cluster: _Cluster) -> str | None:
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
        for m in proper_names(source, text, skip)
        if _keep(m, common, banned)
    ]
    for mention in found:
        if mention.country is None and len(mention.form.split()) == 1:
            mention.country = _guess_country(mention.form)
    by_country: dict[str, _Cluster] = {}
    clusters: list[_Cluster] = []
    index = _Index()
    forms = Counter(m.form for m in found)
    grouped: defaultdict[str, list[ProperName]] = defaultdict(list)
    for mention in found:
        grouped[mention.form].append(mention)
    order = sorted(
        grouped,
        key=lambda f: (
            "?" in f,
            bool(_ACRONYM.match(f)),
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
                cluster = by_country[country.name] = _Cluster(country=country)
                clusters.append(cluster)
        else:
            found_cluster = _find_cluster(group[0], clusters, index)
            if found_cluster is None:
                found_cluster = _Cluster()
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

        # A name seen once, only at the start of a sentence, with nothing else for it, is noise.
        if cluster.count == 1 and cluster.country is None:
            only = cluster.mentions[0]
            if (
                only.sentence_initial
                and not only.title
                and not only.said
                and " " not in only.form
                and not _ACRONYM.match(only.form)
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
