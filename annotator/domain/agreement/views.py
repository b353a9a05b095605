"""Slices of one measure: annotator pairs, annotator against the rest,
documents and weeks, all from the measure's per-document statistics."""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from .pooled import Evaluation, Grouping, pooled_value, rows_with_data
from .results import finite_or_none


def pair_matrix(evaluation: Evaluation, annotators: Sequence[str]) -> dict | None:
    """{"annotators": [...], "matrix": [[value or None]]}; the diagonal is None."""
    if not evaluation.pairs:
        return None
    index = {a: i for i, a in enumerate(annotators)}
    matrix: list[list[float | None]] = [[None] * len(annotators) for _ in annotators]
    for (a, b), statistic in evaluation.pairs.items():
        value = finite_or_none(statistic.value())
        matrix[index[a]][index[b]] = matrix[index[b]][index[a]] = value
    return {"annotators": list(annotators), "matrix": matrix}


def annotator_vs_rest(evaluation: Evaluation, annotators: Sequence[str],
                      totals: dict | None = None) -> dict[str, float | None] | None:
    """Each annotator's pair statistics with every other annotator, pooled (summed).

    ``totals`` (shared by a report's variables) keeps the pooled sums of matrices seen before."""
    if not evaluation.pairs:
        return None
    out = {}
    for annotator in annotators:
        mine = [s for pair, s in evaluation.pairs.items() if annotator in pair and s.total.any()]
        out[annotator] = finite_or_none(pooled_value(mine, totals)) if mine else None
    return out


def document_figures(evaluation: Evaluation, documents: Sequence[str]) -> dict[str, list]:
    """{"document": [...], "value": [...]}: contributing documents, lowest value
    first, undefined (None) last.  Parallel lists rather than one object per
    document: a project has tens of thousands of documents."""
    statistic = evaluation.statistic
    if statistic is None:
        return {"document": [], "value": []}
    rows = statistic.contributing_documents()
    values = statistic.document_values()[rows]
    # Documents are indexed in name order, so ties fall back to the name.
    order = np.lexsort((rows, values))
    ordered = values[order]
    defined = int(np.count_nonzero(~np.isnan(ordered)))  # NaN sorts last
    return {"document": np.asarray(documents, dtype=object)[rows[order]].tolist(),
            "value": ordered[:defined].tolist() + [None] * (len(ordered) - defined)}


def week_membership(documents: Sequence[str], weeks: Mapping[str, str]) -> tuple[list[str], Grouping]:
    """Week labels and the documents grouped by week (-1 = no week), built once per report."""
    labels = sorted({weeks[d] for d in documents if d in weeks})
    index = {w: i for i, w in enumerate(labels)}
    week = np.array([index.get(weeks.get(d), -1) for d in documents], np.int64).reshape(-1)
    return labels, Grouping(week, len(labels))


def week_figures(evaluation: Evaluation, labels: Sequence[str], weeks: Grouping) -> dict[str, float | None]:
    statistic = evaluation.statistic
    if statistic is None or not labels:
        return {}
    values = statistic.group_values(weeks)
    has_data = rows_with_data(statistic.stats) & (weeks.group >= 0)
    contributing = np.bincount(weeks.group[has_data], minlength=len(labels))
    return {w: finite_or_none(values[i]) for i, w in enumerate(labels) if contributing[i] > 0}
