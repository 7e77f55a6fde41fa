"""Linking a found disagreement to the author's claim: intervals give what the per-offset table gave.

``_link_claims`` used a dict entry per character of every sentence a claim
cites (~60 MiB for a moment at 1,000 articles); it now keeps the sentences as
intervals. The first version is kept here as the definition and compared on
generated claims and disagreements, and on the default pack.
"""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.model import load_pack
from briefing.model.analysis.analyse import analyse
from briefing.model.analysis.disagreements import Disagreement, DisagreementValue
from briefing.model.analysis.disagreements.detect import _link_claims
from briefing.model.types import Claim, ClaimValue, Evidence


def reference(pack: object, found: list[Disagreement]) -> list[Disagreement]:
    """The first version: one table entry per cited character."""
    cited: dict[tuple[str, int], str] = {}
    for claim in pack.claims:  # type: ignore[attr-defined]
        for value in claim.values:
            for e in value.evidence:
                for offset in range(e.sentence_start, e.sentence_end):
                    cited.setdefault((e.source, offset), claim.id)
    return [
        Disagreement(
            d.topic,
            d.kind,
            d.values,
            next(
                (cited[(v.source, v.start)] for v in d.values if (v.source, v.start) in cited),
                None,
            )
            or d.claim,
        )
        for d in found
    ]


SOURCES = st.sampled_from(["a", "b", "c"])


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    start = draw(st.integers(0, 60))
    end = draw(st.integers(start, start + 30))
    return Evidence(draw(SOURCES), start, end, start, end, "q")


claims = st.lists(
    st.builds(
        lambda i, evs: Claim(f"c{i}", "t", (ClaimValue("v", "a", tuple(evs)),)),
        st.integers(0, 5),
        st.lists(evidence(), max_size=3),
    ),
    max_size=5,
)
found = st.lists(
    st.builds(
        lambda values, claim: Disagreement("t", "count", tuple(values), claim),
        st.lists(
            st.builds(
                lambda s, start: DisagreementValue("v", s, "x", start, start + 1),
                SOURCES,
                st.integers(0, 95),
            ),
            max_size=4,
        ),
        st.sampled_from([None, "given"]),
    ),
    max_size=6,
)


@settings(max_examples=400, deadline=None)
@given(claims, found)
def test_intervals_link_as_the_per_offset_table(claims: list[Claim], found: list) -> None:  # type: ignore[type-arg]
    pack = SimpleNamespace(claims=tuple(claims))
    assert _link_claims(pack, found) == reference(pack, found)  # type: ignore[arg-type]


def test_default_pack_links_the_same() -> None:
    pack = load_pack().pack
    assert pack is not None
    found = list(analyse(pack).disagreements)
    unlinked = [Disagreement(d.topic, d.kind, d.values) for d in found]
    assert any(d.claim for d in found)  # the default pack has a linked claim to check
    assert _link_claims(pack, unlinked) == reference(pack, unlinked) == found
