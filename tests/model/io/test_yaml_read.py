"""The YAML reader tells problems it recovers from from those that stop it, by a field."""

from __future__ import annotations

import pytest

from briefing.model.io import YMap, read_yaml, yaml_read

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
