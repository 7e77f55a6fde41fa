"""The load cache's line format: each source, fact and warning as one JSON line, and back.

Split out of ``cache.py`` (which keys, checks, reads and writes entries): this half
turns the model's dataclasses into JSON values and rebuilds them, checking every
offset against the article it names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from sys import intern
from typing import Any

from briefing.model.diagnostics import Diagnostic, Severity
from briefing.model.io.paths import display
from briefing.model.pack import Pack
from briefing.model.text import Article
from briefing.model.types import (
    Actor,
    Claim,
    ClaimValue,
    Evidence,
    Flags,
    Meeting,
    PackMeta,
    Participant,
    Pledge,
    Source,
    Uncited,
)

decode = json.JSONDecoder().decode
"""json.loads without its per-call set-up (~20,000 lines a load); bytes are decoded first."""


# ---------------------------------------------------------------------- encoding
# Each dataclass becomes a list of its fields in a fixed order, one line per source,
# fact and warning. Article text is not stored (it is read from the article file,
# whose bytes are part of the key), so evidence keeps only offsets and quotes and
# sentences are sliced out again.


class Unencodable(Exception):
    """The pack holds something this format cannot give back the same: do not cache."""


def dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _ev(e: Evidence) -> list[Any]:
    return [e.source, e.start, e.end, e.sentence_start, e.sentence_end, e.match]


def _evs(items: Sequence[Evidence]) -> list[list[Any]]:
    return [_ev(e) for e in items]


def encode_items(pack: Pack, places: dict[str, str]) -> Iterator[tuple[str, object, list[Any]]]:
    """(kind, the object, its encoding) for each line, sources before the facts citing them."""
    m = pack.meta
    yield "meta", m, [m.title, m.story, m.as_of, m.notes]
    for s in pack.sources:
        yield "source", s, _source(s)
    for a in pack.actors:
        yield "actor", a, _actor(a)
    for meeting in pack.meetings:
        yield "meeting", meeting, _meeting(meeting)
    for p in pack.pledges:
        yield "pledge", p, _pledge(p)
    for c in pack.claims:
        yield "claim", c, _claim(c)
    for w in pack.warnings:
        if w.path not in places:
            raise Unencodable(w.path)  # a diagnostic we could not show again the same way
        yield "warning", w, [places[w.path], w.line, w.col, w.message, w.severity.value, w.hint]


def _source(s: Source) -> list[Any]:
    return [
        s.id,
        s.file,
        s.sha256,
        s.outlet,
        s.title,
        s.published,
        s.language,
        s.translated_from,
        s.original_outlet,
        s.url,
        s.grade,
        s.date_reasoning,
        s.notes,
        [
            s.flags.machine_translated,
            s.flags.garbled,
            [list(r) for r in s.flags.boilerplate_lines],
            list(s.flags.lost_characters),
        ],
        [[_ev(u.evidence), u.reason] for u in s.uncited],
        [x for span in s.article.sentences for x in span],
    ]


def _actor(a: Actor) -> list[Any]:
    return [
        a.id,
        a.name,
        a.kind,
        list(a.aliases),
        a.role,
        a.affiliation,
        a.candidate,
        a.notes,
        _evs(a.evidence),
    ]


def _meeting(m: Meeting) -> list[Any]:
    return [
        m.id,
        m.title,
        m.date,
        m.date_text,
        m.status,
        _evs(m.evidence),
        m.place,
        m.date_reasoning,
        [[p.actor, p.role] for p in m.participants],
        m.credibility,
        m.candidate,
    ]


def _pledge(p: Pledge) -> list[Any]:
    return [
        p.id,
        p.actor,
        p.contribution,
        p.status,
        _evs(p.evidence),
        list(p.conditions),
        p.credibility,
        p.candidate,
    ]


def _claim(c: Claim) -> list[Any]:
    return [
        c.id,
        c.topic,
        [[v.value, v.source, _evs(v.evidence), v.credibility] for v in c.values],
    ]


def _interned(value: str | None) -> str | None:
    return None if value is None else intern(value)


class Decoder:
    """Rebuilds the dataclasses line by line, checking every offset against its article.

    Ids and vocabulary values are interned, as the loader does: one string each
    rather than one per mention (a source id is in each of its evidence items).
    """

    def __init__(self, root: Path, texts: dict[str, str], keep: bool = True) -> None:
        self.root = root
        self.keep = keep
        """False when only checking lines (store): nothing is kept, no second model."""
        self.texts_by_file = texts
        self.texts: dict[str, str] = {}
        self.meta: PackMeta | None = None
        self.items: dict[str, list[Any]] = {
            kind: [] for kind in ("source", "actor", "meeting", "pledge", "claim", "warning")
        }

    def add(self, kind: str, item: list[Any]) -> object:
        """Rebuild one line's object and keep it for :meth:`finish`; returns the object."""
        built: object
        if kind == "meta":
            if self.meta is not None:
                raise ValueError("two meta lines")
            built = self.meta = PackMeta(title=item[0], story=item[1], as_of=item[2], notes=item[3])
            return built
        built = getattr(self, "_" + kind)(item) if kind in self.items else None
        if built is None:
            raise ValueError(f"unknown line kind {kind!r}")
        if self.keep:
            self.items[kind].append(built)
        return built

    def finish(self) -> Pack:
        """The pack of every line added (ValueError without the meta line)."""
        if self.meta is None:
            raise ValueError("no meta line")
        i = self.items
        return Pack(
            str(self.root),
            self.meta,
            tuple(i["source"]),
            tuple(i["actor"]),
            tuple(i["meeting"]),
            tuple(i["pledge"]),
            tuple(i["claim"]),
            tuple(i["warning"]),
        )

    def ev(self, item: list[Any]) -> Evidence:
        source, start, end, s_start, s_end, match = item
        text = self.texts[source]
        if not (0 <= s_start <= start <= end <= s_end <= len(text)):
            raise ValueError("evidence offsets out of range")
        return Evidence(
            source=intern(source),
            quote=text[start:end],
            start=start,
            end=end,
            sentence_start=s_start,
            sentence_end=s_end,
            sentence=text[s_start:s_end],
            match=intern(str(match)),
        )

    def evs(self, items: list[list[Any]]) -> tuple[Evidence, ...]:
        return tuple(self.ev(i) for i in items)

    def _source(self, item: list[Any]) -> Source:
        (ident, file, sha, outlet, title, published, language, translated_from) = item[:8]
        (original_outlet, url, grade, date_reasoning, notes, flags, uncited, flat) = item[8:]
        text = self.texts_by_file[file]
        self.texts[ident] = text
        sentences = tuple(zip(flat[0::2], flat[1::2], strict=True))
        if any(not (0 <= a <= b <= len(text)) for a, b in sentences):
            raise ValueError("sentence offsets out of range")
        article = Article(text, sentences, Article.from_lines(text))
        return Source(
            id=intern(ident),
            file=file,
            path=str(self.root / file),
            sha256=sha,
            outlet=outlet,
            title=title,
            published=published,
            language=intern(language),
            article=article,
            translated_from=translated_from,
            original_outlet=original_outlet,
            url=url,
            grade=intern(grade),
            date_reasoning=date_reasoning,
            notes=notes,
            flags=Flags(
                machine_translated=bool(flags[0]),
                garbled=bool(flags[1]),
                boilerplate_lines=tuple((int(a), int(b)) for a, b in flags[2]),
                lost_characters=tuple(flags[3]),
            ),
            uncited=tuple(Uncited(self.ev(e), reason) for e, reason in uncited),
        )

    def _actor(self, a: list[Any]) -> Actor:
        return Actor(
            id=intern(a[0]),
            name=a[1],
            kind=intern(a[2]),
            aliases=tuple(a[3]),
            role=a[4],
            affiliation=_interned(a[5]),
            candidate=bool(a[6]),
            notes=a[7],
            evidence=self.evs(a[8]),
        )

    def _meeting(self, m: list[Any]) -> Meeting:
        return Meeting(
            id=intern(m[0]),
            title=m[1],
            date=m[2],
            date_text=m[3],
            status=intern(m[4]),
            evidence=self.evs(m[5]),
            place=m[6],
            date_reasoning=m[7],
            participants=tuple(Participant(intern(p[0]), intern(p[1])) for p in m[8]),
            credibility=_interned(m[9]),
            candidate=bool(m[10]),
        )

    def _pledge(self, p: list[Any]) -> Pledge:
        return Pledge(
            id=intern(p[0]),
            actor=intern(p[1]),
            contribution=p[2],
            status=intern(p[3]),
            evidence=self.evs(p[4]),
            conditions=tuple(p[5]),
            credibility=_interned(p[6]),
            candidate=bool(p[7]),
        )

    def _claim(self, c: list[Any]) -> Claim:
        return Claim(
            id=intern(c[0]),
            topic=c[1],
            values=tuple(
                ClaimValue(v[0], intern(v[1]), self.evs(v[2]), credibility=_interned(v[3]))
                for v in c[2]
            ),
        )

    def _warning(self, w: list[Any]) -> Diagnostic:
        return Diagnostic(
            display(self.root / w[0]), w[1], w[2], w[3], severity=Severity(w[4]), hint=w[5]
        )
