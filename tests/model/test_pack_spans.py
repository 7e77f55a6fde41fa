"""A source's evidence spans (``Pack.spans``): every fact's evidence there, in text order.

They are made on asking from each source's evidence and facts (the index keeps
no Span objects: memory, docs/performance.md); every caller sees the same spans.
"""

from __future__ import annotations

from support import POLAND_PLEDGE, PackMaker

from briefing.model import load_pack
from briefing.model.types import Span

FACTS = POLAND_PLEDGE + '      - {source: wire, quote: "Leaders met in Paris"}\n'


def test_spans_are_each_facts_evidence_in_text_order(make_pack: PackMaker) -> None:
    pack = load_pack(make_pack(FACTS)).pack
    assert pack is not None
    actor, pledge = pack.actors[0], pack.pledges[0]
    paris, offered = pledge.evidence[1], pledge.evidence[0]
    assert paris.start < actor.evidence[0].start < offered.start
    expected = (
        Span(paris, "pledge", "poland-logistics"),
        Span(actor.evidence[0], "actor", "poland"),
        Span(offered, "pledge", "poland-logistics"),
    )
    assert pack.spans("wire") == expected
    assert pack.spans("wire")[0].evidence is paris  # the fact's own evidence, not a copy
    assert pack.spans("nowhere") == ()
    assert dict(pack.index.spans_of_source) == {"wire": expected}
