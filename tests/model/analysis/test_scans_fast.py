"""The export's faster text scans find exactly what their old definitions found.

An export reads every article several times (the disagreement detectors, the
meeting dates, each value's context); the scans were made cheaper without
changing a result. The old definitions are written out below and compared on
the benchmarks' synthetic pack and on texts made of awkward pieces (case,
Unicode letters that match ASCII ones case-blind, words inside words).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from re import _parser  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.model.analysis import quantities as quantities_module
from briefing.model.analysis.dates import expressions, reporting
from briefing.model.analysis.dates.expressions import COMBINED, Found, find_expressions
from briefing.model.analysis.dates.reporting import REPORTING_VERBS, reporting_frames
from briefing.model.analysis.disagreements import context, counts, stances
from briefing.model.analysis.disagreements.context import ValueContext, value_context
from briefing.model.pack import Pack
from briefing.model.types import Actor, Source


def sentences_of(pack: Pack) -> list[str]:
    return [s.article.text[a:b] for s in pack.sources for a, b in s.article.sentences]


# --- date expressions: the combined pattern tried at every word start -------------


def old_find_expressions(text: str) -> list[Found]:
    found: list[Found] = []
    pos = 0
    for word in re.finditer(r"\b\w", text):
        if word.start() < pos:
            continue
        match = COMBINED.match(text, word.start())
        if match is None:
            continue
        family = (match.lastgroup or "").replace("_", "-")
        found.append(Found(match.start(), match.end(), match.group(), family))
        pos = match.end()
    return found


_SAMPLE = {
    _parser.CATEGORY_DIGIT: "7",
    _parser.CATEGORY_SPACE: " ",
    _parser.CATEGORY_WORD: "x",
}
"""A character standing for a class (\\d, \\s, \\w) in an opening."""


def _openings(items: _parser.SubPattern, n: int) -> set[str]:
    """Every way a match of ``items`` can begin: its first ``n`` characters (fewer when
    it can end sooner), a class stood for by one of its characters (:data:`_SAMPLE`)."""
    found = {""}
    for op, av in items:
        found = {
            (head + tail)[:n] if len(head) < n else head
            for head in found
            for tail in (_item_openings(op, av, n - len(head)) if len(head) < n else {""})
        }
    return found


def _item_openings(op: object, av: object, n: int) -> set[str]:
    if op is _parser.AT or op in (_parser.ASSERT, _parser.ASSERT_NOT):
        return {""}  # \b, look-aheads: no character taken
    if op is _parser.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is _parser.CATEGORY:
        return {_SAMPLE[av]}
    if op is _parser.IN:
        chars: set[str] = set()
        for kind, value in av:  # type: ignore[attr-defined]
            if kind is _parser.LITERAL:
                chars.add(chr(value))
            elif kind is _parser.RANGE:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            elif kind is _parser.CATEGORY:
                chars.add(_SAMPLE[value])
            else:
                raise AssertionError(f"unexpected set item {kind}")
        return chars
    if op is _parser.SUBPATTERN:
        return _openings(av[-1], n)  # type: ignore[index]
    if op is _parser.BRANCH:
        return set().union(*(_openings(b, n) for b in av[1]))  # type: ignore[index]
    if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
        low, high, inner = av  # type: ignore[misc]
        once = _openings(inner, n)
        found = {""} if low == 0 else set()
        runs = {""}
        for count in range(1, min(high, n) + 1):
            runs = {(a + b)[:n] for a in runs for b in once}
            if count >= low:
                found |= runs
        return found
    raise AssertionError(f"unexpected pattern item {op}")


def test_every_pattern_opens_with_two_characters_the_word_start_filter_lets_through() -> None:
    """Each expression's first two characters (a day number's first digit) are an opening
    the filter tries, so skipping every other word start loses no expression."""
    openings = _openings(_parser.parse(COMBINED.pattern, COMBINED.flags), 2)
    assert openings and all(len(o) == 2 for o in openings)
    for opening in openings:
        assert expressions._WORD_START.match(opening), opening
        assert expressions._WORD_START.match(opening.upper()), opening
    for word in ("will", "meet", "officials", "among", "the", "on", "11"):
        assert bool(expressions._WORD_START.match(word)) == (word in ("the", "on", "11"))


def test_each_family_opens_as_its_table_row_says() -> None:
    """The families tried at a place are those whose row holds its opening: each row is
    exactly what the family's pattern can begin with, so none that could match is left out."""
    assert [family for family, _ in expressions._PATTERNS] == list(expressions._OPENINGS)
    for family, pattern in expressions._PATTERNS:
        derived = {
            "#" if o[0].isdigit() else o.lower()
            for o in _openings(_parser.parse(pattern, re.IGNORECASE), 2)
        }
        assert derived == set(expressions._OPENINGS[family].split()), family


