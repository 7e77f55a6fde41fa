"""A deterministic synthetic pack: N articles of news prose and ~20 facts an article.

The benchmarks need packs far larger than the curated one (100, 1,000, 5,000
articles) that still pass the strict loader: every quote occurs exactly once in
its article, every id is unique, every sha256 is right. The prose imitates the
curated articles closely enough to cost the same to read: ~3-4 KB a file, one
paragraph a line, curly quotes and apostrophes, en dashes, abbreviations
("U.S.", "Gen."), a headline without a full stop, aggregator furniture at the
end of some files, machine-translated files with garbled names, and a few quotes
written with straight quotes so that the normalised anchoring tier is exercised.

Usage: ``python benchmarks/make_pack.py N OUT_DIR [--seed S]``. The same N and
seed always give byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    ("uk", "United Kingdom", ["UK", "Britain", "British", "Britain’s"]),
    ("france", "France", ["French", "France’s", "Paris"]),
    ("germany", "Germany", ["German", "Germany’s", "Berlin"]),
    ("italy", "Italy", ["Italian", "Rome"]),
    ("poland", "Poland", ["Polish", "Warsaw"]),
    ("spain", "Spain", ["Spanish", "Madrid"]),
    ("ukraine", "Ukraine", ["Ukrainian", "Kyiv", "Ukraine’s"]),
    ("us", "United States", ["US", "U.S.", "American", "Washington"]),
    ("canada", "Canada", ["Canadian", "Ottawa"]),
    ("australia", "Australia", ["Australian", "Canberra"]),
    ("norway", "Norway", ["Norwegian", "Oslo"]),
    ("sweden", "Sweden", ["Swedish", "Stockholm"]),
    ("denmark", "Denmark", ["Danish", "Copenhagen"]),
    ("finland", "Finland", ["Finnish", "Helsinki"]),
    ("netherlands", "Netherlands", ["Dutch", "The Hague"]),
    ("belgium", "Belgium", ["Belgian", "Brussels"]),
    ("ireland", "Ireland", ["Irish", "Dublin"]),
    ("turkey", "Turkey", ["Turkish", "Ankara"]),
    ("japan", "Japan", ["Japanese", "Tokyo"]),
    ("estonia", "Estonia", ["Estonian", "Tallinn"]),
    ("latvia", "Latvia", ["Latvian", "Riga"]),
    ("lithuania", "Lithuania", ["Lithuanian", "Vilnius"]),
    ("romania", "Romania", ["Romanian", "Bucharest"]),
    ("portugal", "Portugal", ["Portuguese", "Lisbon"]),
]
CITIES = ["Paris", "London", "Brussels", "Berlin", "Warsaw", "Rome", "Kyiv", "Riyadh", "Helsinki"]
FIRST = [
    "Anna",
    "Boris",
    "Clara",
    "Dmytro",
    "Elena",
    "Felix",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Karin",
    "Lukas",
    "Marta",
    "Niels",
    "Olga",
    "Pavel",
    "Rita",
    "Stefan",
    "Tomas",
    "Ulla",
    "Viktor",
    "Wanda",
    "Yannick",
    "Zofia",
    "Agnes",
    "Bruno",
    "Carla",
    "Dario",
    "Edith",
    "Fabian",
    "Gisela",
    "Henrik",
    "Irena",
    "Jakub",
    "Kamila",
    "Lars",
    "Maja",
    "Oskar",
    "Petra",
    "Radek",
]
SYL_A = [
    "Var",
    "Lind",
    "Kor",
    "Hal",
    "Mor",
    "Bren",
    "Dal",
    "Fen",
    "Gor",
    "Hart",
    "Kel",
    "Lom",
    "Mar",
    "Nor",
    "Ost",
    "Pell",
    "Quin",
    "Rask",
    "Sor",
    "Tal",
]
SYL_B = [
    "en",
    "ov",
    "ard",
    "ek",
    "ius",
    "anu",
    "ström",
    "berg",
    "ello",
    "ski",
    "as",
    "ier",
    "ani",
    "ova",
    "um",
    "is",
    "or",
    "ay",
    "elt",
    "ich",
]
SYL_C = ["", "ko", "ner", "ton", "ski", "va", "son", "ri"]
ROLES = [
    "Defence Minister",
    "Foreign Minister",
    "Prime Minister",
    "Chief of the Defence Staff",
    "national security adviser",
    "deputy foreign minister",
    "army chief",
    "ambassador to NATO",
]
CONTRIBUTIONS = [
    "troops",
    "logistics support",
    "air cover",
    "naval patrols",
    "air defence systems",
    "training teams",
    "intelligence sharing",
    "mine clearance teams",
    "medical units",
    "funding for the mission",
]
STATUSES = ["offered", "committed", "conditional", "considering", "undecided", "declined"]
CONDITIONS = [
    "only with a US backstop",
    "only after a ceasefire holds",
    "only with a UN mandate",
    "subject to a parliamentary vote",
    "if other European allies take part",
]
TOPICS = [
    "security guarantees",
    "the monitoring of a ceasefire",
    "the size of a peace force",
    "air policing over western Ukraine",
    "the protection of power plants",
    "the rotation of troops",
]


def _published(i: int) -> date:
    """Article ``i``'s publication date (spread over 2025)."""
    return date(2025, 1 + i % 12, 1 + i % 28)


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Wire Service", "The Daily Ledger", "Evening Courier", "Digest (machine translation)"]
FILLER = [
    "The talks come after a week of intense diplomacy in several European capitals.",
    "Officials cautioned that no final decision had been taken and that planning would continue.",
    "Diplomats said the mood in the room was “constructive but sober”.",
    "Analysts said the gap between ambition and capacity remained large.",
    "The defence ministry declined to comment on operational details.",
    "Critics at home have questioned the cost of any long deployment.",
    "A spokesperson said the government would “not speculate” on numbers.",
    "Several smaller states have said they will decide only once a deal is signed.",
]
FURNITURE = [
    "Read More Details",
    "Also on site :",
    "- Storms sweep across the coast as forecasters warn of floods",
    "- Markets steady ahead of central bank decision",
]


