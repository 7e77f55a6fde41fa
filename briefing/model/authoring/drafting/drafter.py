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
from collections.abc import Sequence
from itertools import pairwise

from briefing.model.authoring.drafting.meetings import add_meeting, draft_meeting, merge_bare
from briefing.model.authoring.drafting.pledges import add_pledge, draft_pledge, pledge_clauses
from briefing.model.authoring.drafting.records import ActorForms, ArticleInput, DraftPledge, Drafts
from briefing.model.text import Article

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
            meeting = draft_meeting(sentence, article, names)
            if meeting is not None:
                add_meeting(drafts.meetings, meeting)
            clauses = pledge_clauses(sentence)
            for lo, hi in clauses:
                clause = sentence if len(clauses) == 1 else sentence[lo:hi]
                own = [(a - lo, b - lo, who) for a, b, who in names if lo <= a and b <= hi]
                pledge = draft_pledge(clause, article, own, sentence)
                if pledge is not None:
                    add_pledge(drafts.pledges, pledge, by_actor)
    drafts.meetings = merge_bare(drafts.meetings)
    return drafts
