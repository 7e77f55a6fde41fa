"""Per-keystroke actor search latency at 1k, 10k and 100k aliases, against plain rapidfuzz.

Names are synthesised deterministically (seeded): international first names and
surnames, organisations, with the aliases a pack would hold (surname alone,
initials, titles, garbled and transliterated spellings). Queries are names with
one typo, typed a character at a time; each keystroke is timed through
``ActorIndex.search`` and through the baseline every figure is a ratio to:

    process.extract(prefix, aliases, scorer=fuzz.WRatio, limit=10)

over the same alias strings, interleaved keystroke by keystroke in the same run.
Agreement is checked on each full query: the index's first actor against the
actor whose alias the plain scan puts first, and against the index's own
exhaustive scan (pruning must not change the answer).

    python -m benchmarks.search_bench [--quick] [--json] [--update-docs]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import rapidfuzz
from rapidfuzz import fuzz, process

from benchmarks.common import replace_block
from briefing.model.names import ActorIndex
from briefing.model.types import Actor

SIZES = (1_000, 10_000, 100_000)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
START, END = "<!-- search-bench:start -->", "<!-- search-bench:end -->"

FIRST = [
    "Keir",
    "Emmanuel",
    "Volodymyr",
    "Donald",
    "Micheál",
    "Anthony",
    "Ursula",
    "Sergey",
    "Tony",
    "John",
    "Thierry",
    "Pete",
    "Jonathan",
    "Espen",
    "Olaf",
    "Giorgia",
    "Pedro",
    "Mette",
    "Ulf",
    "Petteri",
    "Kaja",
    "Gitanas",
    "Edgars",
    "Alar",
    "Petr",
    "Robert",
    "Viktor",
    "Andrzej",
    "Donald",
    "Radosław",
    "Kyriakos",
    "Luís",
    "António",
    "Xavier",
    "Alexander",
    "Karl",
    "Dick",
    "Mark",
    "Jens",
    "Justin",
    "Fumio",
    "Shigeru",
    "Narendra",
    "Recep",
    "Mohammed",
    "Benjamin",
    "Olena",
    "Dmytro",
    "Rustem",
    "Andriy",
    "Yulia",
    "Oleksandr",
    "Ihor",
    "Mikhail",
    "Dmitry",
    "Yevgeny",
    "Nikolai",
    "Anatoly",
    "Jean",
    "Pierre",
    "François",
    "Élisabeth",
    "Sébastien",
    "Gabriel",
    "Stéphane",
    "Bruno",
    "Friedrich",
    "Annalena",
    "Boris",
    "Christine",
    "Wolfgang",
    "Søren",
    "Lars",
    "Jonas",
    "Björn",
    "Åsa",
    "Magdalena",
    "Małgorzata",
    "Zoë",
    "Siobhán",
    "Seán",
    "Aoife",
    "Leo",
    "Simon",
    "Helen",
    "Rachel",
    "Yvette",
    "David",
    "Ed",
    "Angela",
    "Priya",
    "Kemi",
    "James",
    "Grant",
    "Lisa",
]
LAST = [
    "Starmer",
    "Macron",
    "Zelenskyy",
    "Trump",
    "Martin",
    "Albanese",
    "Leyen",
    "Lavrov",
    "Radakin",
    "Healey",
    "Burkhard",
    "Hegseth",
    "Powell",
    "Eide",
    "Scholz",
    "Meloni",
    "Sánchez",
    "Frederiksen",
    "Kristersson",
    "Orpo",
    "Kallas",
    "Nausėda",
    "Rinkēvičs",
    "Karis",
    "Fiala",
    "Fico",
    "Orbán",
    "Duda",
    "Tusk",
    "Sikorski",
    "Mitsotakis",
    "Montenegro",
    "Costa",
    "Bettel",
    "Schallenberg",
    "Schoof",
    "Rutte",
    "Stoltenberg",
    "Trudeau",
    "Kishida",
    "Ishiba",
    "Modi",
    "Erdoğan",
    "Salman",
    "Netanyahu",
    "Zelenska",
    "Kuleba",
    "Umerov",
    "Yermak",
    "Svyrydenko",
    "Sybiha",
    "Klymenko",
    "Mishustin",
    "Peskov",
    "Prigozhin",
    "Patrushev",
    "Belousov",
    "Shoigu",
    "Barrot",
    "Lecornu",
    "Bayrou",
    "Séjourné",
    "Lemaire",
    "Merz",
    "Baerbock",
    "Pistorius",
    "Lagarde",
    "Steinmeier",
    "Løkke",
    "Støre",
    "Gahr",
    "Kristersson",
    "Strömberg",
    "Andersson",
    "Kosiniak",
    "Kamysz",
    "Błaszczak",
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Müller",
    "Schröder",
    "O'Neill",
    "Ó",
    "Súilleabháin",
    "Harris",
    "Varadkar",
    "McDonald",
    "Coveney",
    "Lammy",
    "Reeves",
    "Cooper",
    "Badenoch",
    "Farage",
    "Sunak",
    "Johnson",
    "Truss",
    "Cameron",
    "Wallace",
    "Shapps",
    "Sullivan",
    "Blinken",
    "Austin",
    "Rubio",
    "Waltz",
    "Vance",
    "Witkoff",
    "Kellogg",
    "Grenell",
    "Dmitriev",
    "Ushakov",
    "Nebenzya",
    "Guterres",
    "Rasmussen",
    "Borrell",
    "Michel",
    "Metsola",
    "Šefčovič",
    "Kubilius",
    "Dombrovskis",
]
TITLES = ["Sir", "Dr", "President", "Prime Minister", "Minister", "General", "Mr", "Ms"]
ORG_HEAD = [
    "National",
    "Federal",
    "Royal",
    "European",
    "Atlantic",
    "Baltic",
    "Nordic",
    "Central",
    "Eastern",
    "Western",
    "Joint",
    "United",
    "International",
    "Allied",
    "Coastal",
    "Northern",
    "Southern",
    "Strategic",
    "Maritime",
]
ORG_BODY = [
    "Defence",
    "Security",
    "Energy",
    "Shipping",
    "Intelligence",
    "Logistics",
    "Aerospace",
    "Research",
    "Trade",
    "Finance",
    "Reconstruction",
    "Humanitarian",
    "Cyber",
    "Naval",
    "Border",
    "Grain",
    "Nuclear",
    "Monitoring",
]
ORG_TAIL = [
    "Agency",
    "Council",
    "Commission",
    "Ministry",
    "Office",
    "Institute",
    "Command",
    "Group",
    "Forum",
    "Bank",
    "Authority",
    "Alliance",
    "Directorate",
    "Service",
    "Fund",
    "Committee",
]


def typo(word: str, rng: random.Random) -> str:
    """One realistic slip: a dropped, doubled, swapped or substituted letter, or a lost accent."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap", "sub", "accent"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == "sub":
        return word[:i] + rng.choice("aeiourstnl") + word[i + 1 :]
    return word.replace("é", "e").replace("á", "a").replace("ø", "o").replace("ś", "s")


