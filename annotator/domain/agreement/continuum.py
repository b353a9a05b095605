"""u-alpha over one continuum: paragraphs end to end, documents end to end.

Krippendorff (2004) defines u-alpha on ONE continuum.  A document's
paragraphs are laid end to end in paragraph order, separated by
``PARAGRAPH_SEPARATOR`` positions (none: a unit lies inside one paragraph,
so no unit crosses the boundary, while a gap runs on through it).  The
project's continuum is its comparable documents end to end.  A document's
observers are its done annotators, and they differ from document to
document, so a gap never runs on across a document boundary: an annotator's
gap cannot continue into a document that annotator did not see.

With varying observers, the book's m(m-1)L and mL become sums over
documents: P = sum m_d(m_d-1)L_d (ordered observer pairs x positions) and
M = sum m_d L_d (observer positions).  With one set of observers this is
the book's coefficient exactly:

    Do' = sum delta^2 / P                    (= Do * L)
    De' = 2 E / (M(M-1) - sum_units l(l-1))  (= De * L)
    E   = sum_units [(N-1)(2l^3-3l^2+l)/3 + l^2 sum_{gaps g >= l}(g-l+1)]
    alpha = 1 - Do'/De'

Every term is a sum over documents except the gap placements, where units
of one document are placed into the gaps of every document.  They stay
linear by keeping, per document and per distinct unit length l_k of the
label, U_k (units of that length) and A_k (sum over the document's gaps
g >= l_k of g - l_k + 1): the placements are sum_k l_k^2 U_k A_k over the
SUMMED columns.  So one row per document serves the project, a week (its
documents end to end), a bootstrap replicate and a pair of annotators.

Several labels (the all-labels figure) give 1 - sum Do'/sum De', as in the
book's example.  A document's own figure is its Do' against the project's
De', the same rule as a document's coding alpha (``coding.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import Sequence
from weakref import WeakKeyDictionary

import numpy as np

from .codes import member_of
from .pooled import Evaluation, PooledStatistic, safe_ratio
from .prepare import PreparedDataset
from .results import ALL_LABELS, NO_SPANS, ONE_ANNOTATOR, MeasureResult, finite_or_none
from .steps import PartProgress, Parts
from .unitizing import PARAGRAPH_SEPARATOR, UnitizedContinua

P_COL, M_COL = 0, 1  # ordered observer pairs x positions; observer positions
OBSERVED, UNITS, SHAPE, SQUARES = range(4)  # per label, then U_k and A_k


_POSITIONS: WeakKeyDictionary = WeakKeyDictionary()


def document_positions(prepared: PreparedDataset) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end of every span row on its document's continuum, and each document's length.

    Paragraph lengths are the stated ones; a paragraph without one ends at
    its furthest span (as in the per-paragraph view).  Spans are clipped to
    their paragraph.  Laid out once per prepared dataset (the 2004 and the
    2016 coefficients read the same positions), read-only.
    """
    if prepared not in _POSITIONS:
        positions = _lay_out(prepared)
        for array in positions:
            array.flags.writeable = False
        _POSITIONS[prepared] = positions
    return _POSITIONS[prepared]


