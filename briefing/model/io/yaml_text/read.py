"""Strict YAML reading: parse events and build a small tree of strings, never objects.

PyYAML's loaders construct Python objects from tags, coerce ``no`` into False and
``2025-03-11`` into a date, keep the last of two duplicate keys silently, and the
pure and libyaml parsers disagree on tabs. A pack is hand-written by an author who
needs to be told about each of those, so we read the *event stream* (libyaml when
available, for speed) and build our own tree: every scalar stays the string the
author wrote, with its position, and anything outside the schema's plain subset
(tags, anchors, aliases, duplicate keys, deep nesting) is a diagnostic. Events are
consumed iteratively, so a deeply nested or self-referencing document cannot blow
the stack or explode a walk.
"""

from __future__ import annotations

import yaml

from briefing.model.diagnostics import Diagnostic
from briefing.model.io.files import MAX_FILE_BYTES, decode_utf8
from briefing.model.io.yaml_text.nodes import FORBIDDEN, Positions, YNode, clamp
from briefing.model.io.yaml_text.pure import PureParser
from briefing.model.io.yaml_text.tree import ItemHook, TreeBuilder

PURE_PARSER: type = PureParser
try:  # libyaml is ~5x faster; the verdicts are the same (tabs are refused up front).
    LIBYAML_PARSER: type | None = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    LIBYAML_PARSER = None

PARSER: type = LIBYAML_PARSER or PURE_PARSER
"""The event parser every read uses; tests set it to each of the two in turn."""

_TAB = "\t"


def read_yaml(
    data: bytes,
    path: str,
    parser: type | None = None,
    on_item: ItemHook | None = None,
) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse one YAML file into a tree of strings, or return why it cannot be read.

    ``parser`` is PyYAML's pure or libyaml loader class (default :data:`PARSER`);
    both must give the same verdict, which the tests check.

    ``on_item`` sees each mapping in a list under a top-level key (a record of a
    section such as ``pledges:``) as soon as it is complete, and what it returns
    takes the item's place in the tree: the loader checks the record there and
    then and leaves a stub, so a file's whole tree never exists at once. Only the
    first value of a key is offered (a duplicate key's value is not in the tree),
    and the caller must still drop what it made if the file turns out unreadable
    (the returned tree is None).
    """
    if len(data) > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                path,
                1,
                1,
                f"file is {len(data)} bytes, over the {MAX_FILE_BYTES}-byte limit",
                fatal=True,
            )
        ]
    text, problem = decode_utf8(data, path)
    if text is None:
        assert problem is not None
        return None, [problem]
    positions = Positions(text)
    problems: list[Diagnostic] = []
    tab = text.find(_TAB)
    if tab >= 0:
        line, col = positions.at(tab)
        problems.append(
            Diagnostic(path, line, col, "tab character; YAML packs use spaces only", fatal=True)
        )
    bad = FORBIDDEN.search(text)
    if bad is not None:
        line, col = positions.at(bad.start())
        problems.append(
            Diagnostic(
                path,
                line,
                col,
                f"control character U+{ord(bad.group()):04X} is not allowed",
                fatal=True,
            )
        )
    if problems:
        return None, problems
    try:
        return TreeBuilder(text, path, positions, on_item).run(parser or PARSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (1, 1) if mark is None else clamp(positions, mark.line, mark.column)
        what = exc.problem or exc.context or "cannot be parsed"
        return None, [Diagnostic(path, line, col, f"YAML syntax error: {what}", fatal=True)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always gives marks
        return None, [Diagnostic(path, 1, 1, f"YAML syntax error: {exc}", fatal=True)]