def synthesise(total: int, seed: int = 2025) -> list[Actor]:
    """Actors whose names and aliases add up to exactly ``total`` strings."""
    rng = random.Random(seed)
    actors: list[Actor] = []
    names: set[str] = set()
    count = 0
    while count < total:
        number = len(actors)
        if rng.random() < 0.8:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if name in names:
                name = f"{rng.choice(FIRST)} {chr(65 + rng.randrange(26))}. {name}"
            surname = name.split()[-1]
            pool = [
                surname,
                f"{name[0]}. {surname}",
                f"{rng.choice(TITLES)} {surname}",
                typo(name, rng),
                name.replace("y", "i").replace("v", "w"),
            ]
            kind = "person"
        else:
            name = f"{rng.choice(ORG_HEAD)} {rng.choice(ORG_BODY)} {rng.choice(ORG_TAIL)}"
            if name in names:
                name = f"{name} of {rng.choice(LAST)}"
            pool = ["".join(w[0] for w in name.split()), typo(name, rng), f"the {name}"]
            kind = "organisation"
        if name in names:
            continue
        names.add(name)
        aliases = tuple(
            dict.fromkeys(a for a in rng.sample(pool, rng.randrange(0, 4)) if a != name)
        )
        aliases = aliases[: max(0, total - count - 1)]
        actors.append(Actor(id=f"a{number}", name=name, kind=kind, aliases=aliases))
        count += 1 + len(aliases)
    return actors


@dataclass
class Result:
    size: int
    strings: int
    build_ms: float
    keystrokes: int
    index_median_ms: float
    index_p95_ms: float
    index_max_ms: float
    plain_median_ms: float
    plain_mean_ms: float
    index_mean_ms: float
    ratio_median: float
    ratio_mean: float
    agreement_queries: int
    agree_plain: float
    agree_scan: float
    tied_scan: float
    agree_untied: float
    target_ours: float
    target_plain: float


