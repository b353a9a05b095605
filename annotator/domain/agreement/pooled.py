"""Per-document sufficient statistics.

Every measure is computed from a matrix ``stats`` with one row per document
and a ``reduce`` function that turns a SUM of rows into the measure's value.
Because sums are all that is needed, one matrix serves the project figure
(sum of all rows), each document (its own row), each week (a sum over the
week's rows) and each bootstrap replicate (a weighted sum with the number of
times each document was drawn), without going back to the raw records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np

from .results import MeasureResult

Reducer = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True, eq=False)
class SparseRows:
    """A (documents, k) matrix with few non-zeros per row, kept as coordinates.

    Used when k is large (e.g. one column per distinct frame set) so that
    neither the per-document matrix nor the bootstrap product is dense.
    Repeated coordinates add up.
    """

    row: np.ndarray
    column: np.ndarray
    value: np.ndarray
    shape: tuple[int, int]
    # Makes ``ndarray @ SparseRows`` defer to __rmatmul__ instead of
    # converting this object to an array.
    __array_ufunc__ = None

    def sum(self, axis: int = 0) -> np.ndarray:
        index = self.column if axis == 0 else self.row
        return np.bincount(index, weights=self.value, minlength=self.shape[1 - axis])

    def __rmatmul__(self, weights: np.ndarray) -> np.ndarray:
        """weights (r, documents) @ self -> (r, k) without densifying self (float32 inside)."""
        weights = np.atleast_2d(weights)
        out = np.zeros((weights.shape[0], self.shape[1]))
        if len(self.value) == 0:
            return out
        order = np.argsort(self.column, kind="stable")
        column, row = self.column[order], self.row[order]
        value = self.value[order].astype(np.float32)[:, None]
        first = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
        by_document = np.ascontiguousarray(weights.T, dtype=np.float32)
        for chunk in range(0, weights.shape[0], 256):  # bounds the (non-zeros, chunk) temporary
            block = by_document[row, chunk:chunk + 256]
            block *= value
            out[chunk:chunk + 256, column[first]] = np.add.reduceat(block, first, axis=0).T
        return out

    def to_dense(self) -> np.ndarray:
        dense = np.zeros(self.shape)
        np.add.at(dense, (self.row, self.column), self.value)
        return dense

    def __add__(self, other: SparseRows) -> SparseRows:
        return SparseRows(np.concatenate([self.row, other.row]), np.concatenate([self.column, other.column]),
                          np.concatenate([self.value, other.value]), self.shape)

    def group_rows(self, group: np.ndarray, n_groups: int) -> np.ndarray:
        """(n_groups, k) sums of the rows of each group; group -1 = left out."""
        g = group[self.row]
        keep = g >= 0
        cells = np.bincount(g[keep] * self.shape[1] + self.column[keep], weights=self.value[keep],
                            minlength=n_groups * self.shape[1])
        return cells.reshape(n_groups, self.shape[1])

    def column_values(self, j: int) -> np.ndarray:
        picked = self.column == j
        return np.bincount(self.row[picked], weights=self.value[picked], minlength=self.shape[0])

    def row_sums(self, from_column: int = 0) -> np.ndarray:
        picked = self.column >= from_column
        return np.bincount(self.row[picked], weights=self.value[picked], minlength=self.shape[0])

    def nonzero_rows(self) -> np.ndarray:
        return np.bincount(self.row, weights=np.abs(self.value), minlength=self.shape[0]) > 0


def column_values(stats: np.ndarray | SparseRows, j: int) -> np.ndarray:
    return stats.column_values(j) if isinstance(stats, SparseRows) else stats[:, j]


def row_sums(stats: np.ndarray | SparseRows, from_column: int = 0) -> np.ndarray:
    return stats.row_sums(from_column) if isinstance(stats, SparseRows) else stats[:, from_column:].sum(axis=1)


def rows_with_data(stats: np.ndarray | SparseRows) -> np.ndarray:
    if isinstance(stats, SparseRows):
        return stats.nonzero_rows()
    return np.any(stats != 0, axis=1)


@dataclass(frozen=True, eq=False)
class PooledStatistic:
    stats: np.ndarray | SparseRows  # (documents, k)
    reduce: Reducer  # (..., k) sums -> (...) values; NaN where undefined
    # Value of one document given its row and the project total; defaults to
    # ``reduce(row)``.  Chance-corrected coefficients override it so that a
    # single document is judged against the project's expected disagreement.
    reduce_document: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None

    @property
    def total(self) -> np.ndarray:
        return self.stats.sum(axis=0)

    def value(self) -> float:
        return float(self.reduce(self.total))

    def group_values(self, group: np.ndarray, n_groups: int) -> np.ndarray:
        """Values of groups of documents (e.g. weeks); ``group`` is -1 for none."""
        if isinstance(self.stats, SparseRows):
            return self.reduce(self.stats.group_rows(group, n_groups))
        keep = group >= 0
        return self.reduce(sum_by_document(group[keep], self.stats[keep], n_groups))

    def document_values(self) -> np.ndarray:
        if self.reduce_document is not None:
            return self.reduce_document(self.stats, self.total)
        return self.reduce(self.stats)

    def contributing_documents(self) -> np.ndarray:
        return np.flatnonzero(rows_with_data(self.stats))


@dataclass(frozen=True, eq=False)
class Evaluation:
    """A measure's result plus what the views need to slice it further."""

    result: MeasureResult
    statistic: PooledStatistic | None = None
    # (annotator, annotator) -> statistic of that pair alone, names sorted
    pairs: Mapping[tuple[str, str], PooledStatistic] = field(default_factory=dict)


def pool(statistics: Sequence[PooledStatistic]) -> PooledStatistic:
    """Sum statistics that share a reducer (e.g. several annotator pairs)."""
    first = statistics[0]
    stats = statistics[0].stats
    for other in statistics[1:]:
        stats = stats + other.stats
    return PooledStatistic(stats, first.reduce, first.reduce_document)


def sum_by_document(document: np.ndarray, rows: np.ndarray, n_documents: int) -> np.ndarray:
    """Add the rows (units, k) of each document into (documents, k)."""
    width = rows.shape[-1] if rows.ndim > 1 else 1
    out = np.zeros((n_documents, width))
    if len(document) == 0:
        return out
    rows = rows.reshape(len(document), width)
    order = np.argsort(document, kind="stable")
    document, rows = document[order], rows[order]
    first = np.flatnonzero(np.r_[True, document[1:] != document[:-1]])
    out[document[first]] = np.add.reduceat(rows, first, axis=0)
    return out


def safe_ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator with NaN (and no warning) where the denominator is 0."""
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out if out.ndim else out[()]


def finite_mean(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """Mean over finite entries; NaN (and no warning) where there are none."""
    finite = np.isfinite(values)
    return safe_ratio(np.where(finite, values, 0.0).sum(axis=axis), finite.sum(axis=axis))