@pytest.mark.parametrize(
    "text",
    [
        "On Friday",
        "from May 2",
        "ſince Monday",
        "on the ſame day",
        "Fri 3 May",
        "3rd of May",
        "in May",
    ],
)
def test_the_families_tried_at_an_opening_find_what_the_whole_pattern_finds(text: str) -> None:
    assert find_expressions(text) == old_find_expressions(text) != []


@pytest.mark.parametrize("text", ["in march", "IN MAY 2025", "it may rain in May", "by june"])
def test_a_month_name_dates_only_capitalised_when_read_lowered(text: str) -> None:
    """The finder reads lowered text, where "may" and "May" look alike: the month-name
    family is asked again case-blind over the text, so only "May" dates anything."""
    found = find_expressions(text)
    assert found == old_find_expressions(text)
    assert [f.text for f in found if f.family == "month-name"] == (
        ["in May"] if text.endswith("in May") else []
    )


PIECES = [
    "on", "On", "ON", " ", "  ", "the", "The", "Tuesday", "tuesday", "ſince", "since",
    "Monday", "3rd", "11", "of", "March", "may", "May", "2025", "last", "week", "weekend",
    "’s", "'s", "in", "the coming days", "that day", ",", ".", "x", "Kyiv", "ıt", "İn",
    "early", "-", "mid", "today", "Capital", "cent", "\n", "over", "at", "said", "will",
    "Sept", "Dec", "tonight", "past", "few", "days",
    "MAY", "march", "MARCH", "IN", "mid-March", "by", "June", "june", "Fri", "dec.",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map(" ".join))
def test_date_expressions_are_found_as_the_old_definition_found_them(text: str) -> None:
    assert find_expressions(text) == old_find_expressions(text)


def test_date_expressions_in_the_synthetic_pack(synthetic: Pack) -> None:
    for sentence in sentences_of(synthetic):
        assert find_expressions(sentence) == old_find_expressions(sentence)


# --- reporting frames: the verbs found in one pass, not by splitting every word -------


def old_reporting_frames(sentence: str) -> list[tuple[int, int]]:
    words = [
        (m.start(), m.end(), m.group().lower().rstrip("."))
        for m in reporting._WORDS.finditer(sentence)
    ]
    starts = [w[0] for w in words]
    frames: list[tuple[int, int]] = []
    comma = sentence.find(",")
    while comma >= 0:
        first_after = bisect_right(starts, comma)
        after = words[first_after : first_after + reporting.FRAME_WORDS]
        nxt = sentence.find(",", comma + 1)
        stop = nxt if nxt >= 0 else len(sentence)
        verb = next((w for w in after if w[0] < stop and w[2] in REPORTING_VERBS), None)
        if verb is not None and not reporting._THAT.search(sentence, verb[1], stop):
            frames.append((comma, stop))
        comma = nxt
    first = next((w for w in words if w[2] in REPORTING_VERBS), None)
    if first is not None and not any(a <= first[0] < b for a, b in frames):
        that = reporting._THAT.search(sentence, first[1])
        clause_break = min(
            (i for i in (sentence.find(c, first[1]) for c in ',;:"“') if i >= 0),
            default=len(sentence),
        )
        if that is not None and that.start() < clause_break:
            frames.insert(0, (0, that.end()))
        else:
            dated = reporting._DATED_SAYING.match(sentence, first[1])
            speaker = [w for w in words if w[1] <= first[0]]
            if dated is not None:
                frames.insert(0, (0, dated.end()))
            elif (
                first[2] in reporting.BARE_CLAUSE_VERBS
                and "," not in sentence[: first[0]]
                and 1 <= len(speaker) <= reporting.LEADING_WORDS
                and any(first[1] <= w[0] < clause_break for w in words)
            ):
                frames.insert(0, (0, first[1]))
    return frames


