"""Whether a name acts in its sentence: an actor does or says things, a place is where they happen.

Split from :mod:`briefing.model.names.proper_names` (which finds the name-like
mentions); the drafting's candidates weigh a name that acts as an actor. Every
pattern here is anchored at or bounded near the name (a few dozen characters
either side), so the check is linear in the sentence.
"""

from __future__ import annotations

import re

from briefing.model.names.vocabulary import (
    ACTION_VERBS,
    AUXILIARIES,
    GROUP_WORDS,
    HEAD_TITLES,
    IRREGULAR_PASTS,
    ORG_WORDS,
    PLACE_PREPOSITIONS,
)

_NEXT_WORD = re.compile(r",?\s+(?:also\s+|then\s+|later\s+|now\s+|again\s+|still\s+)?([a-z]+)")
"""The word after a name, past the comma closing an aside ("the minister, X, confirmed")."""
_TITLE_BEFORE = re.compile(r"\b([a-z]+),?\s+$")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|according to)\s+(?:the\s+)?$")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)
_ROLE_AFTER = re.compile(r"\s*,\s+(?:the|a|an|its|his|her|their)\s+([^,]{1,60}?)(?:,|$)")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(sorted(PLACE_PREPOSITIONS | {"of", "for", "around", "with"}))
    + r")\s+(?:the\s+)?$",
    re.I,
)


def is_action_verb(word: str, bare: bool) -> bool:
    """``word`` is a form of an action verb; bare and -s forms only when ``bare`` is allowed."""
    if word in IRREGULAR_PASTS or word in AUXILIARIES:
        return True
    if word.endswith("ed") and (
        word[:-2] in ACTION_VERBS
        or word[:-1] in ACTION_VERBS
        or word[:-3] + "y" in ACTION_VERBS
        or (len(word) > 4 and word[-3] == word[-4] and word[:-3] in ACTION_VERBS)
    ):
        return True
    if not bare:
        return False
    return (
        word in ACTION_VERBS
        or (word.endswith("s") and word[:-1] in ACTION_VERBS)
        or (word.endswith("es") and word[:-2] in ACTION_VERBS)
    )


def acts(sentence: str, start: int, end: int) -> bool:
    """The name at ``sentence[start:end]`` does or says something there.

    Its next word is an action verb or an auxiliary ("Riyadh offered", "Ankara
    has"), or it is named as a speaker or after a role in lowercase ("the
    defence minister, X") ("said X", "according to X") or given a
    role ("X, the bank's president"), or a body's noun follows it ("the
    Mercosur bloc"). After "the"/"a" a bare or -s form is a
    noun ("the Vienna plan", "Jeddah talks" is not a verb), so only past forms
    count there. A place is where things happen; an actor acts (linear).
    """
    nxt = _NEXT_WORD.match(sentence, end)
    if nxt is not None and nxt.group(1) in ORG_WORDS | GROUP_WORDS:
        return True  # "the Mercosur bloc": a body's name
    if _PREPOSITION_BEFORE.search(sentence, max(0, start - 16), start):
        nxt = None  # "Diplomats in Jeddah say": the verb is the diplomats'
    bare = _DETERMINER_BEFORE.search(sentence, max(0, start - 8), start) is None
    if nxt is not None and is_action_verb(nxt.group(1), bare):
        return True  # "Riyadh offered", "Ankara has"
    if _SAID_BEFORE.search(sentence, max(0, start - 24), start):
        return True
    title = _TITLE_BEFORE.search(sentence, max(0, start - 24), start)
    if title is not None and title.group(1) in HEAD_TITLES:
        return True  # "the defence minister, X": a role in lowercase
    role = _ROLE_AFTER.match(sentence, end)
    return role is not None and any(
        w.lower().strip("’'s") in HEAD_TITLES for w in role.group(1).split()
    )
