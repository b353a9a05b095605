"""Krippendorff's unitizing alpha (u-alpha), Content Analysis 2nd ed. (2004), pp. 251-254.

One label on one continuum (a paragraph, positions 0..L).  Each of the m
observers (the done annotators of the document) divides the continuum into
units of the label and gaps.  With l the length of a unit:

    Do = sum over ordered observer pairs and their segments of delta^2 / (m (m-1) L^2)
         delta^2 = (start_i - start_j)^2 + (end_i - end_j)^2   two overlapping units
                 = l^2                                          a unit lying inside a gap
                 = 0                                            otherwise
    De = (2/L) * sum_units[(N-1)(2l^3 - 3l^2 + l)/3 + l^2 * sum_{gaps g >= l}(g - l + 1)]
         / (mL(mL-1) - sum_units l(l-1))

with N the number of units of the label over all observers.  Overlapping
spans of one annotator with one label are merged first (the model needs
non-overlapping units per observer).

Pooling: a continuum is weighted by w = m(m-1)L (pairs of observers times
positions), so a label's alpha is 1 - sum(w Do) / sum(w De) over its
continua, and the all-labels figure pools the same sums over every label's
continua.  On one continuum this is exactly Krippendorff's coefficient, and
on several labels of one continuum it is 1 - sum(Do)/sum(De), as in the
book's worked example.  The sums w Do and w De of each document are the
sufficient statistics used for documents, weeks and the bootstrap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Mapping, Sequence

import numpy as np

from .pooled import safe_ratio

# Positions between two paragraphs laid end to end: none.  A unit lies inside one
# paragraph, so no unit crosses the boundary, and a gap runs on through it.
PARAGRAPH_SEPARATOR = 0


@dataclass(frozen=True)
class ContinuumDisagreement:
    """Per continuum: w*Do, w*De and the number of (merged) units."""

    weighted_observed: np.ndarray
    weighted_expected: np.ndarray
    units: np.ndarray
    merged_spans: int


def _merge_overlaps(continuum, annotator, start, end, shift):
    # Sorting by one (continuum, annotator, start) key and offsetting positions
    # by the group key lets one running maximum find overlapping runs in every group.
    group = continuum * (int(annotator.max(initial=0)) + 1) + annotator
    start_key = group * shift + start
    order = np.argsort(start_key, kind="stable")
    start_key, end = start_key[order], end[order]
    running_end = np.maximum.accumulate(start_key + (end - start[order]))  # the end, in the same key
    begins = np.ones(len(start_key), dtype=bool)
    begins[1:] = start_key[1:] >= running_end[:-1]
    first = np.flatnonzero(begins)
    merged_end = np.maximum.reduceat(end, first) if len(first) else end
    kept = order[first]
    return continuum[kept], annotator[kept], start[kept], merged_end, len(start_key) - len(first)


def _overlapping_pairs(continuum, start, end, shift) -> tuple[np.ndarray, np.ndarray]:
    """(i, j), once per pair, for every two overlapping units of one continuum.

    In (continuum, start) order the units overlapping a unit from its right are
    the ones after it that start before it ends: one sorted search per unit.
    An empty unit overlaps nothing.
    """
    keys = continuum * shift + start
    order = np.argsort(keys)  # the order of equal starts does not matter: either finds the other
    keys = keys[order]
    after = np.arange(1, len(keys) + 1)
    sizes = np.maximum(np.searchsorted(keys, (continuum * shift + end)[order], "left") - after, 0)
    offsets = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    i, j = np.repeat(order, sizes), order[np.repeat(after, sizes) + offsets]
    nonempty = end[j] > start[j]
    return i[nonempty], j[nonempty]


class UnitizedContinua:
    """Units and gaps of many continua, prepared once for u-alpha.

    ``project()`` gives the sums with every observer of each continuum;
    ``pair(a, b)`` gives them as if a and b were the only observers, reusing
    the same merged units, overlaps and gaps instead of starting again.

    Inputs: ``continuum``/``annotator``/``start``/``end`` describe the spans
    (one label per continuum, positions inside 0..L); ``lengths`` is indexed
    by continuum code and ``observed_by`` (continua x annotators, bool) says
    who observed each continuum (the done annotators of its document).
    """

    def __init__(self, continuum, annotator, start, end, lengths, observed_by) -> None:
        self.lengths = np.asarray(lengths, dtype=np.int64)
        self.observed_by = np.asarray(observed_by, dtype=bool)
        self.n_cont, self.n_ann = self.observed_by.shape
        self.m = self.observed_by.sum(axis=1).astype(np.float64)
        self.shift = np.int64(int(self.lengths.max(initial=0)) + 2)
        cont, ann, s, e, self.merged = _merge_overlaps(
            *(np.asarray(x, np.int64) for x in (continuum, annotator, start, end)), self.shift)
        self.cont, self.ann, self.s, self.e = cont, ann, s, e
        self.length = (e - s).astype(np.float64)
        self.shape_term = (2 * self.length ** 3 - 3 * self.length ** 2 + self.length) / 3

        i, j = _overlapping_pairs(cont, s, e, self.shift)
        other = ann[i] != ann[j]
        i, j = np.concatenate([i[other], j[other]]), np.concatenate([j[other], i[other]])
        # Which other annotators overlap each unit (a unit overlapping none of
        # an observer's units lies inside one of that observer's gaps).
        self.touched = (np.bincount(i * self.n_ann + ann[j], minlength=len(s) * self.n_ann) > 0
                        ).reshape(len(s), self.n_ann)
        once = ann[i] < ann[j]
        self.pair_i, self.pair_j = i[once], j[once]
        self.boundary = ((s[self.pair_i] - s[self.pair_j]) ** 2 + (e[self.pair_i] - e[self.pair_j]) ** 2
                         ).astype(np.float64)
        # Read by every pair(): the continuum and (lower, higher) annotators of each overlap.
        self.pair_cont = cont[self.pair_i]
        self.pair_annotators = ann[self.pair_i] * self.n_ann + ann[self.pair_j]
        self._build_gaps()

    def _build_gaps(self) -> None:
        s, e = self.s, self.e
        owner = self.cont * self.n_ann + self.ann  # (continuum, annotator): whose gaps
        group_start = np.ones(len(s), dtype=bool)
        group_start[1:] = owner[1:] != owner[:-1]
        last = np.flatnonzero(np.roll(group_start, -1))
        previous_end = np.where(group_start, 0, np.roll(e, 1))
        has_units = np.zeros(self.n_cont * self.n_ann, dtype=bool)
        has_units[owner] = True
        empty = np.flatnonzero(self.observed_by.reshape(-1) & ~has_units)  # all gap: one gap of length L
        gap_owner = np.concatenate([owner, owner[last], empty])
        gap_len = np.concatenate([s - previous_end, self.lengths[self.cont[last]] - e[last],
                                  self.lengths[empty // self.n_ann]])
        keep = gap_len > 0
        self.gap_owner, self.gap_len = gap_owner[keep], gap_len[keep]  # (continuum * annotators + annotator), length

    # Sorted on first use: the continuum statistics read gap_owner/gap_len, the paragraph view no pair.
    @cached_property
    def any_gap(self) -> _SortedGaps:
        return _SortedGaps(self.gap_owner // self.n_ann, self.gap_len, self.n_cont, self.shift)

    @cached_property
    def owned_gap(self) -> _SortedGaps:
        return _SortedGaps(self.gap_owner, self.gap_len, self.n_cont * self.n_ann, self.shift)

    def _expected(self, units: np.ndarray, placements: np.ndarray, m: np.ndarray) -> np.ndarray:
        """w*De per continuum for the given units and their gap placements."""
        cont, length = self.cont[units], self.length[units]
        n_units = np.bincount(cont, minlength=self.n_cont).astype(np.float64)
        per_unit = (n_units[cont] - 1) * self.shape_term[units] + length ** 2 * placements
        expected_sum = np.bincount(cont, weights=per_unit, minlength=self.n_cont)
        squares = np.bincount(cont, weights=length * (length - 1), minlength=self.n_cont)
        total = m * self.lengths
        return np.nan_to_num(safe_ratio(2 * m * (m - 1) * expected_sum, total * (total - 1) - squares))

    def project(self) -> ContinuumDisagreement:
        units, observed = self.project_observed()
        placements = self.any_gap.placements(self.cont, self.length)
        return self._result(observed, self._expected(units, placements, self.m), units)

    def project_observed(self) -> tuple[np.ndarray, np.ndarray]:
        """Every unit, and per continuum the delta^2 sum over unordered observer pairs."""
        units = np.arange(len(self.s))
        # (astype: bincount of an empty selection is integer-typed)
        observed = np.bincount(self.pair_cont, weights=self.boundary, minlength=self.n_cont).astype(np.float64)
        alone = self.length ** 2 * (self.m[self.cont] - 1 - self.touched.sum(axis=1))
        observed += np.bincount(self.cont, weights=alone, minlength=self.n_cont)
        return units, observed

    def pair(self, a: int, b: int) -> ContinuumDisagreement:
        both, units, observed = self.pair_observed(a, b)
        cont = self.cont[units]
        placements = sum(self.owned_gap.placements(cont * self.n_ann + owner, self.length[units])
                         for owner in (a, b))
        m = np.where(both, 2.0, 0.0)
        return self._result(np.where(both, observed, 0.0), self._expected(units, placements, m), units)

    def pair_observed(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Continua both observed, the units of a and b there, and the delta^2 sum of the pair."""
        both = self.observed_by[:, a] & self.observed_by[:, b]
        mine = both[self.cont] & ((self.ann == a) | (self.ann == b))
        units = np.flatnonzero(mine)
        cont, ann = self.cont[units], self.ann[units]
        between = both[self.pair_cont] & (self.pair_annotators == min(a, b) * self.n_ann + max(a, b))
        observed = np.bincount(self.pair_cont[between], weights=self.boundary[between],
                               minlength=self.n_cont).astype(np.float64)
        other = np.where(ann == a, b, a)
        alone = self.length[units] ** 2 * ~self.touched[units, other]
        observed += np.bincount(cont, weights=alone, minlength=self.n_cont)
        return both, units, observed

    def _result(self, observed, weighted_expected, units) -> ContinuumDisagreement:
        weighted_observed = np.nan_to_num(safe_ratio(2 * observed, self.lengths))
        n_units = np.bincount(self.cont[units], minlength=self.n_cont).astype(np.float64)
        return ContinuumDisagreement(weighted_observed, weighted_expected, n_units, self.merged)


