"""MASI distance and alpha over label sets."""

from fractions import Fraction
from itertools import permutations

import krippendorff
import numpy as np
import pytest

from annotator.domain.agreement import CodingTable, masi_distance, masi_matrix, set_alpha

def S(*items: str) -> frozenset:
    return frozenset(items)


@pytest.mark.parametrize("a, b, expected", [
    (S(), S(), 0.0),                      # identical (empty)
    (S("A"), S("A"), 0.0),                # identical
    (S("A", "B"), S("A"), 1 - 1 / 2 * 2 / 3),  # subset: J = 1/2, M = 2/3
    (S("A", "B"), S("A", "C"), 1 - 1 / 3 * 1 / 3),  # overlap: J = 1/3, M = 1/3
    (S("A"), S("B"), 1.0),                # disjoint
    (S("A"), S(), 1.0),                   # J = 0
])
def test_masi_distance(a, b, expected):
    assert masi_distance(a, b) == pytest.approx(expected)
    assert masi_distance(b, a) == pytest.approx(expected)


def test_vectorised_matrix_equals_pairwise_distance():
    sets = [S(), S("A"), S("A", "B"), S("A", "C"), S("B", "C", "D"), S("D")]
    matrix = masi_matrix(sets)
    for i, j in np.ndindex(matrix.shape):
        assert matrix[i, j] == pytest.approx(masi_distance(sets[i], sets[j]))


# DKPro Statistics' set-annotation study (SetAnnotationsTest): 9 items, 2 raters.
ITEMS = [(S(), S()), (S("A"), S()), (S("A"), S("A")), (S("A"), S("B")), (S("A", "B"), S("A")),
         (S("A", "B"), S("A", "C")), (S("A", "B", "C"), S("A", "B", "C")), (S("C"), S("A", "C")),
         (S("C"), S("A", "C"))]


def dkpro_table() -> CodingTable:
    return CodingTable.from_units([{"r1": a, "r2": b} for a, b in ITEMS])


def dkpro_masi(a, b) -> float:
    """DKPro's variant: (1 - Jaccard) weighted 0, 1/3, 2/3, 1 (not Passonneau's 1 - J*M)."""
    union = len(a | b)
    jaccard_distance = 1.0 if union == 0 else 1 - len(a & b) / union
    if a == b:
        return 0.0
    if a <= b or b <= a:
        return jaccard_distance / 3
    return jaccard_distance * (2 / 3 if a & b else 1.0)


def test_alpha_machinery_reproduces_dkpro_published_values():
    # DKPro asserts Do = 0.253, De = 0.338, alpha = 0.252 (to 0.001) for this study.
    result = set_alpha(dkpro_table(), distance=dkpro_masi).result
    assert result.details["observed_disagreement"] == pytest.approx(0.253, abs=1e-3)
    assert result.details["expected_disagreement"] == pytest.approx(0.338, abs=1e-3)
    assert result.value == pytest.approx(0.252, abs=1e-3)


def test_masi_alpha_on_the_dkpro_study_by_hand():
    result = set_alpha(dkpro_table()).result
    # Do by hand: distances per item 0, 1, 0, 1, 2/3, 8/9, 0, 2/3, 2/3; each item
    # gives 2 ordered pairs over n = 18 values -> Do = sum / 9 = 44/81.
    assert result.details["observed_disagreement"] == pytest.approx(float(Fraction(44, 81)))
    # De: every ordered pair of the 18 pooled values, brute force.
    values = [v for pair in ITEMS for v in pair]
    expected = sum(masi_distance(a, b) for a, b in permutations(values, 2)) / (18 * 17)
    assert result.details["expected_disagreement"] == pytest.approx(expected)
    assert result.value == pytest.approx(1 - (44 / 81) / expected)
    assert result.value == pytest.approx(0.2731, abs=1e-4)


def test_masi_alpha_agrees_with_krippendorff_package_given_the_same_metric():
    table = dkpro_table()
    distance = masi_matrix(list(table.categories))

    def metric(v1, v2, i1, i2, n_v, dtype=np.float64):
        return distance[v1.astype(int), v2.astype(int)].astype(dtype)

    reliability = table.values.T.astype(float)
    reliability[reliability < 0] = np.nan
    expected = krippendorff.alpha(reliability_data=reliability, value_domain=np.arange(len(table.categories)),
                                  level_of_measurement=metric)
    assert set_alpha(table).result.value == pytest.approx(expected, abs=1e-12)