def measure(size: int, queries: int, extra: int, seed: int = 7) -> Result:
    """Time every keystroke of ``queries`` typed names through both searches."""
    actors = synthesise(size)
    strings: list[str] = []
    owner: list[str] = []
    for actor in actors:
        for text in (actor.name, *actor.aliases):
            strings.append(text)
            owner.append(actor.id)
    gc.collect()
    began = time.perf_counter()
    index = ActorIndex.build(actors)
    build_ms = (time.perf_counter() - began) * 1000
    full = ActorIndex.build(actors, scan_limit=10**9)
    gc.collect()
    gc.freeze()  # the indexes and strings are long-lived: keep them out of GC passes
    rng = random.Random(seed)
    ours: list[float] = []
    plain: list[float] = []
    agree_plain = agree_scan = tied_scan = target_ours = target_plain = 0
    untied = agree_untied = 0
    targets = rng.sample(actors, queries + extra)
    for number, actor in enumerate(targets):
        query = typo(rng.choice((actor.name, *actor.aliases)), rng)
        typed = [query[:end] for end in range(1, len(query) + 1)] if number < queries else [query]
        # Each query's keystrokes go through the index, then through the plain scan:
        # same keystrokes, same conditions, neither warming the other's caches.
        for prefix in typed:
            t0 = time.perf_counter()
            hits = index.search(prefix, 10)
            elapsed = time.perf_counter() - t0
            if number < queries:
                ours.append(elapsed)
        for prefix in typed:
            t0 = time.perf_counter()
            baseline = process.extract(prefix, strings, scorer=fuzz.WRatio, limit=10)
            elapsed = time.perf_counter() - t0
            if number < queries:
                plain.append(elapsed)
        top = hits[0] if hits else None
        best = baseline[0][1] if baseline else None
        plain_top = {owner[i] for _s, score, i in baseline if score == best}
        agree_plain += top is not None and top.actor_id in plain_top
        target_ours += top is not None and top.actor_id == actor.id
        target_plain += plain_top == {actor.id}
        reference = full.search(query, 10)
        # The same actor first, not merely the same score: a tie at the top score
        # between different actors counts as a disagreement, and is counted apart.
        agree_scan += bool(reference) and top is not None and top.actor_id == reference[0].actor_id
        tie = len(reference) > 1 and reference[1].score == reference[0].score
        tied_scan += tie
        if reference and not tie:
            untied += 1
            agree_untied += top is not None and top.actor_id == reference[0].actor_id
    gc.unfreeze()
    ours_ms = [t * 1000 for t in ours]
    plain_ms = [t * 1000 for t in plain]
    ratios = [o / p for o, p in zip(ours, plain, strict=True)]
    return Result(
        size=size,
        strings=len(strings),
        build_ms=round(build_ms, 1),
        keystrokes=len(ours),
        index_median_ms=round(statistics.median(ours_ms), 3),
        index_p95_ms=round(statistics.quantiles(ours_ms, n=20)[-1], 3),
        index_max_ms=round(max(ours_ms), 3),
        index_mean_ms=round(statistics.fmean(ours_ms), 3),
        plain_median_ms=round(statistics.median(plain_ms), 3),
        plain_mean_ms=round(statistics.fmean(plain_ms), 3),
        ratio_median=round(statistics.median(ratios), 3),
        ratio_mean=round(statistics.fmean(ours) / statistics.fmean(plain), 3),
        agreement_queries=queries + extra,
        agree_plain=round(agree_plain / (queries + extra), 3),
        agree_scan=round(agree_scan / (queries + extra), 3),
        tied_scan=round(tied_scan / (queries + extra), 3),
        agree_untied=round(agree_untied / max(1, untied), 3),
        target_ours=round(target_ours / (queries + extra), 3),
        target_plain=round(target_plain / (queries + extra), 3),
    )


def markdown(results: list[Result], queries: int, extra: int) -> str:
    """The table written into docs/performance.md."""
    lines = [
        f"Measured by `python -m benchmarks.search_bench` ({queries} typed queries a size, "
        f"every keystroke timed; top results compared on those and {extra} more full queries; Python {platform.python_version()}, rapidfuzz {rapidfuzz.__version__}, "
        f"{time.strftime('%Y-%m-%d')}). Ratio = index time / plain "
        "`process.extract(q, aliases, scorer=fuzz.WRatio, limit=10)` time, same keystrokes, same run.",
        "",
        "| aliases | index build | keystrokes | index median / p95 / max | plain median | ratio (median of per-key ratios) | ratio (mean time) | same top as plain | same top actor as own full scan (tie at the top score) | query's actor first: index / plain |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.strings:,} | {r.build_ms:.0f} ms | {r.keystrokes} | "
            f"{r.index_median_ms:.2f} / {r.index_p95_ms:.2f} / {r.index_max_ms:.2f} ms | "
            f"{r.plain_median_ms:.2f} ms | {r.ratio_median:.2f}x | {r.ratio_mean:.2f}x | "
            f"{r.agree_plain:.0%} | {r.agree_scan:.0%} ({r.tied_scan:.0%}) | {r.target_ours:.0%} / {r.target_plain:.0%} |"
        )
    return "\n".join(lines)


def update_docs(text: str) -> None:
    """Replace the benchmark block of docs/performance.md (other sections are left alone)."""
    replace_block(DOCS, START, END, text, "Search")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="4 typed queries (+8 checked) a size instead of 16 (+48)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--update-docs", action="store_true", help="rewrite the table in docs/performance.md"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="N")
    args = parser.parse_args(argv)
    queries, extra = (4, 8) if args.quick else (16, 48)
    results = []
    for size in args.sizes:
        results.append(measure(size, queries, extra))
        print(f"measured {size:,}", file=sys.stderr)
    if args.json:
        print(json.dumps([r.__dict__ for r in results], indent=2))
    else:
        print(markdown(results, queries, extra))
    if args.update_docs:
        update_docs(markdown(results, queries, extra))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
