"""Draft meetings and pledges from the sentences that state them.

News copy states its facts in a few shapes: "X pledged $N million", "Y would
send N experts if ...", "talks on Tuesday in Z", "will meet on March 20". An
analyst records each as a fact with the sentence as evidence; this module
drafts those records so the analyst confirms, corrects or deletes instead of
typing. Every draft is written with ``candidate: true``; its evidence is the
whole sentence (so it anchors exactly); its date is resolved by the project's
date rules against the article's own publication date; its status is read from
the verb ("considering" is not "committed"); and one event reported by several
sources is drafted once, with every sentence as evidence.

The rules are generic English patterns, one regex pass per sentence (no nested
quantifiers), so drafting is linear in the articles' length; clustering
compares each draft with the drafts kept so far (quadratic in the number of
drafts, which is a few per article).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from briefing.model.analysis.dates.resolve import find_expressions, resolve, sentence_tense
from briefing.model.names.vocabulary import PLACE_PREPOSITIONS
from briefing.model.text import Article

MAX_GAP_WORDS = 6
"""An actor further than this many words before the verb is not its subject."""
CONTRIBUTION_WORDS = 12

_MEETING = re.compile(
    r"\b(?:(summit|talks|negotiations|conference|meeting|reunion|forum)"
    r"|(?:phone|telephone|video) call|spoken by (?:phone|telephone)|spoke by (?:phone|telephone)"
    r"|(meet|meets|met))\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|would|is to|are to|is due|are due|plans? to|planned|to be held|next|upcoming|scheduled)\b",
    re.I,
)
_MONTH_PHRASE = re.compile(
    r"\bin (?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.I,
)
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_BEFORE_NOUN = re.compile(r"\b(?:the|a)\s+([A-Z][\w'’-]+)\s+(?:summit|talks|conference|meeting)\b")
_NOT_PLACES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)

_VERBS: tuple[tuple[str, str], ...] = (
    (
        "declined",
        r"declined|refused|rejected|ruled out|(?:would|will|did|does|do) not (?:pay|send|provide|give|contribute|fund|offer|commit|release|supply)|won't (?:pay|send|provide|give|contribute|fund)",
    ),
    ("undecided", r"(?:has|have) not (?:yet )?decided|is undecided|are undecided|not yet decided"),
    (
        "considering",
        r"(?:is|are|was|were) (?:still )?(?:considering|weighing|mulling|studying)|still weighing|considering|could (?:send|provide|offer|contribute|give)",
    ),
    ("delivered", r"delivered|handed over|disbursed"),
    ("proposed", r"proposed"),
    (
        "committed",
        r"pledged|committed|promised|will (?:grant|give|provide|send|contribute|fund|pay|deliver|release|supply|second|deploy)",
    ),
    (
        "offered",
        r"(?:has |have )?offered|offers|will offer|would (?:send|provide|give|second|release|contribute|supply|deploy|fund|grant|pay)",
    ),
)
_VERB = re.compile(
    "|".join(f"(?P<{status}>\\b(?:{pattern})\\b)" for status, pattern in _VERBS), re.I
)
_CONDITION = re.compile(
    r"\b(?:only if|if|on condition that|provided(?: that)?|unless|conditional on|as long as)\b",
    re.I,
)
_WOULD = re.compile(r"\b(?:would|will) (?!not\b|be\b|have\b|need\b|also\b|decide\b)[a-z]+\b")
_FIRST_PERSON = re.compile(r"\b(?:we|i)\b", re.I)
_SPEECH = re.compile(r"\b(?:said|says|told|added|announced)\b")
_APPOSITIVE = re.compile(r",[^,]*,")
_SPOKE = r"(?:said|says|added|told reporters|communicated|informed|declared|reported)"
_ATTRIBUTION = re.compile(rf",\s*(?:[^,]{{0,40}}?\b{_SPOKE}|{_SPOKE}\b[^,]{{0,40}}?)\W*$")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as the drafter sees it."""

    source: str
    text: str
    """The text with metadata blanked (same offsets as the article)."""
    skip_lines: frozenset[int]
    published: date | None


@dataclass(frozen=True, slots=True)
class ActorForms:
    """An actor (candidate or confirmed) and the spellings that name it."""

    id: str
    name: str
    forms: tuple[str, ...]


@dataclass(slots=True)
class DraftEvidence:
    """A sentence quoted as evidence."""

    source: str
    quote: str


