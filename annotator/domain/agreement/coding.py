"""Coding measures: units that every annotator assigns one category to.

Krippendorff's alpha (any distance), percent agreement, Cohen's kappa per
annotator pair and Fleiss' kappa, all over a ``CodingTable`` with missing
values.  Project-level nominal and interval alpha come from the
``krippendorff`` package; the same coefficient is also expressed as
per-document sufficient statistics (observed-disagreement sum and pairable
value counts) for documents, weeks and bootstrap replicates.
"""

from __future__ import annotations

from itertools import combinations
from typing import Sequence

import krippendorff
import numpy as np

from .coding_table import MISSING, CodingTable, annotators_on, coding_applicability, inapplicable_evaluation
from .gwet import gwet_ac
from .kappa import cohen_kappa, fleiss_kappa, scott_pi
from .pooled import (Evaluation, PooledStatistic, SparseRows, column_values, row_sums, safe_ratio,
                     sum_by_document)
from .results import NO_DATA, ONE_ANNOTATOR, MeasureResult, finite_or_none

# Alpha statistics with at most this many columns are stored dense.
DENSE_UP_TO = 64

# --- Krippendorff's alpha ---------------------------------------------------

def alpha_statistic(table: CodingTable, distance: np.ndarray) -> PooledStatistic:
    """Per document: [observed disagreement summed over units, pairable value counts...].

    Stored sparse: a document has a handful of values, while the categories
    can be many (every distinct frame set is one).
    """
    pairable = table.pairable
    values = table.values[pairable]
    document = table.unit_document[pairable]
    present = values != MISSING
    m = present.sum(axis=1)
    # Observed disagreement of a unit: its ordered value pairs' distances
    # over m_u - 1, gathered pair by pair of annotator columns.
    observed = np.zeros(len(values))
    for a, b in combinations(range(values.shape[1]), 2):
        both = present[:, a] & present[:, b]
        observed[both] += 2 * distance[values[both, a], values[both, b]]
    observed /= np.maximum(m - 1, 1)
    return _alpha_from_values(table, document, observed, values[present],
                              np.broadcast_to(document[:, None], values.shape)[present], distance)


def pair_alpha_statistic(table: CodingTable, a: int, b: int, distance: np.ndarray) -> PooledStatistic:
    """``alpha_statistic`` of annotators a and b alone (columns a, b), without copying the table."""
    value_a, value_b = table.values[:, a], table.values[:, b]
    both = (value_a != MISSING) & (value_b != MISSING)
    value_a, value_b, document = value_a[both], value_b[both], table.unit_document[both]
    # With two values a unit's observed disagreement is its two ordered pairs' distance (m_u - 1 = 1).
    observed = 2 * distance[value_a, value_b]
    return _alpha_from_values(table, document, observed, np.concatenate([value_a, value_b]),
                              np.concatenate([document, document]), distance)


def _alpha_from_values(table: CodingTable, document: np.ndarray, observed: np.ndarray, values: np.ndarray,
                       value_document: np.ndarray, distance: np.ndarray) -> PooledStatistic:
    """The alpha statistic from each pairable unit's observed disagreement and the values it holds."""
    rows = np.concatenate([document, value_document])
    columns = np.concatenate([np.zeros(len(document), np.int64), values + 1])
    weights = np.concatenate([observed, np.ones(len(values))])
    stats = SparseRows(rows, columns, weights, (table.n_documents, len(table.categories) + 1))
    if stats.shape[1] <= DENSE_UP_TO:
        stats = stats.to_dense()  # few categories: dense rows join the shared bootstrap product

    def reduce(sums: np.ndarray) -> np.ndarray:
        n_c = sums[..., 1:]
        n = n_c.sum(axis=-1)
        expected = ((n_c @ distance) * n_c).sum(axis=-1)
        return 1.0 - safe_ratio((n - 1) * sums[..., 0], expected)

    def reduce_document(rows: np.ndarray | SparseRows, total: np.ndarray) -> np.ndarray:
        # Do of the document against De of the whole project.
        n_total = total[1:].sum()
        expected = safe_ratio(total[1:] @ distance @ total[1:], n_total * (n_total - 1))
        observed_doc = safe_ratio(column_values(rows, 0), row_sums(rows, from_column=1))
        return 1.0 - safe_ratio(observed_doc, np.full(rows.shape[0], expected))

    return PooledStatistic(stats, reduce, reduce_document)


def alpha_disagreements(statistic: PooledStatistic, distance: np.ndarray) -> dict[str, float]:
    """Observed and expected disagreement (Do, De) behind an alpha value."""
    total = statistic.total
    n_c = total[1:]
    n = n_c.sum()
    return {"observed_disagreement": float(total[0] / n),
            "expected_disagreement": float(n_c @ distance @ n_c / (n * (n - 1))),
            "pairable_values": int(n)}


LEVELS = ("nominal", "ordinal", "interval", "ratio")


def nominal_distance(n_categories: int) -> np.ndarray:
    return 1.0 - np.eye(n_categories)


def interval_distance(scale: Sequence[float]) -> np.ndarray:
    s = np.asarray(scale, dtype=float)
    return (s[:, None] - s[None, :]) ** 2


def ratio_distance(scale: Sequence[float]) -> np.ndarray:
    """((c - k) / (c + k))^2; 0 where c + k = 0 (two zeros agree)."""
    s = np.asarray(scale, dtype=float)
    return np.nan_to_num(safe_ratio(s[:, None] - s[None, :], s[:, None] + s[None, :]) ** 2)


