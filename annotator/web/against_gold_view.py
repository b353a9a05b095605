"""Each annotator against gold, as the agreement dashboard draws it: a table of annotators by
figure, each cell coloured on the heatmap's scale and its value printed."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.scheme import Scheme
from .agreement_view import measure_name, variable_name
from .charts import heat_fill, text_fill


@dataclass(frozen=True)
class GoldCell:
    value: float | None
    fill: str
    text: str
    label: str  # for screen readers and the tooltip


@dataclass(frozen=True)
class GoldRow:
    annotator: str
    documents: int
    cells: list[GoldCell]


@dataclass(frozen=True)
class AgainstGoldView:
    columns: list[tuple[str, str, str]]  # (variable key, its name, the primary measure's name)
    rows: list[GoldRow]


def against_gold_view(figures: dict, scheme: Scheme | None, language: str = "en",
                      other: str = "gold") -> AgainstGoldView | None:
    """``other``: what each row is compared with (gold; the recommenders for model agreement)."""
    if not figures:
        return None
    primary: dict[str, str] = {}
    for row in figures.values():
        for key, variable in row["variables"].items():
            primary.setdefault(key, variable["primary"])
    keys = sorted(primary)
    columns = [(key, variable_name(key, scheme, language), measure_name(primary[key])) for key in keys]
    rows = []
    for annotator, row in sorted(figures.items()):
        cells = []
        for key, name, measure in columns:
            value = row["variables"].get(key, {}).get(primary[key])
            shown = "—" if value is None else f"{value:.2f}"
            cells.append(GoldCell(value, heat_fill(value), text_fill(value), f"{annotator} against {other}, {name}, "
                                                                             f"{measure}: {shown}"))
        rows.append(GoldRow(annotator, row["documents"], cells))
    return AgainstGoldView(columns, rows)
