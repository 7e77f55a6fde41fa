"""A load cache: a second start of a large pack skips parsing, validating and anchoring.

Loading a 1,000-article pack means parsing ~6 MB of YAML, checking every record,
splitting every article into sentences and locating ~20,000 quotes. None of that
changes unless a file does, so the result of a *valid* load is kept in the user
cache folder and reused when every input is byte-identical.

Correctness never depends on the cache:

- The key is a sha256 over the cache format, briefing's version, a digest of the
  loader's own source files (so a changed loader never reads an old result),
  every YAML file's name and bytes, and every article's path and bytes. Articles
  are read again on every start (their text is needed anyway) and rehashed.
- The file carries a sha256 of its own body: a truncated or corrupted file is
  detected before it is parsed, and anything unexpected while rebuilding (wrong
  shape, wrong types, offsets out of range) makes it a miss, never an error.
- Article paths are checked again (inside the pack, no symlink out), since a
  symlink does not change the bytes the key is made of.
- The format is JSON, rebuilt field by field into the dataclasses: no pickle, so
  a cache file planted by someone else can at worst describe a wrong pack, not
  run code; and a file not owned by the user, or writable by others, is ignored.
- One JSON document a line (a head with the key, then one line per source, fact
  and warning), so neither writing nor reading ever holds the whole pack as JSON
  values next to the model: each line is encoded, checked and dropped, or parsed,
  rebuilt and dropped, in turn (a whole-document entry took ~45 MiB more memory
  than the model itself at 1,000 articles).
- Only valid packs are stored, with their warnings, so a cached load returns the
  same diagnostics as a full one.

``BRIEFING_CACHE_DIR`` moves the cache; ``BRIEFING_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from sys import intern
from typing import Any, BinaryIO

from briefing import __version__
from briefing.model.diagnostics import Diagnostic, Severity
from briefing.model.pack import Pack
from briefing.model.paths import display
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
from briefing.model.yamlread import decode_utf8

FORMAT = 3
"""Bump when the stored shape changes (the loader digest covers code changes too)."""
_MAGIC = b"briefing-load-cache"
_decode = json.JSONDecoder().decode
"""json.loads without its per-call set-up (~20,000 lines a load); bytes are decoded first."""


def cache_dir() -> Path | None:
    """Where cache files live, or None when caching is turned off."""
    if os.environ.get("BRIEFING_NO_CACHE", "") not in ("", "0"):
        return None
    override = os.environ.get("BRIEFING_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing"


def _loader_digest() -> bytes:
    """A digest of the model package's code: a changed loader invalidates every entry."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


_LOADER = _loader_digest()


def _feed(digest: Any, name: str, data: bytes) -> None:
    """Add one named file to a key, length-prefixed so no two inputs can collide."""
    encoded = name.encode("utf-8")
    digest.update(len(encoded).to_bytes(8, "big") + encoded)
    digest.update(len(data).to_bytes(8, "big") + data)


