"""What the analysis keeps for a session is shared by value, and still reads the same.

The reader keeps the analysis and the disagreements for the whole session (and
detection holds every mention of every article at once): equal grades, outlet
lists, mention keys and offsets are one object each, and a meeting date's
sentence is sliced from its article on asking. These tests check that the
sharing happened and that nothing read through it changed.
"""

from __future__ import annotations

from itertools import combinations

from briefing.model import load_pack
from briefing.model.analysis.analyse import analyse
from briefing.model.analysis.disagreements.counts import count_mentions
from briefing.model.pack import Pack


def _default_pack() -> Pack:
    result = load_pack()
    assert result.pack is not None
    return result.pack


def test_equal_grades_and_outlet_lists_are_one_object() -> None:
    analysis = analyse(_default_pack())
    results = [*analysis.facts.values(), *analysis.values.values()]
    equal_pairs = 0
    for a, b in combinations(results[:300], 2):
        if a.grade == b.grade:
            equal_pairs += 1
            assert a.grade is b.grade
        if a.support.outlet_names == b.support.outlet_names:
            assert a.support.outlet_names is b.support.outlet_names
    assert equal_pairs > 0


def test_a_placement_reads_its_sentence_from_the_article() -> None:
    pack = _default_pack()
    analysis = analyse(pack)
    placements = [p for d in analysis.dates.values() for p in d.placements]
    assert placements
    for p in placements:
        source = pack.source(p.source)
        assert p.text is source.text  # the article's one string, not a copy
        assert p.sentence == source.text[p.sentence_start : p.sentence_end]
        assert p.sentence_start <= p.start < p.end <= p.sentence_end
        assert p.resolution.expression.strip() in p.sentence


def test_count_mentions_share_keys_and_offsets_over_a_run() -> None:
    pack = _default_pack()
    shared: dict[int, int] = {}
    together = [m for s in pack.sources for m in count_mentions(s, shared)]
    alone = [m for s in pack.sources for m in count_mentions(s)]
    assert together == alone  # sharing changes no mention
    by_key = {}
    for m in together:
        assert by_key.setdefault(m.key, m.key) is m.key
        assert shared[m.start] is m.start and shared[m.sentence_end] is m.sentence_end
    assert len(by_key) < len(together)
