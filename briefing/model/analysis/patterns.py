"""Alternations of words written so that the regex engine finds them fast.

The detectors scan every character of every article with patterns made of word
lists. Python's engine searches for a pattern that opens with a character class
or with letters in C, trying the whole pattern only where one of those characters
is; a pattern that opens with ``\\b`` or a look-around is tried at every position
of the text, and an alternation is tried one word after another at each place.
These helpers write the same alternations in the fast shape: what they match is
what the plain alternation matches (tests/model/analysis/disagreements/
test_detect_scans_fast.py compares them with the old patterns).
"""

from __future__ import annotations

from collections.abc import Iterable


def by_first_letter(words: Iterable[str]) -> str:
    """An alternation of ``words`` grouped by first character, each group in the order given.

    ``s(?:eventeen|ix)|t(?:en|wo)`` matches where ``seventeen|ten|ix...`` does, the
    same word (two words with different first characters never match at one place),
    but the engine compares a few letters at each place instead of every word. Each
    word must open with a plain character (a letter, not a regex operator).
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items()) + ")"


def word_start(words: Iterable[str]) -> str:
    r"""An alternation of ``words`` (in that order) matched only at the start of a word.

    The same as ``\b(?:w1|w2|...)`` for words that open with a word character, written
    so that each alternative opens with its own letters (``w1(?<!\ww1)``: no word
    character before it): a pattern whose alternatives all open with a letter is
    searched for by its first letters, in C, where one opening with ``\b`` is tried at
    every position of the text (two to four times slower over an article).
    """
    return "(?:" + "|".join(rf"{w}(?<!\w{w})" for w in words) + ")"
