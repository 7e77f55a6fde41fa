"""Candidate actors: the names an analyst would otherwise collect by hand.

``briefing init`` proposes every person, country, organisation and group the
articles name, so the author starts by confirming or deleting rather than by
typing. The rules are generic (no story-specific lists): runs of capitalised
words, acronyms (``NATO``, ``U.S.``), countries with their demonyms, short forms
and capitals (:mod:`briefing.model.geo`). Titles are stripped ("Prime Minister
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

from briefing.model.geo import BY_FORM, Country, country_of
from briefing.model.text import Article


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, for readability."""
    return frozenset(text.split())


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'-]|\?(?=[^\W\d_]))*")
_ACRONYM = re.compile(r"^(?:(?:[A-Z]\.){2,}|[A-Z][A-Z&]{1,5})$")
_SAID = re.compile(
    r"^\s*,?\s*(said|says|told|added|stated|warned|noted|announced|insisted|argued)\b"
)

_STOP = _words(
    """a an the this that these those there here he she it they we i you his her its their our
    my your but and or nor so yet if when while after before as at by for from in into of on
    onto to with within without about above across against along among around behind below
    beneath beside between beyond during except inside near since through throughout toward
    towards under until upon via however meanwhile moreover furthermore therefore thus also
    although though despite according some many several other others both each every all any
    no not none one two three first second last next more most such what who whom whose
    which why how where finally just only even still already again once now then today
    yesterday tomorrow tonight earlier later recently currently instead indeed perhaps mr
    mrs ms dr read photo video watch update updated live breaking exclusive analysis opinion
    comment editorial report reports various unlike like let do does did is are was were be
    been being has have had will would can could should may might must shall monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december"""
)
"""Capitalised only because they start a sentence or a headline: never a name."""

_CONNECTORS = _words("""of the von van der den de da di du la le al bin del y""")
"""Lowercase words that may sit inside a name: 'Coalition of the Willing', 'von der Leyen'."""

_TITLES = _words(
    """sir dame lord lady mr mrs ms dr prof professor president vice prime minister ministers
    secretary chancellor king queen prince princess pope general gen admiral colonel col
    captain capt commander chief chiefs senator sen governor mayor ambassador commissioner
    taoiseach premier defence defense foreign home interior finance economy national
    security counselor counsellor adviser advisor spokesman spokeswoman spokesperson deputy
    former state of the staff justice judge rep representative leader opposition chairman
    chairwoman chair director head envoy special officer officers lieutenant lt sergeant sgt
    major maj marshal archbishop bishop cardinal sheikh emir sultan crown chancellery acting
    interim"""
)
"""Words of a title before a name: 'Defence Secretary', 'Chief of the Defence Staff Sir'."""

_HEAD_TITLES = _words(
    """sir dame lord lady mr mrs ms dr prof professor president minister secretary chancellor
    king queen prince princess pope general gen admiral colonel col captain capt commander
    senator sen governor mayor ambassador commissioner taoiseach premier counselor
    counsellor adviser advisor spokesman spokeswoman spokesperson chairman chairwoman chair
    director envoy officer lieutenant lt sergeant sgt major maj marshal archbishop bishop
    cardinal sheikh emir sultan leader judge justice head staff rep representative"""
)
"""The word a title ends on; 'Defense' in 'Defense Strategy Forum' is not one."""

_ROLE_NOISE = _words("""sir dame lord lady mr mrs ms dr the of former acting interim""")

_ORG_WORDS = _words(
    """ministry department office commission council union parliament government agency bank
    fund court committee assembly party army navy forces force command institute university
    company corporation corp inc ltd group times news post daily journal press agency
    service services organisation organization association federation bureau authority
    street house palace kremlin cabinet senate congress police guard"""
)
_GROUP_WORDS = _words("""coalition alliance bloc movement rebels militia front brigade nations""")

CLUSTER_SCORE = 88
WORD_SCORE = 80
"""fuzz.ratio at which two spellings are one name: 'Starmmer'/'Starmer' is 93, 'Iran'/'Iraq' 75."""


