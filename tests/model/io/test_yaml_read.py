"""The YAML reader tells problems it recovers from from those that stop it, by a field."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model.io import YMap, YSeq, read_yaml
from briefing.model.io.yaml_text import read as yaml_read
from briefing.model.io.yaml_text.tree import TreeBuilder

PARSERS = [yaml_read.PURE_PARSER] + ([yaml_read.LIBYAML_PARSER] if yaml_read.LIBYAML_PARSER else [])


@pytest.mark.parametrize("parser", PARSERS)
def test_duplicate_key_is_recoverable_and_the_rest_is_read(parser: type) -> None:
    tree, problems = read_yaml(b"a: 1\na: 2\nb: 3\n", "f.yaml", parser)
    assert [(p.line, p.fatal) for p in problems] == [(2, False)]
    assert problems[0].message.startswith("duplicate key 'a'")
    assert isinstance(tree, YMap)
    assert tree.items["a"][1].value == "1" and tree.items["b"][1].value == "3"  # type: ignore[union-attr]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    "document",
    [
        b"a: &x 1\nb: *x\n",  # anchor
        b"a: !!str 1\n",  # tag
        b"? [a]\n: 1\n",  # a key that is not a string
        b"a: 1\n---\nb: 2\n",  # two documents
        b"a: [1\n",  # syntax error
        b"a:\tb\n",  # tab
    ],
)
def test_fatal_problems_leave_no_tree(parser: type, document: bytes) -> None:
    tree, problems = read_yaml(document, "f.yaml", parser)
    assert tree is None
    assert problems and problems[-1].fatal


@pytest.mark.parametrize("parser", PARSERS)
def test_a_duplicate_key_before_a_fatal_problem_keeps_both_verdicts(parser: type) -> None:
    tree, problems = read_yaml(b"a: 1\na: 2\nb: &x 3\n", "f.yaml", parser)
    assert tree is None  # one fatal problem is enough, whatever came before it
    assert [(p.line, p.fatal) for p in problems] == [(2, False), (3, True)]


_TRICKY = [
    b"a: 1\na: 2\nb: 3\n",  # a duplicate key (its value dropped, said at the key)
    b"a: ranked #1\nb: 'quoted' # a comment\nc: plain   # spaced\n",  # same-line comments
    b'a: "tab\\there"\nb: "esc\\e"\n',  # a double-quoted escape refused
    b"a: |\n  block\nb: >-\n  folded\n",  # block scalars
    b"- x\n- y: 1\n  y: 2\n- z",  # a list at the root, no final newline
    b"lonely",  # a scalar at the root
    b"a:\n  - b: 1\n    c:\n      - d\n      - e: f\n",  # nesting
    b"a: 1\nb: &x 2\n",  # an anchor on the last line
    b"a: !!str 1\nb: 2\n",  # a tag
    b"? [a]\n: 1\n",  # a key that is not a string
    b"a:\n",  # a null value on the last line
]


def _documents() -> list[tuple[str, bytes]]:
    root = Path(__file__).resolve().parents[3]
    found = sorted(
        p
        for folder in (root / "data", root / "tests" / "fixtures", root / "seeds")
        for p in folder.rglob("*.y*ml")
    )
    return [(str(p), p.read_bytes()) for p in found] + [
        (f"tricky-{i}.yaml", d) for i, d in enumerate(_TRICKY)
    ]


@pytest.mark.parametrize("parser", PARSERS)
def test_the_inlined_scalar_builds_the_tree_the_spelled_out_steps_build(
    parser: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_yaml's fast path (most scalars) against every scalar by scalar_event."""
    documents = _documents()
    assert len(documents) > len(_TRICKY) + 5  # the packs were found
    for name, data in documents:
        items_fast: list[tuple[str, YMap]] = []
        items_slow: list[tuple[str, YMap]] = []

        def keep(into: list[tuple[str, YMap]]) -> yaml_read.ItemHook:
            def hook(section: str, item: YMap) -> YMap:
                into.append((section, item))
                return item

            return hook

        fast = read_yaml(data, name, parser, keep(items_fast))
        with monkeypatch.context() as spelled_out:
            spelled_out.setattr(TreeBuilder, "INLINE", False)
            slow = read_yaml(data, name, parser, keep(items_slow))
        assert fast == slow, name
        assert items_fast == items_slow, name


def test_keys_are_one_string_each_on_the_fast_path() -> None:
    tree, _ = read_yaml(b"- id: a\n  quote: x\n- id: b\n  quote: y\n", "f.yaml")
    assert isinstance(tree, YSeq)
    first, second = (next(iter(item.items)) for item in tree.items if isinstance(item, YMap))
    assert first is second
