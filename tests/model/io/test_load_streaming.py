"""Records checked while their file is parsed give the same load as a walk of the whole tree.

To keep a file's whole YAML tree from existing at once, the loader checks each
record of a list section as soon as it is parsed (``read_yaml(on_item=...)``) and
leaves a stub in the tree. These tests turn that off (the tree is built whole and
walked afterwards, as before) and compare every diagnostic and the pack itself,
on the default pack, on packs with errors in every section, and on generated
YAML-ish facts; and check that a file that turns out unreadable keeps nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ARTICLE, PackMaker, sha

import briefing.model.io.building.read as full_read
from briefing.model import load_pack
from briefing.model.io import LoadResult, read_yaml


def _whole_tree(data: bytes, path: str, parser: type | None = None, on_item: Any = None) -> Any:
    return read_yaml(data, path, parser)  # the hook ignored: the tree is built whole


def both(root: Path | None, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadResult, LoadResult]:
    streamed = load_pack(root)
    with monkeypatch.context() as patch:
        patch.setattr(full_read, "read_yaml", _whole_tree)
        whole = load_pack(root)
    return streamed, whole


def same(streamed: LoadResult, whole: LoadResult) -> None:
    assert [d.format() for d in streamed.diagnostics] == [d.format() for d in whole.diagnostics]
    assert [d.hint for d in streamed.diagnostics] == [d.hint for d in whole.diagnostics]
    assert streamed.pack == whole.pack


def test_default_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    streamed, whole = both(None, monkeypatch)
    assert streamed.pack is not None
    same(streamed, whole)


FLAWED = """\
actors:
  - id: poland
    name: Poland
    kind: country
    evidence:
      - {source: wire, quote: "Poland offered"}
  - id: poland
    name: Poland again
    kind: country
  - id: other
    name: Other
    kind: nation
  - just a string
  - id: Bad Id
    nmae: typo
pledges:
  - id: poland-logistics
    actor: polnd
    contribution: logistics support
    status: offered
    evidence:
      - {source: wire, quote: 'offered "logistics support"'}
      - {source: nowhere, quote: "x"}
  - id: broken
    actor: poland
    status: maybe
bogus:
  - id: a
meetings: not a list
claims:
"""


def test_errors_in_every_section_are_the_same(
    make_pack: PackMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    streamed, whole = both(make_pack(FLAWED), monkeypatch)
    messages = [d.message for d in streamed.diagnostics]
    assert any("duplicate id 'poland'" in m for m in messages), messages
    assert any("unknown section 'bogus'" in m for m in messages), messages
    assert any("unknown actor 'polnd'" in m for m in messages), messages
    same(streamed, whole)


def test_an_unreadable_file_keeps_none_of_its_records(make_pack: PackMaker) -> None:
    """A record already checked when a syntax error comes later in the file is dropped."""
    root = make_pack(FLAWED + "  - [unclosed\n")
    result = load_pack(root)
    messages = [d.message for d in result.diagnostics if d.path.endswith("facts.yaml")]
    assert len(messages) == 1 and messages[0].startswith("YAML syntax error"), messages
    assert result.pack is None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "actors:\n",
                "pledges:\n",
                "claims:\n",
                "bogus:\n",
                "pack: {title: T}\n",
                "  - id: a\n",
                "  - id: b\n    name: B\n    kind: person\n",
                "    evidence:\n      - {source: wire, quote: Poland}\n",
                "  - x\n",
                "  - [1, 2]\n",
                "    id: dup\n",
                "  - {id: c, actor: a, contribution: c, status: offered}\n",
                "actors: []\n",
                "  -\n",
                "    - nested\n",
                "  - id: a # comment\n",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_generated_facts_load_the_same(facts: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (root / "data" / "pack.yaml").write_text(
            "pack: {title: T, story: S, as_of: 2025-03-16}\nsources:\n"
            f"  - {{id: wire, file: seeds/a.txt, sha256: {sha(ARTICLE)}, outlet: O, title: T, "
            "published: 2025-03-10, language: en}\n",
            encoding="utf-8",
        )
        (root / "data" / "z.yaml").write_text(facts, encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:
            streamed, whole = both(root, patch)
        same(streamed, whole)
