"""The records the schema hands to build: each YAML mapping of a pack, checked, as typed values.

One TypedDict per kind of mapping names its fields, their checked value types and
which are required; the schema's converter tables (:mod:`briefing.model.io.schema`)
must list exactly these fields (checked when the schema is imported), and build
reads them by name with types mypy checks, instead of ``dict[str, Any]``.

No ``from __future__ import annotations`` here: on Python 3.11 a TypedDict only
sees ``Required[...]`` in an evaluated annotation, not in a string.
"""

from array import array
from dataclasses import dataclass
from typing import Required, TypedDict

from briefing.model.io.yaml_text.nodes import YMap, YScalar


@dataclass(frozen=True, slots=True)
class Ref:
    """An id written somewhere in the pack, with its position for diagnostics."""

    value: str
    line: int
    col: int


@dataclass(frozen=True, slots=True, eq=False)
class Outline:
    """Where a checked mapping and each of its fields were written, without the values.

    A checked record keeps this instead of its YAML node, only to point later
    diagnostics at a field (``sha256:``, ``flags:``, ``date:``). Keeping the node
    kept every file's whole tree alive until the end of the load (~16 bytes of
    tree per byte of YAML, the largest part of the load's peak memory); an
    outline is the field names and one compact array of positions. Positions are
    those of the values (what an error about a field points at).
    """

    line: int
    col: int
    names: tuple[str, ...]
    positions: "array[int]"  # quoted: array is not subscriptable at run time
    """Line and column of each field's value in turn (``names[i]`` at ``2*i``)."""
    comments: dict[str, str] | None = None
    """Field name -> the same-line comment after its plain scalar value, if any."""

    @classmethod
    def of(cls, node: YMap) -> "Outline":
        """The outline of ``node``'s own fields (nothing below them is kept)."""
        items = node.items
        positions = array(
            "q", [n for _key, value in items.values() for n in (value.line, value.col)]
        )
        comments: dict[str, str] | None = None
        for name, (_key, value) in items.items():
            if isinstance(value, YScalar) and value.comment is not None:
                comments = comments or {}
                comments[name] = value.comment
        return cls(node.line, node.col, tuple(items), positions, comments)

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def at(self, name: str) -> Ref:
        """The position of field ``name``'s value (KeyError if the record has none)."""
        if name not in self.names:
            raise KeyError(name)
        index = 2 * self.names.index(name)
        return Ref(name, self.positions[index], self.positions[index + 1])

    def get(self, name: str) -> Ref | None:
        """The position of field ``name``'s value, or None if the record has none."""
        return self.at(name) if name in self.names else None

    def comment(self, name: str) -> str | None:
        """The same-line comment after field ``name``'s plain value (see YScalar.comment)."""
        return None if self.comments is None else self.comments.get(name)

    def here(self) -> Ref:
        """The position of the record itself."""
        return Ref("", self.line, self.col)


@dataclass(frozen=True, slots=True)
class RawEvidence:
    """An evidence item as written, before its quote is located."""

    source: Ref
    quote: str
    occurrence: int | None
    line: int
    col: int
    comment: str | None = None
    """A same-line ``# ...`` comment after an unquoted quote (see YScalar.comment)."""


@dataclass(frozen=True, slots=True)
class RawUncited:
    """A sentence a source's author left uncited, as written (its source is the source's id).

    ``line``/``col`` are the quote's (what the author fixes); only positions are
    kept, not the YAML subtree.
    """

    quote: str
    reason: str
    occurrence: int | None
    line: int
    col: int
    comment: str | None = None


class PackFields(TypedDict, total=False):
    title: Required[str]
    story: Required[str]
    as_of: Required[str]
    notes: str
    checks: tuple[tuple[str, str], ...]


class AcceptFields(TypedDict):
    rule: str
    reason: str


class EvidenceFields(TypedDict, total=False):
    source: Required[Ref]
    quote: Required[str]
    occurrence: int


class FlagsFields(TypedDict, total=False):
    machine_translated: bool
    garbled: bool
    boilerplate_lines: list[tuple[int, int]]
    lost_characters: list[str]


class UncitedFields(TypedDict, total=False):
    quote: Required[str]
    reason: Required[str]
    occurrence: int


class SourceFields(TypedDict, total=False):
    id: Required[Ref]
    file: Required[str]
    sha256: Required[str]
    outlet: Required[str]
    title: Required[str]
    published: Required[str | None]
    language: Required[str]
    translated_from: str
    original_outlet: str
    url: str
    grade: str
    date_reasoning: str
    flags: FlagsFields
    uncited: list[RawUncited]
    notes: str


class ActorFields(TypedDict, total=False):
    id: Required[Ref]
    name: Required[str]
    kind: Required[str]
    aliases: list[str]
    role: str
    affiliation: Ref
    candidate: bool
    notes: str
    evidence: list[RawEvidence]


class ParticipantFields(TypedDict):
    actor: Ref
    role: str


class MeetingFields(TypedDict, total=False):
    id: Required[Ref]
    title: Required[str]
    date: Required[str | None]
    date_text: Required[str]
    date_reasoning: str
    place: str
    status: Required[str]
    participants: list[ParticipantFields]
    evidence: Required[list[RawEvidence]]
    credibility: str
    notes: str
    accept: list[AcceptFields]
    candidate: bool


class PledgeFields(TypedDict, total=False):
    id: Required[Ref]
    actor: Required[Ref]
    contribution: Required[str]
    status: Required[str]
    conditions: list[str]
    evidence: Required[list[RawEvidence]]
    credibility: str
    notes: str
    accept: list[AcceptFields]
    candidate: bool


class ClaimValueFields(TypedDict, total=False):
    value: Required[str]
    source: Required[Ref]
    evidence: Required[list[RawEvidence]]
    credibility: str


class ClaimFields(TypedDict, total=False):
    id: Required[Ref]
    topic: Required[str]
    values: Required[list[ClaimValueFields]]
    notes: str
    accept: list[AcceptFields]


SectionFields = SourceFields | ActorFields | MeetingFields | PledgeFields | ClaimFields
"""The record of an item of a list section (``sources:``, ``actors:``, ...)."""
