"""New records and evidence appended in the file's own style.

A new fact is written where an analyst would have typed it: after the last
record of its section, with that section's indentation, its blank line between
records (or none) and its way of writing evidence items (one-line
``{source: .., quote: ..}`` or a two-line mapping). A section written ``[]`` (as
``briefing init`` leaves ``meetings: []``) becomes a block list; the commented
template below it stays where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.model.editing.locate import (
    EditRefused,
    Splice,
    YamlText,
    dash_of,
    get,
    indent_of,
    last_end,
    line_start,
    next_line,
    records,
)
from briefing.model.editing.operations import Splices, need
from briefing.model.io.yaml_text.write import flow_list, quoted
from briefing.model.io.yaml_text.write import scalar as yaml_scalar

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
"""A date is written plain, as packs write them (the strict reader keeps it a string)."""

Value = str | None | list[str] | list[dict[str, str]]
"""A field's value: a string, null, a list of strings, or a list of small mappings."""

FAMILIES = (("sources",), ("actors",), ("meetings", "pledges", "claims"))
"""Sections that live together when a pack splits its files (init: facts.yaml)."""


@dataclass(frozen=True, slots=True)
class Style:
    """How a section's records are written in one file."""

    dash: int = 2
    """Column of the ``-`` opening a record."""
    step: int = 2
    """Indentation of a nested list's ``-`` under its key."""
    blank: bool = False
    """A blank line between records."""
    flow_items: bool = True
    """Evidence items as ``{source: .., quote: ..}`` on one line."""


def _item_scalar(key: str, value: str, flow: bool) -> str:
    """A nested item's value: quotes always double-quoted (as ``briefing find`` writes
    them), an occurrence as a number, commas quoted inside a one-line mapping."""
    if key == "quote":
        return quoted(value)
    if key == "occurrence" and value.isdigit():
        return value
    return quoted(value) if flow and "," in value else yaml_scalar(value)


def flow_mapping(item: dict[str, str]) -> str:
    """``{source: s1, quote: "..."}``."""
    return "{" + ", ".join(f"{k}: {_item_scalar(k, v, True)}" for k, v in item.items()) + "}"


def render(fields: list[tuple[str, Value]], style: Style, newline: str) -> str:
    """A record's lines, its first line opening with the dash at ``style.dash``."""
    lines = []
    key_column = style.dash + 2
    for number, (key, value) in enumerate(fields):
        lead = " " * style.dash + "- " if number == 0 else " " * key_column
        if value is None:
            lines.append(f"{lead}{key}: null")
        elif isinstance(value, str):
            shown = value if _ISO_DATE.fullmatch(value) else yaml_scalar(value)
            lines.append(f"{lead}{key}: {shown}")
        elif all(isinstance(v, str) for v in value):
            lines.append(f"{lead}{key}: {flow_list([str(v) for v in value])}")
        else:
            lines.append(f"{lead}{key}:")
            lines += _items(
                [v for v in value if isinstance(v, dict)], key_column + style.step, style
            )
    return "".join(line + newline for line in lines)


def _items(items: list[dict[str, str]], column: int, style: Style) -> list[str]:
    lines = []
    for item in items:
        if style.flow_items:
            lines.append(f"{' ' * column}- {flow_mapping(item)}")
            continue
        for number, (k, v) in enumerate(item.items()):
            lead = f"{' ' * column}- " if number == 0 else " " * (column + 2)
            lines.append(f"{lead}{k}: {_item_scalar(k, v, False)}")
    return lines


def style_of(file: YamlText, section: str) -> Style:
    """The style of ``section``'s records in ``file`` (of its other sections if it has none)."""
    text = file.text
    found = [r for r in records(file) if r.section == section] or list(records(file))
    if not found:
        return Style()
    dashes = [dash_of(text, r.node) for r in found]
    dash = next((d - line_start(text, d) for d in dashes if d is not None), 2)
    blank = False
    if len(found) > 1:
        between = text[last_end(found[0].node) : int(found[1].node.start_mark.index)].split("\n")
        blank = any(not line.strip() for line in between[1:-1])
    elif found:  # one record: a blank line after it (before a template or the next section)
        after = text[last_end(found[0].node) :].split("\n", 2)
        blank = len(after) > 2 and not after[1].strip()
    step, flow = 2, True
    for r in found:
        evidence = get(r.node, "evidence")
        if evidence is None or not isinstance(evidence[1], yaml.SequenceNode):
            continue
        items = evidence[1].value
        if evidence[1].flow_style or not items:
            continue
        step = indent_of(text, int(items[0].start_mark.index)) - int(evidence[0].start_mark.column)
        flow = bool(items[0].flow_style)
        break
    return Style(dash, max(step, 0), blank, flow)


def _file_for(files: list[YamlText], section: str) -> YamlText:
    """The file holding ``section``, else one holding its family, else the last file."""
    family = (
        next(f for f in FAMILIES if section in f) if any(section in f for f in FAMILIES) else ()
    )
    for names in ((section,), family):
        for file in files:
            if isinstance(file.root, yaml.MappingNode) and any(
                k.value in names for k, _ in file.root.value
            ):
                return file
    if not files:
        raise EditRefused("the pack has no data files")
    return files[-1]


