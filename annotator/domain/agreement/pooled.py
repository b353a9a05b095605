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
from functools import cached_property
from typing import Callable, Mapping, Sequence

import numpy as np

from .results import MeasureResult

Reducer = Callable[[np.ndarray], np.ndarray]
# Bootstrap replicates multiplied into a sparse matrix at a time.
SPARSE_CHUNK = 16


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
        sums = np.empty((len(first), weights.shape[0]), np.float32)
        # A few replicates at a time keep the (non-zeros, replicates) block in
        # cache; ``take`` copies whole rows of the contiguous per-document weights.
        for chunk in range(0, weights.shape[0], SPARSE_CHUNK):
            by_document = np.ascontiguousarray(weights[chunk:chunk + SPARSE_CHUNK].T, dtype=np.float32)
            block = by_document.take(row, axis=0)
            block *= value
            np.add.reduceat(block, first, axis=0, out=sums[:, chunk:chunk + SPARSE_CHUNK])
        out[:, column[first]] = sums.T
        return out

    def to_dense(self) -> np.ndarray:
        # bincount adds repeated coordinates in order, exactly like np.add.at, but far faster
        cells = np.bincount(self.row * self.shape[1] + self.column, weights=self.value,
                            minlength=self.shape[0] * self.shape[1])
        return cells.astype(np.float64, copy=False).reshape(self.shape)

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

    @cached_property
    def total(self) -> np.ndarray:
        # Read by every view (pairs, annotator vs rest, documents); stats never change.
        total = self.stats.sum(axis=0)
        total.flags.writeable = False  # shared by every reader
        return total

    def value(self) -> float:
        return float(self.reduce(self.total))

    def group_values(self, groups: Grouping) -> np.ndarray:
        """Values of groups of documents (e.g. weeks)."""
        if isinstance(self.stats, SparseRows):
            return self.reduce(self.stats.group_rows(groups.group, groups.n_groups))
        return self.reduce(groups.sums(self.stats))

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


def pooled_value(statistics: Sequence[PooledStatistic], totals: dict | None = None) -> float:
    """``pool(statistics).value()``; ``totals`` keeps the summed totals by the matrices summed,
    for statistics that share matrices but not their reducer (a pair's statistics of every label)."""
    if totals is None:
        return pool(statistics).value()
    key = tuple(id(s.stats) for s in statistics)
    kept = totals.get(key)
    if kept is None or any(a is not s.stats for a, s in zip(kept[0], statistics)):
        kept = ([s.stats for s in statistics], pool(statistics).total)
        totals[key] = kept
    return float(statistics[0].reduce(kept[1]))


def pool(statistics: Sequence[PooledStatistic]) -> PooledStatistic:
    """Sum statistics that share a reducer (e.g. several annotator pairs)."""
    first = statistics[0]
    stats = statistics[0].stats
    for other in statistics[1:]:
        stats = stats + other.stats
    return PooledStatistic(stats, first.reduce, first.reduce_document)


@dataclass(frozen=True, eq=False)
class Grouping:
    """Rows grouped by a code (a document, a week...), sorted once so that any
    number of matrices can be summed by group; group -1 = left out."""

    group: np.ndarray
    n_groups: int

    @cached_property
    def _runs(self) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
        """Member rows in group order (None: every row, already in order), each run's group and start."""
        members = np.flatnonzero(self.group >= 0)
        group = self.group[members]
        if np.any(group[1:] < group[:-1]):
            order = np.argsort(group, kind="stable")
            members, group = members[order], group[order]
        elif len(members) == len(self.group):
            members = None  # units usually come in document order already: no copy needed
        first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else np.empty(0, np.int64)
        return members, group[first], first

    @cached_property
    def _summed(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        return {}

    def sums(self, rows: np.ndarray) -> np.ndarray:
        """(n_groups, k) sums of the rows (one per grouped row) of each group.

        Several measures read one statistics matrix (kappa and pi, the labels of one continuum),
        and the weekly figures and the drift read the same one: each matrix is summed once.  The
        sums are read-only, and kept with the matrix so that its id cannot be reused meanwhile."""
        summed = self._summed.get(id(rows))
        if summed is not None and summed[0] is rows:
            return summed[1]
        width = rows.shape[-1] if rows.ndim > 1 else 1
        out = np.zeros((self.n_groups, width))
        members, groups, first = self._runs
        if len(groups):
            grouped = rows.reshape(len(self.group), width)
            out[groups] = np.add.reduceat(grouped if members is None else grouped[members], first, axis=0)
        out.flags.writeable = False
        self._summed[id(rows)] = (rows, out)
        return out


def sum_by_document(document: np.ndarray, rows: np.ndarray, n_documents: int) -> np.ndarray:
    """Add the rows (units, k) of each document into (documents, k)."""
    return Grouping(document, n_documents).sums(rows)


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
