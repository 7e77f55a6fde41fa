"""Confirm, reject and merge records as minimal text edits of the pack's YAML.

Each operation reads the composed files (:mod:`.locate`) and returns the splices
that make it, file by file; nothing here writes or checks the pack (that is
:mod:`.session`'s job, once for every kind of edit). The rules:

- **confirm** removes the record's ``candidate: true`` (its whole line, a
  same-line comment included): the record is the analyst's from then on.
- **reject** removes a candidate's lines, with the comment lines right above it
  (``briefing init`` writes the reason for each guess there); a confirmed record
  is refused: deleting an analyst's work is done in an editor, on purpose.
- **merge** makes a candidate actor's name and aliases aliases of another actor,
  repoints every reference to it (a pledge's actor, a participant, an
  affiliation) and removes it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefing.model.editing.locate import (
    EditRefused,
    Located,
    Splice,
    YamlText,
    find,
    get,
    indent_of,
    item_extent,
    last_end,
    line_start,
    next_line,
    records,
    scalar,
)
from briefing.model.io.yaml_text.write import flow_list
from briefing.model.io.yaml_text.write import scalar as yaml_scalar
from briefing.model.names.folding import fold

Splices = dict[Path, list[Splice]]

ACTOR_REFERENCES: dict[str, tuple[tuple[str, ...], ...]] = {
    "actors": (("affiliation",),),
    "pledges": (("actor",),),
    "meetings": (("participants", "actor"),),
}
"""Where a record names an actor by id: section -> field paths (a list field in between)."""


def need(files: list[YamlText], record_id: str) -> Located:
    """The record with ``record_id``, or a refusal naming the id."""
    located = find(files, record_id)
    if located is None:
        raise EditRefused(f"no record with id '{record_id}' in the pack's data files")
    return located


def is_candidate(located: Located) -> bool:
    """True when the record says ``candidate: true``."""
    return scalar(located.node, "candidate") == "true"


def confirm(files: list[YamlText], record_id: str) -> Splices:
    """Remove the record's ``candidate: true``."""
    located = need(files, record_id)
    found = get(located.node, "candidate")
    if found is None or not is_candidate(located):
        raise EditRefused(f"'{record_id}' is not a candidate; nothing to confirm")
    key, value = found
    text = located.file.text
    start, end = int(key.start_mark.index), int(value.end_mark.index)
    if located.node.flow_style:  # {id: x, candidate: true}: the pair and one comma
        after = re.match(r"[ ]*,[ ]*", text[end:])
        before = re.search(r",[ ]*$", text[:start])
        if after is not None:
            end += after.end()
        elif before is not None:
            start = before.start()
        return {located.file.path: [Splice(start, end, "")]}
    pairs = located.node.value
    if pairs[0][0] is key:  # "- candidate: true" opens the item: keep the dash
        if len(pairs) == 1:
            raise EditRefused(f"'{record_id}' has no field but 'candidate'")
        return {located.file.path: [Splice(start, int(pairs[1][0].start_mark.index), "")]}
    return {located.file.path: [Splice(line_start(text, start), next_line(text, end), "")]}


def reject(files: list[YamlText], record_id: str) -> Splices:
    """Remove a candidate record's lines (references to it make the check refuse it)."""
    located = need(files, record_id)
    if not is_candidate(located):
        raise EditRefused(
            f"'{record_id}' is not a candidate: only candidates are rejected here "
            "(delete a confirmed record in an editor)"
        )
    start, end = item_extent(located)
    return {located.file.path: [Splice(start, end, "")]}


def references(files: list[YamlText], actor_id: str) -> list[tuple[Located, yaml.ScalarNode]]:
    """Every scalar that names ``actor_id`` as an actor, with the record it is in."""
    found = []
    for file in files:
        for located in records(file):
            for path in ACTOR_REFERENCES.get(located.section, ()):
                for node in _walk(located.node, path):
                    if node.value == actor_id:
                        found.append((located, node))
    return found


def _walk(node: yaml.Node, path: tuple[str, ...]) -> list[yaml.ScalarNode]:
    """The scalars at ``path`` below ``node``, going through lists on the way."""
    if not path:
        return [node] if isinstance(node, yaml.ScalarNode) else []
    found = get(node, path[0])
    if found is None:
        return []
    value = found[1]
    if isinstance(value, yaml.SequenceNode):
        return [s for item in value.value for s in _walk(item, path[1:])]
    return _walk(value, path[1:])


