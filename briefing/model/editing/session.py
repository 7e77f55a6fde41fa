"""An editing session on one pack: each edit checked, written atomically, undoable.

The reader and the ``confirm``/``reject``/``merge`` commands share this one
engine. An edit is a function from the composed data files to splices
(:mod:`.operations`, :mod:`.additions`); the session

1. re-reads every data file and refuses (:class:`Stale`) if any changed on disk
   since it was last read or written here: an analyst's editor wins, always;
2. applies the splices to the text, loads the pack with the new bytes in place
   of the old (nothing written yet) and refuses the edit, with the diagnostics,
   if that load has an error the pack did not have before;
3. writes each changed file atomically (the old bytes come back if a later
   file cannot be written) and records the old and new bytes for undo.

Undo writes the old bytes back exactly, after checking the files still hold
the new ones. Cost of an edit: one compose of each data file and one load of
the pack (the check); nothing is kept between edits but each file's digest.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing.model.editing.additions import Value, add_claim_value, add_evidence, add_record
from briefing.model.editing.locate import EditRefused, Splice, Stale, YamlText, apply
from briefing.model.editing.operations import confirm, merge, reject
from briefing.model.io.files import Refused, read_yaml_file, yaml_files
from briefing.model.io.load import LoadResult, load_pack
from briefing.model.io.paths import display, resolve_pack_root
from briefing.model.io.safewrite import WriteRefused, replace_bytes

ErrorKeys = Counter[tuple[str, str]]


def digest(data: bytes) -> bytes:
    """A data file's fingerprint: equal bytes, equal digest (SHA-256)."""
    return hashlib.sha256(data).digest()


def error_keys(result: LoadResult) -> ErrorKeys:
    """A load's errors, positions left out (an edit moves lines; the problem is the same)."""
    return Counter((d.path, re.sub(r"\d+", "#", d.message)) for d in result.errors)


@dataclass(frozen=True)
class Change:
    """One edit made: what it was and every touched file's bytes before and after."""

    description: str
    before: dict[Path, bytes]
    after: dict[Path, bytes]
    errors_before: ErrorKeys = field(default_factory=Counter)
    subject: str | None = None
    """The record the edit was about: what the reader shows once it is undone."""


@dataclass(frozen=True)
class Applied:
    """An edit made, and the pack as it loads now (the reader shows it without reloading)."""

    change: Change
    result: LoadResult


