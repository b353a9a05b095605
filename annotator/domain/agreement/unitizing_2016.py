"""The revised unitizing coefficients of Krippendorff, Mathet, Bouvry & Milliet (2016),
"On the reliability of unitizing textual continua: Further developments", Quality & Quantity 50.

Each observer divides the continuum into segments: units, valued by their label c, and gaps
(the value 0).  Positions are those of the headline u-alpha (``continuum``: paragraphs end to
end, documents end to end).  With m observers of a document:

    l_ck = 1/(m-1) * sum over ordered observer pairs (i, j) and segments g of i valued c, h of j
           valued k, of |g & h|                                   (observed coincidences)
    l_c. = sum_k l_ck,  l.. = sum_c l_c.  (= mL)
    ell_c = sum of |g|^2 over units valued c;  ell_0 = sum of |g| over gaps (a gap is a run of
            single positions, none of which need go with the others)
    e_ck = l.. (l_c. l_.k - [c = k] ell_c) / (l..^2 - sum_c ell_c)   (expected coincidences)

    u-alpha   = 1 - (l.. - sum_c l_cc) / (l.. - sum_c e_cc)             all values, gaps included
    |u-alpha  = 1 - (l_0. - l_00) / (e_0. - e_00)                       units vs gaps only
    c|u-alpha = 1 - (l'.. - sum_{c>0} l_cc) / (l'.. - sum_{c>0} e'_cc)   labels where units meet
    (k)u-alpha = 1 - (e'_k. / l'_k) (l'_k - l_kk) / (e'_k. - e'_kk)     one label k
  with, over unit-unit intersections only, l'_c = l_c. - l_c0, l'.. = sum l'_c,
    ell'_c = 1/(m-1) sum over units g valued c and other observers j of |g & units of j|^2,
    e'_ck = (l'_c l'_k - [c = k] ell'_c) / (l'.. - sum ell'_c / l'..)  (nominal metric).

Every quantity is a sum over documents (a gap's ell is its length, so cutting gaps at document
edges changes nothing), so one row per document serves the project, weeks and the bootstrap.
Spans of one observer with one label that overlap are merged; where one observer's units of two
labels overlap, the shared positions count for both labels (the model assumes they do not).
"""
from __future__ import annotations

from itertools import combinations

import numpy as np

from ..matching import SpanColumns, candidate_pairs
from .continuum import document_positions
from .pooled import Evaluation, PooledStatistic, safe_ratio
from .prepare import PreparedDataset
from .results import ALL_LABELS, NO_SPANS, ONE_ANNOTATOR, MeasureResult, finite_or_none
from .steps import PartProgress, Parts
from .unitizing import _merge_overlaps

FAMILY = {"unitizing_alpha_2016": "u", "unitizing_alpha_units_gaps": "|u", "unitizing_alpha_labels": "c|u"}
PER_LABEL = "unitizing_alpha_label"  # (k)u-alpha


