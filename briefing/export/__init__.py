"""Exports of a loaded pack (JSON contract, Markdown and HTML notes); no UI imports."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.model.pack import Pack

FORMATS = ("json", "md", "html")


def render(pack: Pack, fmt: str, actors: Sequence[str] | None = None) -> str:
    """Render ``pack`` in ``fmt``; ``actors`` keeps only facts involving them.

    Raises KeyError with a one-line message for an unknown format or actor id.
    """
    if fmt == "json":
        from briefing.export.jsonout import render as render_json

        return render_json(pack)
    raise KeyError(f"format '{fmt}' is not available yet")
