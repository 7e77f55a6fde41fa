"""Faithfulness: does each fact say only what its own evidence says?

A fact is read in the reader and the note as if its cited sentences said it.
Each rule below compares one part of a fact with the sentences of that fact's
own evidence (never a neighbouring sentence, never another fact's evidence)
and reports where the fact says more, or says it more strongly. The rules are
plain English word lists and number reading: nothing here knows the story.
They are documented in docs/analysis.md; ``validate`` reports each finding as
a warning (an error under ``--strict``), and a pack can accept a rule's
judgement on one fact with a stated reason (``accept:``), which is then shown
rather than reported.

Cost: every rule reads only the fact's own sentences (at most
``SENTENCE_REACH`` characters either side of each quote), so the whole check is
linear in the size of the facts' evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from briefing.model.analysis.dates.tense import reports_past_event
from briefing.model.analysis.findings import Finding, sentence_of, sentences_of
from briefing.model.analysis.named_check import Names, named
from briefing.model.analysis.quantities import numbers_in
from briefing.model.names.folding import fold
from briefing.model.names.vocabulary import FUNCTION_WORDS
from briefing.model.pack import Pack
from briefing.model.types import Claim, Fact, Meeting, Pledge

RULES: dict[str, str] = {
    "named": "every participant of a meeting and the actor of a pledge is named in one of "
    "the fact's own evidence sentences (by name, alias, a garbled form, or an actor "
    "affiliated to it, such as a country's leader)",
    "numbers": "every number and amount a fact states appears in its evidence; each sentence "
    "cited for a figure carries that figure",
    "details": "the words of a pledge's contribution are found in its evidence, and every "
    "detail listed in brackets is",
    "conditions": "each condition reads as a condition, its words are found in one evidence "
    "sentence, with no 'must'/'only' the sentence lacks and no hedge of the sentence dropped",
    "status": "a pledge's status is no stronger than its evidence verbs (the evidence says "
    "'ready to', 'asked whether', 'hope', but the status is offered, committed or proposed)",
    "inferred-held": "a meeting marked held has an evidence sentence telling it as done, not "
    "only a date before as_of",
}
"""Rule name -> what it checks (the names are what ``accept:`` and ``checks:`` use)."""

LEVELS = ("off", "warning", "error")
"""A rule's strength in ``pack: checks:``; the default is ``warning``."""


# --- words -------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STRENGTH_WORDS = ("must", "only", "never", "always", "cannot", "all")
_HEDGES = (
    "best chance",
    "ideally",
    "if possible",
    "likely",
    "possibly",
    "probably",
    "perhaps",
)
_CONDITION_MARKERS = re.compile(
    r"\b(?:if|only|unless|provided|as long as|on condition|once|after|before|until|with|without"
    r"|subject to|must|would have to|has to|have to|needs?|requires?|required|backed|no|not|do not"
    r"|never|as part of|in exchange|depends?|depending|dependent|contingent|conditional|when|asked of"
    r"|for members)\b",
    re.IGNORECASE,
)
_EXTRA_STOP = frozenset(
    ("one", "any", "other", "its", "own", "also", "some", "each", "more", "most", "such")
)


def _stem(word: str) -> str:
    """Five letters, folded, British and American spellings alike ("demilitaris")."""
    w = fold(word).lower().replace("z", "s").replace("’", "'").split("'")[0]
    return w[:5]


def _content_stems(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text) if len(w) >= 3]
    return [
        _stem(w)
        for w in words
        if w.lower() not in FUNCTION_WORDS
        and w.lower() not in _EXTRA_STOP
        and w.lower() not in _STRENGTH_WORDS
    ]


def _stems_of(sentences: Iterable[str]) -> set[str]:
    return {_stem(w) for s in sentences for w in _WORD.findall(s)}


