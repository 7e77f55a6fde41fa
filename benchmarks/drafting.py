"""``python -m benchmarks.drafting``: how much of an analyst's first pass ``briefing init`` does.

Each fixture story under ``tests/fixtures/*_story/`` has an ``answer_key.yaml``
written with its articles: the actors, meetings and pledges an analyst would
record, and what each article says about itself. This runs ``briefing init`` on
the articles into a temporary folder, reads back the YAML it wrote (so it
measures what the analyst gets, not an internal structure), and prints:

- publication dates and outlets read, machine-translation and boilerplate flags;
- candidate actors: precision (candidates that are a key actor), recall (key
  actors found), people split in two, variant spellings merged or missed, kinds;
- meetings and pledges drafted with the right sentence, date (meetings) or
  actor (pledges), and status.

A candidate matches a key actor when its name or one of its aliases is the key
name or one of the key variants (case and accents folded). Names the key lists
as ``optional`` count neither way.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.model.authoring import init_pack

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


@dataclass
class Tally:
    """Counts over every story, for the summary lines."""

    counts: dict[str, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def get(self, key: str) -> int:
        return self.counts.get(key, 0)


def _lines(spec: list[str]) -> set[int]:
    found: set[int] = set()
    for item in spec:
        first, _, last = str(item).partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return found


def _load(root: Path) -> dict[str, Any]:
    merged: dict[str, Any] = {"sources": [], "actors": [], "meetings": [], "pledges": []}
    for path in sorted((root / "data").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in merged:
            merged[key].extend(doc.get(key) or [])
    return merged


def _sentence_of(text: str, quote: str) -> str:
    at = text.find(quote)
    if at < 0:
        return ""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at + len(quote))
    return text[start : end if end >= 0 else len(text)]


def measure_story(folder: Path, tally: Tally, verbose: bool) -> None:
    key = yaml.safe_load((folder / "answer_key.yaml").read_text(encoding="utf-8"))
    say = tally.lines.append
    say(f"== {folder.name}: {key['story']}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        init_pack(root, [str(folder)])
        pack = _load(root)
        texts = {s["id"]: (root / s["file"]).read_text(encoding="utf-8") for s in pack["sources"]}
    by_file = {Path(s["file"]).name: s for s in pack["sources"]}
    # Sources: what each article says about itself.
    for name, want in key["sources"].items():
        got = by_file[name]
        tally.add("sources")
        published = str(got.get("published")) if got.get("published") else None
        ok_date = published == want["published"]
        ok_outlet = _fold(str(got.get("outlet"))) == _fold(want["outlet"])
        flags = got.get("flags") or {}
        ok_mt = bool(flags.get("machine_translated")) == want["machine_translated"]
        tally.add("dates", ok_date)
        tally.add("outlets", ok_outlet)
        tally.add("mt_ok", ok_mt)
        tally.add("mt_true", want["machine_translated"])
        tally.add("mt_found", want["machine_translated"] and ok_mt)
        tally.add(
            "mt_false_alarm",
            bool(flags.get("machine_translated")) and not want["machine_translated"],
        )
        flagged = _lines(flags.get("boilerplate_lines") or [])
        wanted = _lines(want["boilerplate"])
        optional = set((key.get("boilerplate_optional") or {}).get(name, []))
        tally.add("bp_lines", len(wanted))
        tally.add("bp_found", len(wanted & flagged))
        tally.add("bp_extra", len(flagged - wanted - optional))
        if (
            verbose
            or not (ok_date and ok_outlet and ok_mt)
            or (wanted - flagged)
            or (flagged - wanted - optional)
        ):
            say(
                f"  source {name}: published {published} (want {want['published']}), "
                f"outlet {got.get('outlet')!r} (want {want['outlet']!r}), "
                f"mt {flags.get('machine_translated', False)}, boilerplate {sorted(flagged)} "
                f"(want {sorted(wanted)})"
            )
    # Actors.
    optional_names = {_fold(n) for n in key.get("optional") or []}
    key_forms = []
    for actor in key["actors"]:
        forms = {_fold(actor["name"]), *(_fold(v) for v in actor["variants"])}
        key_forms.append((actor, forms))
    matched: dict[str, list[dict[str, Any]]] = {a["name"]: [] for a in key["actors"]}
    false_pos = []
    for cand in pack["actors"]:
        forms = {_fold(cand["name"]), *(_fold(a) for a in cand.get("aliases") or [])}
        hits = [a for a, kf in key_forms if _fold(cand["name"]) in kf] or [
            a for a, kf in key_forms if forms & kf
        ]
        if hits:
            matched[hits[0]["name"]].append(cand)
        elif _fold(cand["name"]) in optional_names:
            continue
        else:
            false_pos.append(cand)
    counted = sum(len(v) for v in matched.values()) + len(false_pos)
    tally.add("cand", counted)
    tally.add("cand_true", sum(len(v) for v in matched.values()))
    tally.add("key_actors", len(key["actors"]))
    tally.add("found", sum(1 for v in matched.values() if v))
    for actor, _forms in key_forms:
        cands = matched[actor["name"]]
        if len(cands) > 1:
            tally.add("split")
            if actor["kind"] == "person":
                tally.add("person_split")
            say(f"  split: {actor['name']} -> {[c['name'] for c in cands]}")
        if not cands:
            say(f"  missed actor: {actor['name']}")
            tally.add("variants", len(actor["variants"]))
            tally.add("variants_missed", len(actor["variants"]))
            continue
        best = cands[0]
        forms = {_fold(best["name"]), *(_fold(a) for a in best.get("aliases") or [])}
        for variant in actor["variants"]:
            tally.add("variants")
            if _fold(variant) in forms:
                tally.add("variants_merged")
            else:
                tally.add("variants_missed")
                say(f"  variant not merged: {variant!r} (into {best['name']!r})")
        tally.add("kinds_right", best["kind"] == actor["kind"])
        if best["kind"] != actor["kind"]:
            say(f"  kind: {best['name']} is {best['kind']}, want {actor['kind']}")
    for cand in false_pos:
        say(
            f"  not an actor: {cand['name']!r} ({cand['kind']}, aliases {cand.get('aliases') or []})"
        )
    # Facts.
    actor_names = {
        a["id"]: {_fold(a["name"]), *(_fold(x) for x in a.get("aliases") or [])}
        for a in pack["actors"]
    }

    def sentences(fact: dict[str, Any]) -> list[str]:
        return [
            _sentence_of(texts.get(e["source"], ""), e["quote"]) for e in fact.get("evidence") or []
        ]

    for kind in ("meetings", "pledges"):
        drafted = pack[kind]
        tally.add(f"{kind}_drafts", len(drafted))
        for want in key[kind]:
            tally.add(f"{kind}_key")
            right_sentence = [
                f for f in drafted if any(w in s for s in sentences(f) for w in want["sentences"])
            ]
            if kind == "meetings":
                right = [
                    f
                    for f in right_sentence
                    if f["status"] == want["status"]
                    and (str(f["date"]) if f.get("date") else None) == want["date"]
                ]
            else:
                # The key's names for the pledger, with every spelling of that key actor
                # (a draft naming it by a variant the key lists is the same actor).
                actors = {_fold(n) for n in want["actor"]}
                actors |= {f for _a, forms in key_forms if forms & actors for f in forms}
                right = [
                    f
                    for f in right_sentence
                    if f["status"] == want["status"] and actor_names.get(f["actor"], set()) & actors
                ]
            tally.add(f"{kind}_sentence", bool(right_sentence))
            tally.add(f"{kind}_twice", len(right_sentence) > 1)
            tally.add(f"{kind}_right", bool(right))
            if not right:
                what = want.get("id") or f"{want['actor'][0]} {want['status']}"
                got = [
                    (f.get("status"), f.get("date") if kind == "meetings" else f.get("actor"))
                    for f in right_sentence
                ]
                say(f"  {kind[:-1]} not drafted right: {what}; drafts with its sentence: {got}")


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "0/0"


def summary(t: Tally) -> list[str]:
    """The figures for one tally (a story, or all of them)."""
    g = t.get
    both = g("meetings_right") + g("pledges_right")
    return [
        f"publication dates read:     {_pct(g('dates'), g('sources'))}",
        f"outlets read:               {_pct(g('outlets'), g('sources'))}",
        f"machine translation:        {_pct(g('mt_found'), g('mt_true'))} flagged, "
        f"{g('mt_false_alarm')} false alarms",
        f"boilerplate lines:          {_pct(g('bp_found'), g('bp_lines'))} flagged, "
        f"{g('bp_extra')} article lines flagged wrongly",
        f"candidate actor precision:  {_pct(g('cand_true'), g('cand'))}",
        f"candidate actor recall:     {_pct(g('found'), g('key_actors'))}",
        f"actors split:               {g('split')} (persons: {g('person_split')})",
        f"variants merged:            {_pct(g('variants_merged'), g('variants'))}",
        f"kinds right:                {_pct(g('kinds_right'), g('found'))}",
        *(
            f"{kind + ' drafted right:':<28}{_pct(g(kind + '_right'), g(kind + '_key'))} "
            f"(right sentence: {g(kind + '_sentence')}; {g(kind + '_drafts')} drafts written; "
            f"{g(kind + '_twice')} drafted more than once)"
            for kind in ("meetings", "pledges")
        ),
        f"meetings and pledges:       {_pct(both, g('meetings_key') + g('pledges_key'))}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.drafting", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every source")
    args = parser.parse_args(argv)
    total = Tally()
    for folder in sorted(p.parent for p in FIXTURES.glob("*/answer_key.yaml")):
        story = Tally()
        measure_story(folder, story, args.verbose)
        print("\n".join(story.lines))
        print("\n".join("  " + line for line in summary(story)))
        for key, value in story.counts.items():
            total.add(key, value)
    print("== all stories")
    print("\n".join(summary(total)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
