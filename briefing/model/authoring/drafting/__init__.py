"""Drafting meetings and pledges from the sentences that state them (``briefing init`` and ``add``).

``drafter.py`` walks the sentences and names the actors; ``meetings.py`` and
``pledges.py`` hold the rules for each kind of fact; ``records.py`` what they
read and draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.authoring.drafting.drafter import draft
    from briefing.model.authoring.drafting.records import (
        ActorForms,
        ArticleInput,
        DraftEvidence,
        DraftMeeting,
        DraftPledge,
        Drafts,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ActorForms": "records",
        "ArticleInput": "records",
        "DraftEvidence": "records",
        "DraftMeeting": "records",
        "DraftPledge": "records",
        "Drafts": "records",
        "draft": "drafter",
    },
)

__all__ = [
    "ActorForms",
    "ArticleInput",
    "DraftEvidence",
    "DraftMeeting",
    "DraftPledge",
    "Drafts",
    "draft",
]
