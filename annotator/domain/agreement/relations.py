"""Relation agreement: link F1 between annotator pairs.

Only links whose source AND target span were matched (by ``match_spans``)
to a span of the other annotator are compared, so this measures agreement
on relations given agreed spans; links with an unmatched end are counted in
``details`` as left out.  A link of a agrees with a link of b when b's link
joins the partners of a's two ends, in the same direction, with the same
type.  F1 = 2 * agreeing / (eligible links of a + eligible links of b).

``link_f1_unconditional`` counts every link instead: a link whose ends did not
match is a missed link, F1 = 2 * agreeing / (all links of a + all links of b)
on the documents both have done, so it also falls when the spans disagree.
"""

from __future__ import annotations

from itertools import combinations
from operator import attrgetter

import numpy as np

from .codes import distinct, member_of
from .data import LINK_TYPES
from .pooled import Evaluation, PooledStatistic, safe_ratio
from .prepare import PreparedDataset
from .results import ALL_LABELS, NO_LINKS, NO_MATCHED_LINKS, ONE_ANNOTATOR, MeasureResult, finite_or_none
from .span_agreement import PairMatches

AGREE, ELIGIBLE_A, ELIGIBLE_B, LEFT_OUT = range(4)


def _link_f1(s: np.ndarray) -> np.ndarray:
    return safe_ratio(2 * s[..., AGREE], s[..., ELIGIBLE_A] + s[..., ELIGIBLE_B])


def _unconditional_link_f1(s: np.ndarray) -> np.ndarray:
    return safe_ratio(2 * s[..., AGREE], s[..., ELIGIBLE_A] + s[..., ELIGIBLE_B] + s[..., LEFT_OUT])


def link_f1_evaluations(prepared: PreparedDataset, matches: dict[tuple[int, int], PairMatches]
                        ) -> tuple[dict[str, dict[str, Evaluation]], int]:
    """link type (and ALL_LABELS) -> {measure: Evaluation}; also the number of links with unknown spans."""
    table = prepared.spans
    links = prepared.links
    n = len(links)
    ends = table.ids.rows_of([*map(attrgetter("source_span_id"), links), *map(attrgetter("target_span_id"), links)])
    source, target = ends[:n], ends[n:]
    kinds = list(map(attrgetter("link_type"), links))
    types = list(LINK_TYPES) + sorted(set(kinds) - set(LINK_TYPES))
    type_code = {t: i for i, t in enumerate(types)}
    link_type = np.fromiter(map(type_code.__getitem__, kinds), np.int64, n)
    known = (source >= 0) & (target >= 0)
    unknown = int(n - known.sum())
    source, target, link_type = source[known], target[known], link_type[known]
    owner = prepared.spans.annotator[source] if len(source) else np.empty(0, np.int64)
    n_rows, n_types, n_docs = len(table), len(types), len(prepared.documents)
    names = prepared.annotators

    pair_stats = {}
    for a, b in combinations(range(len(names)), 2):
        stats = np.zeros((4, n_docs * n_types))
        pair = matches.get((a, b))
        if pair is not None:
            partner_in_b = np.full(n_rows, -1, np.int64)
            partner_in_b[pair.rows_a] = pair.rows_b
            partner_in_a = np.full(n_rows, -1, np.int64)
            partner_in_a[pair.rows_b] = pair.rows_a
            shared = prepared.both_done(a, b)[table.document[source]]
            from_a, from_b = shared & (owner == a), shared & (owner == b)
            ms, mt = partner_in_b[source], partner_in_b[target]
            ok_a = from_a & (ms >= 0) & (mt >= 0)
            ok_b = from_b & (partner_in_a[source] >= 0) & (partner_in_a[target] >= 0)
            key_a = distinct((ms[ok_a] * n_rows + mt[ok_a]) * n_types + link_type[ok_a])
            key_b = distinct((source[ok_b] * n_rows + target[ok_b]) * n_types + link_type[ok_b])
            agreed = np.intersect1d(key_a, key_b, assume_unique=True)

            def cell_of(key: np.ndarray) -> np.ndarray:
                return table.document[key // n_types // n_rows] * n_types + key % n_types

            cell = table.document[source] * n_types + link_type
            stats[AGREE] = np.bincount(cell_of(agreed), minlength=n_docs * n_types)
            stats[ELIGIBLE_A] = np.bincount(cell_of(key_a), minlength=n_docs * n_types)
            stats[ELIGIBLE_B] = np.bincount(cell_of(key_b), minlength=n_docs * n_types)
            stats[LEFT_OUT] = np.bincount(cell[(from_a & ~ok_a) | (from_b & ~ok_b)],
                                          minlength=n_docs * n_types)
        pair_stats[(names[a], names[b])] = stats.T.reshape(n_docs, n_types, 4)

    compared = prepared.comparable[table.document[source]]
    selections = {t: [i] for i, t in enumerate(types)} | {ALL_LABELS: list(range(n_types))}
    out = {}
    for key, codes in selections.items():
        in_key = compared & member_of(link_type, codes, n_types)
        annotators = int(np.count_nonzero(np.bincount(owner[in_key])))
        if not prepared.comparable.any():
            out[key] = {name: Evaluation(MeasureResult.inapplicable(name, ONE_ANNOTATOR)) for name in REDUCERS}
            continue
        per_pair = {p: s[:, codes, :].sum(axis=1) for p, s in pair_stats.items()}
        pooled = np.sum(list(per_pair.values()), axis=0)
        total = pooled.sum(axis=0)
        details = {"links": int(in_key.sum()), "left_out_unmatched_ends": int(total[LEFT_OUT])}
        out[key] = {}
        for name, reducer in REDUCERS.items():
            counted = int(total[ELIGIBLE_A] + total[ELIGIBLE_B] + (total[LEFT_OUT] if name != "link_f1" else 0))
            if counted == 0:
                reason = NO_MATCHED_LINKS if name == "link_f1" else NO_LINKS
                out[key][name] = Evaluation(MeasureResult.inapplicable(name, reason, 0, annotators, **details))
                continue
            statistic = PooledStatistic(pooled, reducer)
            pairs = {p: PooledStatistic(s, reducer) for p, s in per_pair.items()}
            result = MeasureResult(name, finite_or_none(statistic.value()), counted, annotators, details=details)
            out[key][name] = Evaluation(result, statistic, pairs)
    return out, unknown


REDUCERS = {"link_f1": _link_f1, "link_f1_unconditional": _unconditional_link_f1}
