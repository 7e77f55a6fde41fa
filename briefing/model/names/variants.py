"""Variant spellings of one name, clustered: the merging half of candidate actors.

Articles spell one name several ways: a typo ("Starmmer"), a transliteration
("Dzhumaliev"/"Jumaliyev", "Sharif"/"Sherif"), a lost character ("Miche?l"), a
surname alone, an acronym, an organisation's words reordered by a translation.
:mod:`briefing.model.authoring.candidates` collects mentions and guesses kinds;
this module decides which spellings are one name, so :mod:`~briefing.model.authoring.add`
can ask the same question of names already in a pack.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from briefing.model.names.countries import Country
from briefing.model.names.folding import fold, synonyms_of
from briefing.model.names.proper_names import ProperName
from briefing.model.names.transliteration import fold_spelling
from briefing.model.names.vocabulary import CONNECTORS, GROUP_WORDS, ORG_WORDS

__all__ = [
    "ACRONYM",
    "CLUSTER_SCORE",
    "WORD_SCORE",
    "ClusterIndex",
    "NameCluster",
    "find_cluster",
    "same_name",
    "same_surname",
    "vowel_skeleton",
]

ACRONYM = re.compile(r"^(?:(?:[A-Z]\.){2,}|[A-Z][A-Z&]{1,5})$")

CLUSTER_SCORE = 88
WORD_SCORE = 80
"""fuzz.ratio at which two spellings are one name: 'Starmmer'/'Starmer' is 93, 'Iran'/'Iraq' 75."""


@dataclass(slots=True)
class NameCluster:
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


def lost_pattern(form: str) -> re.Pattern[str] | None:
    if "?" not in form:
        return None
    return re.compile("".join(r"[^\W\d_]" if c == "?" else re.escape(c) for c in form))


def _similar(a: str, b: str) -> bool:
    """Two spellings of one name: same word count, every word close, or a lost letter."""
    if re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return False  # "Country12" and "Country13" are two names
    pattern = lost_pattern(a) or lost_pattern(b)
    if pattern is not None:
        other = b if lost_pattern(a) else a
        if pattern.fullmatch(other):
            return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        # "Liao Jian Guo"/"Liao Jianguo", "Kim Jong Un"/"Kim Jong-un": a romanised given
        # name written in syllables or joined; the same letters in the same order.
        joined = min(len(wa), len(wb)) >= 2 and _joined(a) == _joined(b)
        return joined or reordered(wa, wb)
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
    ) or reordered(wa, wb)


def _joined(name: str) -> str:
    """The folded spelling with its spaces and hyphens dropped."""
    return fold_spelling(name).replace(" ", "").replace("-", "")


def reordered(wa: list[str], wb: list[str]) -> bool:
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


def person_like(cluster: NameCluster) -> bool:
    """Only a person's name may absorb a lone surname or first name."""
    if any(m.title or m.said for m in cluster.mentions):
        return True
    words = {w.lower() for f in cluster.forms for w in f.split()}
    rep = cluster.representative.split()
    return (
        2 <= len(rep) <= 4
        and not words & (ORG_WORDS | GROUP_WORDS)
        and not any(ACRONYM.match(w) for w in rep)
    )


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


class ClusterIndex:
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
        self.buckets: dict[str, tuple[list[str], list[str], list[NameCluster]]] = {}
        self.by_words: dict[tuple[str, ...], NameCluster] = {}
        self.lost: list[tuple[str, NameCluster]] = []
        self.by_fold: dict[str, NameCluster] = {}
        """Each form folded as the search folds it: for the synonym table's other names."""

    def add(self, form: str, cluster: NameCluster) -> None:
        if cluster.country is not None:
            return
        folded = fold_spelling(form)
        raw, folds, owners = self.buckets.setdefault(folded[:1], ([], [], []))
        raw.append(form)
        folds.append(folded)
        owners.append(cluster)
        self.by_words.setdefault(word_key(form), cluster)
        self.by_fold.setdefault(fold(form), cluster)
        if "?" in form:
            self.lost.append((form, cluster))

    def similar(self, form: str) -> NameCluster | None:
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
            pattern = lost_pattern(form)
            for bucket_raw, _, bucket_owners in self.buckets.values():
                for index, other in enumerate(bucket_raw):
                    if pattern is not None and pattern.fullmatch(other):
                        return bucket_owners[index]
        for other, cluster in self.lost:
            if _similar(form, other):
                return cluster
        key = word_key(form)
        if len(key) >= 2 and key in self.by_words and reordered(form.split(), list(key)):
            return self.by_words[key]
        # "CEDEAO" for "ECOWAS", "FMI" for "IMF": the one table of an entity's other names.
        for term in synonyms_of(fold(form)):
            if (named := self.by_fold.get(fold(term))) is not None:
                return named
        return None


def word_key(form: str) -> tuple[str, ...]:
    return tuple(sorted(w.lower() for w in form.split() if w.lower() not in CONNECTORS))


_VOWELS = re.compile(r"(?<=.)[aeiouy]+")


def vowel_skeleton(name: str) -> str:
    """The folded spelling without its inner vowels: 'Sharif' and 'Sherif' are both 'shrf'."""
    return _VOWELS.sub("", fold_spelling(name))


def same_surname(form: str, surname: str) -> bool:
    """A lone word is this surname: close in spelling, or a vowel transliterated differently.

    Arabic and Persian names reach English with their short vowels written as
    each outlet hears them ("Sharif"/"Sherif", "Mohammed"/"Muhammad"): the same
    consonants in the same order, first letter kept, at least three of them,
    and vowels swapped, never added ("Baker" and "Booker", "Khan" and "Kuhn" stay two).
    """
    folded_form, folded_surname = fold_spelling(form), fold_spelling(surname)
    if max(fuzz.ratio(form, surname), fuzz.ratio(folded_form, folded_surname)) >= CLUSTER_SCORE:
        return True
    skeleton = vowel_skeleton(form)
    return len(skeleton) >= 3 and len(form) == len(surname) and skeleton == vowel_skeleton(surname)


def find_cluster(
    mention: ProperName, clusters: list[NameCluster], index: ClusterIndex
) -> NameCluster | None:
    form = mention.form
    plain = form.replace(".", "")
    found = index.similar(form)
    if found is not None:
        return found
    words = form.split()
    best: NameCluster | None = None
    if len(words) > 1:
        # "Ould Cheikh" after "Mohamed Ould Cheikh", "von der Leyen": a compound surname alone.
        tails = [
            c
            for c in clusters
            if c.country is None
            and person_like(c)
            and len(c.representative.split()) > len(words)
            and c.representative.split()[-len(words) :] == words
        ]
        return max(tails, key=lambda c: c.count) if tails else None
    for cluster in clusters:
        if cluster.country is not None:
            continue
        rep = cluster.representative
        rep_words = rep.split()
        if ACRONYM.match(form) and len(rep_words) > 1 and initials(rep) == plain:
            return cluster  # "UN" for "United Nations", before any surname rule
        if len(words) == 1 and len(rep_words) > 1 and person_like(cluster):
            name_words = [w for w in rep_words if w not in CONNECTORS]
            if (same_surname(form, name_words[-1]) or form == name_words[0]) and (
                best is None or cluster.count > best.count
            ):
                best = cluster
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
