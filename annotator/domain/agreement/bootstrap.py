"""Percentile bootstrap over documents.

Documents (those with two or more done sets) are drawn with replacement;
replicate r gives each document a weight = how often it was drawn.  Because
every measure is a function of summed per-document statistics, a replicate
is one weighted sum, and all statistics of a report are resampled together
with ONE matrix product (replicates x documents) @ (documents x columns).
The same draws are used for every measure, so intervals are comparable.
"""

from __future__ import annotations

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
        draws = rng.integers(0, len(pool), size=(min(DRAW_BLOCK, replicates - first), len(pool)), dtype=np.int32)
        for r, drawn in enumerate(draws, start=first):
            weights[r, columns] = np.bincount(drawn, minlength=len(pool))
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


def percentile_intervals(statistics: Sequence[PooledStatistic], eligible: np.ndarray, replicates: int,
                         seed: int, confidence: float = 0.95) -> list[tuple[float | None, float | None, float]]:
    """(low, high, share of replicates where the measure was defined) per statistic."""
    if replicates <= 0 or not statistics:
        return [(None, None, 0.0)] * len(statistics)
    weights = draw_weights(eligible, replicates, seed)
    tail = (1.0 - confidence) / 2 * 100
    out = []
    for statistic, sums in zip(statistics, replicate_sums(statistics, weights)):
        values = statistic.reduce(sums)
        defined = values[np.isfinite(values)]
        if len(defined) == 0:
            out.append((None, None, 0.0))
            continue
        low, high = np.percentile(defined, [tail, 100 - tail])
        out.append((float(low), float(high), len(defined) / replicates))
    return out
