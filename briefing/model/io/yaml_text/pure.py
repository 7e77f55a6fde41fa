"""PyYAML's pure parser, made to read plain scalars in flow collections as libyaml does.

Split out of the reader (code moved only): the tests run every read with
this parser and with libyaml and require the same verdict.
"""

from __future__ import annotations

import yaml


class PureParser(yaml.SafeLoader):
    """PyYAML's pure parser, reading plain scalars in flow collections as libyaml does.

    The pure scanner ends a plain scalar at ``?`` inside ``[...]`` or ``{...}``
    (a YAML 1.1 restriction that libyaml and YAML 1.2 do not have), so
    ``aliases: [Miche?l Martin]`` (a lost character, common in scraped names)
    was a syntax error without libyaml and fine with it. This is PyYAML 6.0's
    ``Scanner.scan_plain`` (MIT licence) with ``?`` removed from the flow stop
    set; nothing else differs.
    """

    def scan_plain(self) -> yaml.tokens.ScalarToken:  # pragma: no cover - copied logic
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[str] | None = []
        blank = "\0 \t\r\n\x85\u2028\u2029"
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if (
                    ch in blank
                    or (
                        ch == ":"
                        and self.peek(length + 1) in blank + (",[]{}" if self.flow_level else "")
                    )
                    or (self.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces or [])
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.tokens.ScalarToken("".join(chunks), True, start_mark, end_mark)
