"""build_report on a small hand-computed project."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.domain.agreement import (AgreementDataset, FrameRecord, LinkRecord, SpanRecord, StanceRecord,
                                        build_report)
from annotator.domain.agreement.results import NO_MATCHED_LINKS, ONE_CATEGORY


def span(span_id, annotator, document, label, start, end, **attributes):
    return SpanRecord(span_id, annotator, document, 0, "argument", label, start, end, attributes)


SPANS = [
    span("a1", "ann", "d1", "claim", 0, 10), span("a2", "ann", "d1", "claim", 20, 30),
    span("a3", "ann", "d1", "evidence", 40, 50, evidence_type="statistic"),
    span("b1", "bob", "d1", "claim", 0, 10), span("b2", "bob", "d1", "claim", 22, 30),
    span("b3", "bob", "d1", "evidence", 40, 50, evidence_type="statistic"),
    span("b4", "bob", "d1", "evidence", 60, 70, evidence_type="anecdote"),
    span("c1", "cat", "d1", "claim", 0, 100),  # cat's set is not done: ignored
    span("a4", "ann", "d2", "claim", 5, 15),  # bob is done on d2 but marked nothing
]
LINKS = [
    LinkRecord("ann", "d1", "a3", "a1", "supports"),
    LinkRecord("bob", "d1", "b3", "b1", "supports"),
    LinkRecord("bob", "d1", "b4", "b2", "attacks"),  # b4 matched nothing: left out
]
STANCES = [
    StanceRecord("ann", "d1", "Macron", None, "favor", 3), StanceRecord("bob", "d1", "Macron", None, "favor", 1),
    StanceRecord("ann", "d1", "Le Pen", None, "against", None),  # bob says nothing -> not_stated
    StanceRecord("cat", "d1", "Macron", None, "against", 3),  # not done: ignored
]
FRAMES = [FrameRecord("ann", "d1", frozenset({"economic", "security"}), "economic"),
          FrameRecord("bob", "d1", frozenset({"economic"}), "economic")]


def dataset(**changes) -> AgreementDataset:
    fields = dict(
        done_sets={"d1": frozenset({"ann", "bob"}), "d2": frozenset({"ann", "bob"}), "d3": frozenset({"ann"})},
        paragraph_lengths={("d1", 0): 100, ("d2", 0): 50, ("d3", 0): 40},
        spans=SPANS, links=LINKS, stances=STANCES, frames=FRAMES,
        stance_units={"d1": frozenset({"Macron", "Le Pen"})},
        document_weeks={"d1": "2026-W47", "d2": "2026-W48", "d3": "2026-W48"},
        span_layers={"argument": ["claim", "evidence", "premise"]})
    fields.update(changes)
    return AgreementDataset(**fields)


@pytest.fixture(scope="module")
def report():
    return build_report(dataset(), bootstrap=200, seed=1)


def value(report, key, measure):
    return report.variables[key].measures[measure].value


def test_span_f1_by_hand(report):
    # claim on d1: a1=b1 exact, a2/b2 overlap 8; on d2 ann's span has no partner.
    # exact 2*1/(3+2); overlap 2*2/5; partial P=(1+0.8+0)/3, R=(1+1)/2
    assert value(report, "spans/argument/claim", "span_f1_exact") == pytest.approx(2 / 5)
    assert value(report, "spans/argument/claim", "span_f1_overlap") == pytest.approx(4 / 5)
    p, r = 1.8 / 3, 1.0
    assert value(report, "spans/argument/claim", "span_f1_partial") == pytest.approx(2 * p * r / (p + r))
    # evidence: a3=b3 exact, b4 unmatched
    assert value(report, "spans/argument/evidence", "span_f1_exact") == pytest.approx(2 / 3)
    # all labels pool the counts: exact 2 of 4 + 4 spans
    assert value(report, "spans/argument/__all__", "span_f1_exact") == pytest.approx(4 / 8)


def test_a_done_set_without_spans_is_not_missing(report):
    figures = report.variables["spans/argument/claim"].documents
    documents = dict(zip(figures["document"], figures["value"]))
    # d2: bob's empty done set disagrees with ann's unit; d3 has one done set and is not compared
    assert documents["d2"] < 0.5
    assert "d3" not in documents
    assert list(documents) == sorted(documents, key=documents.get)  # lowest first


def test_unused_declared_label_is_inapplicable_with_reason(report):
    result = report.variables["spans/argument/premise"].measures["unitizing_alpha"]
    assert result.value is None and result.inapplicable_reason


def test_link_f1_counts_only_links_with_matched_ends(report):
    assert value(report, "links/supports", "link_f1") == 1.0
    attacks = report.variables["links/attacks"].measures["link_f1"]
    assert attacks.inapplicable_reason == NO_MATCHED_LINKS
    assert attacks.details["left_out_unmatched_ends"] == 1


def test_stance_by_hand(report):
    # units Macron (favor, favor) and Le Pen (against, not_stated):
    # Do = 2/4, De = 10/12 -> alpha = 0.4
    assert value(report, "stance/document", "alpha_nominal") == pytest.approx(0.4)
    # signed: Macron +3 vs +1; Le Pen -2 vs missing (not_stated) -> one pairable unit, alpha 0
    assert value(report, "stance/document", "alpha_interval") == pytest.approx(0.0)
    assert value(report, "stance/document", "percent_agreement") == pytest.approx(0.5)


def test_frames(report):
    assert report.variables["frames/primary"].measures["alpha_nominal"].inapplicable_reason == ONE_CATEGORY
    masi = report.variables["frames/set"].measures["alpha_masi"]
    # d1: {economic, security} vs {economic}: one unit; d2 both done without frames: {} vs {}
    assert masi.units == 2


def test_attribute_of_matched_evidence(report):
    result = report.variables["attributes/argument/evidence/evidence_type"].measures["percent_agreement"]
    assert result.value == 1.0 and result.units == 1  # only a3/b3 are matched


def test_records_of_sets_not_done_are_left_out_and_reported(report):
    entered = report.entered
    assert entered.left_out_records == {"spans": 1, "stances": 1}
    assert entered.sets_left_out == (("d1", "cat"),)
    assert entered.single_set_documents == ("d3",)
    assert entered.comparable_documents == 2
    assert "cat" not in report.annotators


def test_views(report):
    claim = report.variables["spans/argument/claim"]
    matrix = claim.pairs["span_f1_exact"]
    assert matrix["annotators"] == ["ann", "bob"]
    assert matrix["matrix"][0][1] == matrix["matrix"][1][0] == pytest.approx(2 / 5)
    assert claim.annotator_vs_rest["span_f1_exact"] == {"ann": pytest.approx(0.4), "bob": pytest.approx(0.4)}
    assert set(claim.weeks["span_f1_exact"]) == {"2026-W47", "2026-W48"}
    assert claim.weeks["span_f1_exact"]["2026-W48"] == 0.0


def test_bootstrap_interval_is_seeded_and_brackets_the_value(report):
    again = build_report(dataset(), bootstrap=200, seed=1)
    result = report.variables["stance/document"].measures["percent_agreement"]
    assert again.variables["stance/document"].measures["percent_agreement"] == result
    alpha = report.variables["spans/argument/claim"].measures["unitizing_alpha"]
    assert alpha.ci_low <= alpha.value <= alpha.ci_high


def test_to_dict_is_json_ready(report):
    payload = json.loads(json.dumps(report.to_dict()))
    claim = payload["variables"]["spans/argument/claim"]["measures"]["span_f1_exact"]
    assert set(claim) == {"measure", "value", "ci", "units", "annotators", "reason", "details"}
    assert payload["entered"]["sets_left_out"] == [{"document": "d1", "annotator": "cat"}]


def test_include_limits_families_and_rejects_unknown_names():
    only = build_report(dataset(), bootstrap=0, include=["stance"])
    assert {v.family for v in only.variables.values()} == {"stance"}
    assert only.variables["stance/document"].measures["alpha_nominal"].ci_low is None
    with pytest.raises(ValueError):
        build_report(dataset(), include=["nonsense"])


def test_domain_imports_neither_flask_nor_sqlalchemy():
    code = ("import sys, annotator.domain.agreement, annotator.domain.matching; "
            "assert 'flask' not in sys.modules and 'sqlalchemy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sparse_categories_list_rare_and_unused_labels_of_used_variables(report):
    sparse = {(s["variable"], s["category"]): s["count"] for s in report.entered.sparse_categories}
    assert sparse[("spans/argument", "premise")] == 0
    assert sparse[("stance/document", "neutral")] == 0
    assert not any(variable == "stance/paragraph" for variable, _ in sparse)  # nobody used it


def test_missing_paragraph_length_and_overlong_spans_are_noted():
    lengths = {("d1", 0): 25, ("d3", 0): 40}  # d2 has no length; d1's spans run past 25
    report = build_report(dataset(paragraph_lengths=lengths), bootstrap=0, include=["spans"])
    notes = report.entered.notes
    assert notes["paragraphs_without_length"] == 1
    assert notes["spans_clipped"] == 5  # a2, b2 (end 30) and a3, b3, b4 (start >= 25)


def test_a_done_annotator_without_spans_counts_as_an_observer():
    only_ann_marks = [s for s in SPANS if s.annotator == "ann" and s.document == "d2"]
    report = build_report(dataset(spans=only_ann_marks, links=[]), bootstrap=0, include=["spans"])
    result = report.variables["spans/argument/claim"].measures["unitizing_alpha"]
    assert result.annotators == 2 and result.units == 1
    assert result.value < 1.0


def test_annotators_who_never_share_a_document_get_empty_pair_cells():
    # dan is done only on d3, where ann is alone: the pair (ann, dan) is never compared
    done = {"d1": frozenset({"ann", "bob"}), "d2": frozenset({"ann", "bob"}), "d3": frozenset({"ann", "dan"})}
    extra = [StanceRecord("dan", "d3", "Macron", None, "favor", 1)]
    report = build_report(dataset(done_sets=done, stances=STANCES + extra), bootstrap=20)
    stance = report.variables["stance/document"]
    matrix = stance.pairs["percent_agreement"]
    index = {a: i for i, a in enumerate(matrix["annotators"])}
    assert matrix["matrix"][index["bob"]][index["dan"]] is None  # never together
    assert matrix["matrix"][index["ann"]][index["bob"]] == pytest.approx(0.5)
    assert stance.annotator_vs_rest["percent_agreement"]["bob"] == pytest.approx(0.5)
    json.dumps(report.to_dict())


def test_same_seed_gives_the_same_json_whatever_the_hash_seed():
    code = ("import json; from tests.domain.agreement.test_report import dataset; "
            "from annotator.domain.agreement import build_report; "
            "print(json.dumps(build_report(dataset(), bootstrap=50, seed=3).to_dict()))")
    root = Path(__file__).resolve().parents[3]
    outputs = [subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
               for seed in (1, 2)]
    assert outputs[0] == outputs[1]


def test_attributes_with_no_matched_spans_give_no_attribute_variables():
    # Both annotators mark evidence with a type, but never in the same place: pairs exist, matches none.
    apart = [span("a1", "ann", "d1", "evidence", 0, 10, evidence_type="statistic"),
             span("b1", "bob", "d1", "evidence", 50, 60, evidence_type="anecdote")]
    report = build_report(dataset(spans=apart, links=[]), bootstrap=0)
    assert not [key for key in report.variables if key.startswith("attributes/")]
    assert report.variables["spans/argument/evidence"].measures["unitizing_alpha"].units == 2
