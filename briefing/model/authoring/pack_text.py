"""The YAML text ``briefing init`` and ``briefing add`` write: sources, candidates, drafts.

Both commands write the same records (``init`` into new files, ``add``
appended to existing ones), so the text of each record is made here once.
Every guess is marked as one: a ``# read from line N`` comment beside a value
read from the article, ``candidate: true`` on every proposed actor, meeting and
pledge, so ``briefing validate`` lists what is left to check. Templates are
commented out with ids, sources and quotes that exist in the pack, so
uncommenting one never breaks the pack.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.model.authoring.articles import unique
from briefing.model.authoring.candidates import Candidate, slug
from briefing.model.authoring.drafting.records import DraftMeeting, DraftPledge
from briefing.model.authoring.hygiene import Hygiene
from briefing.model.authoring.machine_translation import summary
from briefing.model.io.yaml_text.write import comment, flow_list, quoted, scalar
from briefing.model.text import Article

if TYPE_CHECKING:
    from briefing.model.authoring.articles import NewSource


def source_lines(source: NewSource, language: str) -> list[str]:
    """One ``sources:`` item, each value read from the text with the line it came from."""
    meta = source.metadata
    if meta.outlet is not None:
        outlet = f"{scalar(meta.outlet.value)}  # {comment(meta.outlet.rule)}, line {meta.outlet.line}; check"
    else:
        outlet = "unknown  # TODO: who published it"
    if meta.published is not None:
        published = (
            f"{meta.published.value}  # {comment(meta.published.rule)}, line {meta.published.line}: "
            f"{comment(meta.published.text)[:60]}"
        )
    elif meta.relative is not None:
        published = (
            f"null  # TODO: YYYY-MM-DD; line {meta.relative.line} gives only "
            f"'{comment(meta.relative.text)[:60]}', relative to when the page was saved"
        )
    else:
        published = (
            "null  # TODO: YYYY-MM-DD; no date line found (add a 'Published:' line's date here)"
        )
    out = [
        f"  - id: {source.id}",
        f"    file: {scalar(source.file)}",
        f"    sha256: {hashlib.sha256(source.data).hexdigest()}",
        f"    outlet: {outlet}",
        f"    title: {scalar(source.title)}  # from the text; check",
        f"    published: {published}",
        f"    language: {scalar(language)}",
        "    # grade: F  # Admiralty source reliability A-F; F: cannot be judged",
    ]
    if meta.byline is not None:
        out.append(f"    # byline (line {meta.byline.line}): {comment(meta.byline.text)[:80]}")
    if (
        meta.updated is not None
        and meta.published is not None
        and meta.updated.line != meta.published.line
    ):
        out.append(f"    # updated: {meta.updated.value} (line {meta.updated.line})")
    flags = _flags(source.hygiene)
    if flags:
        out += ["    flags:  # suggested from the text; check each", *flags]
    return out


def _flags(h: Hygiene) -> list[str]:
    lines = []
    if h.machine_translated:
        lines.append("      machine_translated: true")
        lines.append(f"      # signs: {comment(summary(list(h.translation_signs)))[:160]}")
    if h.boilerplate:
        lines.append(f"      boilerplate_lines: {flow_list([b.value for b in h.boilerplate])}")
        for b in h.boilerplate:
            which = "lines" if b.first != b.last else "line"
            lines.append(f"      # {which} {b.value}: {b.reason}: {comment(b.sample)[:80]}")
    if h.lost_characters:
        lines.append(f"      lost_characters: {flow_list(list(h.lost_characters))}")
    if h.repeated_phrase:
        lines.append(
            f"      # garbled: true  # a phrase repeats back to back: {comment(h.repeated_phrase)[:80]}"
        )
    return lines


def actor_lines(candidate: Candidate, actor_id: str, sources: Sequence[NewSource]) -> list[str]:
    """One ``actors:`` item for a candidate, with the sentence it was first seen in."""
    by_id = {s.id: s for s in sources}
    first = by_id.get(candidate.first_source)
    line = Article.from_text(first.text).line_of(candidate.first_offset) if first else 0
    where = f"{len(candidate.sources)} source{'s' if len(candidate.sources) != 1 else ''}"
    notes = (
        f"{candidate.mentions} mention{'s' if candidate.mentions != 1 else ''} in {where}; "
        f"first in {candidate.first_source} line {line}: {comment(candidate.first_sentence)}"
    )
    out = [
        "",
        f"  # kind guess: {candidate.kind} ({candidate.kind_reason})",
        f"  - id: {actor_id}",
        f"    name: {scalar(candidate.name)}",
        f"    kind: {candidate.kind}",
    ]
    if candidate.aliases:
        out.append(f"    aliases: {flow_list(list(candidate.aliases))}")
    if candidate.role:
        out.append(f"    role: {scalar(candidate.role)}  # the title seen before the name")
    out += ["    candidate: true", f"    notes: {quoted(notes)}"]
    return out


def actor_ids(found: Sequence[Candidate], used: set[str]) -> list[str]:
    """An id for each candidate, unique among ``used`` (which is updated)."""
    return [unique(slug(c.name), used) for c in found]


def _evidence(items: Sequence[tuple[str, str]]) -> list[str]:
    return ["    evidence:", *(f"      - {{source: {s}, quote: {quoted(q)}}}" for s, q in items)]


def meeting_lines(meeting: DraftMeeting, meeting_id: str, actor_id: dict[str, str]) -> list[str]:
    """One drafted ``meetings:`` item."""
    sources = len({e.source for e in meeting.evidence})
    out = [
        "",
        f"  # drafted from {len(meeting.evidence)} sentence{'s' if len(meeting.evidence) != 1 else ''}"
        f" in {sources} source{'s' if sources != 1 else ''}; date: {comment(meeting.rule)[:120]}",
        f"  - id: {meeting_id}",
        f"    title: {scalar(meeting.title)}",
        f"    date: {meeting.day.isoformat() if meeting.day else 'null'}",
        f"    date_text: {quoted(meeting.date_text)}",
    ]
    if meeting.place:
        out.append(f"    place: {scalar(meeting.place)}")
    out.append(f"    status: {meeting.status}")
    participants = [(actor_id.get(a, a), r) for a, r in meeting.participants.items()]
    if participants:
        out.append("    participants:")
        out += [f"      - {{actor: {a}, role: {r}}}" for a, r in participants]
    out.append("    candidate: true")
    out += _evidence([(e.source, e.quote) for e in meeting.evidence])
    return out


def pledge_lines(pledge: DraftPledge, pledge_id: str, actor_id: dict[str, str]) -> list[str]:
    """One drafted ``pledges:`` item."""
    out = [
        "",
        f"  - id: {pledge_id}",
        f"    actor: {actor_id.get(pledge.actor, pledge.actor)}",
        f"    contribution: {quoted(pledge.contribution)}",
        f"    status: {pledge.status}  # from the verb; check",
    ]
    if pledge.conditions:
        out.append(f"    conditions: [{', '.join(quoted(c) for c in pledge.conditions)}]")
    out.append("    candidate: true")
    out += _evidence([(e.source, e.quote) for e in pledge.evidence])
    return out


def templates(
    section: str, actor: str, first: tuple[str, str], second: tuple[str, str]
) -> list[str]:
    """A commented template for ``section`` that validates when uncommented.

    ``actor`` is an actor id and ``first``/``second`` are (source id, a quote
    from it) that exist in the pack, so uncommenting gives a valid record to edit.
    """
    (s1, q1), (s2, q2) = first, second
    if section == "meetings":
        body = [
            "- id: my-meeting                 # lowercase letters, digits, - and _",
            "  title: Leaders' summit",
            "  date: null                     # YYYY-MM-DD, or null if the text does not allow it",
            f"  date_text: {quoted(q1.split()[0])}         # the date as the article writes it",
            "  status: planned                # held | planned",
            "  participants:",
            f"    - {{actor: {actor}, role: host}}   # host | chair | co-chair | attendee | invited",
            "  evidence:",
            f"    - {{source: {s1}, quote: {quoted(q1)}}}",
        ]
    elif section == "pledges":
        body = [
            "- id: my-pledge",
            f"  actor: {actor}",
            "  contribution: troops",
            "  status: conditional            # offered committed conditional considering undecided declined proposed delivered",
            "  conditions: [only with a backstop]",
            "  evidence:",
            f"    - {{source: {s1}, quote: {quoted(q1)}}}",
        ]
    else:
        body = [
            "- id: my-claim",
            "  topic: How many countries are in the talks",
            "  values:",
            "    - value: about 20",
            f"      source: {s1}",
            f"      evidence: [{{source: {s1}, quote: {quoted(q1)}}}]",
            '    - value: "37"',
            f"      source: {s2}",
            f"      evidence: [{{source: {s2}, quote: {quoted(q2)}}}]",
        ]
    return [f"#  {line}" for line in body]
