"""The workbook, opened with openpyxl as a reader's tools would open it."""
from __future__ import annotations

import io
from datetime import datetime

import pytest

from annotator.domain.scheme import STANCE_VALUES
from annotator.errors import Invalid
from annotator.export.dataset import Selection
from annotator.export.tables import utf16_length
from annotator.export.xlsx_writer import Limits
from annotator.services.interchange.export import export_project
from tests.export.helpers import rows_as_dicts, sheet_values, workbook
from tests.export_fixtures import AR_P1, AR_TITLE, EN_AUTHOR, EN_TITLE, INJECTIONS, LONG_P, T0, build

SHEETS = ["About", "Codebook", "Documents", "Paragraphs", "Spans", "Links", "Stances", "Stance matrix", "Frames",
          "Agreement", "Agreement pairs", "Progress"]
EXPORTED_AT = datetime(2024, 6, 1, 10, 0, 0)  # UTC: 11:00 in Casablanca


def export(session, project, **options) -> tuple[bytes, object]:
    out = io.BytesIO()
    options.setdefault("exported_at", EXPORTED_AT)
    # The agreement report (bootstrapped) is slow to compute: only the tests about it ask for it.
    options.setdefault("with_agreement", False)
    result = export_project(session, project, "xlsx", out, **options)
    return out.getvalue(), result


@pytest.fixture
def built(session, seeded):
    return build(session, seeded)


@pytest.fixture
def book(session, seeded, built):
    data, _ = export(session, seeded.project)
    return workbook(data)


def test_sheets_in_order_with_frozen_filtered_headers(session, seeded, built):
    book = workbook(export(session, seeded.project, with_agreement=True)[0])
    assert book.sheetnames == SHEETS
    for ws in book.worksheets:
        assert ws.freeze_panes in ("A2", "C2", "D2"), ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws["A1"].font.b, ws.title
    spans = book["Spans"]
    assert [c.value for c in spans[1]] == [
        "Document", "Paragraph", "Start", "End", "Layer", "Label", "Label name", "Attributes", "Text", "Origin",
        "Annotator", "Created", "Updated", "Truncated"]
    assert spans.auto_filter.ref == f"A1:N{spans.max_row}"
    assert spans.column_dimensions["I"].width == 60
    assert book["Stance matrix"].freeze_panes == "C2"


def test_about_names_the_project_scheme_time_zone_and_offset_rule(book):
    about = dict(sheet_values(book["About"])[1:])
    assert about["Project"] == "Demo" and about["Scheme version"] == 1
    assert about["Exported at"] == datetime(2024, 6, 1, 11, 0, 0)
    assert about["Time zone"].startswith("Africa/Casablanca")
    assert about["Documents"] == "all" and about["Annotators"] == "all"
    assert "code points" in about["Offsets"] and "UTF-16" in about["Offsets"]
    codebook = rows_as_dicts(book["Codebook"])
    evidence = next(r for r in codebook if r["Key"] == "evidence")
    assert evidence["Name (ar)"] == "دليل" and evidence["Definition (en)"].startswith("Facts, figures")
    assert "evidence_type: statistic" in evidence["Attributes"]
    assert {r["Layer"] for r in codebook} == {"argument", "technique", "frames", "links", "stance", "numbering"}
    assert "count from 1" in next(r for r in codebook if r["Layer"] == "numbering")["Definition (en)"]
    assert [r["Key"] for r in codebook if r["Layer"] == "stance"] == list(STANCE_VALUES)
    assert all(r["Definition (en)"] for r in codebook)


