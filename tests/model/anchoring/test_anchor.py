"""Anchoring quotes in real-world text: curly quotes, white space, abbreviations, lost characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REPO

from briefing.model.anchoring import Anchorer, closest_passage
from briefing.model.text import Article, split_sentences

SEEDS = REPO / "seeds"


def article(name: str) -> Article:
    return Article.from_text((SEEDS / name).read_text(encoding="utf-8"))


def only(anchorer: Anchorer, quote: str) -> tuple[int, int, str]:
    found = anchorer.find_all(quote)
    assert len(found) == 1, found
    return found[0].start, found[0].end, found[0].match


def test_straight_quotes_find_curly_ones() -> None:
    a = article("000_cd8297b2b3133685.txt")
    start, end, how = only(
        Anchorer(a),
        'Britain\'s defence top brass will head to Paris for crucial talks this week aimed at producing a "concrete" plan',
    )
    assert how == "normalised"
    assert a.text[start:end].startswith("Britain’s defence")
    assert a.text[start:end].endswith("“concrete” plan")


def test_collapsed_whitespace_and_dash_variants() -> None:
    a = article("000_cd8297b2b3133685.txt")
    start, end, how = only(
        Anchorer(a),
        "defence ministers of Europe four other main military powers -\n   France, Germany",
    )
    assert how == "normalised"
    assert (
        a.text[start:end]
        == "defence ministers of Europe four other main military powers – France, Germany"
    )


def test_quote_spanning_an_abbreviation_stays_in_one_sentence() -> None:
    a = article("002_c4402ec22ef500c7.txt")
    start, end, how = only(
        Anchorer(a), "clash between U.S. President Donald Trump and Ukrainian President"
    )
    assert how == "exact"
    s, e = a.sentence_span(start, end)
    assert a.text[s:e].startswith("After a major clash between U.S. President Donald Trump")
    assert a.text[s:e].endswith("an alliance of countries guaranteeing post-war peace.")


def test_ambiguous_quote_is_found_every_time() -> None:
    a = article("002_c4402ec22ef500c7.txt")
    found = Anchorer(a).find_all("Coalition of Will")
    assert [a.text[f.start : f.end] for f in found] == ["Coalition of Will"] * 4
    assert len({f.start for f in found}) == 4


def test_lost_character_in_the_article() -> None:
    a = article("002_c4402ec22ef500c7.txt")
    anchorer = Anchorer(a)
    exact = only(anchorer, "Irish Prime Minister Miche?l Martin")
    assert exact[2] == "exact"
    start, end, how = only(anchorer, "Irish Prime Minister Micheál Martin")
    assert how == "lost-character"
    assert (start, end) == exact[:2]
    assert a.text[start:end] == "Irish Prime Minister Miche?l Martin"


def test_not_found_gives_closest_passage() -> None:
    a = article("001_524dedb3b999702a.txt")
    anchorer = Anchorer(a)
    assert anchorer.find_all("Poland offered logistic support") == []
    closest = closest_passage(anchorer, "Poland offered logistic support")
    assert closest is not None
    assert closest.text == "Poland offered logistics support"
    assert closest.similarity > 90


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Sir Keir Starmer met Dr. Smith. Then he left.",
            ["Sir Keir Starmer met Dr. Smith.", "Then he left."],
        ),
        ("The U.S. President spoke. He left.", ["The U.S. President spoke.", "He left."]),
        (
            "It was developed with the U.S. He emphasized it.",
            ["It was developed with the U.S.", "He emphasized it."],
        ),
        ("J. K. Rowling wrote. Fine.", ["J. K. Rowling wrote.", "Fine."]),
        ("He said: “Go now.” Then “Stop.”", ["He said: “Go now.”", "Then “Stop.”"]),
        (
            "Headline without stop\nBody one. Body two.",
            ["Headline without stop", "Body one.", "Body two."],
        ),
        ("Miche?l Martin spoke.", ["Miche?l Martin spoke."]),
        ("About 20 countries. 37 others.", ["About 20 countries.", "37 others."]),
    ],
)
def test_sentence_splitter_on_news_prose(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


def test_every_seed_sentence_is_inside_one_line() -> None:
    for path in sorted(Path(SEEDS).glob("*.txt")):
        a = article(path.name)
        for start, end in a.sentences:
            assert "\n" not in a.text[start:end]
            assert a.text[start:end] == a.text[start:end].strip()


def test_prepared_quotes_give_the_same_answers_without_keeping_the_view() -> None:
    """prepare() locates quotes needing the normalised view, then drops the view."""
    a = article("000_cd8297b2b3133685.txt")
    quotes = [
        'Britain\'s defence top brass will head to Paris for crucial talks this week aimed at producing a "concrete" plan',
        "defence ministers of Europe four other main military powers -\n   France, Germany",
        "Britain’s defence",  # exact: not kept
        "no such passage anywhere",
    ]
    fresh = [Anchorer(a).find_all(q) for q in quotes]
    prepared = Anchorer(a)
    prepared.prepare(quotes)
    assert "_normalised" not in prepared.__dict__  # the view is not kept
    assert sorted(prepared._prepared) == sorted([quotes[0], quotes[1], quotes[3]])
    assert [prepared.find_all(q) for q in quotes] == fresh
    assert fresh[0] and fresh[0][0].match == "normalised"
    # a quote that was not prepared is still found, rebuilding the view
    assert prepared.find_all("four other main military powers -\n France") != []