def merge(files: list[YamlText], record_id: str, into_id: str) -> Splices:
    """Fold actor ``record_id`` into actor ``into_id``."""
    if record_id == into_id:
        raise EditRefused(f"cannot merge '{record_id}' into itself")
    source, target = need(files, record_id), need(files, into_id)
    for located in (source, target):
        if located.section != "actors":
            raise EditRefused(f"'{located.id}' is not an actor (it is in '{located.section}')")
    evidence = get(source.node, "evidence")
    if evidence is not None and isinstance(evidence[1], yaml.SequenceNode) and evidence[1].value:
        raise EditRefused(
            f"'{record_id}' has evidence of its own; move it to '{into_id}' before merging"
        )
    known = {fold(n) for n in _names(target.node)}
    new = []
    for name in _names(source.node):
        if fold(name) not in known:
            known.add(fold(name))
            new.append(name)
    out: Splices = {}
    if new:
        out.setdefault(target.file.path, []).append(_add_aliases(target, new))
    start, end = item_extent(source)
    out.setdefault(source.file.path, []).append(Splice(start, end, ""))
    meetings_done: set[tuple[Path, int]] = set()
    for located, node in references(files, record_id):
        if located.file is source.file and located.index == source.index:
            continue  # inside the record being removed
        if located.section == "meetings":
            if (located.file.path, located.index) not in meetings_done:
                meetings_done.add((located.file.path, located.index))
                out.setdefault(located.file.path, []).extend(
                    _merge_participants(located, record_id, into_id)
                )
            continue
        out.setdefault(located.file.path, []).append(
            Splice(int(node.start_mark.index), int(node.end_mark.index), yaml_scalar(into_id))
        )
    return out


ROLE_RANK = ("host", "chair", "co-chair", "attendee", "invited")
"""The stronger role first: a merged actor listed twice in a meeting keeps the stronger."""


def _merge_participants(located: Located, record_id: str, into_id: str) -> list[Splice]:
    """A meeting's participants after ``record_id`` becomes ``into_id``: repointed, and
    listed once. Two spellings of one person are often both drafted as taking part
    (one from each article); a repoint alone listed the actor twice, with two roles.
    The entry with the stronger role stays (the first of equals), the others' lines go.
    """
    found = get(located.node, "participants")
    assert found is not None and isinstance(found[1], yaml.SequenceNode)
    entries = []
    for item in found[1].value:
        actor = get(item, "actor")
        named = actor[1] if actor is not None else None
        if isinstance(named, yaml.ScalarNode) and named.value in (record_id, into_id):
            entries.append((item, named, scalar(item, "role") or ""))
    rank = {role: n for n, role in enumerate(ROLE_RANK)}
    keep = min(entries, key=lambda e: rank.get(e[2], len(ROLE_RANK)))
    splices = []
    text = located.file.text
    for item, name, _role in entries:
        if item is keep[0]:
            if name.value == record_id:
                at, stop = int(name.start_mark.index), int(name.end_mark.index)
                splices.append(Splice(at, stop, yaml_scalar(into_id)))
        elif found[1].flow_style:
            raise EditRefused(
                f"'{record_id}' and '{into_id}' both take part in meeting '{located.id}', "
                "whose participants are written on one line: remove one of them first"
            )
        else:
            start = line_start(text, int(item.start_mark.index))
            splices.append(Splice(start, next_line(text, last_end(item)), ""))
    return splices


def _names(node: yaml.MappingNode) -> list[str]:
    names = [scalar(node, "name") or ""]
    found = get(node, "aliases")
    if found is not None and isinstance(found[1], yaml.SequenceNode):
        names += [a.value for a in found[1].value if isinstance(a, yaml.ScalarNode)]
    return [n for n in names if n]


def _add_aliases(target: Located, names: list[str]) -> Splice:
    """The splice that appends ``names`` to the target's aliases, in its own style."""
    text = target.file.text
    rendered = flow_list(names)[1:-1]
    found = get(target.node, "aliases")
    if found is not None and isinstance(found[1], yaml.SequenceNode):
        aliases = found[1]
        if aliases.flow_style:
            if aliases.value:
                at = last_end(aliases.value[-1])
                return Splice(at, at, ", " + rendered)
            close = text.rfind("]", 0, int(aliases.end_mark.index))
            return Splice(close, close, rendered)
        at = next_line(text, last_end(aliases))
        column = indent_of(text, int(aliases.value[0].start_mark.index))
        lines = "".join(f"{' ' * column}- {yaml_scalar(n)}{target.file.newline}" for n in names)
        return Splice(at, at, lines)
    if found is not None:  # "aliases:" with no value: the line is rewritten
        key = found[0]
        start = line_start(text, int(key.start_mark.index))
        end = next_line(text, int(key.start_mark.index))
        column = indent_of(text, int(key.start_mark.index))
        return Splice(start, end, f"{' ' * column}aliases: [{rendered}]{target.file.newline}")
    name = get(target.node, "name")
    assert name is not None  # the schema requires it, and the pack loaded
    if target.node.flow_style:
        at = int(name[1].end_mark.index)
        return Splice(at, at, f", aliases: [{rendered}]")
    at = next_line(text, last_end(name[1]))
    column = int(name[0].start_mark.column)
    return Splice(at, at, f"{' ' * column}aliases: [{rendered}]{target.file.newline}")