FRAME_PIECES = [
    "said", "Said", "SAID", "said.", "said..", "ſaid", "İnformed", "informed", "told",
    "reporters", "that", "on", "Monday", "last", "week", ",", ", ", ".", "-", "'", "’",
    "re-said", "said-", "x", "officials", "his", "office", "says", "the", "talks", "will",
    "resume", "\"", ";", "a", "b", "c", "d", "e", "f", "g", "h", "unsaid", "saidx", "1",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAME_PIECES), max_size=30).map(" ".join))
def test_reporting_frames_are_found_as_the_old_definition_found_them(text: str) -> None:
    assert reporting_frames(text) == old_reporting_frames(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAME_PIECES), max_size=30).map("".join))
def test_reporting_frames_of_words_run_together(text: str) -> None:
    assert reporting_frames(text) == old_reporting_frames(text)


def test_reporting_frames_in_the_synthetic_pack(synthetic: Pack) -> None:
    for sentence in sentences_of(synthetic):
        assert reporting_frames(sentence) == old_reporting_frames(sentence)


def test_a_frame_names_its_verb_within_frame_words_of_the_comma() -> None:
    near = "The talks resume, " + "a " * (reporting.FRAME_WORDS - 1) + "said officials."
    far = "The talks resume, " + "a " * reporting.FRAME_WORDS + "said officials."
    assert reporting_frames(near) == [(near.index(","), len(near))]
    assert reporting_frames(far) == []  # the verb is the ninth word: a leading frame? no "that"


# --- what a value counts: seven passes, the nearest match of the first pattern -------


def old_basis(sentence: str, at: int) -> str | None:
    basis = None
    best = None
    for name, pattern in context._BASES:
        for match in pattern.finditer(sentence):
            distance = abs(match.start() - at)
            if best is None or distance < best:
                best, basis = distance, name
    return basis


BASIS_PIECES = [
    "ready to", "ready", "to", "interested", "interest", "Talks", "talk", "in contact",
    "in", "contact", "signed up", "signed on", "agreed to", "members", "joined",
    "participating", "pledged", "offered", "spent", "paid", "budgets", "targeted",
    "discussions", "consultation", "20", "countries", " ", ",", "x", "ſigned",
    "willingness", "involved", "negotiations", "committed", "promised", "disbursed",
    "delivered", "proposed", "planned", "Willing", "uninvolved", "re-signed",
]  # fmt: skip


def test_every_basis_word_is_found_by_the_lowered_pass() -> None:
    """The lowered pass tries only words opening with a basis word's two letters: each basis word,
    alone, inside a sentence and in capitals, is found as the seven passes found it."""
    words = [w for w in BASIS_PIECES if w.strip() and w.isascii() and w[0].isalpha()]
    for word in words:
        for sentence in (word, f"x {word.lower()} y", f"{word.upper()}."):
            for at in (0, len(sentence)):
                assert value_context(None, sentence, at).basis == old_basis(sentence, at)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BASIS_PIECES), max_size=20).map(" ".join), st.data())
def test_the_basis_is_the_one_the_seven_passes_found(sentence: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(sentence)))
    assert value_context(None, sentence, at).basis == old_basis(sentence, at)


