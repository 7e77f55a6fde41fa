"""A new fact drafted from a passage of an article, ready for the analyst to adjust.

When the analyst points at a sentence (or selects words in it), most of a fact
is already there: the quote, its source and occurrence, the date expression the
sentence carries and what the date rules resolve it to against the article's
publication day, whether the sentence looks back (a meeting held) or ahead
(planned). :func:`draft_from` prefills all of that; the reader's form lets the
analyst change every field; :func:`apply_draft` turns the result into one edit of
the shared engine (so it is checked, written and undoable like any other).

Worst case: one sentence scan for date expressions and one anchoring of the quote
in its article (linear in the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.editing.additions import Value
from briefing.model.editing.locate import EditRefused
from briefing.model.editing.session import Applied, EditSession
from briefing.model.names.folding import fold
from briefing.model.pack import Pack

KINDS = ("meeting", "pledge", "claim value", "evidence")
"""What the passage becomes: a new meeting or pledge, a value of an existing claim,
or evidence for an existing fact."""


@dataclass(frozen=True)
class FactDraft:
    """Every field the form shows; which ones are used depends on ``kind``."""

    kind: str
    source: str
    quote: str
    occurrence: int | None = None
    id: str = ""
    actor: str = ""
    status: str = ""
    what: str = ""
    """A pledge's contribution, a meeting's title or a claim's value."""
    conditions: tuple[str, ...] = ()
    date: str | None = None
    date_text: str = ""
    date_rule: str = ""
    """How the date was prefilled (shown, not written)."""
    place: str = ""
    target: str = ""
    """The existing fact (evidence) or claim (claim value) the passage adds to."""


_MEETING_WORDS = re.compile(
    r"\b(?:talks|summit|meeting|met|meet|hosted|conference|call|visit(?:ed)?)\b", re.IGNORECASE
)
"""A sentence with one of these is drafted as a meeting, any other as a pledge."""


def draft_from(
    pack: Pack, source_id: str, start: int, end: int, kind: str | None = None
) -> FactDraft:
    """A draft from ``text[start:end]`` of a source (a whole sentence when start == end).

    Without ``kind``, a sentence that speaks of talks, a summit or a meeting is a
    meeting and any other a pledge (the analyst changes it in the form).
    """
    from briefing.model.analysis.dates.reporting import reporting_frames
    from briefing.model.analysis.dates.resolve import find_expressions, resolve, sentence_tense

    source = pack.source(source_id)
    article = source.article
    if start == end:
        start, end = article.sentence_span(start, end)
    raw = article.text[start:end]
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip())
    quote = article.text[start:end]
    if "\n" in quote:  # a selection over a line break: the loader matches it spaced
        quote = " ".join(quote.split())
    sentence_start, sentence_end = article.sentence_span(start, end)
    sentence = article.text[sentence_start:sentence_end]
    if kind is None:
        kind = "meeting" if _MEETING_WORDS.search(sentence) else "pledge"
    # A date in a reporting frame ("said on Monday that") dates the saying, not the fact.
    frames = reporting_frames(sentence)
    found = [e for e in find_expressions(sentence) if not any(a <= e.start < b for a, b in frames)]
    date_text, day, rule, status = "", None, "", ""
    if found:
        expression = found[0]
        tense = sentence_tense(sentence, expression.start, expression.end)
        published = date.fromisoformat(source.published) if source.published else None
        resolution = resolve(expression.text, published, tense)
        date_text = expression.text
        rule = resolution.rule
        if resolution.known and resolution.start == resolution.end and resolution.start:
            day = resolution.start.isoformat()
        status = "planned" if tense == "future" else "held" if tense == "past" else ""
    return FactDraft(
        kind=kind,
        source=source_id,
        quote=quote,
        occurrence=occurrence(Anchorer(article), quote, start),
        date=day,
        date_text=date_text,
        date_rule=rule,
        status=status,
    )


def occurrence(anchorer: Anchorer, quote: str, start: int) -> int | None:
    """``occurrence:`` for the quote found at ``start`` (None when it is the only one)."""
    found = anchorer.find_all(quote)
    if len(found) <= 1:
        return None
    for number, hit in enumerate(found, 1):
        if hit.start <= start < max(hit.end, hit.start + 1):
            return number
    return None


def slug(text: str, limit: int = 4) -> str:
    """Lowercase words joined by '-', for ids (``divers and a command ship`` -> ``divers-command-ship``)."""
    small = {"a", "an", "the", "and", "of", "to", "in", "on", "for", "with", "by"}
    words = [w for w in re.findall(r"[a-z0-9]+", fold(text).lower()) if w not in small]
    return "-".join(words[:limit])


def suggest_id(pack: Pack, draft: FactDraft) -> str:
    """A readable id not used in the pack: actor and contribution, or the meeting's title."""
    base = slug(f"{draft.actor} {draft.what}") if draft.kind == "pledge" else slug(draft.what)
    base = base or draft.kind.split()[0]
    if not base[0].isalpha():
        base = f"{draft.kind.split()[0]}-{base}"
    candidate, number = base, 2
    while pack.get(candidate) is not None:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _evidence(draft: FactDraft) -> dict[str, str]:
    item = {"source": draft.source, "quote": draft.quote}
    if draft.occurrence is not None:
        item["occurrence"] = str(draft.occurrence)
    return item


def fields_of(draft: FactDraft) -> tuple[str, list[tuple[str, Value]]]:
    """The section and the fields of a new meeting or pledge, in the pack format's order."""
    evidence: Value = [_evidence(draft)]
    if draft.kind == "meeting":
        fields: list[tuple[str, Value]] = [
            ("id", draft.id),
            ("title", draft.what),
            ("date", draft.date),
            ("date_text", draft.date_text or "not stated"),
        ]
        if draft.place:
            fields.append(("place", draft.place))
        fields.append(("status", draft.status or "held"))
        if draft.actor:
            fields.append(("participants", [{"actor": draft.actor, "role": "attendee"}]))
        fields.append(("evidence", evidence))
        return "meetings", fields
    fields = [
        ("id", draft.id),
        ("actor", draft.actor),
        ("contribution", draft.what),
        ("status", draft.status or "offered"),
    ]
    if draft.conditions:
        fields.append(("conditions", list(draft.conditions)))
    fields.append(("evidence", evidence))
    return "pledges", fields


def apply_draft(session: EditSession, draft: FactDraft) -> Applied:
    """Make the edit the draft describes (checked and undoable like every edit)."""
    if draft.kind not in KINDS:
        raise EditRefused(f"unknown kind '{draft.kind}' (expected one of: {', '.join(KINDS)})")
    if not draft.quote.strip():
        raise EditRefused("the quote is empty")
    if draft.kind == "evidence":
        if not draft.target:
            raise EditRefused("choose the fact this passage is evidence for")
        return session.add_evidence(draft.target, draft.source, draft.quote, draft.occurrence)
    if draft.kind == "claim value":
        if not draft.target or not draft.what.strip():
            raise EditRefused("a claim value needs its claim and the value the source gives")
        return session.add_claim_value(draft.target, draft.what, draft.source, draft.quote)
    missing = [
        name
        for name, value in (("id", draft.id), ("actor", draft.actor), ("what", draft.what))
        if not value.strip() and not (name == "actor" and draft.kind == "meeting")
    ]
    if missing:
        label = {"what": "contribution" if draft.kind == "pledge" else "title"}
        raise EditRefused("fill in: " + ", ".join(label.get(m, m) for m in missing))
    section, fields = fields_of(replace(draft, what=draft.what.strip()))
    return session.add(section, fields)
