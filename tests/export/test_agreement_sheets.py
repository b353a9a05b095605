"""The Agreement sheets from the agreement service's report: measures, pairwise matrix, colour scale."""
from __future__ import annotations

import io
from datetime import datetime

from annotator.export.agreement_sheets import NOT_COMPUTED, agreement_tables
from annotator.export.xlsx_writer import write_xlsx
from annotator.services.interchange.export import export_project
from tests.export.helpers import rows_as_dicts, sheet_values, workbook
from tests.export_fixtures import build
from tests.factories import agreement_scenario

REPORT = {
    "annotators": ["ann1", "ann2", "ann3"],
    "variables": {
        "stance/document": {
            "family": "stance", "primary_measure": "alpha_nominal",
            "measures": {
                "alpha_nominal": {"measure": "alpha_nominal", "value": 0.71, "ci": [0.5, 0.9], "units": 12,
                                  "annotators": 3, "reason": None},
                "fleiss_kappa": {"measure": "fleiss_kappa", "value": None, "ci": None, "units": 12, "annotators": 3,
                                 "reason": "units have different numbers of annotators"},
            },
            "pairs": {"alpha_nominal": {"annotators": ["ann1", "ann2", "ann3"],
                                        "matrix": [[None, 0.8, 0.4], [0.8, None, 0.6], [0.4, 0.6, None]]}},
        },
    },
}


def write(tables) -> object:
    out = io.BytesIO()
    write_xlsx(out, tables, created=datetime(2024, 1, 1), title="t")
    return workbook(out.getvalue())


def test_measures_table_one_row_per_variable_and_measure():
    book = write(agreement_tables(REPORT, "Computed 2024-01-01 10:00 (UTC)."))
    rows = rows_as_dicts(book["Agreement"])
    assert rows[0] == {"Variable": "stance/document", "Family": "stance", "Measure": "alpha_nominal", "Primary": True,
                       "Value": 0.71, "CI low": 0.5, "CI high": 0.9, "Units": 12, "Annotators": 3,
                       "Not applicable because": None}
    assert rows[1]["Value"] is None and rows[1]["Not applicable because"].startswith("units have")
    assert rows[-1]["Variable"] == "Computed 2024-01-01 10:00 (UTC)."
    assert book["Agreement"]["E2"].number_format == "0.000"


def test_pairwise_matrix_under_annotator_columns_with_a_colour_scale():
    book = write(agreement_tables(REPORT))
    pairs = book["Agreement pairs"]
    assert sheet_values(pairs) == [
        ("Variable", "Measure", "Annotator", "ann1", "ann2", "ann3"),
        ("stance/document", "alpha_nominal", "ann1", None, 0.8, 0.4),
        ("stance/document", "alpha_nominal", "ann2", 0.8, None, 0.6),
        ("stance/document", "alpha_nominal", "ann3", 0.4, 0.6, None),
    ]
    ranges = {str(rng.sqref): rules for rng, rules in pairs.conditional_formatting._cf_rules.items()}
    assert list(ranges) == ["D2:F4"]
    assert ranges["D2:F4"][0].type == "colorScale"
    assert pairs.freeze_panes == "D2"


def test_no_report_says_so():
    book = write(agreement_tables(None))
    assert sheet_values(book["Agreement"]) == [("Agreement",), (NOT_COMPUTED,)]


def test_export_uses_the_agreement_service(session, seeded):
    agreement_scenario(session, seeded)  # the agreement tests' own project: two done annotators
    out = io.BytesIO()
    export_project(session, seeded.project, "xlsx", out, exported_at=datetime(2024, 6, 1))
    book = workbook(out.getvalue())
    measures = rows_as_dicts(book["Agreement"])
    stance = next(r for r in measures if r["Variable"] == "stance/document" and r["Primary"])
    assert stance["Annotators"] == 2 and stance["Measure"] == "alpha_nominal"
    pairs = rows_as_dicts(book["Agreement pairs"])
    assert {r["Annotator"] for r in pairs} == {"ann1", "ann2"}
    assert measures[-1]["Variable"].startswith("Computed ")


def test_a_failing_agreement_engine_does_not_stop_the_export(session, seeded, monkeypatch):
    build(session, seeded)

    def broken(*_args, **_kwargs):
        raise ValueError("engine broke")

    monkeypatch.setattr("annotator.services.agreement.reports.agreement_state", broken)
    out = io.BytesIO()
    export_project(session, seeded.project, "xlsx", out, exported_at=datetime(2024, 6, 1))
    values = sheet_values(workbook(out.getvalue())["Agreement"])
    assert values[1] == (NOT_COMPUTED,) and "ValueError: engine broke" in values[2][0]
