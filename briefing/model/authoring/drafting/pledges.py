"""Pledges (and refusals) drafted from the sentences that state them.

"X pledged $N million", "Y would send N experts if ...": the verb gives the
status ("considering" is not "committed"), a condition makes an offer
conditional, and the same actor's pledge of the same amount from several
sources is drafted once. One regex pass per sentence, no nested quantifiers.
"""

from __future__ import annotations

import re

from briefing.model.authoring.drafting.records import ArticleInput, DraftEvidence, DraftPledge

MAX_GAP_WORDS = 6
"""An actor further than this many words before the verb is not its subject."""
CONTRIBUTION_WORDS = 12

_VERBS: tuple[tuple[str, str], ...] = (
    (
        "declined",
        r"declined|refused|rejected|ruled out"
        # A negated modal on a verb of doing ("will not accept", "won't sign"), not on a
        # verb of saying or being ("did not say", "would not be drawn", "will not yet").
        r"|(?:(?:would|will|did|does|do|can|could|shall) not|won't|wouldn't|can't|cannot)"
        r" (?!(?:yet|be|have|say|comment|know|disclose|specify|confirm|elaborate|respond|reply|immediately|rule out|decide|decline|refuse|reject)\b)[a-z]+",
    ),
    ("undecided", r"(?:has|have) not (?:yet )?decided|is undecided|are undecided|not yet decided"),
    (
        "considering",
        r"(?:is|are|was|were) (?:still )?(?:considering|weighing|mulling|studying)|still weighing|considering|could (?:send|provide|offer|contribute|give)"
        # "would consider", "might weigh": a modal on a verb of deliberating, not a commitment.
        r"|(?:would|could|might|may|will|to) (?:consider|weigh|study|examine|explore|mull)"
        r"|(?:is|are|was|were|remains?) open to",
    ),
    ("delivered", r"delivered|handed over|disbursed"),
    ("proposed", r"proposed"),
    (
        "committed",
        r"pledged|committed|promised|will (?:grant|give|provide|send|contribute|fund|pay|deliver|release|supply|second|deploy)"
        r"|(?:will )?(?:make|makes|made) available"
        r"|(?:will )?(?:put|puts|place|places|placed) at (?:the |its |their )?(?:disposal|disposition)",
    ),
    (
        "offered",
        r"(?:has |have )?offered|offers|will offer|would (?:send|provide|give|second|release|contribute|supply|deploy|fund|grant|pay)"
        # "is ready to prolong", "stands ready to": an offer in so many words.
        r"|(?:is|are|was|were|stands?|stood) (?:now |still )?(?:ready|prepared|willing) to",
    ),
)
_VERB = re.compile(
    "|".join(f"(?P<{status}>\\b(?:{pattern})\\b)" for status, pattern in _VERBS), re.I
)
_CONDITION = re.compile(
    r"\b(?:only if|if|on condition that|provided(?: that)?|unless|conditional on|as long as)\b",
    re.I,
)
_WOULD = re.compile(
    r"\b(?:would|will|could|can) (?!not\b|be\b|have\b|need\b|also\b|decide\b)[a-z]+\b"
)
_FIRST_PERSON = re.compile(r"\b(?:we|i)\b", re.I)
_SPEECH = re.compile(r"\b(?:said|says|told|added|announced)\b")
_APPOSITIVE = re.compile(r",[^,]*,")
_ASIDE_BEFORE = re.compile(r",[^,]{1,120},\s*$")
"""A comma-bounded aside ending right before the verb (", the bank's head,"): not the subject."""


