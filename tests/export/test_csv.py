"""The CSV archive: one UTF-8 file per table, whole texts, and the same formula guard."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest

from annotator.services.interchange.export import export_project
from tests.export.helpers import csv_tables
from tests.export_fixtures import AR_P1, EN_AUTHOR, EN_TITLE, INJECTIONS, LONG_P, build

FILES = ["about.csv", "codebook.csv", "documents.csv", "paragraphs.csv", "spans.csv", "links.csv", "stances.csv",
         "stance_matrix.csv", "frames.csv", "agreement.csv", "progress.csv"]


@pytest.fixture
def archive(session, seeded) -> bytes:
    build(session, seeded)
    out = io.BytesIO()
    export_project(session, seeded.project, "csv", out, exported_at=datetime(2024, 6, 1, 10, 0),
                   with_agreement=False)
    return out.getvalue()


def test_one_file_per_table_with_a_bom_for_excel(archive):
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        assert z.namelist() == FILES
        assert z.read("spans.csv").startswith(b"\xef\xbb\xbf")
        assert all(info.date_time == (2024, 6, 1, 10, 0, 0) for info in z.infolist())


def test_headers_and_arabic_values(archive):
    tables = csv_tables(archive)
    spans = tables["spans.csv"]
    assert list(spans[0]) == ["Document", "Paragraph", "Start", "End", "Layer", "Label", "Label name", "Attributes",
                              "Text", "Origin", "Annotator", "Created", "Updated"]
    evidence = next(r for r in spans if r["Label"] == "evidence")
    assert evidence["Text"] == "ارتفعت أسعارُ الغذاء بنسبة 40%" and evidence["Attributes"] == "evidence_type=statistic"
    assert evidence["Created"] == "2024-03-01 13:30:15"  # the project's time zone, to the second
    paragraphs = tables["paragraphs.csv"]
    assert {"Document": "sahel-001", "Paragraph": "2", "Kind": "body", "Text": AR_P1} in paragraphs  # from 1
    assert any(r["Text"] == LONG_P for r in paragraphs)  # CSV keeps texts whole
    frames = tables["frames.csv"]
    assert frames[0]["Primary"] == "true" and frames[1]["Primary"] == "false"
    assert tables["documents.csv"][0]["Date"] == "2024-02-29"


def test_formula_injection_gets_the_text_mark(archive):
    tables = csv_tables(archive)
    texts = {r["Text"] for r in tables["spans.csv"]}
    for value in INJECTIONS:
        assert "'" + value in texts and value not in texts
    document = next(r for r in tables["documents.csv"] if r["Document"] == "arctic-002")
    assert document["Title"] == "'" + EN_TITLE and document["Author"] == "'" + EN_AUTHOR


def test_the_same_export_gives_the_same_bytes(session, seeded, archive):
    again = io.BytesIO()
    export_project(session, seeded.project, "csv", again, exported_at=datetime(2024, 6, 1, 10, 0),
                   with_agreement=False)
    assert again.getvalue() == archive