@dataclass(slots=True)
class DraftMeeting:
    """A meeting drafted from one or more sentences."""

    noun: str
    status: str
    place: str | None
    places: Counter[str] = field(default_factory=Counter)
    """How often the sentences name each place, lowercased ('hofburg', 'vienna')."""
    day: date | None = None
    start: date | None = None
    end: date | None = None
    date_text: str = ""
    rule: str = ""
    participants: dict[str, str] = field(default_factory=dict)
    evidence: list[DraftEvidence] = field(default_factory=list)

    @property
    def title(self) -> str:
        """A title to edit: 'Conference in Vienna'."""
        noun = {"met": "meeting", "meet": "meeting", "meets": "meeting", "reunion": "meeting"}.get(
            self.noun, self.noun
        )
        noun = noun[0].upper() + noun[1:]
        return f"{noun} in {self.place}" if self.place else noun


@dataclass(slots=True)
class DraftPledge:
    """A pledge (or a refusal) drafted from one or more sentences."""

    actor: str
    status: str
    contribution: str
    conditions: list[str] = field(default_factory=list)
    evidence: list[DraftEvidence] = field(default_factory=list)


@dataclass(slots=True)
class Drafts:
    """Everything drafted from a set of articles."""

    meetings: list[DraftMeeting] = field(default_factory=list)
    pledges: list[DraftPledge] = field(default_factory=list)


_WORD = re.compile(r"[^\W_][\w’'.?-]*")


class _ActorFinder:
    """Where actors are named in a sentence: word n-grams looked up in a dict of spellings.

    One regex alternation of every spelling was tried at every character (26 s
    for 1,000 actors over 1,000 sentences); n-grams of at most the longest
    spelling's word count are O(words x that count) per sentence.
    """

    def __init__(self, actors: Sequence[ActorForms]) -> None:
        self.owner: dict[str, str] = {}
        for actor in actors:
            for form in actor.forms:
                self.owner.setdefault(form, actor.id)
        self.longest = min(8, max((len(f.split()) for f in self.owner), default=0))

    def find(self, sentence: str) -> list[tuple[int, int, str]]:
        """(start, end, actor id) for each naming, leftmost-longest, never overlapping."""
        tokens = []
        for match in _WORD.finditer(sentence):
            word, end = match.group(), match.end()
            for suffix in ("’s", "'s", "’", "'", ".", ",", "-"):
                if word.endswith(suffix) and len(word) > len(suffix) and word not in self.owner:
                    word, end = word[: -len(suffix)], end - len(suffix)
            tokens.append((match.start(), end, word))
        found = []
        index = 0
        while index < len(tokens):
            for size in range(min(self.longest, len(tokens) - index), 0, -1):
                words = tokens[index : index + size]
                if any(sentence[a[1] : b[0]] != " " for a, b in pairwise(words)):
                    continue
                actor = self.owner.get(" ".join(w[2] for w in words))
                if actor is not None:
                    found.append((words[0][0], words[-1][1], actor))
                    index += size
                    break
            else:
                index += 1
        return found


def draft(articles: Sequence[ArticleInput], actors: Sequence[ActorForms]) -> Drafts:
    """Draft meetings and pledges from ``articles``, naming actors from ``actors``."""
    finder = _ActorFinder(actors)
    drafts = Drafts()
    by_actor: dict[tuple[str, str], list[DraftPledge]] = {}
    for article in articles:
        parsed = Article.from_text(article.text)
        for start, end in parsed.sentences:
            if parsed.line_of(start) in article.skip_lines:
                continue
            raw = article.text[start:end]
            sentence = raw.strip()
            if len(sentence) < 20:
                continue
            names = finder.find(sentence)
            meeting = _meeting(sentence, article, names)
            if meeting is not None:
                _add_meeting(drafts.meetings, meeting)
            pledge = _pledge(sentence, article, names)
            if pledge is not None:
                _add_pledge(drafts.pledges, pledge, by_actor)
    return drafts


