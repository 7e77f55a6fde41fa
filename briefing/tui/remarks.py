"""What the reader shows beside a fact: its note and each judgement the pack accepts.

Plain Python (no Textual), so the detail pane, whatever shape its rows take,
asks one place: a fact's ``notes`` and every ``accept:`` entry with its reason
are shown, never silent (docs/pack-format.md, "Faithfulness").
"""

from __future__ import annotations

from briefing.model.types import Claim, Meeting, Pledge


def remark_fields(fact: Meeting | Pledge | Claim) -> list[tuple[str, str]]:
    """(field name, text) rows: ``note``, then ``accepted <rule>`` with the reason."""
    rows: list[tuple[str, str]] = []
    if fact.notes:
        rows.append(("note", fact.notes))
    for accepted in fact.accepted:
        rows.append((f"accepted ({accepted.rule})", accepted.reason))
    return rows
