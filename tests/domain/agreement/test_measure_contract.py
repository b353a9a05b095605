"""One contract for every measure: perfect agreement gives 1.0 (or a reason),
no data and a single annotator give no value and a reason."""

import pytest

from annotator.domain.agreement import (AgreementDataset, CodingTable, FrameRecord, LinkRecord, SpanRecord,
                                        StanceRecord, build_report, cohen_kappa, fleiss_kappa, krippendorff_alpha,
                                        percent_agreement, set_alpha)

ANNOTATORS = ("ann", "bob")


def project(annotators=ANNOTATORS, documents=("d1", "d2")) -> AgreementDataset:
    spans, links, stances, frames = [], [], [], []
    for a in annotators:
        for d, kind, frame, stance in zip(documents, ("statistic", "anecdote"), ("economic", "security"),
                                          ("favor", "against")):
            spans += [SpanRecord(f"{a}{d}c", a, d, 0, "argument", "claim", 0, 10),
                      SpanRecord(f"{a}{d}e", a, d, 0, "argument", "evidence", 20, 30, {"evidence_type": kind})]
            links += [LinkRecord(a, d, f"{a}{d}e", f"{a}{d}c", "supports" if d == "d1" else "attacks")]
            stances += [StanceRecord(a, d, "Macron", None, stance, 2),  # an intensity: a missing one is missing
                        StanceRecord(a, d, "Macron", 0, stance, 2)]
            frames += [FrameRecord(a, d, frozenset({frame}), frame)]
    return AgreementDataset(
        done_sets={d: frozenset(annotators) for d in documents},
        paragraph_lengths={(d, 0): 40 for d in documents}, spans=spans, links=links, stances=stances,
        frames=frames, stance_units={d: frozenset({"Macron"}) for d in documents},
        document_weeks={d: "2026-W47" for d in documents}, span_layers={"argument": ["claim", "evidence"]})


SCENARIOS = {
    "perfect": project(),
    "no data": project(documents=()),
    "one annotator": project(annotators=("ann",)),
}
REPORTS = {name: build_report(data, bootstrap=50) for name, data in SCENARIOS.items()}
MEASURES = sorted({(key, measure) for report in REPORTS.values()
                   for key, variable in report.variables.items() for measure in variable.measures})


@pytest.mark.parametrize("key, measure", MEASURES, ids=[f"{k}:{m}" for k, m in MEASURES])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_report_measure_contract(scenario, key, measure):
    variable = REPORTS[scenario].variables.get(key)
    if variable is None:  # e.g. no attribute was ever seen: nothing to report
        assert scenario != "perfect"
        return
    result = variable.measures[measure]
    if scenario == "perfect" and result.value is not None:
        assert result.value == pytest.approx(1.0)
        assert result.ci_low == pytest.approx(1.0) and result.ci_high == pytest.approx(1.0)
    else:
        assert result.value is None
        assert result.inapplicable_reason


def test_perfect_scenario_is_not_vacuous():
    perfect = REPORTS["perfect"].variables
    expected = {("spans/argument/__all__", m) for m in
                ("unitizing_alpha", "span_f1_exact", "span_f1_partial", "span_f1_overlap")}
    expected |= {("links/__all__", "link_f1"), ("frames/set", "alpha_masi"),
                 ("attributes/argument/evidence/evidence_type", "alpha_nominal")}
    expected |= {(f"stance/{level}", m) for level in ("document", "paragraph") for m in
                 ("alpha_nominal", "alpha_interval", "cohen_kappa", "fleiss_kappa", "percent_agreement")}
    expected |= {("frames/primary", m) for m in ("alpha_nominal", "cohen_kappa", "fleiss_kappa")}
    expected |= {("frames/presence/economic", "alpha_nominal")}
    for key, measure in expected:
        assert perfect[key].measures[measure].value == pytest.approx(1.0), (key, measure)


def perfect_table():
    return CodingTable.from_units([{"a": 1, "b": 1}, {"a": 2, "b": 2}, {"a": 3, "b": 3}],
                                  scale={1: 1, 2: 2, 3: 3})


def set_table(units):
    return CodingTable.from_units([{k: frozenset(v) if v is not None else None for k, v in u.items()}
                                   for u in units])


CODING = {
    "alpha_nominal": lambda t: krippendorff_alpha(t, "nominal"),
    "alpha_interval": lambda t: krippendorff_alpha(t, "interval"),
    "cohen_kappa": cohen_kappa,
    "fleiss_kappa": fleiss_kappa,
    "percent_agreement": percent_agreement,
}
TABLES = {
    "perfect": perfect_table(),
    "no data": CodingTable.from_units([{"a": None, "b": None}], scale={}),
    "one annotator": CodingTable.from_units([{"a": 1}, {"a": 2}], scale={1: 1, 2: 2}),
}


@pytest.mark.parametrize("scenario", TABLES)
@pytest.mark.parametrize("name", CODING)
def test_coding_measure_contract(name, scenario):
    result = CODING[name](TABLES[scenario]).result
    if scenario == "perfect":
        assert result.value == pytest.approx(1.0)
    else:
        assert result.value is None and result.inapplicable_reason


@pytest.mark.parametrize("scenario, units", [
    ("perfect", [{"a": {"x"}, "b": {"x"}}, {"a": {"x", "y"}, "b": {"x", "y"}}]),
    ("no data", [{"a": None, "b": None}]),
    ("one annotator", [{"a": {"x"}}, {"a": {"y"}}]),
])
def test_set_alpha_contract(scenario, units):
    result = set_alpha(set_table(units)).result
    if scenario == "perfect":
        assert result.value == pytest.approx(1.0)
    else:
        assert result.value is None and result.inapplicable_reason
