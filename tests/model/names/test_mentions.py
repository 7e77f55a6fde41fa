"""Mentions: every sentence naming an actor, by any name, cited or not."""

from __future__ import annotations

import re

import pytest
from support import PackMaker, sha

from briefing.model import load_pack
from briefing.model.names import mentions
from briefing.model.pack import Pack

ARTICLE = (
    "Starmmer met Macron in Paris. Sir Keir Starmer said the U.S. must help us.\n"
    "Irish Prime Minister Miche?l Martin said Ireland would send peacekeepers.\n"
    "Iceland said nothing. Keir Stramer spoke later.\n"
    "Sign up for our newsletter about Starmer.\n"
)

FACTS = """\
actors:
  - {id: starmer, name: Keir Starmer, kind: person}
  - {id: us, name: United States, kind: country}
  - {id: ireland, name: Ireland, kind: country}
  - {id: iceland, name: Iceland, kind: country}
  - {id: martin, name: Micheál Martin, kind: person}
pledges:
  - id: ireland-peacekeepers
    actor: ireland
    contribution: peacekeepers
    status: offered
    evidence:
      - {source: wire, quote: "Ireland would send peacekeepers"}
"""


@pytest.fixture
def pack(make_pack: PackMaker) -> Pack:
    header = f"""\
pack: {{title: T, story: S, as_of: 2025-03-16}}
sources:
  - id: wire
    file: seeds/a.txt
    sha256: {sha(ARTICLE)}
    outlet: Wire
    title: T
    published: 2025-03-10
    language: en
    flags: {{boilerplate_lines: ["4"]}}
"""
    result = load_pack(make_pack(FACTS, article=ARTICLE, header=header))
    assert result.pack is not None, [d.format() for d in result.diagnostics]
    return result.pack


def test_exact_and_garbled_mentions_of_a_person(pack: Pack) -> None:
    found = mentions(pack, "starmer")
    assert [(m.matched, m.fuzzy) for m in found] == [
        ("Starmmer", True),
        ("Keir Starmer", False),
        ("Keir Stramer", True),
    ]
    first = found[0]
    assert ARTICLE[first.start : first.end] == "Starmmer"
    assert first.sentence == "Starmmer met Macron in Paris."
    assert ARTICLE[first.sentence_start : first.sentence_end] == first.sentence
    assert not any(m.cited for m in found)


def test_boilerplate_is_skipped_unless_asked_for(pack: Pack) -> None:
    assert all(not m.boilerplate for m in mentions(pack, "starmer"))
    every = mentions(pack, "starmer", include_boilerplate=True)
    assert [m.matched for m in every if m.boilerplate] == ["Starmer"]
    assert every[-1].sentence == "Sign up for our newsletter about Starmer."


def test_a_lost_character_is_an_exact_mention_and_cited_sentences_are_marked(pack: Pack) -> None:
    (martin,) = mentions(pack, "martin")
    assert (martin.matched, martin.fuzzy, martin.cited) == ("Miche?l Martin", False, True)
    ireland = mentions(pack, "ireland")
    assert [(m.matched, m.cited) for m in ireland] == [("Irish", True), ("Ireland", True)]


def test_acronyms_keep_their_case(pack: Pack) -> None:
    assert [m.matched for m in mentions(pack, "us")] == ["U.S."]  # never the pronoun "us"


def test_another_actors_name_is_not_a_garbled_mention(pack: Pack) -> None:
    loose = mentions(pack, "ireland", fuzzy_threshold=80)
    assert "Iceland" not in [m.matched for m in loose]
    assert [m.matched for m in mentions(pack, "iceland")] == ["Iceland"]


def test_unknown_actor_is_a_key_error(pack: Pack) -> None:
    with pytest.raises(KeyError):
        mentions(pack, "nobody")


def test_every_starmer_in_the_default_pack_is_found() -> None:
    pack = load_pack().pack
    assert pack is not None
    found = mentions(pack, "starmer")
    for source in pack.sources:
        for m in re.finditer(r"(?i)\bstarm+er\b", source.text):
            if source.is_boilerplate(m.start()):
                continue
            assert any(x.source_id == source.id and x.start <= m.start() < x.end for x in found), (
                source.id,
                m.start(),
                m.group(),
            )
    assert any(m.cited for m in found) and any(not m.cited for m in found)