@dataclass(slots=True)
class Mention:
    """One occurrence of a name as written (title stripped)."""

    form: str
    source: str
    offset: int
    sentence: str
    sentence_initial: bool
    title: str | None = None
    said: bool = False
    country: Country | None = None


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
    mentions: list[Mention] = field(default_factory=list)
    country: Country | None = None

    def add(self, mention: Mention) -> None:
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
    return token[0].isupper() and token.lower() not in _STOP


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
            tok[2] in _CONNECTORS
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
) -> Iterable[Mention]:
    """Split one run into mentions: titles stripped, leading countries split off."""
    if not words:
        return
    # Strip a title: everything up to the last head title word ("Minister",
    # "Sir") that a name follows. A trailing "of Estonia" is a country mention.
    last_title = -1
    for index, word in enumerate(words[:-1]):
        if word.lower() in _HEAD_TITLES and words[index + 1].lower() not in _TITLES:
            last_title = index
    if last_title >= 0:
        prefix, rest = words[: last_title + 1], words[last_title + 1 :]
        role = " ".join(w for w in prefix if w.lower() in _TITLES).strip()
        role_words = role.split()
        while role_words and role_words[0].lower() in _ROLE_NOISE:
            role_words.pop(0)
        while role_words and role_words[-1].lower() in _ROLE_NOISE:
            role_words.pop()
        # Non-title words in the prefix ("British", "EU") are mentions of their own.
        chunk: list[str] = []
        for word in [*prefix, "of"]:
            if word.lower() in _TITLES:
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
                yield Mention(
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
    if size and size < len(words) and words[-1].lower() in _ORG_WORDS | _GROUP_WORDS:
        size = 0  # "European Union", "French Foreign Ministry": one organisation
    if size:
        form = " ".join(words[:size])
        yield Mention(
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
                yield Mention(
                    part, source, sentence_offset + start, sentence, initial, country=BY_FORM[part]
                )
            return
    while words and words[-1] in _CONNECTORS:
        words = words[:-1]
    form = " ".join(words)
    after = sentence[start + len(form) :]
    yield Mention(
        form,
        source,
        sentence_offset + start,
        sentence,
        initial,
        title=title or None,
        said=bool(_SAID.match(after)),
    )


def mentions(source: str, text: str, skip_lines: set[int] = frozenset()) -> list[Mention]:  # type: ignore[assignment]
    """Every name-like mention in one article, boilerplate lines skipped."""
    article = Article.from_text(text)
    found: list[Mention] = []
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


def _lowercase_words(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in re.findall(r"\b[a-z][a-z’'-]+\b", text)}


def _keep(mention: Mention, common: set[str]) -> bool:
    """Drop capitalised common words ('Meeting' in a headline) and one-letter noise."""
    form = mention.form
    if mention.country is not None or _ACRONYM.match(form):
        return True
    if len(form) < 2 or form.lower() in _STOP:
        return False
    words = form.split()
    return not all(w.lower() in common or w.lower() in _TITLES for w in words)


def _lost_pattern(form: str) -> re.Pattern[str] | None:
    if "?" not in form:
        return None
    return re.compile("".join(r"[^\W\d_]" if c == "?" else re.escape(c) for c in form))


def _similar(a: str, b: str) -> bool:
    """Two spellings of one name: same word count, every word close, or a lost letter."""
    pattern = _lost_pattern(a) or _lost_pattern(b)
    if pattern is not None:
        other = b if _lost_pattern(a) else a
        if pattern.fullmatch(other):
            return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    if len(wa) == 1:
        return fuzz.ratio(a, b) >= CLUSTER_SCORE
    # "Sergei Lavrov"/"Sergey Lavrov": close as a whole, and no word far off ("Joan"/"John" is).
    return fuzz.ratio(a, b) >= CLUSTER_SCORE and all(
        fuzz.ratio(x, y) >= WORD_SCORE for x, y in zip(wa, wb, strict=True)
    )


def _person_like(cluster: _Cluster) -> bool:
    """Only a person's name may absorb a lone surname or first name."""
    if any(m.title or m.said for m in cluster.mentions):
        return True
    words = {w.lower() for f in cluster.forms for w in f.split()}
    rep = cluster.representative.split()
    return (
        2 <= len(rep) <= 4
        and not words & (_ORG_WORDS | _GROUP_WORDS)
        and not any(_ACRONYM.match(w) for w in rep)
    )


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _find_cluster(mention: Mention, clusters: list[_Cluster]) -> _Cluster | None:
    form = mention.form
    plain = form.replace(".", "")
    for cluster in clusters:
        if cluster.country is None and any(_similar(form, f) for f in cluster.forms):
            return cluster
    words = form.split()
    best: _Cluster | None = None
    for cluster in clusters:
        if cluster.country is not None:
            continue
        rep = cluster.representative
        rep_words = rep.split()
        if len(words) == 1 and len(rep_words) > 1 and _person_like(cluster):
            name_words = [w for w in rep_words if w not in _CONNECTORS]
            surname = fuzz.ratio(form, name_words[-1]) >= CLUSTER_SCORE
            if (surname or form == name_words[0]) and (best is None or cluster.count > best.count):
                best = cluster
        elif _ACRONYM.match(form) and len(rep_words) > 1 and _initials(rep) == plain:
            return cluster
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
    if any(m.title for m in cluster.mentions):
        return "person", "named after a title"
    if words & _GROUP_WORDS:
        return "group", "a group word in the name"
    if all(_ACRONYM.match(f) for f in cluster.forms) or words & _ORG_WORDS:
        return "organisation", "an acronym or an organisation word in the name"
    if any(m.said for m in cluster.mentions):
        return "person", "said or told something"
    if 2 <= len(rep.split()) <= 4:
        return "person", "a multi-word name"
    return "organisation", "a single capitalised word (a guess)"


def _role(cluster: _Cluster) -> str | None:
    titles = Counter(m.title for m in cluster.mentions if m.title)
    return titles.most_common(1)[0][0] if titles else None


def candidates(articles: Sequence[tuple[str, str, set[int]]]) -> list[Candidate]:
    """Candidates from ``(source id, text, boilerplate line numbers)``, most mentioned first."""
    common = _lowercase_words(text for _, text, _ in articles)
    found = [
        m
        for source, text, skip in articles
        for m in mentions(source, text, skip)
        if _keep(m, common)
    ]
    for mention in found:
        if mention.country is None and len(mention.form.split()) == 1:
            mention.country = _guess_country(mention.form)
    by_country: dict[str, _Cluster] = {}
    clusters: list[_Cluster] = []
    forms = Counter(m.form for m in found)
    grouped: defaultdict[str, list[Mention]] = defaultdict(list)
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
            found_cluster = _find_cluster(group[0], clusters)
            if found_cluster is None:
                found_cluster = _Cluster()
                clusters.append(found_cluster)
            cluster = found_cluster
        for mention in group:
            cluster.add(mention)
    result = []
    for cluster in clusters:
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