class PackCache:
    """The cache entry of one pack folder (one file, replaced when the pack changes)."""

    def __init__(self, folder: Path, root: Path, yaml_files: Sequence[Path]) -> None:
        self.root = root
        self.yaml_files = list(yaml_files)
        resolved = str(root.resolve())
        self.file = folder / (hashlib.sha256(resolved.encode()).hexdigest()[:32] + ".json")
        self.folder = folder
        self._yaml_key = hashlib.sha256()
        self._yaml_key.update(_MAGIC + FORMAT.to_bytes(2, "big") + __version__.encode() + _LOADER)
        for path in self.yaml_files:
            _feed(self._yaml_key, path.name, path.read_bytes())

    @classmethod
    def open(cls, root: Path, yaml_files: Sequence[Path]) -> PackCache | None:
        """The cache for a pack, or None when caching is off or the files cannot be read."""
        folder = cache_dir()
        if folder is None:
            return None
        try:
            return cls(folder, root, yaml_files)
        except OSError:
            return None

    # ------------------------------------------------------------------ reading

    def load(self) -> Pack | None:
        """The cached pack if every input is unchanged; None on any doubt."""
        try:
            with open(self.file, "rb") as stream:
                if not self._trusted(stream):
                    return None
                head = _decode(stream.readline().decode("utf-8"))
                if not isinstance(head, dict) or head.get("format") != FORMAT:
                    return None
                articles: list[str] = head["articles"]
                texts = self._texts_if_unchanged(articles, head["key"])
                if texts is None:
                    return None
                decoder = _Decoder(self.root, texts)
                for line in stream:  # one line per item, each parsed and dropped in turn
                    kind, item = _decode(line.decode("utf-8"))
                    decoder.add(kind, item)
                return decoder.finish()
        except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
            return None  # corrupt, truncated or of another shape: not trusted

    def _texts_if_unchanged(self, articles: list[str], key: object) -> dict[str, str] | None:
        """Every article's text if the inputs hash to ``key``; None if anything differs.

        Articles are read one at a time and hashed, and only their text is kept.
        """
        digest = self._yaml_key.copy()
        texts: dict[str, str] = {}
        for name in articles:
            data = self._article_bytes(name)
            if data is None:
                return None
            _feed(digest, name, data)
            text, _ = decode_utf8(data, name)
            if text is None:
                return None
            texts[name] = text
        return texts if digest.hexdigest() == key else None

    def _trusted(self, stream: BinaryIO) -> bool:
        """True if the open cache file is ours, whole and unaltered; leaves it at the body.

        The body is hashed in chunks, not held (~4.5 MiB at 1,000 articles), then
        read again line by line through the same descriptor: the store never
        rewrites an entry in place (it writes a new file and renames it over the
        old one) and only a file that its owner alone can write is read, so the
        second pass reads the bytes that were hashed.
        """
        info = os.fstat(stream.fileno())
        getuid = getattr(os, "getuid", None)
        if getuid is not None and info.st_uid != getuid():
            return False  # planted by another user
        if info.st_mode & 0o022:
            return False  # others could have rewritten it
        parts = stream.readline(256).rstrip(b"\n").split(b" ")
        if len(parts) != 2 or parts[0] != _MAGIC:
            return False
        body = stream.tell()
        digest = hashlib.sha256()
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
        if digest.hexdigest().encode() != parts[1]:
            return False
        stream.seek(body)
        return True

    def _article_bytes(self, name: str) -> bytes | None:
        """An article's bytes, if the loader's own path and file checks pass."""
        from briefing.model.load import _article_path, read_regular_file  # load imports us

        path, _ = _article_path(self.root, name)
        if path is None:
            return None
        data, _ = read_regular_file(path)
        return data

    # ------------------------------------------------------------------ writing

    def store(self, pack: Pack) -> None:
        """Keep a valid pack for the next start; failing to write is not an error.

        Every line is decoded again and compared with the object it came from
        before it is written: a field the encoder would lose (one added to the
        model and not here) means no entry, never a wrong one. Lines are written
        as they are checked, so the entry is never in memory whole.
        """
        try:
            self._write(self._lines(pack))
        except (OSError, _Unencodable):
            return

    def _lines(self, pack: Pack) -> Iterator[bytes]:
        """The entry's lines, each checked by a round trip (_Unencodable if one fails)."""
        articles = [source.file for source in pack.sources]
        digest = self._yaml_key.copy()
        for name in articles:  # one article in memory at a time
            data = self._article_bytes(name)
            if data is None:
                raise _Unencodable(name)
            _feed(digest, name, data)
        if str(self.root) != pack.root:
            raise _Unencodable(pack.root)
        yield _dumps({"format": FORMAT, "key": digest.hexdigest(), "articles": articles})
        decoder = _Decoder(self.root, {s.file: s.text for s in pack.sources}, keep=False)
        for kind, original, item in _encode_items(pack, self._places(pack)):
            line = _dumps([kind, item])
            again_kind, again = _decode(line.decode("utf-8"))
            if decoder.add(again_kind, again) != original:
                raise _Unencodable(kind)  # it would not survive the round trip
            yield line

    def _places(self, pack: Pack) -> dict[str, str]:
        """Diagnostic path as shown -> the same file relative to the pack root."""
        places = {display(self.root / "data" / p.name): f"data/{p.name}" for p in self.yaml_files}
        for source in pack.sources:
            places[display(self.root / source.file)] = source.file
        return places

    def _write(self, lines: Iterable[bytes]) -> None:
        """Write the entry through a private temporary file, then put it in place.

        The checksum header comes first but covers the body, so a placeholder of
        the same length is written, the body streamed while hashing, and the
        header written over the placeholder; a line that fails its check leaves
        no file behind.
        """
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as stream:  # mkstemp: mode 0600, ours
                placeholder = _MAGIC + b" " + b"0" * 64 + b"\n"
                stream.write(placeholder)
                body = hashlib.sha256()
                for index, line in enumerate(lines):
                    piece = line if index == 0 else b"\n" + line
                    body.update(piece)
                    stream.write(piece)
                header = _MAGIC + b" " + body.hexdigest().encode() + b"\n"
                assert len(header) == len(placeholder)
                stream.seek(0)
                stream.write(header)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp, self.file)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


# ---------------------------------------------------------------------- encoding
# Each dataclass becomes a list of its fields in a fixed order, one line per source,
# fact and warning. Article text is not stored (it is read from the article file,
# whose bytes are part of the key), so evidence keeps only offsets and quotes and
# sentences are sliced out again.


class _Unencodable(Exception):
    """The pack holds something this format cannot give back the same: do not cache."""


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _ev(e: Evidence) -> list[Any]:
    return [e.source, e.start, e.end, e.sentence_start, e.sentence_end, e.match]


def _evs(items: Sequence[Evidence]) -> list[list[Any]]:
    return [_ev(e) for e in items]


def _encode_items(pack: Pack, places: dict[str, str]) -> Iterator[tuple[str, object, list[Any]]]:
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
            raise _Unencodable(w.path)  # a diagnostic we could not show again the same way
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
    ]


def _claim(c: Claim) -> list[Any]:
    return [
        c.id,
        c.topic,
        [[v.value, v.source, _evs(v.evidence), v.credibility] for v in c.values],
    ]


def _interned(value: str | None) -> str | None:
    return None if value is None else intern(value)


class _Decoder:
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