def _lay_out(prepared: PreparedDataset) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    table = prepared.spans
    index = prepared.document_index
    stated = [(index[d], p, n) for (d, p), n in prepared.dataset.paragraph_lengths.items() if d in index]
    s_doc, s_par, s_len = (np.array([r[k] for r in stated], np.int64).reshape(-1) for k in range(3))
    width = int(max(table.paragraph.max(initial=0), s_par.max(initial=0))) + 1
    span_key = table.document * width + table.paragraph
    keys, inverse = np.unique(np.concatenate([s_doc * width + s_par, span_key]), return_inverse=True)
    inverse = inverse.reshape(-1)
    length = np.full(len(keys), -1, np.int64)
    length[inverse[:len(stated)]] = s_len
    furthest = np.zeros(len(keys), np.int64)
    np.maximum.at(furthest, inverse[len(stated):], table.end)
    length = np.where(length >= 0, length, furthest)
    doc_of_key = keys // width
    n_docs = len(prepared.documents)
    # keys are sorted by (document, paragraph): an offset is the running length within the document
    running = np.cumsum(length + PARAGRAPH_SEPARATOR) - length - PARAGRAPH_SEPARATOR
    first = np.searchsorted(doc_of_key, doc_of_key)  # each key's document's first key
    offset = running - running[first]
    per_doc = np.bincount(doc_of_key, weights=length + PARAGRAPH_SEPARATOR, minlength=n_docs)
    count = np.bincount(doc_of_key, minlength=n_docs)
    doc_length = (per_doc - PARAGRAPH_SEPARATOR * (count > 0)).astype(np.int64)
    span_par = inverse[len(stated):]
    start = np.clip(table.start, 0, length[span_par]) + offset[span_par]
    end = np.clip(table.end, 0, length[span_par]) + offset[span_par]
    return start, end, doc_length


@dataclass(frozen=True)
class _Block:
    """Columns of one label in a continuum statistics matrix."""

    first: int  # OBSERVED, UNITS, SHAPE, SQUARES from here
    lengths: np.ndarray  # the label's distinct unit lengths l_k

    @property
    def u(self) -> slice:
        return slice(self.first + 4, self.first + 4 + len(self.lengths))

    @property
    def a(self) -> slice:
        return slice(self.first + 4 + len(self.lengths), self.first + 4 + 2 * len(self.lengths))


def _disagreements(sums: np.ndarray, blocks: Sequence[_Block]) -> tuple[np.ndarray, np.ndarray]:
    """(sum Do', sum De') over the blocks' labels from summed columns."""
    pairs, positions = sums[..., P_COL], sums[..., M_COL]
    observed = np.zeros(sums.shape[:-1])
    expected = np.zeros(sums.shape[:-1])
    for block in blocks:
        f = block.first
        placements = (sums[..., block.u] * sums[..., block.a]) @ (block.lengths.astype(np.float64) ** 2)
        e = (sums[..., f + UNITS] - 1) * sums[..., f + SHAPE] + placements
        e = np.where(sums[..., f + UNITS] > 0, e, 0.0)
        observed += np.nan_to_num(safe_ratio(sums[..., f + OBSERVED], pairs))
        expected += np.nan_to_num(safe_ratio(2 * e, positions * (positions - 1) - sums[..., f + SQUARES]))
    return observed, expected


def continuum_reducers(blocks: Sequence[_Block]):
    def reduce(sums: np.ndarray) -> np.ndarray:
        observed, expected = _disagreements(sums, blocks)
        return 1.0 - safe_ratio(observed, expected)

    def reduce_document(rows: np.ndarray, total: np.ndarray) -> np.ndarray:
        observed, _ = _disagreements(rows, blocks)
        _, expected = _disagreements(total, blocks)
        return 1.0 - safe_ratio(observed, np.full(len(rows), expected))

    return reduce, reduce_document