def _segments(doc, ann, value, start, end, doc_length, observed):
    """Units (merged per label) and the gaps between an observer's units, as columns."""
    n_ann = observed.shape[1]
    shift = np.int64(int(doc_length.max(initial=0)) + 2)
    n_values = int(value.max(initial=0)) + 1
    cont, a, s, e, _ = _merge_overlaps(doc * n_values + value, ann, start, end, shift)
    unit_doc, unit_value = cont // n_values, cont % n_values
    # the union of an observer's units, whatever their label, bounds its gaps
    u_doc, u_ann, u_s, u_e, _ = _merge_overlaps(unit_doc, a, s, e, shift)
    owner = u_doc * n_ann + u_ann
    first = np.r_[True, owner[1:] != owner[:-1]] if len(owner) else np.empty(0, bool)
    last = np.r_[owner[1:] != owner[:-1], True] if len(owner) else np.empty(0, bool)
    previous_end = np.where(first, 0, np.roll(u_e, 1))
    has_units = np.zeros(observed.size, bool)
    has_units[owner] = True
    empty = np.flatnonzero(observed.reshape(-1) & ~has_units)
    g_owner = np.concatenate([owner, owner[last], empty])
    g_start = np.concatenate([previous_end, u_e[last], np.zeros(len(empty), np.int64)])
    g_end = np.concatenate([u_s, doc_length[owner[last] // n_ann], doc_length[empty // n_ann]])
    keep = g_end > g_start
    return (np.concatenate([unit_doc, g_owner[keep] // n_ann]), np.concatenate([a, g_owner[keep] % n_ann]),
            np.concatenate([unit_value + 1, np.zeros(int(keep.sum()), np.int64)]),
            np.concatenate([s, g_start[keep]]), np.concatenate([e, g_end[keep]]))


def layer_statistics(prepared: PreparedDataset, codes: list[int]) -> np.ndarray:
    """(documents, V^2 + 2V) columns: coincidences l_ck, ell_c and ell'_c for the layer's labels."""
    table = prepared.spans
    n_docs, n_ann = len(prepared.documents), len(prepared.annotators)
    n_values = len(codes) + 1
    start, end, doc_length = document_positions(prepared)
    local = np.full(len(table.labels), -1, np.int64)
    local[codes] = np.arange(len(codes))
    rows = np.flatnonzero((local[table.label] >= 0) & (end > start) & prepared.comparable[table.document])
    observed = prepared.done & prepared.comparable[:, None]
    doc, ann, value, s, e = _segments(table.document[rows], table.annotator[rows], local[table.label[rows]],
                                      start[rows], end[rows], doc_length, observed)
    m = observed.sum(axis=1).astype(float)
    weight = safe_ratio(1.0, m - 1)  # 1/(m-1) per document
    length = (e - s).astype(float)
    coincidences = np.zeros(n_docs * n_values * n_values)
    squared = np.zeros(n_docs * n_values)
    ell = np.bincount(doc * n_values + value, weights=np.where(value > 0, length ** 2, length),
                      minlength=n_docs * n_values).reshape(n_docs, n_values)
    for a, b in combinations(range(n_ann), 2):
        both = observed[:, a] & observed[:, b]
        rows_a = np.flatnonzero((ann == a) & both[doc])
        rows_b = np.flatnonzero((ann == b) & both[doc])
        if len(rows_a) == 0 or len(rows_b) == 0:
            continue
        side_a = SpanColumns(range(len(rows_a)), doc[rows_a], s[rows_a], e[rows_a], {})
        side_b = SpanColumns(range(len(rows_b)), doc[rows_b], s[rows_b], e[rows_b], side_a.codebook)
        local_i, local_j = candidate_pairs(side_a, side_b)
        i, j = rows_a[local_i], rows_b[local_j]
        overlap = np.minimum(e[i], e[j]) - np.maximum(s[i], s[j])
        meet = overlap * weight[doc[i]]
        size = n_docs * n_values * n_values
        cell = doc[i] * n_values * n_values
        coincidences += np.bincount(cell + value[i] * n_values + value[j], weights=meet, minlength=size)
        coincidences += np.bincount(cell + value[j] * n_values + value[i], weights=meet, minlength=size)
        units = (value[i] > 0) & (value[j] > 0)
        # |g & units of the other observer|^2 for each unit g, both directions; counted on the side's
        # own rows (ascending like the segment rows), not on every segment of the layer
        for local, rows in ((local_i, rows_a), (local_j, rows_b)):
            per_unit = np.bincount(local[units], weights=overlap[units], minlength=len(rows))
            hit = rows[np.flatnonzero(per_unit)]
            squared += np.bincount(doc[hit] * n_values + value[hit],
                                   weights=per_unit[per_unit != 0] ** 2 * weight[doc[hit]],
                                   minlength=n_docs * n_values)
    return np.concatenate([coincidences.reshape(n_docs, -1), ell, squared.reshape(n_docs, n_values)], axis=1)


def _parts(sums: np.ndarray, v: int):
    o = sums[..., :v * v].reshape(*sums.shape[:-1], v, v)
    return o, sums[..., v * v:v * v + v], sums[..., v * v + v:]


def _expected(o, ell):
    margin = o.sum(axis=-1)
    total = margin.sum(axis=-1)
    denominator = total ** 2 - ell.sum(axis=-1)
    diagonal = total[..., None] * (margin ** 2 - ell) / denominator[..., None]
    row_total = total[..., None] * (margin * total[..., None] - ell) / denominator[..., None]
    return margin, total, diagonal, row_total


def _restricted(o, squared):
    """Margins and expected coincidences over unit-unit intersections (values 1..)."""
    units = o[..., 1:, 1:]
    margin = units.sum(axis=-1)
    total = margin.sum(axis=-1)
    ell = squared[..., 1:]
    denominator = total - safe_ratio(ell.sum(axis=-1), total)
    diagonal = safe_ratio(margin ** 2 - ell, denominator[..., None])
    row_total = safe_ratio(margin * total[..., None] - ell, denominator[..., None])
    return units, margin, total, diagonal, row_total


def reducer(kind: str, v: int, label: int | None = None):
    def reduce(sums: np.ndarray) -> np.ndarray:
        o, ell, squared = _parts(sums, v)
        if kind in ("u", "|u"):
            margin, total, diagonal, row_total = _expected(o, ell)
            if kind == "u":
                observed = np.trace(o, axis1=-2, axis2=-1)
                return 1.0 - safe_ratio(total - observed, total - diagonal.sum(axis=-1))
            return 1.0 - safe_ratio(margin[..., 0] - o[..., 0, 0], row_total[..., 0] - diagonal[..., 0])
        units, margin, total, diagonal, row_total = _restricted(o, squared)
        if kind == "c|u":
            agreed = np.trace(units, axis1=-2, axis2=-1)
            return 1.0 - safe_ratio(total - agreed, total - diagonal.sum(axis=-1))
        k = label
        observed_share = safe_ratio(margin[..., k] - units[..., k, k], margin[..., k])
        expected_share = safe_ratio(row_total[..., k] - diagonal[..., k], row_total[..., k])
        return 1.0 - safe_ratio(observed_share, expected_share)

    return reduce


def revised_unitizing_evaluations(prepared: PreparedDataset, within: PartProgress | None = None
                                  ) -> dict[tuple[str, str], dict[str, Evaluation]]:
    """(layer, ALL_LABELS) -> u, |u, c|u alphas; (layer, label) -> (k)u-alpha.
    ``within(done, total)`` follows its parts: one a layer."""
    table = prepared.spans
    layers: dict[str, list[int]] = {}
    for code, (layer, _) in enumerate(table.labels):
        layers.setdefault(layer, []).append(code)
    out: dict[tuple[str, str], dict[str, Evaluation]] = {}
    for layer, codes in Parts(within, len(layers)).each(layers.items()):
        v = len(codes) + 1
        used = np.bincount(table.label[prepared.comparable[table.document]], minlength=len(table.labels))
        if not prepared.comparable.any():
            reason = ONE_ANNOTATOR
        elif used[codes].sum() == 0:
            reason = NO_SPANS
        else:
            reason = None
        stats = layer_statistics(prepared, codes) if reason is None else None
        annotators = int(np.any(prepared.done[prepared.comparable], axis=0).sum())
        for key, measures in [((layer, ALL_LABELS), list(FAMILY)),
                              *[((layer, table.labels[c][1]), [PER_LABEL]) for c in codes]]:
            out[key] = {name: _evaluation(name, FAMILY.get(name, "(k)u"), v, stats, reason, annotators, key,
                                          table, codes, used) for name in measures}
    return out


def _evaluation(name, kind, v, stats, reason, annotators, key, table, codes, used) -> Evaluation:
    units = int(used[codes].sum()) if key[1] == ALL_LABELS else int(
        used[[c for c in codes if table.labels[c][1] == key[1]]].sum())
    if reason is not None:
        return Evaluation(MeasureResult.inapplicable(name, reason, 0, annotators))
    if units == 0:
        return Evaluation(MeasureResult.inapplicable(name, NO_SPANS, 0, annotators))
    label = None
    if kind == "(k)u":
        label = [table.labels[c][1] for c in codes].index(key[1])
    statistic = PooledStatistic(stats, reducer(kind, v, label))
    return Evaluation(MeasureResult(name, finite_or_none(statistic.value()), units, annotators,
                                    details={"coefficient": f"{kind}-alpha (Krippendorff et al. 2016)"}),
                      statistic)
