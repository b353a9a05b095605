"""Pairwise span agreement: exact, partial-overlap and any-overlap F1.

Spans are paired by ``match_spans`` for every annotator pair on the
documents both have done.  With no gold standard, annotator a plays
"prediction" and b "reference"; F1 is symmetric in the two, so averaging
both directions changes nothing and one direction is reported.

* exact:   2 * exact pairs / (|A| + |B|)
* overlap: 2 * matched pairs / (|A| + |B|)  (any overlap counts)
* partial: P = sum |a & b| / |a| / |A| and R = sum |a & b| / |b| / |B| over
           the one-to-one matched pairs, F1 = 2PR/(P+R).
* semeval2020: the SemEval-2020 Task 11 span score exactly as its scorer
           computes it: the same sums over ALL overlapping same-label pairs
           (a span overlapping two spans counts twice), F1 = 2PR/(P+R).

Pairs come from ``match_spans`` with the report's ``matching`` (optimal by
default, greedy as an option).

Several annotator pairs are pooled by adding their counts (micro average).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ..matching import match_spans
from .codes import member_of
from .pooled import Evaluation, PooledStatistic, safe_ratio
from .prepare import PreparedDataset
from .results import ALL_LABELS, NO_SPANS, ONE_ANNOTATOR, MeasureResult, finite_or_none
from .steps import PartProgress, Parts

N_A, N_B, EXACT, MATCHED, COVER_A, COVER_B, ALL_COVER_A, ALL_COVER_B = range(8)


@dataclass(frozen=True, eq=False)
class PairMatches:
    """Matched span rows (indices into the SpanTable) of one annotator pair."""

    a: int
    b: int
    rows_a: np.ndarray
    rows_b: np.ndarray
    overlap: np.ndarray
    exact: np.ndarray
    overlapping_a: np.ndarray  # every overlapping same-group pair, matched or not
    overlapping_b: np.ndarray
    overlapping: np.ndarray


def match_all_pairs(prepared: PreparedDataset, method: str = "optimal", within: PartProgress | None = None
                    ) -> dict[tuple[int, int], PairMatches]:
    """``within(done, total)`` follows its parts: one a pair of annotators."""
    table = prepared.spans
    out = {}
    n = len(prepared.annotators)
    for a, b in Parts(within, n * (n - 1) // 2).each(combinations(range(n), 2)):
        shared = prepared.both_done(a, b)[table.document]
        rows_a = np.flatnonzero(shared & (table.annotator == a))
        rows_b = np.flatnonzero(shared & (table.annotator == b))
        if len(rows_a) == 0 and len(rows_b) == 0:
            continue
        result = match_spans(table.columns(rows_a), table.columns(rows_b), method)
        out[(a, b)] = PairMatches(a, b, rows_a[result.a_index], rows_b[result.b_index],
                                  result.overlap, result.exact, rows_a[result.candidate_a],
                                  rows_b[result.candidate_b], result.candidate_overlap)
    return out


def _exact(s):
    return safe_ratio(2 * s[..., EXACT], s[..., N_A] + s[..., N_B])


def _overlap(s):
    return safe_ratio(2 * s[..., MATCHED], s[..., N_A] + s[..., N_B])


def _covered_f1(s, cover_a, cover_b):
    precision = np.nan_to_num(safe_ratio(s[..., cover_a], s[..., N_A]))
    recall = np.nan_to_num(safe_ratio(s[..., cover_b], s[..., N_B]))
    f1 = np.nan_to_num(safe_ratio(2 * precision * recall, precision + recall))
    return np.where(s[..., N_A] + s[..., N_B] > 0, f1, np.nan)


def _partial(s):
    return _covered_f1(s, COVER_A, COVER_B)


def _semeval(s):
    return _covered_f1(s, ALL_COVER_A, ALL_COVER_B)


REDUCERS = {"span_f1_exact": _exact, "span_f1_partial": _partial, "span_f1_overlap": _overlap,
            "span_f1_semeval2020": _semeval}


def _pair_stats(prepared: PreparedDataset, pair: tuple[int, int], matches: PairMatches | None) -> np.ndarray:
    """(documents, labels, 8) counts of one annotator pair."""
    table = prepared.spans
    n_docs, n_labels = len(prepared.documents), len(table.labels)
    cell_count = n_docs * n_labels
    cell = table.document * n_labels + table.label
    shared = prepared.both_done(*pair)[table.document]
    stats = np.zeros((8, cell_count))
    stats[N_A] = np.bincount(cell[shared & (table.annotator == pair[0])], minlength=cell_count)
    stats[N_B] = np.bincount(cell[shared & (table.annotator == pair[1])], minlength=cell_count)
    if matches is not None:
        matched_cell = cell[matches.rows_a]
        length_a = (table.end - table.start)[matches.rows_a]
        length_b = (table.end - table.start)[matches.rows_b]
        stats[EXACT] = np.bincount(matched_cell, weights=matches.exact, minlength=cell_count)
        stats[MATCHED] = np.bincount(matched_cell, minlength=cell_count)
        stats[COVER_A] = np.bincount(matched_cell, weights=matches.overlap / length_a, minlength=cell_count)
        stats[COVER_B] = np.bincount(matched_cell, weights=matches.overlap / length_b, minlength=cell_count)
        rows_a, rows_b = matches.overlapping_a, matches.overlapping_b
        overlapping_cell = cell[rows_a]
        for column, rows in ((ALL_COVER_A, rows_a), (ALL_COVER_B, rows_b)):
            stats[column] = np.bincount(overlapping_cell, weights=matches.overlapping / (table.end - table.start)[rows],
                                        minlength=cell_count)
    return stats.T.reshape(n_docs, n_labels, 8)


def span_f1_evaluations(prepared: PreparedDataset, matches: dict[tuple[int, int], PairMatches],
                        within: PartProgress | None = None) -> dict[tuple[str, str], dict[str, Evaluation]]:
    """(layer, label or ALL_LABELS) -> {measure name: Evaluation}. ``within(done, total)`` follows
    its parts: each pair's counts, each selection."""
    table = prepared.spans
    names = prepared.annotators
    part = Parts(within, len(names) * (len(names) - 1) // 2 + len(table.labels)
                 + len({layer for layer, _ in table.labels}))
    pair_stats = {(names[a], names[b]): _pair_stats(prepared, (a, b), matches.get((a, b)))
                  for a, b in part.each(combinations(range(len(names)), 2))}
    compared = prepared.comparable[table.document]
    layers: dict[str, list[int]] = {}
    for code, (layer, _) in enumerate(table.labels):
        layers.setdefault(layer, []).append(code)
    selections = {(layer, label): [code] for code, (layer, label) in enumerate(table.labels)}
    selections.update({(layer, ALL_LABELS): codes for layer, codes in layers.items()})

    out = {}
    for key, codes in part.each(selections.items()):
        in_selection = compared & member_of(table.label, codes, len(table.labels))
        units = int(in_selection.sum())
        annotators = prepared.observers_of(table.document[in_selection])
        per_pair = {pair: s[:, codes, :].sum(axis=1) for pair, s in pair_stats.items()}
        pooled = np.sum(list(per_pair.values()), axis=0)  # shared by the three measures
        out[key] = {}
        for name, reducer in REDUCERS.items():
            if not prepared.comparable.any():
                out[key][name] = Evaluation(MeasureResult.inapplicable(name, ONE_ANNOTATOR))
                continue
            if units == 0:
                out[key][name] = Evaluation(MeasureResult.inapplicable(name, NO_SPANS, 0, annotators))
                continue
            pairs = {pair: PooledStatistic(s, reducer) for pair, s in per_pair.items()}
            statistic = PooledStatistic(pooled, reducer)
            total = statistic.total
            details = {"exact": int(total[EXACT]), "partial": int(total[MATCHED] - total[EXACT]),
                       "unmatched": int(total[N_A] + total[N_B] - 2 * total[MATCHED])}
            result = MeasureResult(name, finite_or_none(statistic.value()), units, annotators,
                                   details=details)
            out[key][name] = Evaluation(result, statistic, pairs)
    return out