class ContinuumStatistics:
    """Per-document columns of u-alpha on the documents' continua, for every label."""

    def __init__(self, prepared: PreparedDataset) -> None:
        table = prepared.spans
        self.n_docs, self.n_labels = len(prepared.documents), len(table.labels)
        start, end, self.doc_length = document_positions(prepared)
        rows = np.flatnonzero((end > start) & prepared.comparable[table.document])
        self.observed_by = prepared.done & prepared.comparable[:, None]
        lengths = np.repeat(self.doc_length, self.n_labels)
        observed_by = np.repeat(self.observed_by, self.n_labels, axis=0)
        self.continua = UnitizedContinua(table.document[rows] * self.n_labels + table.label[rows],
                                         table.annotator[rows], start[rows], end[rows], lengths, observed_by)
        self.rows = rows
        label = self.continua.cont % max(self.n_labels, 1)
        self.blocks, first = [], 2
        for code in range(self.n_labels):
            distinct = np.unique(self.continua.length[label == code]).astype(np.int64)
            self.blocks.append(_Block(first, distinct))
            first += 4 + 2 * len(distinct)
        self.width = first

    def project(self) -> np.ndarray:
        units, observed = self.continua.project_observed()
        m = self.observed_by.sum(axis=1).astype(np.float64)
        return self._matrix(units, 2 * observed, m, range(self.continua.n_ann))

    def pair(self, a: int, b: int) -> np.ndarray:
        both, units, observed = self.continua.pair_observed(a, b)
        m = np.where(self.observed_by[:, a] & self.observed_by[:, b], 2.0, 0.0)
        return self._matrix(units, 2 * np.where(both, observed, 0.0), m, (a, b))

    @cached_property
    def _placements(self) -> list[np.ndarray]:
        """Per label, (annotators, documents, K): A_k of each annotator's own gaps.

        Computed once: the project's A_k is the sum over annotators, a pair's the sum of its two."""
        c = self.continua
        n_labels = max(self.n_labels, 1)
        cont, owner = c.gap_owner // c.n_ann, c.gap_owner % c.n_ann
        label, doc = cont % n_labels, cont // n_labels
        out = []
        for code, block in enumerate(self.blocks):
            k = len(block.lengths)
            mine = label == code
            gap = c.gap_len[mine]
            # r = how many of the label's unit lengths fit in the gap: the gap counts for l_0 .. l_{r-1}
            fits = np.searchsorted(block.lengths, gap, "right")
            key = (owner[mine] * self.n_docs + doc[mine]) * (k + 1) + fits
            size = c.n_ann * self.n_docs * (k + 1)
            count = np.bincount(key, minlength=size).reshape(c.n_ann, self.n_docs, k + 1)
            total = np.bincount(key, weights=gap + 1.0, minlength=size).astype(np.float64, copy=False).reshape(
                c.n_ann, self.n_docs, k + 1)  # (no gaps: bincount gives integers)
            # gaps with r >= j + 1, for each j < K: a reversed running sum over r (in place: these
            # are (annotators, documents, K) arrays, and fresh memory costs more than the sums)
            np.cumsum(count[..., ::-1], axis=-1, out=count[..., ::-1])
            np.cumsum(total[..., ::-1], axis=-1, out=total[..., ::-1])
            total = total[..., 1:]
            total -= block.lengths.astype(np.float64) * count[..., 1:]
            out.append(total)
        return out

    @cached_property
    def _unit_columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per unit of the continua: (document x label key, document, its U_k column, l (l - 1)).

        Computed once: the project and every pair read the same units, so the label and length
        lookups are not repeated per call."""
        c = self.continua
        n_labels = max(self.n_labels, 1)
        label, doc = c.cont % n_labels, c.cont // n_labels
        column = np.full(len(c.cont), -1, np.int64)
        for code, block in enumerate(self.blocks):
            mine = np.flatnonzero(label == code)
            if len(block.lengths) and len(mine):
                column[mine] = block.u.start + np.searchsorted(block.lengths, c.length[mine].astype(np.int64))
        return doc * n_labels + label, doc, column, c.length * (c.length - 1)

    def _matrix(self, units, observed, m, owners) -> np.ndarray:
        c = self.continua
        out = np.zeros((self.n_docs, self.width))
        out[:, P_COL] = m * (m - 1) * self.doc_length
        out[:, M_COL] = m * self.doc_length
        key_of, doc_of, column_of, squares_of = self._unit_columns
        # One bincount per term over every label (a bin's units are summed in the same order as a
        # per-label selection would, so the floats are the same).
        key, size = key_of[units], self.n_docs * self.n_labels
        firsts = np.array([block.first for block in self.blocks], np.int64)
        out[:, firsts + OBSERVED] = observed.reshape(self.n_docs, self.n_labels)
        out[:, firsts + UNITS] = np.bincount(key, minlength=size).reshape(self.n_docs, self.n_labels)
        out[:, firsts + SHAPE] = np.bincount(key, weights=c.shape_term[units],
                                             minlength=size).reshape(self.n_docs, self.n_labels)
        out[:, firsts + SQUARES] = np.bincount(key, weights=squares_of[units],
                                               minlength=size).reshape(self.n_docs, self.n_labels)
        counted = units[column_of[units] >= 0]  # every unit has a length column; kept safe anyway
        # U_k counts only over the U_k columns (the matrix is mostly A_k and U_k columns)
        u_columns, u_position = self._u_columns
        out[:, u_columns] = np.bincount(doc_of[counted] * len(u_columns) + u_position[column_of[counted]],
                                        minlength=self.n_docs * len(u_columns)).reshape(self.n_docs, len(u_columns))
        seen = (m > 0)[:, None]
        owners = list(owners)
        for code, block in enumerate(self.blocks):
            if len(block.lengths):
                placements = self._placements[code]
                summed = placements[owners[0]].copy()  # the owners' A_k added in order, without a stacked copy
                for owner in owners[1:]:
                    summed += placements[owner]
                out[:, block.a] = summed * seen
        return out

    @cached_property
    def _u_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """The U_k columns of every label, and each matrix column's place among them (-1: not one)."""
        columns = np.concatenate([np.arange(b.u.start, b.u.stop) for b in self.blocks] + [np.empty(0, np.int64)])
        position = np.full(self.width, -1, np.int64)
        position[columns] = np.arange(len(columns))
        return columns.astype(np.int64), position