def test_value_contexts_in_the_synthetic_pack(synthetic: Pack) -> None:
    source: Source = synthetic.sources[0]
    for sentence in sentences_of(synthetic):
        for at in (0, len(sentence) // 2, len(sentence)):
            found = value_context(source, sentence, at)
            assert isinstance(found, ValueContext)
            assert found.basis == old_basis(sentence, at)


# --- stance scans: over the article lowered, or case-blind over it as written ----------


STANCE_PIECES = [
    "Poland", "POLAND", "poland", " ", "  ", ", ", "\n", ". ", " declined to send troops",
    " DECLINED to send troops", " Has Offered pumps", " has  offered ships", " could help",
    " Won’t send", " whom they Hope to Convince to send ships", "A Refusal by ", " rejected",
    " ſ", " ı", " İ", " K", "é", "-", " An Offer from ", " a PLEDGE by ", " veto by ",
    " who Want to Persuade ", "Promise by ", " trying to get ",
]  # fmt: skip
"""With a word of each pattern that the lowered pass checks for before it scans
(offer, pledge, promise; refusal, veto; convince, persuade, get): without one, it skips."""


def _stance_source(text: str) -> Source:
    from briefing.model.text import Article

    return Source("s", "s.txt", "s.txt", "", "Wire", "", None, "en", Article.from_text(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(STANCE_PIECES), max_size=24).map("".join))
def test_stances_found_over_the_lowered_text_are_the_case_blind_ones(text: str) -> None:
    actors = (Actor("pl", "Poland", "country"),)
    source = _stance_source(text)
    lowered = list(stances.stance_mentions(source, actors))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stances, "case_folded", lambda text: None)
        assert lowered == list(stances.stance_mentions(source, actors))


def test_stances_in_the_synthetic_pack(synthetic: Pack) -> None:
    lowered = stances.stance_mentions_by_source(synthetic.sources, synthetic.actors)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stances, "case_folded", lambda text: None)
        blind = stances.stance_mentions_by_source(synthetic.sources, synthetic.actors)
    assert lowered == blind
    assert sum(map(len, lowered.values())) > 0


# --- numbers: over the text lowered, and only the kinds asked for -------------------------


NUMBER_PIECES = [
    "€", "$", "US$", "EUR ", "eur", "1.2", "1,200", "Twelve", "TWENTY-five", "hundred", "bn",
    "BN", "M", "m", "k", "B", "Billion", "per cent", "%", "Percent", "euros", "Dollars",
    "of pounds sterling", " ", "-", ".", ",", "point", "two", "ſix", "İ", "x", "Plan",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=16).map(" ".join))
def test_numbers_found_over_the_lowered_text_are_the_case_blind_ones(text: str) -> None:
    found = list(quantities_module.quantities(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quantities_module, "case_folded", lambda text: None)
        assert found == list(quantities_module.quantities(text))
    amounts = [q for q in found if q.kind in ("money", "percent")]
    assert list(quantities_module.quantities(text, ("money", "percent"))) == amounts


def test_numbers_in_the_synthetic_pack(synthetic: Pack) -> None:
    for source in synthetic.sources:
        found = list(quantities_module.quantities(source.text))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(quantities_module, "case_folded", lambda text: None)
            assert found == list(quantities_module.quantities(source.text))
        amounts = [q for q in found if q.kind != "number"]
        assert list(quantities_module.quantities(source.text, ("money", "percent"))) == amounts


def test_counts_found_over_the_lowered_text_are_the_case_blind_ones(synthetic: Pack) -> None:
    texts = [*(s.text for s in synthetic.sources), "About TWENTY Countries, ſix states; Nine-ty."]
    for text in texts:
        source = _stance_source(text)
        found = list(counts.count_mentions(source))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(counts, "case_folded", lambda text: None)
            assert found == list(counts.count_mentions(source))


def test_a_long_s_number_word_is_no_count_and_no_crash() -> None:
    # The case-blind patterns match "ſix" (long s), which lowers to no number word:
    # reading it as digits raised ValueError (a traceback from export or the reader).
    assert counts.parse_figure("ſix") is None
    assert counts.parse_figure("Six") == (6.0, 6.0)
    assert list(counts.count_mentions(_stance_source("ſix countries met.\n"))) == []


def test_a_capitalised_on_before_a_day_number_is_a_date() -> None:
    """'On 11' at a sentence start: the quick pre-check was case-blind only for its keywords."""
    assert find_expressions("On 11 March they met.") == old_find_expressions(
        "On 11 March they met."
    )
    assert find_expressions("On 11") == old_find_expressions("On 11") != []
