"""The disagreement detectors' faster scans find exactly what their old patterns found.

Detection reads every article with the number scan (amounts) and the stance
scans; those patterns were rewritten to open with a character class or with
letters (which the regex engine searches for in C) instead of a look-behind,
``\\b`` or a look-ahead (tried at every position). The old patterns are
written out below and compared, case-blind over the text as written and
without the flag over it lowered, on the benchmarks' synthetic pack and on
texts made of awkward pieces (words run together, capitals, characters that
match ASCII letters case-blind, a number at the very start).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.model.analysis import quantities as q
from briefing.model.analysis.disagreements import stances as s
from briefing.model.analysis.patterns import by_first_letter
from briefing.model.pack import Pack

_LOWER = ~re.IGNORECASE

# --- numbers -------------------------------------------------------------------------

OLD_NUMBER = re.compile(
    rf"(?<![\w.,])(?P<num>{q._DIGITS}|"
    rf"(?:{q._WORD_NUMBER})(?:[\s-]+(?:and[\s-]+)?(?:{q._WORD_NUMBER}|hundred|thousand))*"
    rf"(?:\s+point(?:\s+(?:{q._UNIT_WORD}))+)?)"
    rf"(?:[\s-]*(?P<scale>{q._SCALE})(?!\w)|(?![\w]|[.,]\d))",
    re.IGNORECASE,
)
OLD_NUMBER_LOWER = re.compile(OLD_NUMBER.pattern, OLD_NUMBER.flags & _LOWER)


def _spans(matches: object) -> list[tuple[int, int, int, int, int]]:
    return [
        (m.start("num"), m.end("num"), m.start("scale"), m.end("scale"), m.end())
        for m in matches  # type: ignore[attr-defined]
    ]


def assert_numbers_as_before(text: str) -> None:
    assert _spans(q.number_matches(text)) == _spans(OLD_NUMBER.finditer(text))
    lowered = text.lower()
    assert _spans(q.number_matches(lowered, True)) == _spans(OLD_NUMBER_LOWER.finditer(lowered))


NUMBER_PIECES = [
    "1", "12", "1,200", "1.5", "1.500", "20.", ",3", ".4", "x", "X", "-", " ", "  ", "\n",
    "twenty", "Twenty", "TWENTY-five", "seventeen", "seven", "ten", "often", "none", "one",
    "and", "hundred", "thousand", "point", "two", "bn", "m", "K", "Billion", "€", "$", "%",
    "ſix", "ı", "İ", "é", "_", "(", "'", "per cent", "euros",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=16).map(" ".join))
def test_numbers_are_found_as_the_old_pattern_found_them(text: str) -> None:
    assert_numbers_as_before(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=16).map("".join))
def test_numbers_in_pieces_run_together(text: str) -> None:
    assert_numbers_as_before(text)


def test_a_number_at_the_very_start_and_right_after_another() -> None:
    for text in ("12 states", "twelve", "5m-6", "1 2 3", "x1 2", "Twenty-one, 3"):
        assert_numbers_as_before(text)
    assert [m.start("num") for m in q.number_matches("12 and 3")] == [0, 7]


def test_the_number_words_grouped_by_letter_are_the_same_words() -> None:
    grouped = re.compile(by_first_letter(q._WORD_NUMBER.split("|")))
    plain = re.compile(f"(?:{q._WORD_NUMBER})")
    for word in [*q.UNITS, *q.TENS, "sevent", "fourt", "tenth", "zer"]:
        for text in (word, word + "y", word + "teen"):
            found = grouped.match(text)
            before = plain.match(text)
            assert (found and found.group()) == (before and before.group()), text


def test_numbers_in_the_synthetic_pack(synthetic: Pack) -> None:
    for source in synthetic.sources:
        assert_numbers_as_before(source.text)


# --- stances -----------------------------------------------------------------------------

OLD_STANCE_AHEAD = re.compile(f"(?={s._STANCE.pattern})", s._STANCE.flags)
_CONVINCE = "(?:convince|persuade|get|press|push|urge)"
OLD_ACTOR_AFTER = (
    re.compile(rf"\b{s._SOUGHT}\s+to\s+{_CONVINCE}\s+", re.IGNORECASE),
    re.compile(r"\b(?:refusal|rejection|veto)\s+(?:by|from)\s+", re.IGNORECASE),
    re.compile(r"\b(?:offer|pledge|promise)\s+(?:by|from)\s+", re.IGNORECASE),
)
OLD_SOUGHT_AFTER_NAME = re.compile(
    rf"\b(?:whom|who)\s+(?:\w+\s+){{0,3}}?{s._SOUGHT}\s+to\s+{_CONVINCE}\b", re.IGNORECASE
)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def assert_stance_scans_as_before(text: str) -> None:
    lowered = text.lower()
    pairs = [
        (s._STANCE_AHEAD, OLD_STANCE_AHEAD),
        *zip((p for _, p in s._ACTOR_AFTER), OLD_ACTOR_AFTER, strict=True),
        (s._SOUGHT_AFTER_NAME, OLD_SOUGHT_AFTER_NAME),
    ]
    for new, old in pairs:
        assert [m.start() for m in new.finditer(text)] == [m.start() for m in old.finditer(text)]
        new_lower = re.compile(new.pattern, new.flags & _LOWER)
        old_lower = re.compile(old.pattern, old.flags & _LOWER)
        starts = [m.start() for m in new_lower.finditer(lowered)]
        assert starts == [m.start() for m in old_lower.finditer(lowered)]
        if new is not s._STANCE_AHEAD:  # the look-ahead's match is empty, the new one a character
            assert _found(new, text) == _found(old, text)
            assert _found(new_lower, lowered) == _found(old_lower, lowered)
    if s.case_folded(text) is None:
        return
    for position in (m.start() for m in OLD_STANCE_AHEAD.finditer(text)):
        verb = s._STANCE.match(text, position)
        verb_lowered = s._STANCE_LOWER.match(lowered, position)
        assert verb is not None and verb_lowered is not None
        assert verb.end() == verb_lowered.end()
        assert [k for k, v in verb.groupdict().items() if v] == [
            k for k, v in verb_lowered.groupdict().items() if v
        ]


STANCE_PIECES = [
    "Poland", " ", "  ", "\n", "\t", ",", ".", "-", "_", "x", "X", "1", "has", "HAS", "also",
    "declined", "Declined", "offered", "won't", "won’t", "will not", "ruled out", "could",
    "is considering", "left open", "has left open", "refusal", "Refusal", "veto", "offer",
    "Offer", "pledge", "promise", "by", "from", "hope", "hopes", "Hoping", "want", "tries",
    "to", "convince", "Persuade", "get", "whom", "who", "Who", "they", "ſ", "ı", "İ", "K",
    "counteroffer by", "_veto from", "1pledge by", "ahope to get", "somewho", "Nowant to urge",
    "have", "had", "Already", "reportedly", "hasn't", "has left", "is", "not", "interest",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(STANCE_PIECES), max_size=24).map(" ".join))
def test_stance_scans_find_what_the_old_patterns_found(text: str) -> None:
    assert_stance_scans_as_before(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(STANCE_PIECES), max_size=24).map("".join))
def test_stance_scans_of_words_run_together(text: str) -> None:
    assert_stance_scans_as_before(text)


def test_stance_scans_in_the_synthetic_pack(synthetic: Pack) -> None:
    for source in synthetic.sources:
        assert_stance_scans_as_before(source.text)


def test_overlapping_stance_places_are_all_found() -> None:
    text = "Poland  has also offered pumps; a veto by Spain; the offer from Italy, a pledge by X"
    assert_stance_scans_as_before(text)
    assert [m.start() for m in s._STANCE_AHEAD.finditer(text)] == [6, 7, 11, 16]
    assert len(list(s._ACTOR_AFTER[1][1].finditer(text))) == 1
    assert len(list(s._ACTOR_AFTER[2][1].finditer(text))) == 2


def test_a_stance_word_inside_a_longer_word_is_not_found() -> None:
    text = "a counteroffer by Spain; nohope to convince Italy; the _veto from X"
    assert_stance_scans_as_before(text)
    assert [p.search(text) for _, p in s._ACTOR_AFTER] == [None, None, None]
    assert s._SOUGHT_AFTER_NAME.search("Spain, somewho they hope to get to") is None
    assert s._SOUGHT_AFTER_NAME.search("Spain, who they hope to get to") is not None
    assert s._ACTOR_AFTER[2][1].search("an offer by Spain") is not None


def test_every_stance_phrase_is_found_where_the_old_pattern_found_it() -> None:
    """The scan's words are grouped by first letter: each phrase of each stance, after
    each of the words that may come first, is still found (and not inside a longer word)."""
    phrases = [p.replace("['’]", "’") for _, pattern in s._STANCES for p in pattern.split("|")]
    assert len(phrases) > 40
    for phrase in phrases:
        for before in ("", "has ", "have also ", "had already ", "reportedly ", "Has "):
            for text in (f"Poland {before}{phrase} troops", f"Poland {before}{phrase.upper()}x"):
                assert_stance_scans_as_before(text)
            assert [m.start() for m in s._STANCE_AHEAD.finditer(f"Poland {before}{phrase}.")]


# --- money before a number: no search for a sign or code that cannot end there -----------

BEFORE_PIECES = [
    "€", "$", "£", "¥", "₴", "₩", "US", "A", "C", "NZ", "EUR", "USD", "GBP", "JPY", "UAH",
    "eur", " ", "\u00a0", "\u2009", "\n", "x", "R", "D", "(", "-", "1",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(BEFORE_PIECES), max_size=4).map("".join))
def test_no_money_cue_in_the_last_three_characters_means_no_sign_and_no_code(text: str) -> None:
    before = text[-4:]
    if q.MONEY_CUES.isdisjoint(before[-3:]):
        assert q._SIGN.search(before) is None and q._CODE_BEFORE.search(before) is None


def test_amounts_after_every_sign_and_code_are_read() -> None:
    for cue in [*q._CURRENCY_SIGNS, "US$", "NZ$ ", *(f"{c} " for c in q._CODES)]:
        found = list(q.quantities(f"a {cue}12 loan", ("money",)))
        assert [f.text for f in found] == [f"{cue}12"], cue


class _Always:
    """A stand-in for MONEY_CUES that never rules a number out (the old search, always)."""

    def isdisjoint(self, _: object) -> bool:
        return False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*BEFORE_PIECES, "12", "3.5", "bn", "%", "euros"]), max_size=12))
@example(["3.5", "1", "3.5"])  # "3.513.5": once a ValueError (see the test below)
def test_amounts_are_read_as_when_every_number_was_searched(pieces: list[str]) -> None:
    """Also around line breaks between a sign and its number ("€ \\n12", "€\\n12")."""
    text = "".join(pieces)
    found = list(q.quantities(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(q, "MONEY_CUES", _Always())
        assert found == list(q.quantities(text))


def test_a_sign_counts_with_at_most_one_white_space_character_before_its_number() -> None:
    """ "€\\n12" is money, as "€ 12" is; "€ \\n12" is not, as "€  12" is not (it was read as
    money starting one character after the sign: ``$`` matched before the newline)."""
    money = [("a loan of €\n12", ["€\n12"]), ("a loan of € \n12", []), ("a loan of €  12", [])]
    for text, expected in money:
        assert [f.text for f in q.quantities(text, ("money",))] == expected, text


def test_digits_no_convention_reads_are_no_quantity() -> None:
    """ "3.513.5" (points as thousands and as the decimal point) raised ValueError out of
    the number reader: a traceback from ``validate`` or ``export`` on such an article."""
    text = "The fund rose 3.513.5 euros, then 1.2.3 and 2.500 euros and 3.5%."
    assert [(f.text, f.value) for f in q.quantities(text)] == [
        ("2.500 euros", 2500.0),
        ("3.5%", 3.5),
    ]
    assert q.numbers_in("3.513.5") == ()
