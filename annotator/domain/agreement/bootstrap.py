"""Percentile bootstrap over documents.

Documents (those with two or more done sets) are drawn with replacement;
replicate r gives each document a weight = how often it was drawn.  Because
every measure is a function of summed per-document statistics, a replicate
is one weighted sum, and all statistics of a report are resampled together
with ONE matrix product (replicates x documents) @ (documents x columns).
The same draws are used for every measure, so intervals are comparable.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable
from typing import Sequence

import numpy as np

from .pooled import PooledStatistic, SparseRows

DRAW_BLOCK = 64  # replicates drawn per call to the generator


def draw_weights(eligible: np.ndarray, replicates: int, seed: int) -> np.ndarray:
    """(replicates, documents) draw counts; documents not ``eligible`` are never drawn."""
    rng = np.random.default_rng(seed)
    pool = np.flatnonzero(eligible)
    weights = np.zeros((replicates, len(eligible)), dtype=np.float32)  # counts: exact in float32
    if len(pool) == 0:
        return weights
    columns = slice(None) if len(pool) == len(eligible) else pool  # all eligible: plain row writes
    # Drawn a block of replicates at a time: the generator continues its stream
    # across calls, so the draws are the same as in one call, without holding them all.
    for first in range(0, replicates, DRAW_BLOCK):
        block = min(DRAW_BLOCK, replicates - first)
        draws = rng.integers(0, len(pool), size=(block, len(pool)), dtype=np.int32)
        # one bincount for the block: replicate r's draws offset by r x pool
        offset = (np.arange(block, dtype=np.int64) * len(pool))[:, None]
        counts = np.bincount((draws + offset).reshape(-1), minlength=block * len(pool)).reshape(block, len(pool))
        weights[first:first + block, columns] = counts
    return weights


def replicate_sums(statistics: Sequence[PooledStatistic], weights: np.ndarray) -> list[np.ndarray]:
    """weights @ stats for every statistic.

    Dense statistics share ONE matrix product, each distinct stats matrix
    once (several measures may read the same counts).  The product runs in
    float32: replicate sums only feed percentiles, and float32 keeps about
    seven significant digits while halving the work.
    """
    out: list[np.ndarray | None] = [None] * len(statistics)
    columns: dict[int, tuple[int, int]] = {}
    blocks = []
    width = 0
    for statistic in statistics:
        stats = statistic.stats
        if not isinstance(stats, SparseRows) and id(stats) not in columns:
            columns[id(stats)] = (width, width + stats.shape[1])
            blocks.append(stats)
            width += stats.shape[1]
    if blocks:
        # Cast block by block into one float32 matrix, without a float64 copy of all of them first.
        matrix = np.empty((weights.shape[1], width), np.float32)
        for stats, (low, high) in zip(blocks, columns.values()):
            matrix[:, low:high] = stats
        product = (weights @ matrix).astype(np.float64)
    for k, statistic in enumerate(statistics):
        if isinstance(statistic.stats, SparseRows):
            out[k] = weights @ statistic.stats
        else:
            low, high = columns[id(statistic.stats)]
            out[k] = product[:, low:high]
    return out


# Krippendorff (2004, p. 241): alpha >= 0.800 for firm conclusions, >= 0.667 for tentative ones.
THRESHOLDS = (0.667, 0.800)
# Interval ends this close to the point estimate, on the wrong side of it, are float rounding
# (replicate sums run in float32): they are put back on the estimate.
ROUNDING = 1e-6


@dataclass(frozen=True)
class Interval:
    low: float | None
    high: float | None
    defined: int  # replicates in which the measure had a value
    below: dict[float, float]  # threshold -> share of the defined replicates below it


def replicate_values(statistics: Sequence[PooledStatistic], eligible: np.ndarray, replicates: int,
                     seed: int, part: Callable[[], object] = lambda: None) -> list[np.ndarray]:
    """Each statistic's value in every replicate (NaN where undefined), from the same draws.
    ``part()`` is called after the draws and sums, then after each statistic's values."""
    if replicates <= 0 or not statistics:
        return [np.empty(0)] * len(statistics)
    weights = draw_weights(eligible, replicates, seed)
    sums = replicate_sums(statistics, weights)
    part()
    values = []
    for statistic, summed in zip(statistics, sums):
        values.append(statistic.reduce(summed))
        part()
    return values


def honest_interval(values: np.ndarray, estimate: float, confidence: float = 0.95) -> Interval:
    """Percentile interval of the defined replicates, never on the wrong side of the estimate by rounding
    and never above 1 (no measure here exceeds 1)."""
    return honest_intervals(np.asarray(values)[None, :], [estimate], confidence)[0]


def honest_intervals(values: np.ndarray, estimates: Sequence[float], confidence: float = 0.95) -> list[Interval]:
    """``honest_interval`` of each row of ``values`` (one row of replicates per estimate).

    Rows without an undefined replicate take their percentiles in one call, which is what a
    report with a thousand week intervals needs; the figures are those of one row at a time."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    tail = (1.0 - confidence) / 2 * 100
    ends = np.full((len(values), 2), np.nan)
    complete = finite.all(axis=1) & (values.shape[1] > 0)
    if complete.any():
        ends[complete] = np.percentile(values[complete], [tail, 100 - tail], axis=1).T
    for row in np.flatnonzero(~complete & finite.any(axis=1)).tolist():
        ends[row] = np.percentile(values[row][finite[row]], [tail, 100 - tail])
    defined = finite.sum(axis=1).tolist()
    below = {t: np.count_nonzero(values < t, axis=1).tolist() for t in THRESHOLDS}  # NaN is never below
    out = []
    for k, (estimate, low, high) in enumerate(zip(estimates, ends[:, 0].tolist(), ends[:, 1].tolist())):
        if defined[k] == 0:
            out.append(Interval(None, None, 0, {}))
            continue
        slack = ROUNDING * max(1.0, abs(estimate))
        if estimate < low <= estimate + slack:
            low = estimate
        if estimate - slack <= high < estimate:
            high = estimate
        low, high = min(low, 1.0), min(high, 1.0)
        out.append(Interval(low, high, defined[k], {t: float(below[t][k] / defined[k]) for t in THRESHOLDS}))
    return out


def percentile_intervals(statistics: Sequence[PooledStatistic], eligible: np.ndarray, replicates: int,
                         seed: int, confidence: float = 0.95) -> list[tuple[float | None, float | None, float]]:
    """(low, high, share of replicates where the measure was defined) per statistic."""
    if replicates <= 0 or not statistics:
        return [(None, None, 0.0)] * len(statistics)
    out = []
    for statistic, values in zip(statistics, replicate_values(statistics, eligible, replicates, seed)):
        interval = honest_interval(values, statistic.value(), confidence)
        out.append((interval.low, interval.high, interval.defined / replicates))
    return out
