"""Stance units stated and varied (issue 10, item 4)."""

import pytest

from annotator.domain.agreement import AgreementDataset, StanceRecord, build_report


def stance_report():
    stances = [StanceRecord("ann", "d1", "A", None, "favor", 3), StanceRecord("bob", "d1", "A", None, "favor", 1),
               StanceRecord("ann", "d1", "B", None, "against", None)]  # bob silent on B; nobody on C
    data = AgreementDataset(done_sets={"d1": frozenset({"ann", "bob"})}, paragraph_lengths={}, spans=[], links=[],
                            stances=stances, frames=[], stance_units={"d1": frozenset({"A", "B", "C"})})
    return build_report(data, bootstrap=0, include=["stance"])


def test_headline_units_are_those_somebody_gave_a_stance_and_all_mentioned_is_beside_it():
    variables = stance_report().variables
    stated, everyone = variables["stance/document"], variables["stance/document/all_mentioned"]
    assert stated.measures["percent_agreement"].units == 2  # A and B; C was judged by nobody
    assert everyone.measures["percent_agreement"].units == 3
    # A agrees (favor, favor), B does not (against, not stated); C (not stated twice) inflates it
    assert stated.measures["percent_agreement"].value == pytest.approx(1 / 2)
    assert everyone.measures["percent_agreement"].value == pytest.approx(2 / 3)
    assert "at least one annotator" in stated.notes["units"] and "every mentioned" in everyone.notes["units"]
    assert "alpha_interval" not in everyone.measures  # the scale measures do not depend on the units


def test_scale_measures_are_conditional_and_say_what_they_left_out():
    measures = stance_report().variables["stance/document"].measures
    interval = measures["alpha_interval"]
    # only A is on the scale for both (+3, +1): B's 'against' has no intensity (missing, not -2)
    # and bob's silence on B is 'not stated'
    assert interval.units == 1
    assert interval.details["values_without_intensity_left_out"] == 1
    assert interval.details["not_stated_values_left_out"] == 1
    assert set(measures) >= {"alpha_interval", "alpha_ordinal", "gwet_ac2_quadratic", "gwet_ac1", "scott_pi"}


def test_a_missing_intensity_is_not_imputed():
    both = [StanceRecord(a, "d1", "A", None, "favor", None) for a in ("ann", "bob")]
    both += [StanceRecord(a, "d2", "A", None, v, i) for a, v, i in (("ann", "favor", 2), ("bob", "against", 1))]
    data = AgreementDataset(done_sets={d: frozenset({"ann", "bob"}) for d in ("d1", "d2")}, paragraph_lengths={},
                            spans=[], links=[], stances=both, frames=[], stance_units={})
    interval = build_report(data, bootstrap=0, include=["stance"]).variables["stance/document"].measures[
        "alpha_interval"]
    # Imputing 2 would add the unit (+2, +2) on d1 and lift alpha above 0; without it only
    # d2's (+2, -1) is pairable, and one unit alone gives alpha 0 (Do = De).
    assert interval.units == 1 and interval.value == pytest.approx(0.0)
    assert interval.details["values_without_intensity_left_out"] == 2
