"""The revised unitizing coefficients (Krippendorff, Mathet, Bouvry & Milliet 2016), on a worked example
built by hand (issue 10, item 2)."""

import pytest

from annotator.domain.agreement import AgreementDataset, SpanRecord, build_report


def report_for(units, length=10):
    spans = [SpanRecord(f"s{k}", coder, "d", 0, "argument", label, s, e)
             for k, (coder, label, s, e) in enumerate(units)]
    data = AgreementDataset(done_sets={"d": frozenset({"one", "two"})}, paragraph_lengths={("d", 0): length},
                            spans=spans, links=[], stances=[], frames=[], stance_units={},
                            span_layers={"argument": ["A", "B"]})
    return build_report(data, bootstrap=0, include=["spans"]).variables


# Continuum of 10 positions, two coders (m = 2, so 1/(m-1) = 1):
#   one: A [0,4)  gap [4,6)  B [6,10)
#   two: A [0,5)  gap [5,7)  A [7,10)
# Elementary stretches: [0,4) A|A, [4,5) 0|A, [5,6) 0|0, [6,7) B|0, [7,10) B|A (0 = gap).
# Observed coincidences, both orders of the pair: l_AA = 2*4 = 8, l_0A = l_A0 = 1, l_00 = 2*1 = 2,
#   l_B0 = l_0B = 1, l_AB = l_BA = 3.  Margins: l_A. = 12, l_0. = 4, l_B. = 4, l.. = 20 (= mL).
# ell: units squared, gaps by length: ell_A = 4^2 + 5^2 + 3^2 = 50, ell_B = 4^2 = 16, ell_0 = 2 + 2 = 4.
L, ELL = 20, 70
E_AA, E_BB, E_00 = (L * (12 ** 2 - 50) / (L ** 2 - ELL), L * (4 ** 2 - 16) / (L ** 2 - ELL),
                    L * (4 ** 2 - 4) / (L ** 2 - ELL))
E_0_ROW = L * (4 * L - 4) / (L ** 2 - ELL)
UNITS = [("one", "A", 0, 4), ("one", "B", 6, 10), ("two", "A", 0, 5), ("two", "A", 7, 10)]


def test_u_alpha_2016_counts_gaps_as_a_value():
    # u-alpha = 1 - (l.. - sum l_cc) / (l.. - sum e_cc), with sum l_cc = 8 + 2 + 0
    expected = 1 - (L - 10) / (L - (E_AA + E_BB + E_00))
    got = report_for(UNITS)["spans/argument/__all__"].measures["unitizing_alpha_2016"].value
    assert got == pytest.approx(expected, rel=1e-12) and got == pytest.approx(0.263393, abs=1e-6)


def test_units_versus_gaps_ignores_the_labels():
    # |u-alpha = 1 - (l_0. - l_00) / (e_0. - e_00) = 1 - (4 - 2) / (E_0_ROW - E_00)
    expected = 1 - 2 / (E_0_ROW - E_00)
    variables = report_for(UNITS)
    assert variables["spans/argument/__all__"].measures["unitizing_alpha_units_gaps"].value == pytest.approx(expected)
    # the same units and gaps with other labels give the same figure
    relabelled = [(c, "B" if label == "A" else "A", s, e) for c, label, s, e in UNITS]
    again = report_for(relabelled)["spans/argument/__all__"].measures["unitizing_alpha_units_gaps"].value
    assert again == pytest.approx(expected) and expected == pytest.approx(0.484375)


# Over unit-unit intersections only: l'_A = l_A. - l_A0 = 11, l'_B = 4 - 1 = 3, l'.. = 14.
# ell'_c: each unit's overlap with the other coder's units, squared: one's A [0,4): 4 -> 16,
#   one's B [6,10): 3 -> 9, two's A [0,5): 4 -> 16, two's A [7,10): 3 -> 9: ell'_A = 41, ell'_B = 9.
D = 14 - (41 + 9) / 14
E2_AA, E2_BB = (11 ** 2 - 41) / D, (3 ** 2 - 9) / D
E2_A_ROW, E2_B_ROW = (11 * 14 - 41) / D, (3 * 14 - 9) / D


def test_c_u_alpha_codes_where_units_meet():
    # c|u-alpha = 1 - (l'.. - (l_AA + l_BB)) / (l'.. - (e'_AA + e'_BB)) = 1 - (14 - 8) / (14 - e'_AA)
    expected = 1 - (14 - 8) / (14 - (E2_AA + E2_BB))
    got = report_for(UNITS)["spans/argument/__all__"].measures["unitizing_alpha_labels"].value
    assert got == pytest.approx(expected) and got == pytest.approx(0.051948, abs=1e-6)


def test_k_u_alpha_per_label():
    variables = report_for(UNITS)
    # (k)u-alpha = 1 - (e'_k. / l'_k) (l'_k - l_kk) / (e'_k. - e'_kk)
    a = 1 - (E2_A_ROW / 11) * (11 - 8) / (E2_A_ROW - E2_AA)
    b = 1 - (E2_B_ROW / 3) * (3 - 0) / (E2_B_ROW - E2_BB)
    assert variables["spans/argument/A"].measures["unitizing_alpha_label"].value == pytest.approx(a)
    assert variables["spans/argument/B"].measures["unitizing_alpha_label"].value == pytest.approx(b)
    assert a == pytest.approx(0.066116, abs=1e-6) and b == pytest.approx(0.0, abs=1e-12)


def test_perfect_agreement_gives_one_everywhere():
    same = [("one", "A", 0, 4), ("one", "B", 6, 10), ("two", "A", 0, 4), ("two", "B", 6, 10)]
    variables = report_for(same)
    for name in ("unitizing_alpha_2016", "unitizing_alpha_units_gaps", "unitizing_alpha_labels"):
        assert variables["spans/argument/__all__"].measures[name].value == pytest.approx(1.0), name