class _SortedGaps:
    """Gap lengths sorted under a group key, to sum (g - l + 1) over gaps g >= l."""

    def __init__(self, group: np.ndarray, length: np.ndarray, n_groups: int, shift: np.int64) -> None:
        self.keys = np.sort(group * shift + length)
        self.shift = shift
        # Sums from the k-th sorted gap to the end; whole numbers, so exact as total minus prefix.
        prefix = np.concatenate([[0.0], np.cumsum((self.keys % shift + 1).astype(np.float64))])
        self.suffix = prefix[-1] - prefix
        # Where each group's gaps end, by counting instead of searching.
        self.group_end = np.cumsum(np.bincount(group, minlength=n_groups))

    def placements(self, group: np.ndarray, length: np.ndarray) -> np.ndarray:
        lo = np.searchsorted(self.keys, group * self.shift + length.astype(np.int64), "left")
        hi = self.group_end[group]
        return self.suffix[lo] - self.suffix[hi] - length * (hi - lo)


def continuum_disagreements(continuum: np.ndarray, annotator: np.ndarray, start: np.ndarray,
                            end: np.ndarray, lengths: np.ndarray, observers: np.ndarray) -> ContinuumDisagreement:
    """u-alpha sums for every continuum, observers 0..m-1 of each continuum."""
    observers = np.asarray(observers, dtype=np.int64)
    n_ann = max(int(observers.max(initial=0)), int(np.max(annotator, initial=-1)) + 1)
    observed_by = np.arange(n_ann)[None, :] < observers[:, None]
    return UnitizedContinua(continuum, annotator, start, end, lengths, observed_by).project()


