"""Exports of a loaded pack (JSON contract, Markdown and HTML notes); no UI imports."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from briefing.model.pack import Pack
from briefing.model.types import Actor, Fact

if TYPE_CHECKING:
    from briefing.model.analysis import Analysis

FORMATS = ("json", "md", "html")


class SelectionError(KeyError):
    """An unknown format, actor or item id, or an empty selection; ``args[0]`` is one line."""

    def __str__(self) -> str:
        return str(self.args[0])


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def is_candidate(fact: object) -> bool:
    """True for a record still marked ``candidate: true`` (an actor or a draft fact)."""
    return bool(getattr(fact, "candidate", False))


def candidate_ids(pack: Pack) -> frozenset[str]:
    """The ids of the records still marked ``candidate: true`` (what a note leaves out)."""
    facts: tuple[Fact, ...] = (*pack.actors, *pack.meetings, *pack.pledges, *pack.claims)
    return frozenset(f.id for f in facts if is_candidate(f))


def without_candidates(pack: Pack, selected: frozenset[str] | None) -> frozenset[str] | None:
    """``selected`` (None: everything) minus the candidates; unchanged when there are none."""
    drop = candidate_ids(pack)
    if not drop:
        return selected
    facts: tuple[Fact, ...] = (*pack.actors, *pack.meetings, *pack.pledges, *pack.claims)
    kept = frozenset(f.id for f in facts if f.id not in drop)
    return kept if selected is None else selected & kept


def select(
    pack: Pack, actors: Sequence[str] | None = None, only: Collection[str] | None = None
) -> frozenset[str] | None:
    """The ids of the facts to export, or None for the whole pack.

    ``actors`` keeps the facts involving any of them (their pledges, the
    meetings they take part in, affiliated people, and the actors themselves), as
    the reader's actor view shows them; ``only`` keeps just the given fact ids
    (the items marked in the reader), where an actor stands for itself and the
    facts involving it (most actors have no evidence of their own, so marking
    one must still export something). Both together keep the intersection.
    Raises :class:`SelectionError` for an unknown id or an empty result.
    """
    if actors is None and only is None:
        return None
    chosen: set[str] | None = None
    if actors is not None:
        actor_ids = [a.id for a in pack.actors]
        chosen = set()
        for actor_id in actors:
            if not isinstance(pack.get(actor_id), Actor):
                raise SelectionError(
                    f"unknown actor '{actor_id}'{_did_you_mean(actor_id, actor_ids)}"
                )
            chosen.add(actor_id)
            chosen.update(f.id for f in pack.facts_of(actor_id))
    if only is not None:
        facts: tuple[Fact, ...] = (*pack.actors, *pack.meetings, *pack.pledges, *pack.claims)
        known = [f.id for f in facts]
        for item_id in only:
            if item_id not in known:
                raise SelectionError(f"unknown item '{item_id}'{_did_you_mean(item_id, known)}")
        wanted = set(only)
        for item_id in only:
            if isinstance(pack.get(item_id), Actor):
                wanted.update(f.id for f in pack.facts_of(item_id))
        chosen = wanted if chosen is None else chosen & wanted
    if not chosen:
        raise SelectionError("nothing to export: the selection holds no facts")
    return frozenset(chosen)


def render_chunks(
    pack: Pack,
    fmt: str,
    actors: Sequence[str] | None = None,
    only: Collection[str] | None = None,
    analysis: Analysis | None = None,
    *,
    candidates: bool = False,
    since: str | None = None,
) -> Iterator[str]:
    """The export of ``pack`` in ``fmt`` as pieces to write one after another.

    ``analysis`` is the pack's analysis when the caller already holds it (the
    reader); otherwise it is computed for this export. A note (md, html) leaves
    out candidates (actors and draft facts nobody has confirmed yet) unless
    ``candidates`` asks for them: a briefing states what the analyst stands
    behind. The JSON contract keeps them, flagged.
    ``since`` (``YYYY-MM-DD``) opens a note with what changed after that date
    (:mod:`briefing.model.analysis.since`); the JSON contract has no such section.
    Everything that can refuse the export is checked before this returns, so a
    caller may open its output first: raises :class:`SelectionError` (a
    KeyError) with a one-line message for an unknown format, actor or item id,
    or an empty selection. The JSON is made a record at a time while it is
    written (peak memory does not grow with its size), the notes a block at a time.
    """
    if fmt not in FORMATS:
        raise SelectionError(f"unknown format '{fmt}'{_did_you_mean(fmt, FORMATS)}")
    if since is not None and fmt == "json":
        raise SelectionError("--since applies to the notes (md, html), not the JSON contract")
    asked = selected = select(pack, actors, only)
    if fmt != "json" and not candidates:
        selected = without_candidates(pack, selected)
    if fmt == "json":
        from briefing.export.jsonout import iter_render

        return iter_render(pack, selected, analysis)
    from briefing.export.note import build_note

    # The pledge records a reported history may be made of: without candidates, no
    # draft adds a step to one (the pledge table, "How pledges moved", "since").
    admitted = None if candidates else [p for p in pack.pledges if not is_candidate(p)]
    changes = None
    if since is not None:
        from briefing.model.analysis import changes_since

        changes = changes_since(pack, since, admitted)
    whole = actors is None and only is None
    note = build_note(pack, selected, analysis, changes, whole=whole, records=admitted)
    if not note.footnotes:
        raise SelectionError(_nothing_to_export(pack, asked, candidates, whole))
    if fmt == "md":
        from briefing.export.markdown import iter_note

        return iter_note(note)
    from briefing.export.htmlout import iter_note as iter_html

    return iter_html(note)


def _nothing_to_export(
    pack: Pack, asked: frozenset[str] | None, candidates: bool, whole_pack: bool
) -> str:
    """Why a note would cite nothing, in the words of what the user asked for: a whole
    pack just made by ``init`` has evidence only on candidates, "the selected items"
    named a selection nobody made, and marked drafts have evidence of their own.
    ``asked``: the selection before candidates were left out."""
    drafts_left_out = not candidates and without_candidates(pack, asked) != asked
    if not whole_pack:
        if drafts_left_out:
            return (
                "nothing to export: the selected items with evidence are all candidates "
                "(confirm them, or include candidates)"
            )
        return "nothing to export: the selected items have no evidence"
    if drafts_left_out:
        return (
            "nothing to export: the pack's evidence is all on candidates "
            "(confirm some, or include candidates)"
        )
    return "nothing to export: the pack cites no evidence yet"


def render(
    pack: Pack,
    fmt: str,
    actors: Sequence[str] | None = None,
    only: Collection[str] | None = None,
    analysis: Analysis | None = None,
    *,
    candidates: bool = False,
    since: str | None = None,
) -> str:
    """Render ``pack`` in ``fmt`` (see :func:`render_chunks`, which this joins)."""
    pieces = render_chunks(pack, fmt, actors, only, analysis, candidates=candidates, since=since)
    return "".join(pieces)


def remember_export(pack: Pack, fmt: str, written: str) -> None:
    """Record a note's "as of" date for the next ``--since last`` (the JSON contract is no note).

    The CLI and the reader's export dialog both call this, so a note written
    from either moves the reader's ``w`` and ``--since last`` alike.
    """
    if fmt == "json":
        return
    from briefing.model.io import record_note

    record_note(pack.root, pack.meta.as_of, written)