def _has_word(sentence: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", sentence, re.IGNORECASE) is not None


# --- the rules -------------------------------------------------------------------


def _numbers(fact: Pledge | Claim) -> Iterator[Finding]:
    if isinstance(fact, Pledge):
        texts = [("contribution", fact.contribution), *(("conditions", c) for c in fact.conditions)]
        sentences = sentences_of(fact.evidence)
        carried = {n for s in sentences for n in numbers_in(s)}
        for field, text in texts:
            for number in numbers_in(text):
                if number not in carried:
                    yield Finding(
                        fact.id,
                        "pledge",
                        "numbers",
                        field,
                        f"{field} of pledge '{fact.id}' states {number:g}, which none of its "
                        "evidence sentences gives",
                        sentences[0] if sentences else "",
                    )
        return
    for value in fact.values:
        wanted = numbers_in(value.value)
        if not wanted:
            continue
        for evidence in value.evidence:
            have = numbers_in(sentence_of(evidence))
            missing = [n for n in wanted if n not in have]
            if missing:
                yield Finding(
                    fact.id,
                    "claim",
                    "numbers",
                    "values",
                    f"value '{value.value}' of claim '{fact.id}' ({value.source}) cites a "
                    f"sentence without its figure {missing[0]:g}",
                    sentence_of(evidence),
                )


_BRACKETED = re.compile(r"\(([^()]*)\)")


def _details(fact: Pledge) -> Iterator[Finding]:
    sentences = sentences_of(fact.evidence)
    have = _stems_of(sentences)
    stems = _content_stems(_BRACKETED.sub(" ", fact.contribution))
    missing = [s for s in dict.fromkeys(stems) if s not in have]
    first = sentences[0] if sentences else ""
    if stems and len(missing) * 2 > len(set(stems)):
        yield Finding(
            fact.id,
            "pledge",
            "details",
            "contribution",
            f"most words of the contribution of pledge '{fact.id}' are in none of its evidence "
            "sentences (the evidence does not say what is offered)",
            first,
        )
    for inside in _BRACKETED.findall(fact.contribution):
        for item in re.split(r",|\band\b|;", inside):
            words = [w for w in _WORD.findall(item) if len(w) >= 3]
            item_stems = _content_stems(item)
            if item_stems and not any(s in have for s in item_stems):
                yield Finding(
                    fact.id,
                    "pledge",
                    "details",
                    "contribution",
                    f"detail '{' '.join(words)}' in the contribution of pledge '{fact.id}' is in "
                    "none of its evidence sentences",
                    first,
                )


def _bestsentence_of(condition: str, sentences: list[str]) -> tuple[str, float]:
    """The sentence holding most of the condition's words, and the share it holds."""
    stems = set(_content_stems(condition))
    if not stems or not sentences:
        return (sentences[0] if sentences else ""), 1.0
    scored = [(len(stems & _stems_of([s])) / len(stems), s) for s in sentences]
    share, best = max(scored, key=lambda x: x[0])
    return best, share


def _conditions(fact: Pledge) -> Iterator[Finding]:
    sentences = sentences_of(fact.evidence)
    for condition in fact.conditions:
        best, share = _bestsentence_of(condition, sentences)
        problem = None
        if not _CONDITION_MARKERS.search(condition):
            problem = (
                f"condition '{condition}' of pledge '{fact.id}' does not read as a condition "
                "(no if, only, unless, with, must, ...): a reason or remark belongs in notes"
            )
        elif share < 0.6:
            problem = (
                f"condition '{condition}' of pledge '{fact.id}': {round(100 * (1 - share))}% of "
                "its words are in none of its evidence sentences"
            )
        else:
            stronger = [
                w for w in _STRENGTH_WORDS if _has_word(condition, w) and not _has_word(best, w)
            ]
            dropped = [h for h in _HEDGES if _has_word(best, h) and not _has_word(condition, h)]
            if stronger:
                problem = (
                    f"condition '{condition}' of pledge '{fact.id}' says '{stronger[0]}', "
                    "which its evidence does not"
                )
            elif dropped:
                problem = (
                    f"condition '{condition}' of pledge '{fact.id}' drops the hedge "
                    f"'{dropped[0]}' of its evidence"
                )
        if problem is not None:
            yield Finding(fact.id, "pledge", "conditions", "conditions", problem, best)


_STATUS_MARKERS: dict[str, str] = {
    "offered": r"offer(?:s|ed|ing)?|pledg\w*|promis\w*|will (?:send|provide|contribute)|agreed to",
    "committed": r"commit\w*|pledg\w*|announc\w*|agreed|agreement|signed|deal|set to provide"
    r"|will provide|reaffirm\w*",
    "proposed": r"propos\w*|plans?|present\w*|develop\w*|put forward|suggest\w*|draw(?:ing)? up",
    "declined": r"declin\w*|refus\w*|reject\w*|ruled? out|rules out|rebuff\w*|oppos\w*"
    r"|will not|won['’]t|would not|cannot be allowed",
    "delivered": r"deliver\w*|provided|sent|gave|given|supplied|offering|advis\w*",
    "paused": r"paus\w*|suspend\w*|halt\w*|froze|frozen",
}
_WEAK = re.compile(
    r"\b(?:consider\w*|weigh\w*|asked (?:whether|what|if)|were asked|want\w*|hopes?|hoped"
    r"|ready to|willing\w*|open to|could|can imagine|interest\w*|may|might|paus\w*)\b",
    re.IGNORECASE,
)


def _status(fact: Pledge) -> Iterator[Finding]:
    pattern = _STATUS_MARKERS.get(fact.status)
    if pattern is None:
        return  # conditional, considering, undecided: no stronger reading to check
    sentences = sentences_of(fact.evidence)
    marker = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    if any(marker.search(s) for s in sentences):
        return
    weak = next(((m.group(), s) for s in sentences if (m := _WEAK.search(s))), None)
    says = f"says '{weak[0]}'" if weak else "has no verb of that strength"
    yield Finding(
        fact.id,
        "pledge",
        "status",
        "status",
        f"status '{fact.status}' of pledge '{fact.id}' is stronger than its evidence, which {says}",
        weak[1] if weak else (sentences[0] if sentences else ""),
    )


def _inferred_held(fact: Meeting) -> Iterator[Finding]:
    if fact.status != "held":
        return
    sentences = sentences_of(fact.evidence)
    if any(reports_past_event(s) for s in sentences):
        return
    yield Finding(
        fact.id,
        "meeting",
        "inferred-held",
        "status",
        f"meeting '{fact.id}' is marked held but no evidence sentence tells it as done: "
        "'held' is inferred from its date being before as_of",
        sentences[0] if sentences else "",
    )


# --- all together ----------------------------------------------------------------


def _raw(pack: Pack, accepting_only: bool) -> Iterator[Finding]:
    names = Names(pack)
    for meeting in pack.meetings:
        if accepting_only and not meeting.accepted:
            continue
        yield from named(names, meeting, (p.actor for p in meeting.participants))
        yield from _inferred_held(meeting)
    for pledge in pack.pledges:
        if accepting_only and not pledge.accepted:
            continue
        yield from named(names, pledge, (pledge.actor,))
        yield from _numbers(pledge)
        yield from _details(pledge)
        yield from _conditions(pledge)
        yield from _status(pledge)
    for claim in pack.claims:
        if not accepting_only or claim.accepted:
            yield from _numbers(claim)


def level(pack: Pack, rule: str) -> str:
    """The strength the pack gives ``rule``: ``off``, ``warning`` (default) or ``error``."""
    return dict(pack.meta.checks).get(rule, "warning")


def check(pack: Pack, *, accepting_only: bool = False) -> tuple[Finding, ...]:
    """Every finding of every rule the pack has not turned off, accepted ones marked.

    ``accepting_only`` reads only the facts that accept some judgement (what
    ``validate`` counts after the load has checked every fact).

    A finding the pack accepts (``accept: [{rule, reason}]`` on the fact) keeps
    its place in the result with the stated reason, so the reader and the note
    can show what was accepted and why; it is not reported as a problem.
    """
    found: list[Finding] = []
    for finding in _raw(pack, accepting_only):
        if level(pack, finding.rule) == "off":
            continue
        fact = pack.get(finding.fact)
        reason = next(
            (a.reason for a in getattr(fact, "accepted", ()) if a.rule == finding.rule), None
        )
        if reason is not None:
            finding = Finding(
                finding.fact,
                finding.kind,
                finding.rule,
                finding.field,
                finding.message,
                finding.sentence,
                reason,
            )
        found.append(finding)
    return tuple(found)


def accepted_of(findings: Iterable[Finding], fact: Fact) -> tuple[Finding, ...]:
    """The accepted findings about one fact (what the reader and the note show)."""
    return tuple(f for f in findings if f.fact == fact.id and f.accepted is not None)
