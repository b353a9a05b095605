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


# --- every annotator together (the paper's gamma, not pairs) -------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from annotator.domain.agreement.gamma_alignment import _many, _two, best_alignment  # noqa: E402

# pygamma-agreement's test continuum tests/data/AlexPaulSuzan.csv (annotator, category, start, end).
ALEX_PAUL_SUZAN = [("Alex", "1", 2, 9), ("Alex", "2", 11, 17), ("Alex", "5", 24, 30), ("Alex", "6", 32, 36),
                   ("Alex", "6", 36, 44), ("Alex", "7", 44, 60), ("Paul", "1", 2, 9), ("Paul", "3", 11, 17),
                   ("Paul", "5", 19, 25), ("Paul", "6", 32, 44), ("Suzan", "1", 2, 9), ("Suzan", "4", 11, 17),
                   ("Suzan", "5", 21, 27), ("Suzan", "6", 32, 36), ("Suzan", "6", 36, 40), ("Suzan", "6", 40, 44)]
# Two of the random 4-annotator continua the same oracle was run on (categories x / y).
RANDOM_FOUR = [
    ([("a0", "x", 1, 13), ("a0", "x", 25, 34), ("a0", "x", 48, 49), ("a0", "x", 19, 27), ("a0", "x", 6, 7),
      ("a1", "x", 7, 21), ("a2", "x", 37, 41), ("a2", "y", 21, 25), ("a2", "y", 8, 21), ("a2", "x", 42, 44),
      ("a3", "y", 24, 34), ("a3", "y", 33, 34), ("a3", "x", 27, 40), ("a3", "x", 18, 31)], 2.0373916625976562),
    ([("a0", "y", 33, 35), ("a0", "y", 17, 21), ("a1", "x", 44, 57), ("a1", "y", 0, 11), ("a1", "x", 38, 39),
      ("a1", "x", 25, 30), ("a1", "y", 46, 49), ("a2", "x", 14, 26), ("a2", "x", 15, 17)], 2.4198386669158936),
]


def by_annotator(rows):
    names = list(dict.fromkeys(r[0] for r in rows))
    return [[GammaUnit(s, e, c) for a, c, s, e in rows if a == n] for n in names]


@pytest.mark.parametrize("alpha, expected", [(3.0, 0.9606249332427979), (1.0, 0.6535416841506958)])
def test_three_annotators_best_alignment_matches_pygamma_agreement(alpha, expected):
    # Expected: pygamma-agreement 0.5.9's Continuum.get_best_alignment(CombinedCategoricalDissimilarity(
    # alpha=alpha, beta=1, delta_empty=1)).disorder on this continuum, run once outside the project
    # (float32 there, hence 1e-6).  All three annotators are aligned together, not pair by pair.
    annotators = by_annotator(ALEX_PAUL_SUZAN)
    assert observed_disorder([annotators], alpha=alpha) == pytest.approx(expected, abs=1e-6)
    # by hand for alpha = 1: Alex/Paul/Suzan [2,9) cat 1 agree fully (cost 0); the mean number of
    # units per annotator is 16 / 3, so the total cost is 0.65354 x 16 / 3 = 3.4856.
    if alpha == 1.0:
        assert best_alignment(*annotators)[0] == pytest.approx(expected * 16 / 3, abs=1e-5)
        assert (0, 0, 0) in best_alignment(*annotators)[1]


@pytest.mark.parametrize("rows, expected", RANDOM_FOUR)
def test_four_annotators_best_alignment_matches_pygamma_agreement(rows, expected):
    assert observed_disorder([by_annotator(rows)]) == pytest.approx(expected, abs=1e-6)


def brute_force_cost(annotators) -> float:
    """Least cost over every partition into unitary alignments, written independently: take the
    first unplaced unit, try every way of joining it with at most one unplaced unit of each other
    annotator; a tuple costs the mean over its C(n, 2) places of d (1 with an empty place)."""
    n = len(annotators)

    def d(u, v):
        if u is None or v is None:
            return 1.0
        pos = (abs(u.start - v.start) + abs(u.end - v.end)) / ((u.end - u.start) + (v.end - v.start))
        return pos * pos + (u.category != v.category)

    def tuple_cost(t):
        return sum(d(t[i], t[j]) for i in range(n) for j in range(i + 1, n)) / (n * (n - 1) / 2)

    def best(left):
        first = next(((a, u) for a in range(n) for u in left[a]), None)
        if first is None:
            return 0.0
        a0, u0 = first
        options = [[None] + list(left[b]) if b != a0 else [u0] for b in range(n)]
        result = float("inf")

        def extend(b, chosen):
            nonlocal result
            if b == n:
                rest = [[u for u in left[x] if u is not chosen[x]] for x in range(n)]
                result = min(result, tuple_cost(chosen) + best(rest))
                return
            for option in options[b]:
                extend(b + 1, chosen + [option])

        extend(0, [])
        return result

    return best([list(units) for units in annotators])


unit = st.builds(lambda s, length, c: GammaUnit(s, s + length, c), st.integers(0, 30), st.integers(1, 12),
                 st.sampled_from("xy"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(unit, max_size=3), min_size=3, max_size=3))
def test_the_integer_programme_is_the_exhaustive_optimum(annotators):
    assert best_alignment_cost(*annotators) == pytest.approx(brute_force_cost(annotators), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.lists(unit, max_size=4), st.lists(unit, max_size=4))
def test_two_annotators_the_assignment_and_the_programme_agree(a, b):
    if a and b:
        assert _two(a, b, 1.0, 1.0)[0] == pytest.approx(_many([a, b], 1.0, 1.0)[0], abs=1e-9)


def test_gamma_over_three_annotators_and_its_refusals():
    a = [GammaUnit(0, 10, "claim"), GammaUnit(30, 40, "claim")]
    b = [GammaUnit(1, 10, "claim"), GammaUnit(30, 41, "claim")]
    c = [GammaUnit(0, 9, "claim"), GammaUnit(31, 40, "evidence")]
    result = gamma([(60, a, b, c)], samples=10, seed=2)
    assert result == gamma([(60, a, b, c)], samples=10, seed=2)
    assert 0 < result["value"] < 1
    identical = gamma([(60, a, list(a), list(a))], samples=10, seed=2)
    assert identical["observed_disorder"] == 0.0 and identical["value"] == 1.0
    with pytest.raises(ValueError, match="at least two annotators"):
        gamma([(60, a)])
    with pytest.raises(ValueError, match="at least two annotators"):
        best_alignment(a)