class EditSession:
    """Edits of one pack's data files, in order, with their undo stack."""

    def __init__(
        self, pack: str | os.PathLike[str] | None, *, baseline: LoadResult | None = None
    ) -> None:
        """``baseline`` is the load the caller already has (else the pack is loaded here)."""
        try:
            self.root, self.data_dir = resolve_pack_root(pack)
        except FileNotFoundError as exc:
            raise EditRefused(str(exc)) from None
        self.known: dict[Path, bytes] = {path: digest(data) for path, data in self._each_file()}
        """Every data file's digest when last read or written here (what "changed on disk"
        is judged against). The files' bytes themselves, kept for the session, were
        ~30 MiB of a 5,000-article reader's memory; each edit reads them again anyway."""
        self.errors = error_keys(baseline if baseline is not None else load_pack(self.root))
        self.undo_stack: list[Change] = []

    def _each_file(self) -> Iterator[tuple[Path, bytes]]:
        """Every data file's bytes in turn, through the loader's one read path (confined, capped)."""
        try:
            for path in yaml_files(self.root, self.data_dir):
                yield path, read_yaml_file(self.root, path)
        except Refused as exc:
            raise EditRefused(f"{display(self.data_dir)}: {exc.message}") from None

    def _read_all(self) -> dict[Path, bytes]:
        """Every data file's bytes."""
        return dict(self._each_file())

    def _fresh(self) -> list[YamlText]:
        now = self._read_all()
        changed = sorted(
            (set(now) ^ set(self.known))
            | {p for p in now if p in self.known and digest(now[p]) != self.known[p]}
        )
        if changed:
            raise Stale(
                f"{display(changed[0])} changed on disk since it was read; "
                "nothing was written (reload the pack, then edit again)"
            )
        return [YamlText.parse(path, data) for path, data in now.items()]

    def edit(
        self,
        description: str,
        make: Callable[[list[YamlText]], dict[Path, list[Splice]]],
        subject: str | None = None,
    ) -> Applied:
        """Make one edit (checked, written, undoable), or raise EditRefused with why."""
        files = self._fresh()
        by_path = {f.path: f for f in files}
        splices = make(files)
        after = {p: apply(by_path[p].text, s).encode("utf-8") for p, s in splices.items()}
        after = {p: data for p, data in after.items() if data != by_path[p].data}
        if not after:
            raise EditRefused(f"{description}: nothing to change")
        result = load_pack(self.root, replaced={p.name: data for p, data in after.items()})
        new = error_keys(result) - self.errors
        if new:
            shown = tuple(
                d for d in result.errors if (d.path, re.sub(r"\d+", "#", d.message)) in new
            )
            raise EditRefused(
                f"refused: {description} would make the pack invalid; nothing was written", shown
            )
        before = {p: by_path[p].data for p in after}
        self._write(after, before)
        change = Change(description, before, after, self.errors, subject)
        self.undo_stack.append(change)
        self.known.update((p, digest(data)) for p, data in after.items())
        self.errors = error_keys(result)
        return Applied(change, result)

    def _write(self, new: dict[Path, bytes], old: dict[Path, bytes]) -> None:
        """Write each file; if one fails, put back those already written."""
        written = []
        try:
            for path, data in new.items():
                replace_bytes(path, data)
                written.append(path)
        except WriteRefused as exc:
            for path in written:
                with contextlib.suppress(WriteRefused):
                    replace_bytes(path, old[path])
            raise EditRefused(str(exc)) from None

    def undo(self) -> Change | None:
        """Put the files of the newest edit back as they were; None when nothing is left."""
        if not self.undo_stack:
            return None
        change = self.undo_stack[-1]
        for path, data in change.after.items():
            try:
                now: bytes | None = read_yaml_file(self.root, path)
            except Refused:
                now = None
            if now != data:
                raise Stale(
                    f"{display(path)} changed on disk since '{change.description}'; "
                    "undo would overwrite that, so nothing was written"
                )
        self._write(change.before, change.after)
        self.undo_stack.pop()
        self.known.update((p, digest(data)) for p, data in change.before.items())
        self.errors = change.errors_before
        return change

    # -- the edits -------------------------------------------------------------------

    def confirm(self, record_id: str) -> Applied:
        """Remove ``candidate: true`` from a record."""
        return self.edit(f"confirm '{record_id}'", lambda f: confirm(f, record_id), record_id)

    def reject(self, record_id: str) -> Applied:
        """Remove a candidate record."""
        return self.edit(f"reject '{record_id}'", lambda f: reject(f, record_id), record_id)

    def merge(self, record_id: str, into_id: str) -> Applied:
        """Fold an actor into another: names become aliases, references repointed."""
        return self.edit(
            f"merge '{record_id}' into '{into_id}'",
            lambda f: merge(f, record_id, into_id),
            record_id,
        )

    def add(self, section: str, fields: list[tuple[str, Value]]) -> Applied:
        """Append a new record to ``section``."""
        record_id = next((v for k, v in fields if k == "id"), "?")
        return self.edit(
            f"add {section[:-1]} '{record_id}'",
            lambda f: add_record(f, section, fields),
            record_id if isinstance(record_id, str) else None,
        )

    def add_evidence(
        self, fact_id: str, source: str, quote: str, occurrence: int | None = None
    ) -> Applied:
        """Append an evidence item to an existing fact."""
        item = {"source": source, "quote": quote}
        if occurrence is not None:
            item["occurrence"] = str(occurrence)
        return self.edit(
            f"add evidence to '{fact_id}'", lambda f: add_evidence(f, fact_id, item), fact_id
        )

    def add_claim_value(self, claim_id: str, value: str, source: str, quote: str) -> Applied:
        """Append a value (with its evidence) to an existing claim."""
        return self.edit(
            f"add a value to claim '{claim_id}'",
            lambda f: add_claim_value(f, claim_id, value, source, quote),
            claim_id,
        )