def test_documents_and_paragraphs_keep_arabic_text_and_real_dates(book):
    documents = {r["Document"]: r for r in rows_as_dicts(book["Documents"])}
    sahel = documents["sahel-001"]
    assert sahel["Title"] == AR_TITLE and sahel["Source"] == "Test Daily"
    assert sahel["Date"] == datetime(2024, 2, 29) and book["Documents"]["F3"].number_format == "yyyy-mm-dd"
    assert sahel["Assigned annotators"] == "ann1, ann2"
    assert sahel["Set status"] == "ann1: done; ann2: in progress; gold: in progress"
    paragraphs = rows_as_dicts(book["Paragraphs"])
    # Paragraphs count from 1, as people count (the title is 1): AR_P1, stored at index 1, is paragraph 2.
    assert {"Document": "sahel-001", "Paragraph": 2, "Kind": "body", "Text": AR_P1, "Truncated": None} in paragraphs


def test_spans_carry_label_attributes_text_and_local_times(book):
    spans = rows_as_dicts(book["Spans"])
    evidence = next(r for r in spans if r["Label"] == "evidence")
    assert evidence == {
        "Document": "sahel-001", "Paragraph": 3, "Start": 0, "End": 30, "Layer": "argument", "Label": "evidence",
        "Label name": "Evidence", "Attributes": "evidence_type=statistic", "Text": "ارتفعت أسعارُ الغذاء بنسبة 40%",
        "Origin": "manual", "Annotator": "ann1", "Created": datetime(2024, 3, 1, 13, 30, 15),
        "Updated": datetime(2024, 3, 2, 9, 0), "Truncated": None}
    major = next(r for r in spans if r["Label"] == "major_claim")
    assert major["Text"].endswith("🌍") and major["End"] - major["Start"] == len(major["Text"])
    assert {r["Annotator"] for r in spans} == {"ann1", "ann2", "gold", "model:gpt"}
    assert next(r for r in spans if r["Annotator"] == "model:gpt")["Origin"] == "suggestion"


def test_links_stances_matrix_frames_and_progress(book):
    links = rows_as_dicts(book["Links"])
    assert links[0]["Source label"] == "evidence" and links[0]["Target text"] == "وهذا دليلٌ على فشل العقوبات"
    stances = rows_as_dicts(book["Stances"])
    assert [r["Scope"] for r in stances] == ["document", "paragraph", "document", "document", "claim"]
    assert stances[1]["Holder"] == "وزير الخارجية" and stances[1]["Paragraph"] == 3
    assert stances[4]["Claim"] == "وهذا دليلٌ على فشل العقوبات" and stances[4]["Value"] == "against"
    matrix = sheet_values(book["Stance matrix"])
    assert matrix[0] == ("Actor", "Document", "ann1", "ann2", "gold", "model:gpt", "Majority", "Truncated")
    assert matrix[1] == ("الاتحاد الأوروبي", "sahel-001", "favor", "favor", "against", None, "favor", None)
    frames = rows_as_dicts(book["Frames"])
    assert [(f["Frame"], f["Primary"], f["Annotator"]) for f in frames] == [
        ("economic", True, "ann1"), ("security_and_defense", False, "ann1"), ("economic", True, "ann2")]
    progress = {r["Annotator"]: r for r in rows_as_dicts(book["Progress"])}
    assert progress["ann1"]["Done"] == 2 and progress["ann2"]["In progress"] == 1
    assert progress["gold"]["Unassigned (kept)"] == 1


def test_formula_injection_is_written_as_text(book):
    spans = book["Spans"]
    texts = {}
    for row in spans.iter_rows(min_row=2):
        texts[row[8].value] = row[8]
    for value in INJECTIONS:
        cell = texts[value]
        assert cell.data_type == "s" and cell.value == value
        assert cell.quotePrefix, value
    title = book["Documents"]["B2"]
    assert title.value == EN_TITLE and title.data_type == "s" and title.quotePrefix
    author = book["Documents"]["C2"]
    assert author.value == EN_AUTHOR and author.data_type == "s"
    # No cell of any sheet is a formula.
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_right_to_left_where_the_content_is_mostly_arabic(session, seeded, built):
    mixed = workbook(export(session, seeded.project)[0])
    assert not mixed["Spans"].sheet_view.rightToLeft  # one Arabic and one English document
    arabic = workbook(export(session, seeded.project, selection=Selection(documents=("sahel-001",)))[0])
    for name in ("Documents", "Paragraphs", "Spans", "Links", "Stances", "Stance matrix", "Frames"):
        assert arabic[name].sheet_view.rightToLeft, name
    for name in ("About", "Codebook", "Agreement", "Progress"):
        assert not arabic[name].sheet_view.rightToLeft, name
    assert {r["Document"] for r in rows_as_dicts(arabic["Spans"])} == {"sahel-001"}


