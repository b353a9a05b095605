"""Krippendorff's alpha over sets of labels with the MASI distance.

MASI (Passonneau 2006): distance = 1 - Jaccard * M, where M is 1 for
identical sets, 2/3 when one set contains the other, 1/3 when they only
overlap and 0 when disjoint.  Two empty sets are identical (distance 0).
Alpha is then the usual 1 - Do/De over pairable values, with the distinct
sets playing the role of categories.
"""

from __future__ import annotations

from itertools import combinations
from typing import AbstractSet, Callable, Sequence

import numpy as np

from .coding import alpha_disagreements, alpha_statistic, pair_alpha_statistic
from .coding_table import CodingTable, annotators_on, coding_applicability, inapplicable_evaluation
from .pooled import Evaluation
from .results import MeasureResult, finite_or_none

SetDistance = Callable[[AbstractSet, AbstractSet], float]


def masi_distance(a: AbstractSet, b: AbstractSet) -> float:
    if a == b:
        return 0.0
    common = len(a & b)
    jaccard = common / len(a | b)
    if a <= b or b <= a:
        monotonicity = 2 / 3
    elif common:
        monotonicity = 1 / 3
    else:
        monotonicity = 0.0
    return 1.0 - jaccard * monotonicity


def masi_matrix(sets: Sequence[AbstractSet]) -> np.ndarray:
    """MASI distance between every two sets, computed on a membership matrix."""
    universe = sorted({item for s in sets for item in s}, key=repr)
    column = {item: i for i, item in enumerate(universe)}
    member = np.zeros((len(sets), len(universe)))
    for row, s in enumerate(sets):
        member[row, [column[item] for item in s]] = 1.0
    common = member @ member.T
    size = member.sum(axis=1)
    union = size[:, None] + size[None, :] - common
    a_within_b, b_within_a = common == size[:, None], common == size[None, :]
    identical = a_within_b & b_within_a
    # Identical sets are set to 0 at the end, so their monotonicity is never read.
    monotonicity = np.where(a_within_b | b_within_a, 2 / 3, np.where(common > 0, 1 / 3, 0.0))
    jaccard = np.divide(common, union, out=np.ones_like(common), where=union > 0)
    return np.where(identical, 0.0, 1.0 - jaccard * monotonicity)


def distance_matrix(sets: Sequence[AbstractSet], distance: SetDistance) -> np.ndarray:
    out = np.zeros((len(sets), len(sets)))
    for i, j in combinations(range(len(sets)), 2):
        out[i, j] = out[j, i] = distance(sets[i], sets[j])
    return out


def set_alpha(table: CodingTable, distance: SetDistance | None = None,
              name: str = "alpha_masi") -> Evaluation:
    """Alpha where ``table.categories`` are sets; MASI unless another distance is given."""
    sets = list(table.categories)
    matrix = masi_matrix(sets) if distance is None else distance_matrix(sets, distance)
    pairable = table.pairable
    reason = coding_applicability(table, pairable)
    if reason is not None:
        return inapplicable_evaluation(name, reason, table, pairable)
    statistic = alpha_statistic(table, matrix)
    pairs = {(table.annotators[a], table.annotators[b]): pair_alpha_statistic(table, a, b, matrix)
             for a, b in combinations(range(len(table.annotators)), 2)}
    result = MeasureResult(name, finite_or_none(statistic.value()), int(pairable.sum()),
                           annotators_on(table, pairable),
                           details=alpha_disagreements(statistic, matrix))
    return Evaluation(result, statistic, pairs)