def _meeting(
    sentence: str, article: ArticleInput, names: list[tuple[int, int, str]]
) -> DraftMeeting | None:
    trigger = _MEETING.search(sentence)
    if trigger is None:
        return None
    noun = (trigger.group(1) or trigger.group(2) or trigger.group()).lower()
    if "phone" in noun or "call" in noun or "video" in noun:
        noun = "call"
    # ", his office said." at the end is when it was said, not when the meeting is.
    clause = _ATTRIBUTION.sub("", sentence)
    expressions = [e for e in find_expressions(clause) if e.family != "anaphoric"]
    expression = min(expressions, key=lambda e: abs(e.start - trigger.start()), default=None)
    future = _FUTURE.search(clause) is not None
    if expression is not None:
        tense = sentence_tense(clause, expression.start, expression.end) or (
            "future" if future else "past"
        )
    else:
        tense = "future" if future else "past"
    status = "planned" if tense == "future" else "held"
    day = start = end = None
    rule = "no date in the sentence"
    date_text = noun
    if expression is not None:
        resolution = resolve(expression.text, article.published, tense)
        date_text = expression.text
        rule = resolution.rule
        start, end = resolution.start, resolution.end
        if resolution.precision == "day":
            day = resolution.start
    else:
        month = _MONTH_PHRASE.search(sentence)
        if month is not None:
            date_text = month.group()
    place = None
    for match in _PLACE.finditer(sentence):
        if match.group(1).split()[0].lower() not in _NOT_PLACES:
            place = match.group(1)
            break
    if place is None:
        before = _BEFORE_NOUN.search(sentence)
        if before is not None:
            place = before.group(1)
    participants: dict[str, str] = {}
    for at, stop, actor in names:
        words = sentence[:at].lower().split()
        if words and words[-1] == "the":
            words.pop()
        if words and words[-1] in PLACE_PREPOSITIONS:
            continue
        role = (
            "host"
            if re.search(r"\bhosted by\s*$", sentence[:at])
            or re.match(r"\s+(?:hosted|will host)\b", sentence[stop:])
            else "attendee"
        )
        if participants.get(actor) != "host":
            participants[actor] = role
    return DraftMeeting(
        noun,
        status,
        place,
        places=Counter([place.lower()] if place else []),
        day=day,
        start=start,
        end=end,
        date_text=date_text,
        rule=rule,
        participants=participants,
        evidence=[DraftEvidence(article.source, sentence)],
    )


def _compatible(a: DraftMeeting, b: DraftMeeting) -> bool:
    """Two drafts of one event: same status, dates that agree, and something shared."""
    if a.status != b.status:
        return False
    known = a.start is not None and b.start is not None and a.end is not None and b.end is not None
    if known and not (a.start <= b.end and b.start <= a.end):  # type: ignore[operator]
        return False
    small, large = sorted((a.places, b.places), key=len)
    same_place = any(p in large for p in small)
    same_day = a.day is not None and a.day == b.day
    if a.places and b.places and not same_place and not same_day:
        return (
            False  # Bergen and Tromso are two meetings, unless the same day (a venue and its city)
        )
    shared = any(actor in a.participants for actor in b.participants)
    return same_place or shared or known


def _add_meeting(kept: list[DraftMeeting], new: DraftMeeting) -> None:
    for meeting in kept:
        if _compatible(meeting, new):
            meeting.evidence.extend(new.evidence)
            for actor, role in new.participants.items():
                if meeting.participants.get(actor) != "host":
                    meeting.participants[actor] = role
            meeting.places.update(new.places)
            if new.place is not None and (
                meeting.place is None
                or meeting.places[new.place.lower()] > meeting.places[meeting.place.lower()]
            ):
                meeting.place = new.place  # the place most sentences name
            if meeting.day is None and new.day is not None:
                meeting.day, meeting.date_text, meeting.rule = new.day, new.date_text, new.rule
                meeting.start, meeting.end = new.start, new.end
            elif meeting.start is None and new.start is not None:
                meeting.start, meeting.end = new.start, new.end
                meeting.date_text, meeting.rule = new.date_text, new.rule
            return
    kept.append(new)


def _pledge(
    sentence: str, article: ArticleInput, names: list[tuple[int, int, str]]
) -> DraftPledge | None:
    verb = _VERB.search(sentence)
    status = verb.lastgroup or "offered" if verb is not None else "offered"
    if verb is None:
        # "Oslo would cut its quota by 10 percent if the EU did the same": an offer
        # made on a condition, whatever the verb.
        verb = _WOULD.search(sentence)
        if verb is None or _CONDITION.search(sentence, verb.end()) is None:
            return None
    actor = None
    for _at, stop, who in reversed(names):
        if stop > verb.start():
            continue
        gap = _APPOSITIVE.sub(" ", sentence[stop : verb.start()])
        words = gap.split()
        if len(words) <= MAX_GAP_WORDS and not re.search(
            r"\bthat\s+(?!it\b|they\b|he\b|she\b)", gap
        ):
            actor = who
        break
    if actor is None and _FIRST_PERSON.search(sentence[: verb.start()]):
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
        actor, status, contribution, conditions, [DraftEvidence(article.source, sentence)]
    )


_AMOUNT = re.compile(r"\d[\d.,]*")


def _add_pledge(
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
