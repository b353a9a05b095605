"""Geometry and colours for the server-drawn SVG charts (bars, heatmap, intervals).

The pages' strict Content-Security-Policy forbids style attributes, so every size is an SVG
attribute (width="...") computed here and every colour is either an SVG fill attribute or one
of a fixed set of CSS classes; templates only place what these functions return.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..i18n import Phrase

BAR_WIDTH = 320
LRM, MINUS = "\u200e", "\u2212"


def figure_text(value: float | None, places: int = 3) -> str:
    """A figure as the pages print it: a negative one with the minus sign (U+2212) behind a
    left-to-right mark, so that in a right-to-left page the sign stays before its digits
    (a bare "-0.12" in Arabic text shows as "0.12-"). Works in text, attributes and SVG alike."""
    if value is None:
        return "—"
    shown = f"{abs(value):.{places}f}"
    return f"{LRM}{MINUS}{shown}" if value < 0 and shown.strip("0.") else shown


@dataclass(frozen=True)
class Segment:
    key: str
    count: int
    x: float
    width: float


def stacked_bar(counts: Mapping[str, int], order: Sequence[str], width: float = BAR_WIDTH,
                total: int | None = None) -> list[Segment]:
    """Segments of one horizontal bar, in ``order``, scaled to ``width`` for ``total`` items."""
    total = total if total is not None else sum(counts.get(k, 0) for k in order)
    segments, x = [], 0.0
    for key in order:
        count = counts.get(key, 0)
        if count and total:
            w = width * count / total
            segments.append(Segment(key, count, round(x, 2), round(w, 2)))
            x += w
    return segments


def scaled(value: float, maximum: float, width: float = BAR_WIDTH) -> float:
    return round(width * value / maximum, 2) if maximum else 0.0


# Agreement coefficients run from below 0 (worse than chance) to 1: reds under 0, then a
# light-to-dark blue ramp, so darker always means more agreement; 0 is near white.
_NEGATIVE = ((0.0, (250, 250, 250)), (1.0, (200, 60, 50)))
_POSITIVE = ((0.0, (250, 250, 250)), (0.5, (140, 190, 225)), (1.0, (20, 80, 150)))


def _ramp(stops, t: float) -> tuple[int, int, int]:
    t = max(0.0, min(1.0, t))
    for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
        if t <= t1:
            f = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
            return tuple(round(a + (b - a) * f) for a, b in zip(c0, c1))
    return stops[-1][1]


def heat_fill(value: float | None) -> str:
    if value is None:
        return "#e8e8ec"
    rgb = _ramp(_NEGATIVE, -value) if value < 0 else _ramp(_POSITIVE, value)
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def text_fill(value: float | None) -> str:
    """Black on light cells, white on dark ones, so the printed value stays readable."""
    if value is None:
        return "#1d1d1f"
    r, g, b = (int(heat_fill(value)[i:i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 140 else "#1d1d1f"


@dataclass(frozen=True)
class HeatCell:
    row: str
    column: str
    value: float | None
    x: int
    y: int
    fill: str
    text: str
    label: str


def heatmap(annotators: Sequence[str], matrix: Sequence[Sequence[float | None]], measure: str,
            cell: int = 64, language: str = "en") -> list[HeatCell]:
    cells = []
    for i, row in enumerate(annotators):
        for j, column in enumerate(annotators):
            value = matrix[i][j]
            shown = figure_text(value, 2)
            label = (Phrase("{row} and {column}: {measure} {value}", row=row, column=column, measure=measure,
                            value=shown) if i != j else Phrase("{row}: same annotator", row=row))
            label = label.in_language(language)
            cells.append(HeatCell(row, column, value, j * cell, i * cell, heat_fill(value) if i != j else "#ffffff",
                                  text_fill(value), label))
    return cells


@dataclass(frozen=True)
class IntervalRow:
    name: str
    value: float | None
    low: float | None
    high: float | None
    reason: str | None
    units: int
    x0: float  # where 0 is
    bar_x: float
    bar_width: float
    ci_x1: float | None
    ci_x2: float | None


def interval_rows(rows: Sequence[Mapping], width: float = BAR_WIDTH) -> tuple[list[IntervalRow], float]:
    """Bars for values on one axis from min(0, lowest) to 1, with their confidence intervals."""
    lows = [min(r["value"], r.get("low") if r.get("low") is not None else r["value"])
            for r in rows if r.get("value") is not None]
    floor = min([0.0, *lows])
    span = 1.0 - floor

    def x(v: float) -> float:
        return round(width * (max(floor, min(1.0, v)) - floor) / span, 2)

    out = []
    for r in rows:
        v, lo, hi = r.get("value"), r.get("low"), r.get("high")
        x0 = x(0.0)
        bar_x, bar_w = (min(x0, x(v)), abs(x(v) - x0)) if v is not None else (x0, 0.0)
        out.append(IntervalRow(r["name"], v, lo, hi, r.get("reason"), r.get("units", 0), x0, bar_x, bar_w,
                               x(lo) if lo is not None else None, x(hi) if hi is not None else None))
    return out, x(0.0)
