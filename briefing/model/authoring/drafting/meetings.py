"""Meetings drafted from the sentences that state them, and one event from several sources merged.

"talks on Tuesday in Z", "will meet on March 20", "spoke by phone": the noun or
verb names the meeting, the project's date rules resolve its date against the
article's publication date, the tense gives its status. Each pattern is one
regex pass per sentence; merging compares a draft with the drafts kept so far.
"""

from __future__ import annotations

import re
from collections import Counter

from briefing.model.analysis.dates.reporting import clause_span, reporting_frames
from briefing.model.analysis.dates.resolve import Tense, find_expressions, resolve, sentence_tense
from briefing.model.analysis.dates.tense import AFTER_EVENT
from briefing.model.authoring.drafting.records import ArticleInput, DraftEvidence, DraftMeeting
from briefing.model.names.vocabulary import MONTHS, PLACE_PREPOSITIONS, WEEKDAYS

_MEETING = re.compile(
    r"\b(?:(summit|talks|negotiations|conference|meeting|reunion|forum)"
    r"|(?:phone|telephone|video) call|spoken by (?:phone|telephone)|spoke by (?:phone|telephone)"
    r"|(meet|meets|met))\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|would|is to|are to|is due|are due|plans? to|planned|to be held|next|upcoming|scheduled"
    r"|to (?:meet|hold|host))\b",  # "Envoys to meet on fishing line": a headline's future
    re.I,
)
_MONTH_PHRASE = re.compile(
    r"\bin (?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.I,
)
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_BEFORE_NOUN = re.compile(r"\b(?:the|a)\s+([A-Z][\w'’-]+)\s+(?:summit|talks|conference|meeting)\b")
_QUOTED = re.compile(r"[\"“][^\"“”]{0,400}[\"”]")
AFTER_REACH = 24
"""'after the meeting', 'following the first talks': the words just before the meeting noun."""
_AGREED_TO = re.compile(
    r"\b(?:agreed|agree|agrees|proposed|proposes|propose|called for|calls for|call for"
    r"|invited|invites|offered to host|offers to host)\b[^.;,]{0,40}$"
)
"""A meeting that is the object of an agreement or proposal ("agreed to hold talks")."""
_AHEAD = re.compile(r"\b(?:next|upcoming|forthcoming)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
"""'the next meeting', 'the upcoming round of talks': a meeting still ahead, whatever
verb the sentence reports it with ('X said the next meeting would take place ...')."""
_BRIEFING = re.compile(r"\b(?:news|press)\s+$", re.I)
"""'told a news conference': where it was said, not a meeting of the story."""
_NOT_PLACES = MONTHS | WEEKDAYS
_NO_DATE = re.compile(
    r"\bno date (?:has|had|was|is) (?:yet )?(?:been )?(?:set|fixed|agreed|announced)"
    r"|\bdate (?:is |was |has )?(?:yet to be|not yet been|still to be) (?:set|fixed|agreed)"
    r"|\bwithout (?:a|any) date\b",
    re.I,
)
"""'no date has been set': an undated meeting of its own, not the dated round it is compared to."""


def draft_meeting(
    sentence: str, article: ArticleInput, names: list[tuple[int, int, str]]
) -> DraftMeeting | None:
    frames = reporting_frames(sentence)
    triggers = [
        m
        for m in _MEETING.finditer(sentence)
        if not _BRIEFING.search(sentence, max(0, m.start() - 16), m.start())
    ]
    # The meeting the sentence reports, not "told a news conference" in its frame.
    trigger = next(
        (m for m in triggers if not any(a <= m.start() < b for a, b in frames)),
        triggers[0] if triggers else None,
    )
    if trigger is None:
        return None
    noun = (trigger.group(1) or trigger.group(2) or trigger.group()).lower()
    if "phone" in noun or "call" in noun or "video" in noun:
        noun = "call"
    # Its date and tense come from its own clause: "said on Monday that" dates the saying.
    lo, hi, _in_frame = clause_span(sentence, trigger.start(), trigger.end())
    expressions = [
        e
        for e in find_expressions(sentence)
        if e.family != "anaphoric" and lo <= e.start and e.end <= hi
    ]
    expression = min(expressions, key=lambda e: abs(e.start - trigger.start()), default=None)
    # A quotation is its own clause: "no harbour will stand alone" after the meeting.
    plain = _QUOTED.sub(lambda q: " " * len(q.group()), sentence)
    tense: Tense
    if _AGREED_TO.search(plain, lo, trigger.start()):
        # "agreed to a meeting", "called for talks": the meeting is ahead; a date
        # before the trigger dates the agreement.
        expressions = [e for e in expressions if e.start >= trigger.start()]
        expression = min(expressions, key=lambda e: e.start, default=None)
        tense = "future"
    elif AFTER_EVENT.search(plain, max(0, trigger.start() - AFTER_REACH), trigger.start()):
        tense = "past"  # "after the meeting", "following the talks"
    elif _AHEAD.search(plain, max(0, trigger.start() - AFTER_REACH), trigger.start()):
        tense = "future"
    else:
        tense = (
            sentence_tense(plain, expression.start, expression.end) if expression else None
        ) or ("future" if _FUTURE.search(plain, lo, hi) else "past")
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
        undated=expression is None and _NO_DATE.search(sentence) is not None,
    )


def _compatible(a: DraftMeeting, b: DraftMeeting) -> bool:
    """Two drafts of one event: same status, dates that agree, and something shared."""
    if a.status != b.status:
        return False
    if (a.undated and b.start is not None) or (b.undated and a.start is not None):
        return False  # "no date has been set" is not the dated round
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


def _absorb(meeting: DraftMeeting, new: DraftMeeting) -> None:
    """Add ``new``'s sentences, participants, place and date to ``meeting``."""
    meeting.evidence.extend(new.evidence)
    meeting.undated = meeting.undated or new.undated
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


def add_meeting(kept: list[DraftMeeting], new: DraftMeeting) -> None:
    """Add ``new``, or its sentences to the draft of the same meeting."""
    for meeting in kept:
        if _compatible(meeting, new):
            _absorb(meeting, new)
            return
    kept.append(new)


def merge_bare(kept: list[DraftMeeting]) -> list[DraftMeeting]:
    """Fold each bare draft (no date, no place: "joined the talks by video link") into
    the one meeting it can be: the only placed or dated draft with its status, else
    the only undated one among them; with none, bare drafts of one status are one
    meeting. Ambiguous ones stay apart for the analyst.

    Several sentences about one undated meeting otherwise become several drafts,
    since they share neither a date nor, often, a place or a participant.
    Quadratic in the number of drafts (a few per article).
    """
    bare = [m for m in kept if m.start is None and not m.places]
    merged = [m for m in kept if not any(m is b for b in bare)]
    for draft in bare:
        others = [
            m
            for m in merged
            if m.status == draft.status and not (draft.undated and m.start is not None)
        ]
        undated = [m for m in others if m.start is None]
        if len(others) == 1 or len(undated) == 1:
            _absorb(others[0] if len(others) == 1 else undated[0], draft)
            continue
        first_bare = next(
            (m for m in merged if m.status == draft.status and m.start is None and not m.places),
            None,
        )
        if not others and first_bare is not None:
            _absorb(first_bare, draft)
            continue
        merged.append(draft)
    return sorted(merged, key=lambda m: next(i for i, k in enumerate(kept) if k is m))