def draft_pledge(
    sentence: str, article: ArticleInput, names: list[tuple[int, int, str]], quote: str = ""
) -> DraftPledge | None:
    """The pledge ``sentence`` (one clause of ``quote``, the whole sentence) states, if any."""
    verb = _VERB.search(sentence)
    status = verb.lastgroup or "offered" if verb is not None else "offered"
    if verb is None:
        # "Oslo would cut its quota by 10 percent if the EU did the same", "the Fund
        # could lend $300 million if ...": an offer made on a condition, whatever the verb.
        verb = _WOULD.search(sentence)
        if verb is None or _CONDITION.search(sentence, verb.end()) is None:
            return None
    actor = None
    aside = _ASIDE_BEFORE.search(sentence, max(0, verb.start() - 130), verb.start())
    for at, stop, who in reversed(names):
        if stop > verb.start():
            continue
        if aside is not None and aside.start() < at:
            continue  # "Egypt, which borders Sudan, offered": Sudan is not the subject
        gap = _APPOSITIVE.sub(" ", sentence[stop : verb.start()])
        words = gap.split()
        if len(words) <= MAX_GAP_WORDS and not re.search(
            r"\bthat\s+(?!it\b|they\b|he\b|she\b)", gap
        ):
            actor = who
        break
    unnamed = not any(stop <= verb.start() for _, stop, _ in names)
    if actor is None and (unnamed or _FIRST_PERSON.search(sentence[: verb.start()])):
        # "We will send ...", Y said / "The army is considering ..., Mahjoub said": the
        # subject is not a name, so the pledge is the speaker's (or the one they speak for).
        speech = _SPEECH.search(sentence, verb.end())
        if speech is not None:
            near = [n for n in names if n[0] >= speech.start() or n[1] <= speech.start()]
            if near:
                actor = min(near, key=lambda n: abs(n[0] - speech.start()))[2]
    if actor is None:
        return None
    rest = sentence[verb.end() :]
    condition = _CONDITION.search(rest)
    conditions = []
    if condition is not None:
        clause = rest[condition.start() :].strip().rstrip(".\"”'")
        clause = re.split(r",\s+(?:[A-Za-z]+\s+)?(?:said|says|added|told)\b", clause)[0]
        conditions.append(clause.strip(" ,"))
        rest = rest[: condition.start()]
        if status != "declined":
            status = "conditional"
    contribution = re.split(r"[,;:.\"”]|\s+(?:but|and then|saying)\s+", rest.strip(), maxsplit=1)[0]
    contribution = re.sub(r"^(?:to\s+)?", "", contribution.strip())
    words = contribution.split()
    if not words:
        contribution = verb.group().lower()
    elif len(words) > CONTRIBUTION_WORDS:
        contribution = " ".join(words[:CONTRIBUTION_WORDS]) + "…"
    return DraftPledge(
        actor, status, contribution, conditions, [DraftEvidence(article.source, quote or sentence)]
    )


_AMOUNT = re.compile(r"\d[\d.,]*")


def add_pledge(
    kept: list[DraftPledge], new: DraftPledge, by_actor: dict[tuple[str, str], list[DraftPledge]]
) -> None:
    """Add ``new``, or its evidence to the draft of the same actor, status and amount."""
    same = by_actor.setdefault((new.actor, new.status), [])
    for pledge in same:
        amounts_a = set(_AMOUNT.findall(pledge.contribution))
        amounts_b = set(_AMOUNT.findall(new.contribution))
        if (
            amounts_a
            and amounts_b
            and not amounts_a & amounts_b
            and not _same_number(amounts_a, amounts_b)
        ):
            continue
        pledge.evidence.extend(new.evidence)
        pledge.conditions.extend(c for c in new.conditions if c not in pledge.conditions)
        return
    kept.append(new)
    same.append(new)


def _same_number(a: set[str], b: set[str]) -> bool:
    """'1,2' and '1.2' (a decimal comma) are one number."""
    return {x.replace(",", ".") for x in a} & {x.replace(",", ".") for x in b} != set()


_CLAUSE_JOIN = re.compile(r",?\s+(?:while|whereas)\s+|;\s+|,\s+(?:and|but)\s+(?=(?:the\s+)?[A-Z])")
"""Where a sentence joins two pledges: "X pledged $5m, while Y will send food"."""


def pledge_clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``sentence`` that may state a pledge of its own."""
    spans, start = [], 0
    for join in _CLAUSE_JOIN.finditer(sentence):
        spans.append((start, join.start()))
        start = join.end()
    spans.append((start, len(sentence)))
    return spans