def continuum_evaluations(prepared: PreparedDataset, within: PartProgress | None = None
                          ) -> dict[tuple[str, str], Evaluation]:
    """u-alpha on one continuum per (layer, label) and per (layer, ALL_LABELS), with pair statistics.
    ``within(done, total)`` follows its parts: the continua, each pair, each selection."""
    table = prepared.spans
    names = prepared.annotators
    n_pairs = len(names) * (len(names) - 1) // 2
    part = Parts(within, 2 + n_pairs + len(table.labels) + len({layer for layer, _ in table.labels}))
    statistics = part(ContinuumStatistics(prepared))
    project = part(statistics.project())
    pairs = {(names[a], names[b]): statistics.pair(a, b) for a, b in part.each(combinations(range(len(names)), 2))
             if prepared.both_done(a, b).any()}
    layers: dict[str, list[int]] = {}
    selections: dict[tuple[str, str], list[int]] = {}
    for code, (layer, label) in enumerate(table.labels):
        layers.setdefault(layer, []).append(code)
        selections[(layer, label)] = [code]
    selections.update({(layer, ALL_LABELS): codes for layer, codes in layers.items()})
    unit_label = table.label[statistics.rows]
    out = {}
    for key, codes in part.each(selections.items()):
        in_key = member_of(unit_label, codes, len(table.labels))
        units = int(in_key.sum())
        annotators = prepared.observers_of(table.document[statistics.rows][in_key])
        if not prepared.comparable.any():
            out[key] = Evaluation(MeasureResult.inapplicable("unitizing_alpha", ONE_ANNOTATOR))
            continue
        if units == 0:
            out[key] = Evaluation(MeasureResult.inapplicable("unitizing_alpha", NO_SPANS, 0, annotators))
            continue
        reduce, reduce_document = continuum_reducers([statistics.blocks[c] for c in codes])
        statistic = PooledStatistic(project, reduce, reduce_document)
        observed, expected = _disagreements(statistic.total, [statistics.blocks[c] for c in codes])
        result = MeasureResult("unitizing_alpha", finite_or_none(statistic.value()), units, annotators,
                               details={"observed_disagreement": float(observed),
                                        "expected_disagreement": float(expected),
                                        "continuum": "documents end to end"})
        pair_statistics = {p: PooledStatistic(s, reduce, reduce_document) for p, s in pairs.items()}
        out[key] = Evaluation(result, statistic, pair_statistics)
    return out
