"""Editing a pack's YAML in place: confirm, reject, merge and add, as minimal text edits.

- :mod:`.locate`: where records sit in a file's text (composed node positions).
- :mod:`.operations`: confirm, reject, merge as splices.
- :mod:`.additions`: new records, evidence and claim values in the file's own style.
- :mod:`.session`: checking, atomic writing, refusing stale files, undo.

Everything an edit does not touch stays byte-identical.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.editing.drafting import (
        KINDS,
        FactDraft,
        apply_draft,
        draft_from,
        suggest_id,
    )
    from briefing.model.editing.locate import EditRefused, Stale
    from briefing.model.editing.session import Applied, Change, EditSession

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Applied": "session",
        "Change": "session",
        "EditRefused": "locate",
        "EditSession": "session",
        "Stale": "locate",
        "FactDraft": "drafting",
        "KINDS": "drafting",
        "apply_draft": "drafting",
        "draft_from": "drafting",
        "suggest_id": "drafting",
    },
)

__all__ = [
    "KINDS",
    "Applied",
    "Change",
    "EditRefused",
    "EditSession",
    "FactDraft",
    "Stale",
    "apply_draft",
    "draft_from",
    "suggest_id",
]