def _checked_units(units_by_observer: Mapping[str, Sequence[tuple[int, int]]], begin: int, length: int,
                   observers: int | None) -> int:
    """The number of observers, after refusing what would give a silent or meaningless number."""
    m = observers if observers is not None else len(units_by_observer)
    if m < len(units_by_observer):
        raise ValueError(f"observers: {m} is fewer than the {len(units_by_observer)} observers given units")
    if m < 2:
        raise ValueError(f"observers: u-alpha needs at least two observers, got {m}")
    if length <= 0:
        raise ValueError(f"length: the continuum must be at least one position long, got {length}")
    for name, units in units_by_observer.items():
        for s, e in units:
            if e < s:
                raise ValueError(f"unit [{s}, {e}) of observer {name!r} has negative length")
            if e == s:
                raise ValueError(f"unit [{s}, {e}) of observer {name!r} is empty (zero length)")
            if s < begin or e > begin + length:
                raise ValueError(f"unit [{s}, {e}) of observer {name!r} lies outside the continuum "
                                 f"[{begin}, {begin + length})")
    return m


def unitizing_alpha(units_by_observer: Mapping[str, Sequence[tuple[int, int]]], begin: int, length: int,
                    observers: int | None = None) -> tuple[float, float, float]:
    """(alpha, Do, De) of one label on one continuum [begin, begin + length).

    ``observers`` defaults to the number of keys; observers without units
    may be given as empty lists or counted in ``observers``.  Raises
    ValueError for fewer than two observers, an empty continuum, or a unit
    that is empty, of negative length or outside the continuum; alpha is
    NaN when the expected disagreement is 0 (no unit can be misplaced).
    """
    m = _checked_units(units_by_observer, begin, length, observers)
    names = sorted(units_by_observer)
    rows = [(k, s - begin, e - begin) for k, name in enumerate(names) for s, e in units_by_observer[name]]
    ann, s, e = (np.array([r[c] for r in rows], np.int64) for c in range(3))
    result = continuum_disagreements(np.zeros(len(rows), np.int64), ann, s, e,
                                     np.array([length]), np.array([m]))
    weight = m * (m - 1) * length
    observed = float(result.weighted_observed[0]) / weight
    expected = float(result.weighted_expected[0]) / weight
    return (1.0 - observed / expected if expected else float("nan")), observed, expected


