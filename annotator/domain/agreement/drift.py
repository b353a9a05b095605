"""Drift: each week's figure against the project's running figure, with the week's own interval.

A document's week is given by the service (when its second set was marked done).  For the main
measure of a variable, each week gets its value, a percentile bootstrap interval over its own
documents (``DRIFT_REPLICATES`` replicates, only with ``min_documents`` comparable documents or
more) and the running figure: the measure over every document up to and including that week.
A week is flagged when its whole interval lies below the running figure (its upper end is under
it): the drop is larger than the week's own uncertainty.  Measures kept as sparse statistics
(thousands of categories, such as MASI over frame sets) get weekly values without intervals:
their chance term costs categories squared per replicate and week.  Weeks sort chronologically by label
(ISO weeks, "2026-W07").
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .bootstrap import honest_intervals
from .pooled import Evaluation, Grouping, SparseRows, rows_with_data
from ...i18n import N_
from .results import finite_or_none

DRIFT_REPLICATES = 200


class WeekDraws:
    """Bootstrap draws within each week, made once and shared by every variable of a report."""

    def __init__(self, weeks: Grouping, eligible: np.ndarray, replicates: int, seed: int) -> None:
        self.weeks, self.eligible, self.replicates, self.seed = weeks, eligible, replicates, seed
        self._draws: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._sums: dict[tuple[int, int], np.ndarray] = {}
        self._counted: dict[int, tuple[object, np.ndarray]] = {}

    def documents_per_week(self, stats) -> np.ndarray:
        """How many eligible documents with data each week has (once per statistics matrix)."""
        cached = self._counted.get(id(stats))
        if cached is None or cached[0] is not stats:
            member = self.eligible & rows_with_data(stats) & (self.weeks.group >= 0)
            cached = (stats, np.bincount(self.weeks.group[member], minlength=self.weeks.n_groups))
            self._counted[id(stats)] = cached
        return cached[1]

    def sums(self, week: int, stats) -> np.ndarray:
        """(replicates, k) sums of the week's resampled documents."""
        key = (week, id(stats))
        if key not in self._sums:
            members = np.flatnonzero((self.weeks.group == week) & self.eligible)
            if week not in self._draws:
                rng = np.random.default_rng([self.seed, week])
                drawn = rng.integers(0, len(members), size=(self.replicates, len(members)))
                # one bincount for every replicate: replicate r's draws offset by r x members
                offset = (np.arange(self.replicates, dtype=np.int64) * len(members))[:, None]
                counts = np.bincount((drawn + offset).reshape(-1), minlength=self.replicates * len(members))
                counts = counts.reshape(self.replicates, len(members)).astype(np.float32)  # exact in float32
                self._draws[week] = (members, counts)
            members, counts = self._draws[week]
            rows = _rows(stats, members)
            self._sums[key] = (counts @ rows.astype(np.float32)).astype(np.float64)
        return self._sums[key]


def _rows(stats, members: np.ndarray) -> np.ndarray:
    if not isinstance(stats, SparseRows):
        return np.asarray(stats[members], dtype=np.float32)
    position = np.full(stats.shape[0], -1, np.int64)
    position[members] = np.arange(len(members))
    keep = position[stats.row] >= 0
    return SparseRows(position[stats.row[keep]], stats.column[keep], stats.value[keep],
                      (len(members), stats.shape[1])).to_dense()


def week_drift(evaluation: Evaluation, labels: Sequence[str], draws: WeekDraws, min_documents: int) -> list[dict]:
    statistic = evaluation.statistic
    if statistic is None or not labels:
        return []
    weeks = draws.weeks
    if isinstance(statistic.stats, SparseRows):
        per_week = statistic.stats.group_rows(weeks.group, weeks.n_groups)
    else:
        per_week = weeks.sums(statistic.stats)
    values = statistic.reduce(per_week)
    counts = draws.documents_per_week(statistic.stats)
    running = statistic.reduce(np.cumsum(per_week, axis=0))
    out, bootstrapped = [], []
    for w, label in enumerate(labels):
        documents = int(counts[w])
        if documents == 0:
            continue
        row = {"week": label, "value": finite_or_none(values[w]), "running": finite_or_none(running[w]),
               "documents": documents, "low": None, "high": None, "flagged": False, "reason": None}
        if row["value"] is None:
            row["reason"] = N_("undefined this week")
        elif draws.replicates <= 0:
            row["reason"] = N_("no interval: no bootstrap replicates")
        elif isinstance(statistic.stats, SparseRows):
            row["reason"] = N_("no weekly interval for a measure over this many categories (e.g. frame sets)")
        elif documents < min_documents:
            row["reason"] = (f"no interval: {documents} comparable document{'s' if documents != 1 else ''}, "
                             f"fewer than the project's minimum of {min_documents}")
        else:
            bootstrapped.append((w, row))
        out.append(row)
    if bootstrapped:
        # Every week's replicates reduced in one call and their percentiles taken together:
        # per week, the same figures as one week at a time, without a thousand small calls.
        sums = np.concatenate([draws.sums(w, statistic.stats) for w, _ in bootstrapped])
        replicates = statistic.reduce(sums).reshape(len(bootstrapped), -1)
        intervals = honest_intervals(replicates, [row["value"] for _, row in bootstrapped])
        for (_, row), interval in zip(bootstrapped, intervals):
            row["low"], row["high"] = interval.low, interval.high
            row["flagged"] = bool(interval.high is not None and row["running"] is not None
                                  and interval.high < row["running"])
    return out
