"""Pledge records of one actor are grouped by subject as comparing every pair would group them.

``group_by_subject`` compares distinct subjects sharing words instead of every
pair of records (the export spent most of its time in the pairwise grouping);
these tests hold it to the pairwise definition on varied contributions.
"""

from __future__ import annotations

import random

from briefing.model.analysis.history import group_by_subject, same_subject
from briefing.model.types import Pledge


def _pairwise(records: list[Pledge]) -> list[list[Pledge]]:
    """The plain definition: each record joins every group holding a record of its subject."""
    groups: list[list[Pledge]] = []
    for record in records:
        joined = [
            g for g in groups if any(same_subject(record.contribution, o.contribution) for o in g)
        ]
        if not joined:
            groups.append([record])
            continue
        first = joined[0]
        for other in joined[1:]:
            first.extend(other)
            groups.remove(other)
        first.append(record)
    order = {r.id: i for i, r in enumerate(records)}
    return [sorted(g, key=lambda r: order[r.id]) for g in groups]


def _as_sets(groups: list[list[Pledge]]) -> set[tuple[str, ...]]:
    return {tuple(r.id for r in g) for g in groups}


_words_text = (
    "troops divers command ship patrols logistics air policing drones the a and of for "
    "minesweepers training Kyiv's Troops' 155mm shells € million up to"
)
WORDS = _words_text.split()


def test_grouping_by_subject_is_the_pairwise_grouping() -> None:
    rng = random.Random(19)
    for _ in range(300):
        records = [
            Pledge(
                f"p{i}",
                "uk",
                " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 6))),
                "offered",
                (),
            )
            for i in range(rng.randrange(1, 25))
        ]
        grouped = group_by_subject(records)
        assert _as_sets(grouped) == _as_sets(_pairwise(records))
        assert all(g == sorted(g, key=records.index) for g in grouped)  # pack order kept
