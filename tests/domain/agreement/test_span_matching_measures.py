"""Span matching you can choose, the SemEval-2020 score, unconditional link F1 (issue 10, item 6)."""

import pytest

from annotator.domain.agreement import AgreementDataset, LinkRecord, SpanRecord, build_report

from .test_report import dataset


def spans_only(spans, length=40):
    records = [SpanRecord(f"s{k}", a, "d", 0, "argument", "claim", s, e) for k, (a, s, e) in enumerate(spans)]
    return AgreementDataset(done_sets={"d": frozenset({"a", "b"})}, paragraph_lengths={("d", 0): length},
                            spans=records, links=[], stances=[], frames=[], stance_units={},
                            span_layers={"argument": ["claim"]})


def test_semeval2020_sums_over_every_overlapping_pair_while_partial_uses_the_matched_ones():
    report = build_report(spans_only([("a", 0, 10), ("b", 0, 4), ("b", 6, 10)]), bootstrap=0, include=["spans"])
    measures = report.variables["spans/argument/claim"].measures
    # every overlapping pair: P = (4/10 + 4/10) / 1, R = (4/4 + 4/4) / 2
    p, r = 0.8, 1.0
    assert measures["span_f1_semeval2020"].value == pytest.approx(2 * p * r / (p + r))
    # one-to-one: a is matched to one b-span only: P = 4/10, R = 1/2
    p, r = 0.4, 0.5
    assert measures["span_f1_partial"].value == pytest.approx(2 * p * r / (p + r))


def test_matching_is_optimal_by_default_and_greedy_on_request():
    # greedy pairs a[0,10)-b[2,12) (overlap 8) and leaves a[8,20), b[0,7); optimal pairs both
    data = spans_only([("a", 0, 10), ("a", 8, 20), ("b", 2, 12), ("b", 0, 7)])
    optimal = build_report(data, bootstrap=0, include=["spans"])
    greedy = build_report(data, bootstrap=0, include=["spans"], matching="greedy")
    assert optimal.parameters["matching"] == "optimal" and greedy.parameters["matching"] == "greedy"
    assert optimal.variables["spans/argument/claim"].measures["span_f1_overlap"].value == 1.0
    assert greedy.variables["spans/argument/claim"].measures["span_f1_overlap"].value == pytest.approx(0.5)
    with pytest.raises(ValueError, match="matching"):
        build_report(data, matching="hungarian")


@pytest.mark.parametrize("start, end", [(5, 5), (6, 5), (-1, 3)])
def test_empty_and_negative_spans_are_refused_at_input(start, end):
    with pytest.raises(ValueError, match="span 'x'"):
        SpanRecord("x", "a", "d", 0, "argument", "claim", start, end)


def test_link_f1_unconditional_counts_links_whose_ends_did_not_match_as_missed():
    report = build_report(dataset(), bootstrap=0, include=["links"])
    supports, attacks, every = (report.variables[f"links/{k}"].measures for k in ("supports", "attacks", "__all__"))
    assert supports["link_f1"].value == supports["link_f1_unconditional"].value == 1.0
    # bob's attacks link starts at b4, which matched nothing: conditional F1 has nothing to compare,
    # unconditional F1 counts it as missed
    assert attacks["link_f1"].value is None and attacks["link_f1_unconditional"].value == 0.0
    assert every["link_f1"].value == 1.0 and every["link_f1_unconditional"].value == pytest.approx(2 / 3)


def test_no_link_at_all_gives_a_reason_for_both_link_measures():
    data = dataset(links=[LinkRecord("ann", "d3", "x", "y", "supports")])
    measures = build_report(data, bootstrap=0, include=["links"]).variables["links/supports"].measures
    assert measures["link_f1_unconditional"].value is None and measures["link_f1_unconditional"].inapplicable_reason
