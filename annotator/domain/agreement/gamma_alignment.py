"""The best alignment of gamma (Mathet, Widlöcher & Métivier 2015, section 4) for any number of
annotators of one continuum.

A unitary alignment takes at most one unit from each of the n annotators (the others give the
empty unit); its cost is the mean dissimilarity over its C(n, 2) pairs of places, a pair with an
empty unit costing DELTA_EMPTY (two empty places too, as the paper's reference implementation,
pygamma-agreement, counts them).  So a unit left alone costs exactly DELTA_EMPTY whatever n is.
The best alignment partitions every unit into unitary alignments with the least total cost.

Two annotators: an assignment problem, solved exactly by scipy's linear_sum_assignment.  More:
the paper's set-partitioning integer programme, solved exactly by scipy's milp (HiGHS) over every
candidate tuple, minus the tuples that cost at least as much as leaving their k units alone
(k x DELTA_EMPTY): replacing such a tuple by k singletons never raises the cost, so the optimum
survives the pruning.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import csr_matrix

DELTA_EMPTY = 1.0
MAX_CANDIDATES = 5_000_000  # tuples enumerated for one continuum; beyond, a clear error


@dataclass(frozen=True)
class GammaUnit:
    start: int
    end: int
    category: str

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"unit [{self.start}, {self.end}) is empty or of negative length")


def dissimilarity(a: Sequence[GammaUnit], b: Sequence[GammaUnit], alpha: float = 1.0,
                  beta: float = 1.0) -> np.ndarray:
    """The paper's combined dissimilarity alpha d_pos + beta d_cat (times DELTA_EMPTY), with
    d_pos = ((|s_u - s_v| + |e_u - e_v|) / (l_u + l_v))^2 and d_cat = [categories differ]."""
    sa, ea = np.array([u.start for u in a], float), np.array([u.end for u in a], float)
    sb, eb = np.array([u.start for u in b], float), np.array([u.end for u in b], float)
    positional = ((np.abs(sa[:, None] - sb[None, :]) + np.abs(ea[:, None] - eb[None, :]))
                  / ((ea - sa)[:, None] + (eb - sb)[None, :])) ** 2
    categorical = np.array([[u.category != v.category for v in b] for u in a], float).reshape(len(a), len(b))
    return DELTA_EMPTY * (alpha * positional + beta * categorical)


def best_alignment_cost(*annotators: Sequence[GammaUnit], alpha: float = 1.0, beta: float = 1.0) -> float:
    """The least total cost of aligning the annotators' units of one continuum."""
    return best_alignment(*annotators, alpha=alpha, beta=beta)[0]


def best_alignment(*annotators: Sequence[GammaUnit], alpha: float = 1.0,
                   beta: float = 1.0) -> tuple[float, list[tuple[int | None, ...]]]:
    """(total cost, unitary alignments as tuples of unit indexes, None for the empty unit)."""
    if len(annotators) < 2:
        raise ValueError(f"gamma needs at least two annotators, got {len(annotators)}")
    units = sum(len(a) for a in annotators)
    if units == 0:
        return 0.0, []
    if len(annotators) == 2:
        return _two(*annotators, alpha, beta)
    return _many(annotators, alpha, beta)


def _two(a, b, alpha, beta):
    if not a or not b:
        return DELTA_EMPTY * (len(a) + len(b)), [(i, None) for i in range(len(a))] + [(None, j) for j in range(len(b))]
    n_a, n_b = len(a), len(b)
    forbidden = 1e9
    cost = np.zeros((n_a + n_b, n_b + n_a))
    cost[:n_a, :n_b] = dissimilarity(a, b, alpha, beta)
    cost[:n_a, n_b:] = np.where(np.eye(n_a, dtype=bool), DELTA_EMPTY, forbidden)  # a's unit alone
    cost[n_a:, :n_b] = np.where(np.eye(n_b, dtype=bool), DELTA_EMPTY, forbidden)  # b's unit alone
    rows, columns = linear_sum_assignment(cost)
    tuples = [(r if r < n_a else None, c if c < n_b else None) for r, c in zip(rows.tolist(), columns.tolist())
              if r < n_a or c < n_b]
    return float(cost[rows, columns].sum()), tuples


def _many(annotators, alpha, beta):
    sizes = [len(a) + 1 for a in annotators]  # the last index of each annotator is the empty unit
    if int(np.prod(sizes, dtype=float)) > MAX_CANDIDATES:
        raise ValueError(f"gamma: {' x '.join(map(str, sizes))} candidate alignments in one continuum "
                         f"exceed {MAX_CANDIDATES}")
    n = len(annotators)
    total = np.zeros(sizes)
    for x, y in combinations(range(n), 2):
        pair = np.full((sizes[x], sizes[y]), DELTA_EMPTY)
        if annotators[x] and annotators[y]:
            pair[:-1, :-1] = dissimilarity(annotators[x], annotators[y], alpha, beta)
        shape = [1] * n
        shape[x], shape[y] = sizes[x], sizes[y]
        total = total + pair.reshape(shape)
    cost = (total / (n * (n - 1) / 2)).reshape(-1)
    index = np.stack(np.unravel_index(np.arange(cost.size), sizes), axis=1)
    real = index < np.array(sizes) - 1
    k = real.sum(axis=1)
    keep = (k == 1) | ((k > 1) & (cost < k * DELTA_EMPTY))
    cost, index, real = cost[keep], index[keep], real[keep]
    offsets = np.concatenate([[0], np.cumsum([s - 1 for s in sizes])[:-1]])
    columns, places = np.nonzero(real)
    rows = offsets[places] + index[columns, places]
    units = sum(s - 1 for s in sizes)
    cover = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(units, len(cost)))
    solved = milp(cost, constraints=LinearConstraint(cover, 1, 1), integrality=np.ones(len(cost)),
                  bounds=Bounds(0, 1))
    if not solved.success:  # cannot happen: the singletons always partition the units
        raise RuntimeError(f"gamma: the alignment programme failed ({solved.message})")
    chosen = np.flatnonzero(solved.x > 0.5)
    tuples = [tuple(int(i) if r else None for i, r in zip(index[c], real[c])) for c in chosen.tolist()]
    return float(cost[chosen].sum()), tuples
