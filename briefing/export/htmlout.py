"""The briefing note as one self-contained HTML file.

No scripts, no fonts, no image files (the charts are inline SVG), no links outside the file: the note must open
the same on an air-gapped machine and in a mail client. Each footnote reference
is a ``<details>`` element that expands in place to the cited sentence with the
quoted words in ``<mark>``; the full list of citations follows the note, and the
print stylesheet hides the in-place copies so a printed note reads like a paper
with footnotes. Every string from an article or the pack goes through
``html.escape``.
"""

from __future__ import annotations

from html import escape

from briefing.export.doc import (
    Block,
    Bullets,
    Chart,
    Footnote,
    Heading,
    Inline,
    Item,
    Note,
    Para,
    Ref,
    Strong,
    Table,
    Tag,
    Text,
)
from briefing.export.svg import STYLE as CHART_STYLE
from briefing.export.svg import figure

STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c8c8c8;
  --mark: #fff1a8; --single: #9a4a00; --paper: #ffffff; }
html { background: var(--paper); color: var(--ink); }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.25rem; }
h2 { border-bottom: 1px solid var(--rule); margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border: 1px solid var(--rule); padding: 0.3rem 0.45rem; text-align: left;
  vertical-align: top; }
th { background: #f1f1f1; }
.support { font-size: 0.85em; white-space: nowrap; color: var(--muted); }
.support.single { color: var(--single); font-style: italic; border: 1px dashed currentColor;
  border-radius: 0.25rem; padding: 0 0.2rem; }
details.ref { display: inline; }
details.ref:not([open])::details-content { display: none; }
details.ref > summary { display: inline; cursor: pointer; color: #1a4f9c;
  font-size: 0.8em; vertical-align: super; list-style: none; }
details.ref > summary::-webkit-details-marker { display: none; }
details.ref[open] > .pop { display: block; margin: 0.3rem 0 0.5rem 1rem; padding: 0.4rem 0.6rem;
  border-left: 3px solid var(--rule); background: #fafafa; font-size: 0.92rem; }
.cite { color: var(--muted); }
mark { background: var(--mark); color: inherit; font-weight: bold; }
blockquote { margin: 0.2rem 0 0.6rem 0; padding-left: 0.8rem; border-left: 3px solid var(--rule); }
ol.footnotes { font-size: 0.92rem; padding-left: 2.2rem; }
ol.footnotes li { margin-bottom: 0.4rem; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  details.ref > .pop { display: none !important; }
  details.ref > summary { color: inherit; }
  a { color: inherit; text-decoration: none; }
  a.back { display: none; }
  h2, h3 { break-after: avoid; }
  tr, li, blockquote { break-inside: avoid; }
  mark { background: none; text-decoration: underline; }
  .support.single { border: none; }
}
"""


class _Writer:
    """Renders one note; remembers which footnotes have had their first reference."""

    def __init__(self, note: Note) -> None:
        self.footnotes = {f.number: f for f in note.footnotes}
        self.first_seen: set[int] = set()

    def inline(self, content: Inline) -> str:
        out = []
        for piece in content:
            if isinstance(piece, Text):
                out.append(escape(piece.text))
            elif isinstance(piece, Strong):
                out.append(f"<strong>{escape(piece.text)}</strong>")
            elif isinstance(piece, Ref):
                out.append(self.ref(piece.number))
            elif isinstance(piece, Tag):
                kind = "single" if piece.single else "several"
                space = " " if out and not out[-1].endswith(" ") else ""
                out.append(f'{space}<span class="support {kind}">({escape(piece.label)})</span>')
        return "".join(out)

    def ref(self, number: int) -> str:
        anchor = ""
        if number not in self.first_seen:
            self.first_seen.add(number)
            anchor = f' id="ref-{number}"'
        note = self.footnotes[number]
        return (
            f'<details class="ref"{anchor}><summary>[{number}]</summary>'
            f'<span class="pop"><span class="cite">{escape(note.cite)}:</span> '
            f"{sentence(note)} "
            f'<a href="#fn-{number}">citation {number}</a></span></details>'
        )

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            level = block.level
            return f'<h{level} id="{escape(block.anchor)}">{escape(block.text)}</h{level}>'
        if isinstance(block, Para):
            return f"<p>{self.inline(block.content)}</p>"
        if isinstance(block, Bullets):
            return self.bullets(block.items)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Chart):
            return figure(block)
        raise TypeError(type(block).__name__)  # pragma: no cover - exhaustive

    def bullets(self, items: tuple[Item, ...]) -> str:
        out = ["<ul>"]
        for item in items:
            css = ' class="statement"' if item.statement else ""
            children = self.bullets(item.children) if item.children else ""
            out.append(f"<li{css}>{self.inline(item.content)}{children}</li>")
        out.append("</ul>")
        return "\n".join(out)

    def table(self, table: Table) -> str:
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
        css = ' class="statement"' if table.statements else ""
        rows = [
            f"<tr{css}>" + "".join(f"<td>{self.inline(cell)}</td>" for cell in row) + "</tr>"
            for row in table.rows
        ]
        return (
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody>\n</table>"
        )


def sentence(note: Footnote) -> str:
    """The cited sentence, escaped, the quoted words in ``<mark>``, line breaks as ``<br>``."""

    def text(part: str) -> str:
        return escape(part).replace("\n", "<br>")

    return (
        f'<span class="sentence">{text(note.before)}<mark>{text(note.quote)}</mark>'
        f"{text(note.after)}</span>"
    )


def render_note(note: Note) -> str:
    """The whole note as an HTML document."""
    writer = _Writer(note)
    body = [writer.block(block) for block in note.blocks]
    if note.footnotes:
        body.append('<h2 id="citations">Citations</h2>')
        body.append('<ol class="footnotes">')
        for item in note.footnotes:
            body.append(
                f'<li id="fn-{item.number}" value="{item.number}">'
                f'<span class="cite">{escape(item.cite)}:</span>'
                f"<blockquote>{sentence(item)}</blockquote>"
                f'<a class="back" href="#ref-{item.number}">back to the text</a></li>'
            )
        body.append("</ol>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(note.title)}</title>\n<style>{STYLE}{CHART_STYLE}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