def test_filters_by_annotator_and_says_so(session, seeded, built):
    book = workbook(export(session, seeded.project, selection=Selection(annotators=("ann2", "gold")))[0])
    assert {r["Annotator"] for r in rows_as_dicts(book["Spans"])} == {"ann2", "gold"}
    assert dict(sheet_values(book["About"])[1:])["Annotators"] == "ann2, gold"
    assert sheet_values(book["Stance matrix"])[0][2:4] == ("ann2", "gold")


@pytest.mark.parametrize("selection, field", [(Selection(annotators=("nobody",)), "annotator"),
                                              (Selection(documents=("missing",)), "document")])
def test_unknown_filters_are_refused(session, seeded, built, selection, field):
    with pytest.raises(Invalid) as caught:
        export(session, seeded.project, selection=selection)
    assert caught.value.field == field


def test_long_cells_are_cut_and_the_row_flagged(session, seeded, built):
    book = workbook(export(session, seeded.project, limits=Limits(cell_chars=50))[0])
    paragraphs = rows_as_dicts(book["Paragraphs"])
    long = next(r for r in paragraphs if r["Text"].startswith("Long paragraph"))
    assert long["Text"] == LONG_P[:50]
    assert long["Truncated"] == f"cut to 50 characters: Text ({len(LONG_P)} > 50)"
    assert all(r["Truncated"] is None for r in paragraphs if r["Kind"] == "title")
    assert all(utf16_length(r["Text"]) <= 50 for r in paragraphs)
    # The Arabic paragraph is cut after its emoji (two UTF-16 units): 49 code points, the emoji whole.
    sahel = next(r for r in paragraphs if r["Document"] == "sahel-001" and r["Paragraph"] == 2)
    assert sahel["Text"] == AR_P1[:49] and "🌍" in sahel["Text"]
    assert sahel["Truncated"].endswith(f"Text ({utf16_length(AR_P1)} > 50)")
    arabic = next(r for r in rows_as_dicts(book["Spans"]) if r["Label"] == "major_claim")
    assert arabic["Text"].endswith("🌍")  # 46 units: fits


def test_full_sheets_continue_on_numbered_sheets(session, seeded, built):
    data, result = export(session, seeded.project, limits=Limits(sheet_rows=3))
    book = workbook(data)
    assert [n for n in book.sheetnames if n.startswith("Spans")] == ["Spans", "Spans (2)", "Spans (3)",
                                                                    "Spans (4)", "Spans (5)", "Spans (6)"]
    continued = [r for n in book.sheetnames if n.startswith("Spans") for r in rows_as_dicts(book[n])]
    assert len(continued) == result.counts["Spans"] == 12
    for name in ("Spans", "Spans (2)", "Spans (6)"):
        assert sheet_values(book[name])[0][0] == "Document" and book[name].freeze_panes == "A2"
    assert book["Spans (6)"].max_row == 3


def test_agreement_not_computed(session, seeded, built):
    book = workbook(export(session, seeded.project)[0])
    assert sheet_values(book["Agreement"]) == [("Agreement",), ("agreement not computed",)]
    assert "Agreement pairs" not in book.sheetnames


def test_workbook_properties_carry_the_export_time(session, seeded, built):
    book = workbook(export(session, seeded.project)[0])
    assert book.properties.created == EXPORTED_AT and book.properties.modified == EXPORTED_AT
    assert book.properties.title == "Demo"
    assert T0 < EXPORTED_AT
