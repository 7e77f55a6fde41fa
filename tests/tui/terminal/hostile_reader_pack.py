"""A pack with markup payloads in every displayed field and escape sequences in its article.

YAML refuses control characters (raw or escaped), so escape sequences can only
reach the reader through article text; markup payloads can come from anywhere.
Used by the Pilot tests and the raw pty capture.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

MARKUP = "[sic] [/] [@click=app.quit]CLICKME[/] [link=file:///etc/passwd]LINK[/] [$x] [b]B"
"""Every payload Textual or Rich would act on if it parsed this as markup."""

OSC52 = "\x1b]52;c;UEFZTE9BRA==\x07"  # write "PAYLOAD" to the clipboard
OSC_TITLE = "\x1b]0;PWNED-TITLE\x07"  # retitle the window
CLEAR = "\x1b[2J"  # clear the screen
HYPERLINK = "\x1b]8;;file:///etc/passwd\x1b\\LINKTEXT\x1b]8;;\x1b\\"
BIDI = "\u202eevil\u202c"

ARTICLE = (
    f"Leaders met in Paris {MARKUP} on Tuesday.\n"
    f"Poland offered logistics {OSC52} support {CLEAR} today.\n"
    f"The window {OSC_TITLE} was renamed {HYPERLINK} and {BIDI} reversed.\n"
    "About 20 countries joined.\n"
)


def q(text: str) -> str:
    """A YAML single-quoted string (markup needs quoting: it starts with '[')."""
    return "'" + text.replace("'", "''") + "'"


def write(root: Path) -> Path:
    """Write the pack into ``root`` and return it."""
    (root / "data").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    digest = hashlib.sha256(ARTICLE.encode()).hexdigest()
    m = q(MARKUP)
    (root / "data" / "pack.yaml").write_text(
        f"""\
pack:
  title: {q("T " + MARKUP)}
  story: {m}
  as_of: 2025-03-16
  notes: {m}
sources:
  - id: wire
    file: seeds/a.txt
    sha256: {digest}
    outlet: {q("Outlet " + MARKUP)}
    title: {q("Headline " + MARKUP)}
    published: 2025-03-10
    language: en
    original_outlet: {m}
    flags:
      lost_characters: [{m}]
actors:
  - id: poland
    name: {q("Poland " + MARKUP)}
    kind: country
    aliases: [{q("Alias " + MARKUP)}]
    role: {q("Role " + MARKUP)}
    notes: {m}
    evidence:
      - {{source: wire, quote: {q("Leaders met in Paris " + MARKUP)}}}
meetings:
  - id: paris
    title: {q("Meeting " + MARKUP)}
    date: 2025-03-11
    date_text: {q("on Tuesday " + MARKUP)}
    place: {q("Place " + MARKUP)}
    status: held
    participants:
      - {{actor: poland, role: host}}
    evidence:
      - {{source: wire, quote: "Poland offered logistics"}}
pledges:
  - id: poland-logistics
    actor: poland
    contribution: {q("Contribution " + MARKUP)}
    status: offered
    conditions: [{q("Condition " + MARKUP)}]
    evidence:
      - {{source: wire, quote: "The window"}}
claims:
  - id: size
    topic: {q("Topic " + MARKUP)}
    values:
      - value: {q("Value " + MARKUP)}
        source: wire
        evidence: [{{source: wire, quote: "About 20 countries"}}]
      - value: other
        source: wire
        evidence: [{{source: wire, quote: "Leaders met"}}]
""",
        encoding="utf-8",
    )
    return root
