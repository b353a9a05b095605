"""Gamma for two annotators (issue 10, item 7), on examples derived by hand."""

import pytest

from annotator.domain.agreement.gamma import GammaUnit, best_alignment_cost, gamma, observed_disorder


def test_identical_annotations_have_no_disorder_and_gamma_one():
    units = [GammaUnit(0, 10, "claim"), GammaUnit(20, 30, "evidence")]
    result = gamma([(40, units, list(units))], samples=10, seed=1)
    assert result["observed_disorder"] == 0.0 and result["value"] == 1.0
    assert result["expected_disorder"] > 0


def test_observed_disorder_by_hand():
    a = [GammaUnit(0, 10, "claim")]
    b = [GammaUnit(2, 10, "claim"), GammaUnit(20, 30, "evidence")]
    # a0-b0: positional ((2 + 0) / (10 + 8))^2 = 1/81, same category; b1 is alone: 1.
    # mean units per annotator (1 + 2) / 2 = 1.5
    assert best_alignment_cost(a, b) == pytest.approx(1 / 81 + 1)
    assert observed_disorder([(a, b)]) == pytest.approx((1 / 81 + 1) / 1.5)


def test_a_pair_too_different_is_left_unaligned():
    # [0,2) vs [8,10): positional ((8 + 8) / 4)^2 = 16, plus a category change: 17 > 2 x DELTA_EMPTY
    a, b = [GammaUnit(0, 2, "claim")], [GammaUnit(8, 10, "evidence")]
    assert best_alignment_cost(a, b) == 2.0


def test_gamma_is_seeded_and_falls_with_disagreement():
    a = [GammaUnit(0, 10, "claim"), GammaUnit(30, 40, "claim")]
    close = [GammaUnit(1, 10, "claim"), GammaUnit(30, 41, "claim")]
    far = [GammaUnit(15, 25, "evidence")]
    good = gamma([(60, a, close)], samples=20, seed=3)
    assert good == gamma([(60, a, close)], samples=20, seed=3)
    bad = gamma([(60, a, far)], samples=20, seed=3)
    assert 0 < good["value"] <= 1 and bad["value"] < good["value"]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="empty"):
        GammaUnit(5, 5, "claim")
    with pytest.raises(ValueError, match="outside"):
        gamma([(10, [GammaUnit(0, 12, "claim")], [])])
    with pytest.raises(ValueError, match="samples"):
        gamma([(10, [], [])], samples=0)
