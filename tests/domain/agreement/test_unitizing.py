"""Krippendorff's unitizing alpha against Content Analysis (2004), p. 254."""

import numpy as np
import pytest

from annotator.domain.agreement import unitizing_alpha
from annotator.domain.agreement.unitizing import UnitizedContinua, continuum_disagreements

# Krippendorff (2004) p. 254 (as encoded in DKPro Statistics' Krippendorff2004Test):
# continuum [150, 450), observers i and j, categories c and k.
BOOK_C = {"i": [(225, 295), (370, 400)], "j": [(220, 300), (355, 375), (400, 420)]}
BOOK_K = {"i": [(180, 240), (300, 350)], "j": [(180, 240), (300, 350)]}


def test_book_category_c():
    alpha, observed, expected = unitizing_alpha(BOOK_C, begin=150, length=300)
    # delta^2: overlapping pairs 25+25 and 225+625, unit [400,420) in a gap 400 -> 1300
    assert observed == pytest.approx(2 * 1300 / (2 * 1 * 300 ** 2))
    assert observed == pytest.approx(0.0144, abs=1e-4)
    assert expected == pytest.approx(0.0532, abs=1e-4)
    assert alpha == pytest.approx(0.7286, abs=1e-4)


def test_book_category_k():
    alpha, observed, expected = unitizing_alpha(BOOK_K, begin=150, length=300)
    assert observed == 0.0
    assert expected == pytest.approx(0.0490, abs=1e-4)
    assert alpha == 1.0


def test_book_all_categories_pools_observed_and_expected():
    _, do_c, de_c = unitizing_alpha(BOOK_C, begin=150, length=300)
    _, do_k, de_k = unitizing_alpha(BOOK_K, begin=150, length=300)
    # DKPro's test of the same example asserts 0.8591 +- 0.0005.
    assert 1 - (do_c + do_k) / (de_c + de_k) == pytest.approx(0.8591, abs=5e-4)


def reference(units: dict[int, list[tuple[int, int]]], length: int, m: int) -> tuple[float, float]:
    """Literal transcription of the book's formulas, one continuum, slow."""
    observed = 0.0
    for i in range(m):
        for j in range(m):
            if i == j:
                continue
            mine, theirs = units.get(i, []), units.get(j, [])
            for s, e in mine:  # unit of i against units of j, or inside a gap of j
                overlapping = [(s2, e2) for s2, e2 in theirs if s2 < e and s < e2]
                observed += sum((s - s2) ** 2 + (e - e2) ** 2 for s2, e2 in overlapping) if overlapping else (e - s) ** 2
            for s2, e2 in theirs:  # a gap of i holding a unit of j
                if not any(s < e2 and s2 < e for s, e in mine):
                    observed += (e2 - s2) ** 2
    observed /= m * (m - 1) * length ** 2
    gaps = []
    for i in range(m):
        position = 0
        for s, e in sorted(units.get(i, [])):
            if s > position:
                gaps.append(s - position)
            position = e
        if length > position:
            gaps.append(length - position)
    everything = [(s, e) for i in range(m) for s, e in units.get(i, [])]
    n = len(everything)
    total = sum((n - 1) * (2 * (e - s) ** 3 - 3 * (e - s) ** 2 + (e - s)) / 3
                + (e - s) ** 2 * sum(g - (e - s) + 1 for g in gaps if g >= e - s) for s, e in everything)
    expected = 2 / length * total / (m * length * (m * length - 1) - sum((e - s) * (e - s - 1) for s, e in everything))
    return observed, expected


def random_units(rng, m, length):
    units = {}
    for i in range(m):
        cuts = np.sort(rng.choice(np.arange(1, length), size=2 * rng.integers(0, 4), replace=False))
        units[i] = [(int(a), int(b)) for a, b in zip(cuts[::2], cuts[1::2])]
    return units


@pytest.mark.parametrize("seed", range(8))
def test_vectorised_continua_equal_the_literal_formula(seed):
    rng = np.random.default_rng(seed)
    continua = [(random_units(rng, m, length), length, m)
                for m, length in zip(rng.integers(2, 5, 6), rng.integers(20, 80, 6))]
    rows = [(c, i, s, e) for c, (units, _, _) in enumerate(continua) for i, spans in units.items() for s, e in spans]
    columns = [np.array([r[k] for r in rows], np.int64) for k in range(4)]
    lengths = np.array([length for _, length, _ in continua])
    observers = np.array([m for _, _, m in continua])
    result = continuum_disagreements(*columns, lengths, observers)
    for c, (units, length, m) in enumerate(continua):
        observed, expected = reference(units, length, m)
        weight = m * (m - 1) * length
        assert result.weighted_observed[c] == pytest.approx(observed * weight, rel=1e-9, abs=1e-12)
        if any(units.values()):
            assert result.weighted_expected[c] == pytest.approx(expected * weight, rel=1e-9)


def test_overlapping_spans_of_one_annotator_are_merged():
    merged = unitizing_alpha({"a": [(0, 10)], "b": [(0, 6), (4, 10)]}, begin=0, length=30)
    assert merged[0] == 1.0
    result = continuum_disagreements(np.zeros(3, np.int64), np.array([0, 1, 1]), np.array([0, 0, 4]),
                                     np.array([10, 6, 10]), np.array([30]), np.array([2]))
    assert result.merged_spans == 1


def test_an_observer_without_units_counts_as_all_gap():
    alone = unitizing_alpha({"a": [(0, 10)], "b": []}, begin=0, length=30)
    assert alone[0] < 0.5  # b's "nothing here" disagrees with a's unit
    assert alone[1] == pytest.approx(2 * 100 / (2 * 30 ** 2))


@pytest.mark.parametrize("seed", range(5))
def test_pair_sums_equal_the_formula_on_the_two_observers_alone(seed):
    rng = np.random.default_rng(100 + seed)
    n_annotators, continua = 4, []
    for _ in range(6):
        length = int(rng.integers(20, 80))
        observed = rng.random(n_annotators) < 0.75
        units = random_units(rng, n_annotators, length)
        continua.append(({i: u for i, u in units.items() if observed[i]}, length, observed))
    rows = [(c, i, s, e) for c, (units, _, _) in enumerate(continua) for i, spans in units.items() for s, e in spans]
    columns = [np.array([r[k] for r in rows], np.int64) for k in range(4)]
    prepared = UnitizedContinua(*columns, np.array([c[1] for c in continua]), np.array([c[2] for c in continua]))
    for a, b in [(0, 1), (0, 3), (2, 3)]:
        result = prepared.pair(a, b)
        for c, (units, length, observed) in enumerate(continua):
            if not (observed[a] and observed[b]):
                assert result.weighted_observed[c] == 0 and result.weighted_expected[c] == 0
                continue
            two = {0: units.get(a, []), 1: units.get(b, [])}
            observed_d, expected_d = reference(two, length, 2)
            assert result.weighted_observed[c] == pytest.approx(observed_d * 2 * length, rel=1e-9, abs=1e-12)
            if two[0] or two[1]:
                assert result.weighted_expected[c] == pytest.approx(expected_d * 2 * length, rel=1e-9)