def ordinal_distance(n_values: np.ndarray) -> np.ndarray:
    """Krippendorff's ordinal metric: (sum of n_g from c to k - (n_c + n_k) / 2)^2, from the pairable
    values' frequencies n_g (categories in scale order)."""
    n = np.asarray(n_values, dtype=float)
    running = np.concatenate([[0.0], np.cumsum(n)])
    low, high = np.minimum.outer(np.arange(len(n)), np.arange(len(n))), np.maximum.outer(
        np.arange(len(n)), np.arange(len(n)))
    between = running[high + 1] - running[low]
    return (between - (n[low] + n[high]) / 2) ** 2


def check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"level: unknown level of measurement {level!r}; choose from {', '.join(LEVELS)}")


def krippendorff_alpha(table: CodingTable, level: str = "nominal") -> Evaluation:
    """Alpha at ``level`` "nominal", "ordinal" (categories in their order), "interval" or "ratio"
    (these two need ``table.scale``); any other level is a ValueError.

    The value comes from the ``krippendorff`` package.  The per-document statistic (documents,
    weeks, bootstrap) uses the distance matrix of the whole data; for ordinal alpha that matrix
    depends on the value frequencies, which are held at the project's in every replicate.
    """
    check_level(level)
    name = f"alpha_{level}"
    counts = table.value_counts
    pairable = counts.sum(axis=1) >= 2
    reason = coding_applicability(table, pairable)
    if reason is not None:
        return inapplicable_evaluation(name, reason, table, pairable)
    if level in ("interval", "ratio") and table.scale is None:
        raise ValueError(f"level: {level} alpha needs the table's numeric scale (CodingTable.scale)")
    if level in ("interval", "ratio"):
        domain = np.asarray(table.scale, float)
        distance = interval_distance(domain) if level == "interval" else ratio_distance(domain)
    else:
        domain = np.arange(len(table.categories))
        distance = (nominal_distance(len(table.categories)) if level == "nominal"
                    else ordinal_distance(counts[pairable].sum(axis=0)))
    value = float(krippendorff.alpha(value_counts=counts[pairable], value_domain=domain,
                                     level_of_measurement=level))
    statistic = alpha_statistic(table, distance)
    pairs = {(table.annotators[a], table.annotators[b]): pair_alpha_statistic(table, a, b, distance)
             for a, b in combinations(range(len(table.annotators)), 2)}
    result = MeasureResult(name, finite_or_none(value), int(pairable.sum()),
                           annotators_on(table, pairable),
                           details=alpha_disagreements(statistic, distance))
    return Evaluation(result, statistic, pairs)


# --- percent agreement -------------------------------------------------------

def _share_agreeing(sums: np.ndarray) -> np.ndarray:
    return safe_ratio(sums[..., 0], sums[..., 1])


def _percent_statistic(table: CodingTable) -> PooledStatistic:
    counts = table.value_counts
    m = counts.sum(axis=1)
    pairable = m >= 2
    agreeing = (counts[pairable] * (counts[pairable] - 1)).sum(axis=1) / (m[pairable] * (m[pairable] - 1))
    rows = np.column_stack([agreeing, np.ones_like(agreeing)])
    stats = sum_by_document(table.unit_document[pairable], rows, table.n_documents)
    return PooledStatistic(stats, _share_agreeing)


def _pair_percent_statistic(table: CodingTable, a: int, b: int) -> PooledStatistic:
    # Two annotators agree on a unit or not: the share is 1 or 0, so counting
    # by document gives the same sums as _percent_statistic on the two columns.
    va, vb = table.values[:, a], table.values[:, b]
    both = (va != MISSING) & (vb != MISSING)
    document = table.unit_document[both]
    stats = np.column_stack([np.bincount(document, weights=va[both] == vb[both], minlength=table.n_documents),
                             np.bincount(document, minlength=table.n_documents)]).astype(float)
    return PooledStatistic(stats, _share_agreeing)


def percent_agreement(table: CodingTable) -> Evaluation:
    """Mean over units of the share of annotator pairs that agree (no chance correction)."""
    counts = table.value_counts
    pairable = counts.sum(axis=1) >= 2
    if not (table.values != MISSING).any():
        return inapplicable_evaluation("percent_agreement", NO_DATA, table, pairable)
    if not pairable.any():
        return inapplicable_evaluation("percent_agreement", ONE_ANNOTATOR, table, pairable)
    statistic = _percent_statistic(table)
    pairs = {(table.annotators[a], table.annotators[b]): _pair_percent_statistic(table, a, b)
             for a, b in combinations(range(len(table.annotators)), 2)}
    result = MeasureResult("percent_agreement", finite_or_none(statistic.value()), int(pairable.sum()),
                           annotators_on(table, pairable))
    return Evaluation(result, statistic, pairs)


def coding_measures(table: CodingTable) -> dict[str, Evaluation]:
    """The nominal coding measures, in report order."""
    return {"alpha_nominal": krippendorff_alpha(table, "nominal"), "cohen_kappa": cohen_kappa(table),
            "fleiss_kappa": fleiss_kappa(table), "gwet_ac1": gwet_ac(table), "scott_pi": scott_pi(table),
            "percent_agreement": percent_agreement(table)}
