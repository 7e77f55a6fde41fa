"""The HTML note's charts as inline SVG: no script, no fonts, no network, readable printed.

Hand-written SVG rather than a plotting library: two small charts do not need a
dependency, and the output stays byte-for-byte deterministic (the golden file
checks it). The drawing scales to the page width (``viewBox`` with
``width: 100%``), so it never overflows an A4 page, and it tells held from
planned meetings by shape (filled vs open dot), not colour alone, so it reads in
grey on paper. Each day carries a ``<title>`` (its figures, shown on hover) and
the whole chart a title and description for screen readers.
"""

from __future__ import annotations

import math
from html import escape

from briefing.export.doc import Chart, Point
from briefing.model.analysis import short_date

WIDTH = 720
LEFT = 78
"""Room for the row labels."""
BAR_HEIGHT = 48
LABEL_GAP = 14
"""Least width (in SVG units) a day label needs; narrower days label every few days."""


def _num(value: float) -> str:
    """A coordinate with at most one decimal: deterministic and short."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _day_title(point: Point) -> str:
    parts = [f"{point.value} article{'s' if point.value != 1 else ''}"]
    if point.held:
        parts.append(f"{point.held} meeting{'s' if point.held != 1 else ''} held")
    if point.planned:
        parts.append(f"{point.planned} planned")
    return f"{short_date(point.label)} {point.label[:4]}: " + ", ".join(parts)


def timeline(chart: Chart) -> str:
    """Articles per day as bars, meetings as dots on their days, day numbers and months below."""
    points = chart.points
    count = max(1, len(points))
    column = (WIDTH - LEFT - 4) / count
    most = max((p.value for p in points), default=0) or 1
    stack = max((p.held + p.planned for p in points), default=0)
    radius = max(2.0, min(6.0, column / 3))
    dots_height = max(1, min(stack, 3)) * (radius * 2 + 2) + 4
    bars_top = 16
    dots_top = bars_top + BAR_HEIGHT + 8
    labels_top = dots_top + dots_height + 12
    height = labels_top + 18
    every = max(1, math.ceil(LABEL_GAP / column))
    out = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {_num(height)}" role="img" '
        f'aria-labelledby="{chart.anchor}-title">',
        f'<title id="{chart.anchor}-title">{escape(chart.title)}</title>',
        f'<text class="axis" x="0" y="{_num(bars_top + BAR_HEIGHT - 2)}">Articles</text>',
        f'<text class="axis" x="0" y="{_num(dots_top + radius + 4)}">Meetings</text>',
        f'<line class="rule" x1="{LEFT}" x2="{WIDTH}" y1="{_num(bars_top + BAR_HEIGHT)}" '
        f'y2="{_num(bars_top + BAR_HEIGHT)}"/>',
    ]
    for index, point in enumerate(points):
        x = LEFT + index * column
        centre = x + column / 2
        out.append(f"<g><title>{escape(_day_title(point))}</title>")
        out.append(
            f'<rect class="day" x="{_num(x)}" y="{bars_top}" width="{_num(column)}" '
            f'height="{_num(labels_top + 4 - bars_top)}"/>'
        )
        if point.value:
            bar = BAR_HEIGHT * point.value / most
            out.append(
                f'<rect class="bar" x="{_num(x + column * 0.15)}" y="{_num(bars_top + BAR_HEIGHT - bar)}" '
                f'width="{_num(column * 0.7)}" height="{_num(bar)}"/>'
            )
            if column >= LABEL_GAP:
                out.append(
                    f'<text class="count" x="{_num(centre)}" y="{_num(bars_top + BAR_HEIGHT - bar - 3)}">'
                    f"{point.value}</text>"
                )
        marks = ["held"] * point.held + ["planned"] * point.planned
        for row, kind in enumerate(marks[:3]):
            y = dots_top + radius + row * (radius * 2 + 2)
            out.append(
                f'<circle class="{kind}" cx="{_num(centre)}" cy="{_num(y)}" r="{_num(radius)}"/>'
            )
        if len(marks) > 3:
            y = dots_top + 3 * (radius * 2 + 2) + 8
            out.append(
                f'<text class="count" x="{_num(centre)}" y="{_num(y)}">+{len(marks) - 3}</text>'
            )
        day = point.label[8:10].lstrip("0")
        if index % every == 0 or day == "1":
            out.append(
                f'<text class="day-label" x="{_num(centre)}" y="{_num(labels_top)}">{escape(day)}</text>'
            )
        if index == 0 or day == "1":
            month = short_date(point.label).split(" ")[-1]
            out.append(
                f'<text class="month" x="{_num(x)}" y="{_num(labels_top + 14)}">{escape(month)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def statuses(chart: Chart) -> str:
    """One horizontal bar per pledge status with its count, firmest first."""
    row = 22
    height = len(chart.points) * row + 6
    most = max((p.value for p in chart.points), default=0) or 1
    room = WIDTH - LEFT - 40
    out = [
        f'<svg class="statuses" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart.anchor}-title">',
        f'<title id="{chart.anchor}-title">{escape(chart.title)}</title>',
    ]
    for index, point in enumerate(chart.points):
        y = 4 + index * row
        width = room * point.value / most
        out.append(
            f"<g><title>{escape(point.label)}: {point.value}</title>"
            f'<text class="axis" x="0" y="{y + 15}">{escape(point.label)}</text>'
            f'<rect class="bar status-{escape(point.label)}" x="{LEFT}" y="{y + 3}" '
            f'width="{_num(width)}" height="{row - 8}"/>'
            f'<text class="count" x="{_num(LEFT + width + 6)}" y="{y + 15}" text-anchor="start">'
            f"{point.value}</text></g>"
        )
    out.append("</svg>")
    return "\n".join(out)


def figure(chart: Chart) -> str:
    """The chart in a ``<figure>`` with its caption."""
    drawing = timeline(chart) if chart.kind == "timeline" else statuses(chart)
    return (
        f'<figure class="chart" id="{escape(chart.anchor)}">\n{drawing}\n'
        f"<figcaption>{escape(chart.title)}</figcaption>\n</figure>"
    )


STYLE = """
figure.chart { margin: 0.8rem 0 1.2rem 0; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 100%; }
figure.chart figcaption { font-size: 0.85rem; color: var(--muted); }
figure.chart text { font: 11px Georgia, "Times New Roman", serif; fill: var(--ink); }
figure.chart text.count, figure.chart text.day-label { text-anchor: middle; }
figure.chart text.count { font-size: 10px; fill: var(--muted); }
figure.chart rect.day { fill: none; stroke: none; }
figure.chart rect.bar { fill: #5b7fa6; }
figure.chart line.rule { stroke: var(--rule); }
figure.chart circle.held { fill: var(--ink); stroke: var(--ink); }
figure.chart circle.planned { fill: var(--paper); stroke: var(--ink); stroke-width: 1.5; }
@media print {
  figure.chart rect.bar { fill: #8a8a8a; }
}
"""
