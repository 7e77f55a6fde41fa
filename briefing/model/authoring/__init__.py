"""Authoring a pack: the init scaffold, candidate actors, find, source hygiene and coverage.

What helps an analyst build or grow a pack; the reader never needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.authoring.add import add_articles
    from briefing.model.authoring.article_dates import read_date
    from briefing.model.authoring.article_metadata import read_metadata
    from briefing.model.authoring.articles import InitRefused, guess_title
    from briefing.model.authoring.drafting.drafter import draft
    from briefing.model.authoring.drafting.records import ActorForms, ArticleInput
    from briefing.model.authoring.find import evidence_yaml, read_sources
    from briefing.model.authoring.hygiene import examine, unflagged
    from briefing.model.authoring.machine_translation import (
        looks_machine_translated,
        signs,
        summary,
    )
    from briefing.model.authoring.scaffold import init_pack

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ActorForms": "drafting.records",
        "ArticleInput": "drafting.records",
        "InitRefused": "articles",
        "add_articles": "add",
        "draft": "drafting.drafter",
        "evidence_yaml": "find",
        "examine": "hygiene",
        "guess_title": "articles",
        "init_pack": "scaffold",
        "looks_machine_translated": "machine_translation",
        "read_date": "article_dates",
        "read_metadata": "article_metadata",
        "read_sources": "find",
        "signs": "machine_translation",
        "summary": "machine_translation",
        "unflagged": "hygiene",
    },
)

__all__ = [
    "ActorForms",
    "ArticleInput",
    "InitRefused",
    "add_articles",
    "draft",
    "evidence_yaml",
    "examine",
    "guess_title",
    "init_pack",
    "looks_machine_translated",
    "read_date",
    "read_metadata",
    "read_sources",
    "signs",
    "summary",
    "unflagged",
]
