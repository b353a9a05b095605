"""Cohen's kappa and Scott's pi per annotator pair (and their mean), and Fleiss' kappa."""

from __future__ import annotations

from itertools import combinations
from weakref import WeakKeyDictionary

import numpy as np

from .coding_table import MISSING, CodingTable, annotators_on, coding_applicability, inapplicable_evaluation
from .pooled import Evaluation, PooledStatistic, finite_mean, safe_ratio, sum_by_document
from .results import UNEQUAL_ANNOTATORS, MeasureResult, finite_or_none


def _kappa(sums: np.ndarray, n_categories: int) -> np.ndarray:
    """Kappa from [units, agreeing units, a's category counts..., b's category counts...]."""
    n, agreeing = sums[..., 0], sums[..., 1]
    a_counts, b_counts = sums[..., 2:2 + n_categories], sums[..., 2 + n_categories:]
    observed = safe_ratio(agreeing, n)
    chance = safe_ratio((a_counts * b_counts).sum(axis=-1), n * n)
    return safe_ratio(observed - chance, 1.0 - chance)


def _scott_pi(sums: np.ndarray, n_categories: int) -> np.ndarray:
    """Scott's pi (1955) from the same columns: chance from the two coders' pooled marginals."""
    n, agreeing = sums[..., 0], sums[..., 1]
    pooled = sums[..., 2:2 + n_categories] + sums[..., 2 + n_categories:]
    observed = safe_ratio(agreeing, n)
    chance = safe_ratio((pooled ** 2).sum(axis=-1), 4 * n * n)
    return safe_ratio(observed - chance, 1.0 - chance)


def _cohen_statistic(table: CodingTable, a: int, b: int, coefficient=_kappa) -> PooledStatistic:
    v = len(table.categories)
    return PooledStatistic(_pair_columns(table)[(a, b)], lambda s: coefficient(s, v))


# Cohen's kappa and Scott's pi read the same columns: built once per table, the two share one
# matrix, so the bootstrap product and the weekly sums take it once.
_SHARED: WeakKeyDictionary = WeakKeyDictionary()


def _pair_columns(table: CodingTable) -> dict:
    """(a, b) -> (documents, 2 + 2V) columns of every annotator pair, and "stacked" -> those of the
    pairs that compared a unit, side by side."""
    shared = _SHARED.get(table)
    if shared is None:
        shared = {(a, b): _columns_of(table, a, b) for a, b in combinations(range(len(table.annotators)), 2)}
        compared = [s for s in shared.values() if s[:, 0].sum() > 0]
        shared["stacked"] = np.concatenate(compared, axis=1) if compared else None
        _SHARED[table] = shared
    return shared


def _columns_of(table: CodingTable, a: int, b: int) -> np.ndarray:
    # Kappa needs only the diagonal total and the two marginals, not the
    # whole contingency table: 2 + 2V columns per document instead of V^2.
    v = len(table.categories)
    both = (table.values[:, a] != MISSING) & (table.values[:, b] != MISSING)
    va, vb, document = table.values[both, a], table.values[both, b], table.unit_document[both]
    n_docs = table.n_documents
    stats = np.column_stack([
        np.bincount(document, minlength=n_docs),
        np.bincount(document[va == vb], minlength=n_docs),
        np.bincount(document * v + va, minlength=n_docs * v).reshape(n_docs, v),
        np.bincount(document * v + vb, minlength=n_docs * v).reshape(n_docs, v)]).astype(float)
    stats.flags.writeable = False  # shared by kappa and pi
    return stats


def cohen_kappa(table: CodingTable) -> Evaluation:
    """Cohen's kappa of every annotator pair; the headline value is their mean (Light's kappa)."""
    return _pairwise(table, "cohen_kappa", _kappa)


def scott_pi(table: CodingTable) -> Evaluation:
    """Scott's pi of every annotator pair; the headline value is their mean."""
    return _pairwise(table, "scott_pi", _scott_pi)


def _pairwise(table: CodingTable, name: str, coefficient) -> Evaluation:
    pairable = table.pairable
    reason = coding_applicability(table, pairable)
    if reason is not None:
        return inapplicable_evaluation(name, reason, table, pairable)
    index = {a: i for i, a in enumerate(table.annotators)}
    pairs = {(a, b): _cohen_statistic(table, index[a], index[b], coefficient)
             for a, b in combinations(table.annotators, 2)}
    compared = {p: s for p, s in pairs.items() if s.total[0] > 0}
    v = len(table.categories)
    width = 2 + 2 * v
    stacked = _pair_columns(table)["stacked"]  # the compared pairs' columns, in this order
    n_pairs = len(compared)

    def mean_coefficient(sums: np.ndarray) -> np.ndarray:
        return finite_mean(coefficient(sums.reshape(*sums.shape[:-1], n_pairs, width), v))

    statistic = PooledStatistic(stacked, mean_coefficient)
    per_pair = {f"{a}|{b}": finite_or_none(s.value()) for (a, b), s in compared.items()}
    result = MeasureResult(name, finite_or_none(statistic.value()), int(pairable.sum()),
                           annotators_on(table, pairable), details={"pairs": per_pair})
    return Evaluation(result, statistic, pairs)


def fleiss_kappa(table: CodingTable) -> Evaluation:
    counts = table.value_counts
    m = counts.sum(axis=1)
    pairable = m >= 2
    reason = coding_applicability(table, pairable)
    sizes = np.flatnonzero(np.bincount(m[pairable].astype(np.int64))).tolist() if reason is None else []
    if reason is None and len(sizes) > 1:
        reason = f"{UNEQUAL_ANNOTATORS} (found {', '.join(map(str, sizes))})"
    if reason is not None:
        return inapplicable_evaluation("fleiss_kappa", reason, table, pairable)
    raters = sizes[0]
    rows = np.column_stack([np.ones(int(pairable.sum())), (counts[pairable] ** 2).sum(axis=1),
                            counts[pairable]])
    stats = sum_by_document(table.unit_document[pairable], rows, table.n_documents)

    def reduce(sums: np.ndarray) -> np.ndarray:
        units, squares, totals = sums[..., 0], sums[..., 1], sums[..., 2:]
        mean_agreement = safe_ratio(squares - units * raters, units * raters * (raters - 1))
        p = safe_ratio(totals, (units * raters)[..., None])
        chance = (p ** 2).sum(axis=-1)
        return safe_ratio(mean_agreement - chance, 1.0 - chance)

    statistic = PooledStatistic(stats, reduce)
    result = MeasureResult("fleiss_kappa", finite_or_none(statistic.value()), int(pairable.sum()),
                           annotators_on(table, pairable), details={"annotators_per_unit": raters})
    return Evaluation(result, statistic)