def add_record(files: list[YamlText], section: str, fields: list[tuple[str, Value]]) -> Splices:
    """Append a new record to ``section``."""
    file = _file_for(files, section)
    text, newline = file.text, file.newline
    style = style_of(file, section)
    found = get(file.root, section)
    body = render(fields, style, newline)
    if found is None:  # a new section at the end of the file
        lead = "" if text.endswith("\n") or not text else newline
        return {
            file.path: [Splice(len(text), len(text), f"{lead}{newline}{section}:{newline}{body}")]
        }
    key, value = found
    if isinstance(value, yaml.SequenceNode) and value.value:
        if value.flow_style:
            raise EditRefused(
                f"{file.path}: section '{section}' is a one-line [..] list; "
                "write it as a block list to add to it here"
            )
        at = _after_item(text, value.value[-1])
        return {file.path: [Splice(at, at, (newline if style.blank else "") + body)]}
    splices = []
    plain_null = isinstance(value, yaml.ScalarNode) and not value.style
    if isinstance(value, yaml.SequenceNode) or (plain_null and value.value in ("null", "~")):
        # "meetings: []" or "meetings: null": the key alone, records on the lines below
        splices.append(Splice(int(key.end_mark.index), int(value.end_mark.index), ":"))
        at = next_line(text, int(value.end_mark.index))
    elif plain_null and value.value == "":
        at = next_line(text, int(key.end_mark.index))  # "meetings:" alone
    else:
        raise EditRefused(f"{file.path}: section '{section}' is not a list")
    lead = newline if at == len(text) and text and not text.endswith("\n") else ""
    splices.append(Splice(at, at, lead + (newline if style.blank else "") + body))
    return {file.path: splices}


def _after_item(text: str, item: yaml.Node) -> int:
    """Just past an item's last line and the deeper comment lines that follow it."""
    at = next_line(text, last_end(item))
    dash = dash_of(text, item)
    column = 0 if dash is None else dash - line_start(text, dash)
    while at < len(text):
        line = text[at : next_line(text, at)]
        if not line.lstrip(" ").startswith("#") or indent_of(text, at) <= column:
            break
        at = next_line(text, at)
    return at


def add_evidence(files: list[YamlText], fact_id: str, item: dict[str, str]) -> Splices:
    """Append an evidence item to a meeting's, pledge's or actor's evidence."""
    located = need(files, fact_id)
    if located.section == "claims":
        raise EditRefused(f"'{fact_id}' is a claim: add a claim value (its evidence is per source)")
    file, text, newline = located.file, located.file.text, located.file.newline
    style = style_of(file, located.section)
    found = get(located.node, "evidence")
    if found is not None and isinstance(found[1], yaml.SequenceNode):
        evidence = found[1]
        if evidence.flow_style:
            if evidence.value:
                at = last_end(evidence.value[-1])
                return {file.path: [Splice(at, at, ", " + flow_mapping(item))]}
            close = text.rfind("]", 0, int(evidence.end_mark.index))
            return {file.path: [Splice(close, close, flow_mapping(item))]}
        first = evidence.value[0]
        column = indent_of(text, int(first.start_mark.index))
        flow = Style(style.dash, style.step, style.blank, bool(first.flow_style))
        at = next_line(text, last_end(evidence))
        line = "".join(x + newline for x in _items([item], column, flow))
        return {file.path: [Splice(at, at, line)]}
    if located.node.flow_style:
        raise EditRefused(f"'{fact_id}' is written on one line; add its evidence in an editor")
    column = int(get(located.node, "id")[0].start_mark.column)  # type: ignore[index]
    at = _after_item(text, located.node)
    lines = f"{' ' * column}evidence:{newline}" + "".join(
        x + newline for x in _items([item], column + style.step, style)
    )
    return {file.path: [Splice(at, at, lines)]}


def add_claim_value(
    files: list[YamlText], claim_id: str, value: str, source: str, quote: str
) -> Splices:
    """Append ``{value, source, evidence}`` to a claim's values."""
    located = need(files, claim_id)
    if located.section != "claims":
        raise EditRefused(f"'{claim_id}' is not a claim (it is in '{located.section}')")
    found = get(located.node, "values")
    if found is None or not isinstance(found[1], yaml.SequenceNode) or not found[1].value:
        raise EditRefused(f"claim '{claim_id}' has no values list to add to")
    values = found[1]
    if values.flow_style:
        raise EditRefused(
            f"claim '{claim_id}' writes its values on one line; add to it in an editor"
        )
    file, text = located.file, located.file.text
    first = values.value[0]
    dash = dash_of(text, first)
    column = 0 if dash is None else dash - line_start(text, dash)
    style = Style(column, 2, False, True)
    fields: list[tuple[str, Value]] = [
        ("value", value),
        ("source", source),
        ("evidence", [{"source": source, "quote": quote}]),
    ]
    at = _after_item(text, values.value[-1])
    return {file.path: [Splice(at, at, render(fields, style, file.newline))]}


def path_of(splices: Splices) -> list[Path]:
    """The files an edit touches."""
    return list(splices)
