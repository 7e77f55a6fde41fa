"""Anchoring a pack's quotes in their articles, every failure a diagnostic with the closest passage.

Split out of the section builders: how a written quote becomes an :class:`Evidence` (or a
diagnostic) is one concern, which record it belongs to is another.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.model.anchoring.closest import closest_passage
from briefing.model.diagnostics import suggest
from briefing.model.io.building.drift import drift_message
from briefing.model.io.building.state import LoadState, TypedRecord
from briefing.model.io.building.walker import Walker
from briefing.model.io.records import (
    ActorFields,
    ClaimFields,
    MeetingFields,
    PledgeFields,
    RawEvidence,
    Ref,
    SourceFields,
)
from briefing.model.types import Evidence

SHOWN_LINES = 10
"""An ambiguous quote's diagnostic lists the lines of its first ten occurrences."""


def prepare_quotes(state: LoadState) -> None:
    """Locate each article's quotes together, one article's normalised view at a time.

    Facts are built section by section, so every article's quotes come up in
    every section, and each article's normalised view (built when a quote has no
    exact match) stayed in memory until the end: ~20 MiB at 1,000 articles, at the
    load's peak. Diagnostics are still made in fact order by :func:`anchor`.
    """
    quotes: dict[str, list[str]] = {}
    facts: list[TypedRecord[ActorFields | MeetingFields | PledgeFields]] = [
        *state.records["actors"],
        *state.records["meetings"],
        *state.records["pledges"],
    ]
    for fact in facts:
        for raw in fact.fields.get("evidence") or ():
            quotes.setdefault(raw.source.value, []).append(raw.quote)
    claims: list[TypedRecord[ClaimFields]] = state.records["claims"]
    for claim in claims:
        for value in claim.fields["values"]:
            for raw in value["evidence"]:
                quotes.setdefault(raw.source.value, []).append(raw.quote)
    sources: list[TypedRecord[SourceFields]] = state.records["sources"]
    for source_record in sources:
        for item in source_record.fields.get("uncited") or ():
            quotes.setdefault(source_record.fields["id"].value, []).append(item.quote)
    for source, anchorer in state.anchorers.items():
        anchorer.prepare(quotes.get(source, ()))


def anchor(
    walker: Walker, raw: RawEvidence, state: LoadState, expect_source: str | None = None
) -> Evidence | None:
    """Locate one quote; every failure is a diagnostic with the closest passage."""
    source = raw.source.value
    if source not in state.anchorers:
        known = [r.fields["id"].value for r in state.records["sources"]]
        if source not in known and source not in state.broken_ids and not state.incomplete:
            walker.error(raw.source, f"unknown source '{source}'", hint=suggest(source, known))
        return None  # a source that failed to load was reported already
    if expect_source is not None and source != expect_source:
        walker.error(
            raw.source, f"evidence for a claim value must come from its source '{expect_source}'"
        )
        return None
    anchorer = state.anchorers[source]
    article = anchorer.article
    found = anchorer.find_all(raw.quote)
    where = Ref(raw.quote, raw.line, raw.col)
    if not found and source in state.changed:
        walker.error(where, drift_message(anchorer, source, raw.quote))
        return None
    if not found:
        closest = closest_passage(anchorer, raw.quote)
        if closest is None:
            walker.error(where, f"quote not found in source '{source}'")
        else:
            line = article.line_of(closest.start)
            walker.error(
                where,
                f"quote not found in source '{source}'; closest passage is on line {line}, "
                f"{closest.similarity:.0f}% similar",
                hint=closest.text,
            )
        return None
    if raw.occurrence is None and len(found) > 1:
        lines = ", ".join(str(article.line_of(f.start)) for f in found[:SHOWN_LINES])
        if len(found) > SHOWN_LINES:  # a one-word quote can occur 80,000 times: one line
            lines += f", … and {len(found) - SHOWN_LINES:,} more"
        walker.error(
            where,
            f"quote occurs {len(found):,} times in source '{source}' (lines {lines}); "
            f"add occurrence: 1 to {len(found)}, or quote more words",
        )
        return None
    index = (raw.occurrence or 1) - 1
    if index >= len(found):
        walker.error(
            where,
            f"occurrence {raw.occurrence} requested but the quote occurs {len(found)} time(s)",
        )
        return None
    hit = found[index]
    if raw.comment is not None:
        cut = raw.comment.split()[0]
        if re.match(r"\s+" + re.escape(cut), article.text[hit.end :]):
            walker.error(
                where,
                f"the quote stops before '{cut}': in YAML ' #' starts a comment, "
                "so put the whole quote in double quotes",
            )
            return None
    line = article.line_of(hit.start)
    if any(first <= line <= last for first, last in state.boilerplate.get(source, ())):
        walker.warn(
            where,
            f"quote is on boilerplate line {line} of source '{source}' (site furniture, not the article)",
        )
    sentence_start, sentence_end = article.sentence_span(hit.start, hit.end)
    return Evidence(
        source=source,
        start=hit.start,
        end=hit.end,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        text=article.text,
        match=hit.match,
    )


def evidence(
    record: TypedRecord[Any], state: LoadState, items: list[RawEvidence], source: str | None = None
) -> tuple[Evidence, ...]:
    """The record's quotes that anchored; each one that did not was reported by :func:`anchor`."""
    anchored = [anchor(record.walker, raw, state, source) for raw in items]
    return tuple(e for e in anchored if e is not None)
