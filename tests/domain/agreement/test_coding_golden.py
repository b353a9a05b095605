"""Coding measures against published worked examples and reference libraries."""

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss

from annotator.domain.agreement import CodingTable, cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement
from annotator.domain.agreement.coding import alpha_statistic, nominal_distance
from annotator.domain.agreement.coding_table import MISSING
from annotator.domain.agreement.results import ONE_CATEGORY, UNEQUAL_ANNOTATORS

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers x 12 units with missing values.
K2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def krippendorff_2011_table() -> CodingTable:
    units = [{f"observer{o}": K2011[o][u] for o in range(4)} for u in range(12)]
    return CodingTable.from_units(units, scale={v: v for v in range(1, 6)})


def test_krippendorff_2011_nominal_alpha_is_0_743():
    result = krippendorff_alpha(krippendorff_2011_table(), "nominal").result
    assert result.value == pytest.approx(0.743, abs=5e-4)
    assert result.units == 11  # unit 12 has a single value and is not pairable
    assert result.details["pairable_values"] == 40


def test_krippendorff_2011_interval_alpha_is_0_849():
    result = krippendorff_alpha(krippendorff_2011_table(), "interval").result
    assert result.value == pytest.approx(0.849, abs=5e-4)


@pytest.mark.parametrize("level", ["nominal", "interval"])
def test_per_document_statistics_reproduce_the_package_value(level):
    rng = np.random.default_rng(3)
    values = rng.integers(0, 5, size=(60, 4)).astype(object)
    values[rng.random((60, 4)) < 0.3] = None
    units = [{f"c{c}": values[u, c] for c in range(4)} for u in range(60)]
    table = CodingTable.from_units(units, unit_documents=rng.integers(0, 7, 60), n_documents=7,
                                   scale={v: v for v in range(5)})
    evaluation = krippendorff_alpha(table, level)
    reliability = np.array([[np.nan if v is None else float(v) for v in row] for row in values.T])
    expected = krippendorff.alpha(reliability_data=reliability, level_of_measurement=level)
    assert evaluation.result.value == pytest.approx(expected, abs=1e-12)
    assert evaluation.statistic.value() == pytest.approx(expected, abs=1e-12)


def test_wikipedia_fleiss_example_is_0_210():
    # Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
    counts = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
              [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    units = []
    for row in counts:
        labels = [c for c, n in enumerate(row, start=1) for _ in range(n)]
        units.append({f"rater{r}": label for r, label in enumerate(labels)})
    result = fleiss_kappa(CodingTable.from_units(units)).result
    assert result.value == pytest.approx(0.210, abs=5e-4)
    assert result.details["annotators_per_unit"] == 14


def test_wikipedia_cohen_example_is_0_4():
    # Wikipedia, "Cohen's kappa": 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    table = CodingTable.from_units([{"A": a, "B": b} for a, b in pairs])
    result = cohen_kappa(table).result
    assert result.value == pytest.approx(0.4, abs=1e-12)
    assert result.details["pairs"] == {"A|B": pytest.approx(0.4, abs=1e-12)}
    assert percent_agreement(table).result.value == pytest.approx(0.7)


@pytest.mark.parametrize("seed", range(5))
def test_cohen_matches_sklearn_on_random_data(seed):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 4, 200)
    b = np.where(rng.random(200) < 0.6, a, rng.integers(0, 4, 200))
    table = CodingTable.from_units([{"a": int(x), "b": int(y)} for x, y in zip(a, b)])
    assert cohen_kappa(table).result.value == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_fleiss_matches_statsmodels_on_random_data(seed):
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, 80)
    ratings = np.where(rng.random((80, 5)) < 0.7, truth[:, None], rng.integers(0, 3, (80, 5)))
    table = CodingTable.from_units([{f"r{r}": int(v) for r, v in enumerate(row)} for row in ratings])
    counts = np.stack([(ratings == c).sum(axis=1) for c in range(3)], axis=1)
    assert fleiss_kappa(table).result.value == pytest.approx(statsmodels_fleiss(counts), abs=1e-12)


def test_fleiss_refuses_units_with_different_numbers_of_annotators():
    table = krippendorff_2011_table()  # units have 2, 3 or 4 values
    result = fleiss_kappa(table).result
    assert result.value is None
    assert result.inapplicable_reason.startswith(UNEQUAL_ANNOTATORS)
    assert "2, 3, 4" in result.inapplicable_reason


def test_one_category_makes_chance_corrected_measures_inapplicable_but_not_percent():
    table = CodingTable.from_units([{"a": "x", "b": "x"}, {"a": "x", "b": "x"}])
    for measure in (krippendorff_alpha, cohen_kappa, fleiss_kappa):
        assert measure(table).result.inapplicable_reason == ONE_CATEGORY
    assert percent_agreement(table).result.value == 1.0


def test_percent_agreement_averages_agreeing_pairs_per_unit():
    # unit 1: 3 of 3 pairs agree; unit 2: 1 of 3 pairs (a=b) agree; unit 3: single value, left out
    table = CodingTable.from_units([{"a": 1, "b": 1, "c": 1}, {"a": 1, "b": 1, "c": 2}, {"a": 2}])
    result = percent_agreement(table).result
    assert result.value == pytest.approx((1 + 1 / 3) / 2)
    assert result.units == 2


def test_document_value_uses_project_expected_disagreement():
    # Document 0 agrees fully; document 1 disagrees once.
    units = [{"a": "x", "b": "x"}, {"a": "y", "b": "y"}, {"a": "x", "b": "y"}]
    table = CodingTable.from_units(units, unit_documents=[0, 0, 1])
    statistic = alpha_statistic(table, nominal_distance(2))
    per_document = statistic.document_values()
    # De over the 6 pooled values (3 x, 3 y) = 18 / 30; Do of document 1 = 2/2 = 1
    assert per_document[0] == pytest.approx(1.0)
    assert per_document[1] == pytest.approx(1 - 1 / (18 / 30))


def test_missing_marker_is_minus_one():
    table = CodingTable.from_units([{"a": "x", "b": None}])
    assert table.values.tolist() == [[0, MISSING]]