def document_unitizing_alpha(units_by_observer: Mapping[str, Sequence[tuple[int, int, int]]],
                             paragraph_lengths: Sequence[int],
                             observers: int | None = None) -> tuple[float, float, float]:
    """u-alpha of one label on one document: its paragraphs laid end to end.

    ``units_by_observer`` maps an observer to (paragraph, start, end) units,
    offsets within the paragraph; paragraph p starts where paragraph p-1
    ends (``continuum.PARAGRAPH_SEPARATOR`` positions between them), so a
    unit cannot cross from one paragraph into the next and a gap can.
    """
    offsets = np.concatenate([[0], np.cumsum(np.asarray(paragraph_lengths, np.int64) + PARAGRAPH_SEPARATOR)])
    laid: dict[str, list[tuple[int, int]]] = {}
    for name, units in units_by_observer.items():
        laid[name] = []
        for paragraph, s, e in units:
            if not 0 <= paragraph < len(paragraph_lengths):
                raise ValueError(f"unit of observer {name!r} names paragraph {paragraph}, "
                                 f"but the document has {len(paragraph_lengths)}")
            if s < 0 or e > paragraph_lengths[paragraph]:
                raise ValueError(f"unit [{s}, {e}) of observer {name!r} lies outside paragraph {paragraph} "
                                 f"[0, {paragraph_lengths[paragraph]})")
            laid[name].append((int(offsets[paragraph] + s), int(offsets[paragraph] + e)))
    total = int(sum(paragraph_lengths)) + PARAGRAPH_SEPARATOR * max(len(paragraph_lengths) - 1, 0)
    return unitizing_alpha(laid, 0, total, observers)


def alpha_from_sums(sums: np.ndarray) -> np.ndarray:
    return 1.0 - safe_ratio(sums[..., 0], sums[..., 1])

