"""Each annotator against gold, as the agreement dashboard draws it: a table of annotators by
figure, each cell coloured on the heatmap's scale and its value printed."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.scheme import Scheme
from .agreement_view import measure_name, variable_name
from ..i18n import N_, Phrase
from .charts import figure_text, heat_fill, text_fill


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


# A cell's title, by what its row is compared with.
AGAINST = {"gold": N_("{annotator} against gold, {name}, {measure}: {value}"),
           "the recommenders": N_("{annotator} against the recommenders, {name}, {measure}: {value}")}


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
    columns = [(key, variable_name(key, scheme, language), measure_name(primary[key], language)) for key in keys]
    rows = []
    for annotator, row in sorted(figures.items()):
        cells = []
        for key, name, measure in columns:
            value = row["variables"].get(key, {}).get(primary[key])
            label = Phrase(AGAINST[other], annotator=annotator, name=name, measure=measure,
                           value=figure_text(value, 2))
            cells.append(GoldCell(value, heat_fill(value), text_fill(value), label.in_language(language)))
        rows.append(GoldRow(annotator, row["documents"], cells))
    return AgainstGoldView(columns, rows)