@dataclass
class Person:
    """A generated person actor."""

    id: str
    name: str
    surname: str
    role: str
    country: str
    garbled: str


@dataclass
class Article:
    """One generated article and the quotes planned in it."""

    sid: str
    lines: list[str] = field(default_factory=list)


def _surname(index: int) -> str:
    a = SYL_A[index % len(SYL_A)]
    b = SYL_B[(index // len(SYL_A)) % len(SYL_B)]
    c = SYL_C[(index // (len(SYL_A) * len(SYL_B))) % len(SYL_C)]
    return a + b + c


def _garble(name: str, rng: random.Random) -> str:
    """A transit-garbled spelling: a doubled or swapped letter."""
    i = rng.randrange(1, len(name) - 1)
    if rng.random() < 0.5:
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


class Generator:
    """Builds the articles and the YAML for one pack."""

    def __init__(self, articles: int, seed: int) -> None:
        self.n = articles
        self.rng = random.Random(seed)
        self.people: list[Person] = []
        self.yaml: dict[str, list[str]] = {
            k: [] for k in ("sources", "actors", "meetings", "pledges", "claims")
        }
        self.counter = 0
        self.pending_claims: dict[int, list[tuple[str, str, str]]] = {}

    def uid(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"

    def person(self, country: str) -> Person:
        index = len(self.people)
        first = FIRST[index % len(FIRST)]
        surname = _surname(index // len(FIRST) * 7 + index % 7)
        name = f"{first} {surname}"
        person = Person(
            id=f"p{index}",
            name=name,
            surname=surname,
            role=self.rng.choice(ROLES),
            country=country,
            garbled=_garble(surname, self.rng),
        )
        self.people.append(person)
        return person

    def build(self, out: Path) -> None:
        (out / "data").mkdir(parents=True, exist_ok=True)
        (out / "seeds").mkdir(parents=True, exist_ok=True)
        for cid, name, aliases in COUNTRIES:
            self.yaml["actors"].append(
                f"  - id: {cid}\n    name: {_q(name)}\n    kind: country\n"
                f"    aliases: [{', '.join(_q(a) for a in aliases)}]\n"
            )
        for i in range(self.n):
            self.article(i, out)
        chunk = 1000  # articles' worth of facts per YAML file, as a team archive would split them
        (out / "data" / "pack.yaml").write_text(
            "pack:\n  title: Synthetic briefing\n"
            f"  story: {_q(f'A generated story of {self.n} articles for benchmarks.')}\n"
            "  as_of: 2025-12-31\n",
            encoding="utf-8",
        )
        for section, items in self.yaml.items():
            per_file = max(1, len(items) * chunk // max(self.n, 1))
            for start in range(0, max(len(items), 1), per_file):
                part = items[start : start + per_file]
                name = f"{section}-{start // per_file:03d}.yaml"
                (out / "data" / name).write_text(
                    f"{section}:\n" + "\n".join(part), encoding="utf-8"
                )

    def article(self, i: int, out: Path) -> None:
        rng = self.rng
        sid = f"s{i}"
        garbled = i % 10 == 7
        furniture = i % 4 == 1
        countries = rng.sample(COUNTRIES, 6)
        people = [self.person(c[0]) for c in countries[:2]]
        city = rng.choice(CITIES)
        facts: list[tuple[str, str, str]] = []  # (section, yaml-without-evidence, quote)
        sentences: list[str] = []

        def say(sentence: str, quote: str) -> str:
            sentences.append(sentence)
            return quote

        for p in people:
            shown = p.garbled if garbled else p.surname
            country = next(c for c in COUNTRIES if c[0] == p.country)[1]
            quote = say(
                f"{p.name}, {country}’s {p.role}, arrived in {city} on {rng.choice(WEEKDAYS)} "
                f"with {rng.randrange(3, 40)} aides.",
                f"{p.name}, {country}’s {p.role}",
            )
            aliases = [p.surname, f"{p.surname}’s", p.garbled]
            facts.append(
                (
                    "actors",
                    f"  - id: {p.id}\n    name: {_q(p.name)}\n    kind: person\n"
                    f"    role: {_q(p.role)}\n    affiliation: {p.country}\n"
                    f"    aliases: [{', '.join(_q(a) for a in aliases)}]\n",
                    quote,
                )
            )
            sentences.append(
                f"{shown} told reporters: “We are ready to do our part, but we need clarity "
                f"on {rng.choice(TOPICS)} within {rng.randrange(2, 30)} days.”"
            )
        published = _published(i)
        for k in range(4):
            mid = self.uid("m")
            held = k % 2 == 0
            # A weekday one to six days before (held) or after (planned) publication:
            # the date the reader's date rules resolve "on <day>" to, so the pack
            # carries no date warnings (real date conflicts are the analysis tests' job).
            days = 1 + (i + k) % 6
            when = published - timedelta(days=days) if held else published + timedelta(days=days)
            day = WEEKDAYS[when.weekday()]
            number = rng.randrange(5, 40)
            topic = rng.choice(TOPICS)
            place = rng.choice(CITIES)
            verb = "met" if held else "will meet"
            # The participants are named in the cited words, as a report names who met:
            # the faithfulness rule "named" checks it (a pack of unnamed participants
            # once made a warning a participant, ~3,000 at 1,000 articles).
            present = countries[k : k + 3]
            among = f"{present[0][1]}, {present[1][1]} and {present[2][1]}"
            quote = say(
                f"Defence chiefs from {number} countries, {among} among them, {verb} in "
                f"{place} on {day} to discuss {topic}, officials said.",
                f"Defence chiefs from {number} countries, {among} among them, {verb} in "
                f"{place} on {day}",
            )
            parts = "".join(
                f"      - {{actor: {c[0]}, role: {'host' if j == 0 else 'attendee'}}}\n"
                for j, c in enumerate(present)
            )
            facts.append(
                (
                    "meetings",
                    f"  - id: {mid}\n    title: {_q(f'Defence chiefs on {topic} in {place}')}\n"
                    f"    date: {when.isoformat()}\n"
                    f"    date_text: {_q('on ' + day)}\n    place: {_q(place)}\n"
                    f"    status: {'held' if held else 'planned'}\n    participants:\n{parts}",
                    quote,
                )
            )
            sentences.append(rng.choice(FILLER))
        for _ in range(4):  # background: numbers and places, as real reports carry
            sentences.append(
                f"In {rng.choice(CITIES)}, {rng.randrange(2, 90)} officials from "
                f"{rng.choice(COUNTRIES)[1]} spent {rng.randrange(2, 14)} hours on "
                f"{rng.choice(TOPICS)}, a senior diplomat said on {rng.choice(WEEKDAYS)}."
            )
        for k in range(12):
            pid = self.uid("pl")
            cid, cname, aliases = countries[k % 6]
            contribution = CONTRIBUTIONS[(i + k) % len(CONTRIBUTIONS)]
            status = STATUSES[(i * 3 + k) % len(STATUSES)]
            amount = rng.randrange(100, 9000)
            condition = rng.choice(CONDITIONS) if status == "conditional" else None
            who = aliases[0] if k % 2 else cname
            tail = f", {condition}" if condition else ""
            sentence = (
                f"{who} {_status_phrase(status)} {contribution} worth up to {amount} "
                f"personnel or €{amount // 10}m{tail}, according to officials in {rng.choice(CITIES)}."
            )
            quote = say(
                sentence, f"{who} {_status_phrase(status)} {contribution} worth up to {amount}"
            )
            conds = f"    conditions: [{_q(condition)}]\n" if condition else ""
            facts.append(
                (
                    "pledges",
                    f"  - id: {pid}\n    actor: {cid}\n    contribution: {_q(contribution)}\n"
                    f"    status: {status}\n{conds}",
                    quote,
                )
            )
        # Claims: each article opens two disputes answered by itself and the next article.
        for _claim_id, _value, sentence in self.pending_claims.pop(i, []):
            sentences.append(sentence)
        opened = []
        for k in range(2 if self.n > 1 else 0):
            claim_id = self.uid("c")
            topic = rng.choice(TOPICS)
            values = rng.sample(range(5, 60), 2)
            mine = f"{values[0]} countries have signed up to {topic}, {OUTLETS[k]} understands"
            theirs = f"as many as {values[1]} countries are now involved in {topic}"
            sentences.append(mine + f" (report {claim_id}).")
            opened.append((claim_id, topic, str(values[0]), mine, str(values[1]), theirs))
            other = f"Sources said {theirs} (ref {claim_id})."
            if i + 1 < self.n:
                self.pending_claims.setdefault(i + 1, []).append((claim_id, str(values[1]), other))
            else:  # the last article answers its own disputes
                sentences.append(other)
        rng.shuffle(sentences)
        headline = f"{people[0].name} and allies weigh {rng.choice(TOPICS)} ahead of {city} talks"
        lines = [headline]
        for start in range(0, len(sentences), 3):
            lines.append(" ".join(sentences[start : start + 3]))
        if furniture:
            lines.extend(FURNITURE)
        text = "\n".join(lines) + "\n"
        path = out / "seeds" / f"{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        flags = ""
        if garbled or furniture:
            flags = "    flags:\n"
            if garbled:
                flags += "      machine_translated: true\n      garbled: true\n"
            if furniture:
                total = len(lines)
                flags += f'      boilerplate_lines: ["{total - 3}-{total}"]\n'
        self.yaml["sources"].append(
            f"  - id: {sid}\n    file: seeds/{i:05d}.txt\n    sha256: {digest}\n"
            f"    outlet: {_q(OUTLETS[i % len(OUTLETS)])}\n    title: {_q(headline)}\n"
            f"    published: {_published(i).isoformat()}\n    language: en\n"
            f"    grade: {'ABCDEF'[i % 6]}\n{flags}"
        )
        for section, body, quote in facts:
            shown = quote
            if "’" in quote and rng.random() < 0.3:
                shown = quote.replace("’", "'")  # copied from a browser: the normalised tier
            assert text.count(quote) == 1, quote
            evidence = f"    evidence:\n      - source: {sid}\n        quote: {_q(shown)}\n"
            self.yaml[section].append(body + evidence)
        other = f"s{min(i + 1, self.n - 1)}"
        for claim_id, topic, v1, q1, v2, _q2 in opened:
            assert text.count(q1) == 1, q1
            self.yaml["claims"].append(
                f"  - id: {claim_id}\n    topic: {_q('How many countries back ' + topic)}\n"
                f"    values:\n"
                f"      - value: {_q(v1)}\n        source: {sid}\n"
                f"        evidence: [{{source: {sid}, quote: {_q(q1)}}}]\n"
                f"      - value: {_q(v2)}\n        source: {other}\n"
                f"        evidence: [{{source: {other}, "
                f"quote: {_q(f'{_q2} (ref {claim_id})')}}}]\n"
            )


def _status_phrase(status: str) -> str:
    return {
        "offered": "has offered",
        "committed": "has committed",
        "conditional": "would provide",
        "considering": "is considering",
        "undecided": "has not decided on",
        "declined": "has ruled out",
    }[status]


def make_pack(articles: int, out: str | Path, seed: int = 1) -> Path:
    """Write a pack of ``articles`` articles into ``out`` (created) and return it."""
    root = Path(out)
    Generator(articles, seed).build(root)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, help="number of articles (5, 100, 1000, 5000)")
    parser.add_argument("out", help="folder to write the pack into (created)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("need at least one article")
    if Path(args.out).exists() and any(Path(args.out).iterdir()):
        parser.error(f"{args.out} exists and is not empty")
    make_pack(args.articles, args.out, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
