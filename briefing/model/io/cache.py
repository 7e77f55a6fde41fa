"""A load cache: a second start of a large pack skips parsing, validating and anchoring.

Loading a 1,000-article pack means parsing ~6 MB of YAML, checking every record,
splitting every article into sentences and locating ~20,000 quotes. None of that
changes unless a file does, so the result of a *valid* load is kept in the user
cache folder and reused when every input is byte-identical.

Correctness never depends on the cache:

- The key is a sha256 over the cache format, briefing's version, a digest of the
  loader's own source files (their names, sizes and modification times, see
  :func:`loader_digest`: a changed loader never reads an old result),
  every YAML file's name and bytes, and every article's path and bytes. Articles
  are read again on every start (their text is needed anyway) and rehashed.
- The file carries a sha256 of its own body: a truncated or corrupted file is
  detected before it is parsed, and anything unexpected while rebuilding (wrong
  shape, wrong types, offsets out of range) makes it a miss, never an error.
- Article paths are checked again (inside the pack, no symlink out), since a
  symlink does not change the bytes the key is made of.
- The format is JSON, rebuilt field by field into the dataclasses: no pickle, so
  a cache file planted by someone else can at worst describe a wrong pack, not
  run code. The folder and the entry are checked *before* the entry is opened,
  without following links: a folder or file not owned by the user, writable by
  others, a symlink, a FIFO or a device is never opened (so never blocked on),
  and the opened descriptor must be the file that was checked. briefing never
  makes such a thing, so it means someone else can write where the cache is
  read: the load stops with one line that names it and says what to do
  (:class:`briefing.model.io.trust.UntrustedCache`), rather than quietly working around it.
- Every pack file is read through :mod:`briefing.model.io.files`, like the
  loader: a FIFO, a device, a file over the size cap or a YAML file leading out
  of the pack is never read here either; the cache is simply not used and the
  full load says what is wrong.
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
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from briefing import __version__
from briefing.model.io.cache_codec import Unencodable, decode, dumps, encode_items
from briefing.model.io.files import (
    MAX_PACK_BYTES,
    Budget,
    Refused,
    article_text,
    read_article,
    read_yaml_file,
)
from briefing.model.io.paths import display
from briefing.model.io.rebuild.cache_lines import Decoder
from briefing.model.io.trust import (
    OPEN_FLAGS,
    UntrustedCache,
    check_trust,
    lstat_or_none,
    trusted_node,
)
from briefing.model.pack import Pack

FORMAT = 4
"""Bump when the stored shape changes (the loader digest covers code changes too)."""
_MAGIC = b"briefing-load-cache"
MAX_ENTRY_BYTES = 4 * MAX_PACK_BYTES
"""An entry is a few times smaller than its pack (~4.5 MiB at 1,000 articles); a
larger file is not ours to read."""


def cache_dir() -> Path | None:
    """Where cache files live, or None when caching is turned off."""
    if os.environ.get("BRIEFING_NO_CACHE", "") not in ("", "0"):
        return None
    override = os.environ.get("BRIEFING_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing"


def loader_digest(model: Path) -> bytes:
    """A digest of the model package's code: a changed loader invalidates every entry.

    Each source file's name, size and modification time (ns), not its bytes:
    reading and hashing the ~100 files cost ~5 ms of every start, on the way to
    the first frame, where listing them costs ~1 ms. It is no weaker than what
    decides which code runs: Python reuses a module's compiled bytecode for as
    long as the source's size and mtime (in seconds) match, so an edit that keeps
    all three (deliberately, with ``touch -r``) would run stale code anyway.
    Installing or checking out another version rewrites the files (new times).
    """
    found: list[tuple[str, int, int]] = []
    folders = [(model, "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append((Path(entry.path), f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".py"):
                    info = entry.stat()
                    found.append((prefix + entry.name, info.st_size, info.st_mtime_ns))
    digest = hashlib.sha256()
    for name, size, mtime in sorted(found):
        digest.update(f"{name}\0{size}\0{mtime}\0".encode())
    return digest.digest()


_LOADER = loader_digest(Path(__file__).resolve().parents[1])


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
        budget = Budget()  # the loader's checks and limits, so a refused file is never read
        for path in self.yaml_files:
            _feed(self._yaml_key, path.name, read_yaml_file(root, path, budget))

    @classmethod
    def open(cls, root: Path, yaml_files: Sequence[Path]) -> PackCache | None:
        """The cache for a pack, or None when caching is off or a file is refused.

        A refused file (FIFO, device, too large, out of the pack) is not read; the
        full load that follows reports it.
        """
        folder = cache_dir()
        if folder is None:
            return None
        try:
            return cls(folder, root, yaml_files)
        except (OSError, Refused):
            return None

    # ------------------------------------------------------------------ reading

    def load(self) -> Pack | None:
        """The cached pack if every input is unchanged; None on any doubt."""
        try:
            stream = self._open_entry()
            if stream is None:
                return None
            with stream:
                if not self._trusted(stream):
                    return None
                head = decode(stream.readline().decode("utf-8"))
                if not isinstance(head, dict) or head.get("format") != FORMAT:
                    return None
                articles: list[str] = head["articles"]
                texts = self._texts_if_unchanged(articles, head["key"])
                if texts is None:
                    return None
                decoder = Decoder(self.root, texts)
                for line in stream:  # one line per item, each parsed and dropped in turn
                    kind, item = decode(line.decode("utf-8"))
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
            text, _ = article_text(data, name)
            if text is None:
                return None
            texts[name] = text
        return texts if digest.hexdigest() == key else None

    def _open_entry(self) -> BinaryIO | None:
        """The entry, opened only after the folder and the file pass every trust check.

        Checked with ``lstat`` first (a symlink, FIFO or device is never opened, so
        never blocked on), then opened with ``O_NOFOLLOW | O_NONBLOCK`` and the
        descriptor compared with what was checked (a swap in between is refused).
        None when there is no entry (or one too large to be ours: the store replaces
        it); raises :class:`UntrustedCache` when the folder or the entry is not ours.
        """
        folder = lstat_or_none(self.folder)
        if folder is None:
            return None
        check_trust(self.folder, folder, stat.S_ISDIR)
        checked = lstat_or_none(self.file)
        if checked is None:
            return None
        check_trust(self.file, checked, stat.S_ISREG)
        if checked.st_size > MAX_ENTRY_BYTES:
            return None
        fd = os.open(self.file, OPEN_FLAGS)
        try:
            opened = os.fstat(fd)
            if (opened.st_dev, opened.st_ino) != (checked.st_dev, checked.st_ino):
                raise UntrustedCache(self.file, "was replaced while it was being opened")
            check_trust(self.file, opened, stat.S_ISREG)
            return os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise

    def _trusted(self, stream: BinaryIO) -> bool:
        """True if the open cache file is whole and unaltered; leaves it at the body.

        The body is hashed in chunks, not held (~4.5 MiB at 1,000 articles), then
        read again line by line through the same descriptor: the store never
        rewrites an entry in place (it writes a new file and renames it over the
        old one) and only a file that its owner alone can write is read, so the
        second pass reads the bytes that were hashed.
        """
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
        try:
            return read_article(self.root, name)
        except Refused:
            return None

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
        except (OSError, Unencodable):
            return

    def _lines(self, pack: Pack) -> Iterator[bytes]:
        """The entry's lines, each checked by a round trip (Unencodable if one fails)."""
        articles = [source.file for source in pack.sources]
        digest = self._yaml_key.copy()
        for name in articles:  # one article in memory at a time
            data = self._article_bytes(name)
            if data is None:
                raise Unencodable(name)
            _feed(digest, name, data)
        if str(self.root) != pack.root:
            raise Unencodable(pack.root)
        yield dumps({"format": FORMAT, "key": digest.hexdigest(), "articles": articles})
        decoder = Decoder(self.root, {s.file: s.text for s in pack.sources}, keep=False)
        for kind, original, item in encode_items(pack, self._places(pack)):
            line = dumps([kind, item])
            try:
                again = decoder.add(*decode(line.decode("utf-8")))
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise Unencodable(kind) from exc  # the decoder refuses what we wrote
            if again != original:
                raise Unencodable(kind)  # it would not survive the round trip
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
        if not trusted_node(self.folder, stat.S_ISDIR):
            return  # a folder others can write to (or a link): keep nothing there
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
