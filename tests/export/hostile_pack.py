"""A small pack whose articles and YAML are full of Markdown and HTML syntax, for the export tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from support import sha

HOSTILE_ARTICLE = (
    "Officials said *all* options_remain [open] | for now, <b>really</b> & &amp; `rm -rf` too.\n"
    '# Poland offered "logistics support" – but no troops.\n'
    "- one: Irish Prime Minister Miche?l Martin said Ireland would send peacekeepers \\ maybe.\n"
    "Leaders met in Paris on Tuesday.\x1b]0;pwned\x07 Evil [^1] text.\n"
    "Ends with a backslash \\\n"
    "  1) Indented line: twenty countries ~~joined~~ the talks.\n"
)
SECOND_ARTICLE = "Poland offered logistics support to the coalition.\n"


def write_hostile_pack(root: Path) -> Path:
    """Write the pack into ``root`` and return it."""
    (root / "data").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (root / "seeds" / "b.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    header = f"""\
        pack:
          title: "Hostile *pack* <i>test</i> | [x](http://evil)"
          story: A test.
          as_of: 2025-03-16
          notes: "Author note with `ticks` and <em>tags</em>."
        sources:
          - id: wire
            file: seeds/a.txt
            sha256: {sha(HOSTILE_ARTICLE)}
            outlet: "Wire <script>alert(1)</script> *News*"
            title: "Test | article [1]"
            published: 2025-03-10
            language: en
            flags:
              lost_characters: ["Miche?l"]
          - id: wire2
            file: seeds/b.txt
            sha256: {sha(SECOND_ARTICLE)}
            outlet: Second_Wire
            original_outlet: Bloomberg
            title: Second
            published: null
            language: en
            translated_from: pl
            flags:
              machine_translated: true
              garbled: true
        """
    facts = r"""
        actors:
          - id: poland
            name: "Poland *[x]*"
            kind: country
          - id: ireland
            name: Ireland
            kind: country
          - id: martin
            name: Micheál Martin
            kind: person
            role: "Taoiseach | <script>alert(1)</script>"
            affiliation: ireland
            evidence:
              - {source: wire, quote: "Irish Prime Minister Micheál Martin"}
        meetings:
          - id: paris
            title: "Paris `meeting` & <i>talks</i>"
            date: 2025-03-11
            date_text: on Tuesday
            place: "Paris | France"
            status: held
            participants:
              - {actor: poland, role: host}
              - {actor: martin, role: attendee}
            evidence:
              - {source: wire, quote: "Leaders met in Paris on Tuesday"}
          - id: later
            title: Follow-up
            date: null
            date_text: soon
            status: planned
            evidence:
              - {source: wire, quote: "for now"}
        pledges:
          - id: poland-logistics
            actor: poland
            contribution: "logistics | support"
            status: offered
            conditions: ["no troops_on the ground", "# none"]
            evidence:
              - {source: wire, quote: '"logistics support"'}
              - {source: wire2, quote: "Poland offered logistics support"}
          - id: ireland-peacekeepers
            actor: ireland
            contribution: peacekeepers
            status: considering
            evidence:
              - {source: wire, quote: "Ireland would send peacekeepers"}
        claims:
          - id: mood
            topic: "What officials said [really]"
            values:
              - value: "*all* options"
                source: wire
                evidence:
                  - {source: wire, quote: "_remain [open]"}
                  - {source: wire, quote: "`rm -rf` too"}
              - value: "a <b>twist</b>"
                source: wire
                evidence:
                  - {source: wire, quote: "too.\n# Poland"}
                  - {source: wire, quote: "a backslash \\\n  1) Indented"}
                  - {source: wire, quote: "~~joined~~"}
        """
    (root / "data" / "pack.yaml").write_text(textwrap.dedent(header), encoding="utf-8")
    (root / "data" / "facts.yaml").write_text(textwrap.dedent(facts), encoding="utf-8")
    return root
