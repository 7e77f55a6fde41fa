"""``briefing find``: read a pack's articles and find a half-remembered fragment in them.

It reads only the ``sources`` section, so it works on a pack that does not
validate yet, which is when authors need it. The search itself is
:mod:`briefing.model.anchoring.places`; this module reads the articles the way
the loader does and writes the evidence line to paste.
"""

from __future__ import annotations

import os

from briefing.model.anchoring.anchor import Anchorer
from briefing.model.anchoring.places import Place, SourceText
from briefing.model.diagnostics import Diagnostic, DiagnosticList
from briefing.model.io.files import (
    Budget,
    Refused,
    article_text,
    read_article,
    read_yaml_file,
    yaml_files,
)
from briefing.model.io.paths import display, resolve_pack_root
from briefing.model.io.yaml_text.nodes import YMap, YScalar, YSeq
from briefing.model.io.yaml_text.read import read_yaml
from briefing.model.io.yaml_text.write import quoted, scalar
from briefing.model.text import Article


def evidence_yaml(place: Place) -> str:
    """A ready-to-paste evidence item: ``- {source: x, quote: "..."}``."""
    extra = f", occurrence: {place.occurrence}" if place.occurrence else ""
    return f"- {{source: {scalar(place.source)}, quote: {quoted(place.quote)}{extra}}}"


def read_sources(
    pack: str | os.PathLike[str] | None,
) -> tuple[list[SourceText], DiagnosticList]:
    """Every readable source of a pack, even one whose facts do not validate.

    Files are read as the loader reads them (:mod:`briefing.model.io.files`), so
    a FIFO, a device, a symlink loop or a file out of the pack gets the same
    one-line diagnostic as ``briefing validate`` gives, never a hang.
    Raises FileNotFoundError (one line) when PACK names no pack.
    """
    root, data_dir = resolve_pack_root(pack)
    sources: list[SourceText] = []
    problems = DiagnosticList()
    budget = Budget()
    try:
        files = yaml_files(root, data_dir)
    except Refused as exc:
        problems.append(Diagnostic(display(data_dir), 1, 1, exc.message))
        files = []
    for yaml_path in files:
        shown = display(yaml_path)
        try:
            data = read_yaml_file(root, yaml_path, budget)
        except Refused as exc:
            problems.append(Diagnostic(shown, 1, 1, exc.message))
            continue
        tree, _ = read_yaml(data, shown)
        section = tree.items.get("sources") if isinstance(tree, YMap) else None
        if section is None or not isinstance(section[1], YSeq):
            continue
        for item in section[1].items:
            if not isinstance(item, YMap):
                continue
            ident, file = (item.items.get(k, (None, None))[1] for k in ("id", "file"))
            if not isinstance(ident, YScalar) or not isinstance(file, YScalar):
                continue
            try:
                article = read_article(root, file.value, budget)
            except Refused as exc:
                problems.append(Diagnostic(shown, file.line, file.col, exc.message, hint=exc.hint))
                continue
            text, problem = article_text(article, display(root / file.value))
            if problem is not None:
                problems.append(problem)
            if text is not None:
                sources.append(
                    SourceText(ident.value, file.value, Anchorer(Article.from_text(text)))
                )
    return sources, problems
