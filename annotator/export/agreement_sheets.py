"""The Agreement sheets, from the report's JSON form (``AgreementReport.to_dict()``, docs/agreement.md).

Pure. The measures table has one row per variable and measure; the pairwise sheet lays every
annotator-by-annotator matrix out as rows under the same annotator columns, so one filter on
Variable and Measure shows one matrix, and one colour scale covers them all.
"""
from __future__ import annotations

from collections.abc import Mapping

from .tables import Column, Table

NOT_COMPUTED = "agreement not computed"
SCOPE_NOTE = ("Agreement covers the whole project (done sets of annotators), whatever documents or "
              "annotators this export was filtered to.")

MEASURE_COLUMNS = (
    Column("Variable", 34), Column("Family", 11), Column("Measure", 20), Column("Primary", 9, "bool"),
    Column("Value", 9, "float"), Column("CI low", 9, "float"), Column("CI high", 9, "float"),
    Column("Units", 8, "int"), Column("Annotators", 11, "int"), Column("Not applicable because", 50, wrap=True),
)


def agreement_tables(report: Mapping | None, computed_note: str | None = None) -> list[Table]:
    if report is None:
        rows = [(NOT_COMPUTED,)] + ([(computed_note,)] if computed_note else [])
        return [Table("Agreement", (Column("Agreement", 90, wrap=True),), rows, may_truncate=False)]
    return [measures_table(report, computed_note), pairs_table(report)]


def measures_table(report: Mapping, computed_note: str | None = None) -> Table:
    rows = []
    for key, variable in sorted(report.get("variables", {}).items()):
        primary = variable.get("primary_measure")
        for name, result in variable.get("measures", {}).items():
            ci = result.get("ci") or (None, None)
            rows.append((key, variable.get("family"), name, name == primary, result.get("value"), ci[0], ci[1],
                         result.get("units"), result.get("annotators"), result.get("reason")))
    # Two closing lines below an empty row: where the figures come from.
    trailer = [(None,) * len(MEASURE_COLUMNS), (SCOPE_NOTE,) + (None,) * (len(MEASURE_COLUMNS) - 1)]
    if computed_note:
        trailer.append((computed_note,) + (None,) * (len(MEASURE_COLUMNS) - 1))
    value_column = 4
    return Table("Agreement", MEASURE_COLUMNS, rows + trailer, may_truncate=False,
                 color_scale=(value_column, value_column, len(rows)))


def pairs_table(report: Mapping) -> Table:
    annotators = list(report.get("annotators", []))
    columns = (Column("Variable", 34), Column("Measure", 20), Column("Annotator", 14),
               *(Column(name, max(10, len(name) + 2), "float") for name in annotators))
    rows = []
    for key, variable in sorted(report.get("variables", {}).items()):
        for measure, pair in variable.get("pairs", {}).items():
            index = {name: i for i, name in enumerate(pair.get("annotators", []))}
            matrix = pair.get("matrix", [])
            for name in annotators:
                if name not in index:
                    continue
                line = matrix[index[name]]
                rows.append((key, measure, name, *(line[index[other]] if other in index else None
                                                   for other in annotators)))
    first = 3
    return Table("Agreement pairs", columns, rows, may_truncate=False, frozen_columns=3,
                 color_scale=(first, first + len(annotators) - 1, len(rows)) if annotators else None)
