"""Reliability data for coding measures: units x annotators, with missing values."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Hashable, Mapping, Sequence

import numpy as np

from .pooled import Evaluation
from .results import NO_DATA, ONE_ANNOTATOR, ONE_CATEGORY, MeasureResult

MISSING = -1


def is_missing(value) -> bool:
    """None and a float NaN are missing values, never a category."""
    return value is None or (isinstance(value, (float, np.floating)) and math.isnan(value))


@dataclass(frozen=True, eq=False)
class CodingTable:
    """Reliability data: one row per unit, one column per annotator.

    ``values`` holds category codes (index into ``categories``), -1 = missing.
    ``scale`` gives each category's number for interval measures.
    """

    values: np.ndarray
    categories: tuple[Hashable, ...]
    annotators: tuple[str, ...]
    unit_document: np.ndarray
    n_documents: int
    scale: tuple[float, ...] | None = None

    @classmethod
    def from_units(cls, units: Sequence[Mapping[str, Hashable | None]], *,
                   unit_documents: Sequence[int] | None = None, n_documents: int | None = None,
                   categories: Sequence[Hashable] | None = None,
                   scale: Mapping[Hashable, float] | None = None) -> CodingTable:
        """Build from ``[{annotator: value or None}, ...]``; convenient for small data."""
        annotators = tuple(sorted({a for unit in units for a in unit}))
        seen = sorted({v for unit in units for v in unit.values() if not is_missing(v)}, key=repr)
        categories = tuple(categories) if categories is not None else tuple(
            sorted(seen, key=lambda c: scale[c]) if scale else seen)
        code = {c: i for i, c in enumerate(categories)}
        values = np.full((len(units), len(annotators)), MISSING, dtype=np.int64)
        column = {a: i for i, a in enumerate(annotators)}
        for row, unit in enumerate(units):
            for annotator, value in unit.items():
                if not is_missing(value):
                    values[row, column[annotator]] = code[value]
        documents = np.zeros(len(units), np.int64) if unit_documents is None else np.asarray(
            unit_documents, np.int64)
        n_documents = n_documents or (int(documents.max()) + 1 if len(documents) else 1)
        return cls(values, categories, annotators, documents, n_documents,
                   tuple(float(scale[c]) for c in categories) if scale else None)

    def columns(self, names: Sequence[str]) -> CodingTable:
        index = [self.annotators.index(n) for n in names]
        return CodingTable(self.values[:, index], self.categories, tuple(names), self.unit_document,
                           self.n_documents, self.scale)

    @cached_property
    def value_counts(self) -> np.ndarray:
        """(units, categories): how many annotators gave each category."""
        n_units, n_categories = len(self.values), len(self.categories)
        present = self.values != MISSING
        cells = (np.arange(n_units)[:, None] * n_categories + self.values)[present]
        return np.bincount(cells, minlength=n_units * n_categories).reshape(n_units, n_categories).astype(float)

    @cached_property
    def pairable(self) -> np.ndarray:
        """Units with values from two or more annotators."""
        return (self.values != MISSING).sum(axis=1) >= 2


def coding_applicability(table: CodingTable, pairable: np.ndarray) -> str | None:
    if not (table.values != MISSING).any():
        return NO_DATA
    if not pairable.any():
        return ONE_ANNOTATOR
    used = table.values[pairable]
    used = used[used != MISSING]
    if len(used) == 0 or used.min() == used.max():
        return ONE_CATEGORY
    return None


def annotators_on(table: CodingTable, pairable: np.ndarray) -> int:
    return int(np.any(table.values[pairable] != MISSING, axis=0).sum())


def inapplicable_evaluation(name: str, reason: str, table: CodingTable, pairable: np.ndarray) -> Evaluation:
    return Evaluation(MeasureResult.inapplicable(name, reason, int(pairable.sum()),
                                                 annotators_on(table, pairable)))
