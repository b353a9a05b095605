"""Gwet's AC1 (nominal) and AC2 (weighted), Handbook of Inter-Rater Reliability (4th ed., 2014), ch. 4-5.

With r_ik the raters who put unit i in category k, r_i their total, w the weights (identity for
AC1), r*_ik = sum_l w_kl r_il and q the number of categories:

    p_a = mean over units with r_i >= 2 of  sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1))
    pi_k = mean over units with r_i >= 1 of r_ik / r_i
    p_e = T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k),   T_w = sum of all weights
    AC = (p_a - p_e) / (1 - p_e)

Missing ratings are allowed (a unit rated once enters pi_k but not p_a).  Unlike kappa, AC1 is
defined when only one category was used (p_e = 0): it then equals the observed agreement.
Per-document columns [sum p_a, units r>=2, sum r_ik / r_i (q columns), units r>=1] make it summable
for documents, weeks, pairs and the bootstrap.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np

from .coding_table import MISSING, CodingTable, annotators_on, inapplicable_evaluation
from .pooled import Evaluation, PooledStatistic, safe_ratio, sum_by_document
from .results import NO_DATA, ONE_ANNOTATOR, ONE_CATEGORY, MeasureResult, finite_or_none

WEIGHTS = ("identity", "ordinal", "linear", "quadratic")


def gwet_weights(kind: str, n_categories: int, scale=None) -> np.ndarray:
    """Gwet's weights: identity (AC1), ordinal (1 - C(M_kl, 2) / C(q, 2), M_kl = categories from k
    to l inclusive), linear and quadratic (on ``scale``, or the category ranks)."""
    if kind not in WEIGHTS:
        raise ValueError(f"weights: unknown weights {kind!r}; choose from {', '.join(WEIGHTS)}")
    q = n_categories
    if kind == "identity" or q < 2:
        return np.eye(q)
    rank = np.arange(q)
    if kind == "ordinal":
        m = np.abs(rank[:, None] - rank[None, :]) + 1
        return 1.0 - (m * (m - 1) / 2) / (q * (q - 1) / 2)
    x = np.asarray(scale if scale is not None else rank, dtype=float)
    spread = x.max() - x.min()
    gap = np.abs(x[:, None] - x[None, :]) / spread
    return 1.0 - (gap if kind == "linear" else gap ** 2)


def _unit_rows(counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Per unit: [p_a term, rated by two or more, r_ik / r_i ..., rated at all].

    A unit's row depends on its count vector alone, and a hundred thousand units hold only a
    few dozen distinct vectors (a handful of raters over a handful of categories): the rows are
    computed once per distinct vector and handed out."""
    if len(counts) == 0:
        return _rows_of(counts, weights)
    base = int(counts.max()) + 1
    if base ** counts.shape[1] > 1 << 62:  # too many possible vectors to number: row by row
        return _rows_of(counts, weights)
    key = counts.astype(np.int64) @ (base ** np.arange(counts.shape[1], dtype=np.int64))
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return _rows_of(counts[first], weights)[inverse.reshape(-1)]


def _rows_of(counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    r = counts.sum(axis=1)
    weighted = counts @ weights.T
    pairable = r >= 2
    agreement = np.where(pairable, (counts * (weighted - 1)).sum(axis=1) / np.maximum(r * (r - 1), 1), 0.0)
    shares = counts / np.maximum(r, 1)[:, None]
    return np.column_stack([agreement, pairable, shares, r >= 1]).astype(float)


def _reducer(weights: np.ndarray):
    q = len(weights)
    chance_factor = weights.sum() / (q * (q - 1))

    def reduce(sums: np.ndarray) -> np.ndarray:
        observed = safe_ratio(sums[..., 0], sums[..., 1])
        pi = safe_ratio(sums[..., 2:2 + q], sums[..., 2 + q:3 + q])
        chance = chance_factor * (pi * (1 - pi)).sum(axis=-1)
        return safe_ratio(observed - chance, 1.0 - chance)

    return reduce


def _statistic(table: CodingTable, counts: np.ndarray, weights: np.ndarray) -> PooledStatistic:
    rated = counts.sum(axis=1) >= 1
    rows = _unit_rows(counts[rated], weights)
    return PooledStatistic(sum_by_document(table.unit_document[rated], rows, table.n_documents), _reducer(weights))


def _pair_counts(table: CodingTable, a: int, b: int) -> np.ndarray:
    q = len(table.categories)
    both = (table.values[:, a] != MISSING) & (table.values[:, b] != MISSING)
    unit = np.flatnonzero(both)
    cells = np.concatenate([unit * q + table.values[both, a], unit * q + table.values[both, b]])
    return np.bincount(cells, minlength=len(table.values) * q).reshape(len(table.values), q).astype(float)


def gwet_ac(table: CodingTable, weights: str = "identity", name: str | None = None) -> Evaluation:
    """AC1 (identity weights) or AC2 (``weights`` ordinal, linear or quadratic) over every annotator;
    pairs are computed on the units both coded."""
    name = name or ("gwet_ac1" if weights == "identity" else f"gwet_ac2_{weights}")
    matrix = gwet_weights(weights, len(table.categories), table.scale)
    counts = table.value_counts
    pairable = counts.sum(axis=1) >= 2
    if not (table.values != MISSING).any():
        return inapplicable_evaluation(name, NO_DATA, table, pairable)
    if not pairable.any():
        return inapplicable_evaluation(name, ONE_ANNOTATOR, table, pairable)
    if len(table.categories) < 2:
        return inapplicable_evaluation(name, ONE_CATEGORY, table, pairable)
    statistic = _statistic(table, counts, matrix)
    pairs = {(table.annotators[a], table.annotators[b]): _statistic(table, _pair_counts(table, a, b), matrix)
             for a, b in combinations(range(len(table.annotators)), 2)}
    total = statistic.total
    q = len(matrix)
    pi = total[2:2 + q] / total[2 + q]
    details = {"observed_agreement": float(total[0] / total[1]),
               "chance_agreement": float(matrix.sum() / (q * (q - 1)) * (pi * (1 - pi)).sum()),
               "categories": q, "weights": weights}
    result = MeasureResult(name, finite_or_none(statistic.value()), int(pairable.sum()),
                           annotators_on(table, pairable), details=details)
    return Evaluation(result, statistic, pairs)



