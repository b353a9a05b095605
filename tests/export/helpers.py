"""Reading exports back the way a reader's tools would (openpyxl for workbooks, csv for archives),
and a JSONL export imported back into a copy project."""
from __future__ import annotations

import csv
import io
import json
import zipfile

from openpyxl import load_workbook

from annotator.services.interchange.annotations_import import import_interchange
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def sheet_values(ws) -> list[tuple]:
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def rows_as_dicts(ws) -> list[dict]:
    header, *rows = sheet_values(ws)
    return [dict(zip(header, row)) for row in rows]


def all_values(data: bytes) -> dict[str, list[tuple]]:
    book = workbook(data)
    return {ws.title: sheet_values(ws) for ws in book.worksheets}


def csv_tables(data: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
                for name in archive.namelist()}


def import_into_a_copy(session, recs: list[dict]):
    """The JSONL records imported into a new project "Copy" (the round trip of an export)."""
    copy = projects.create_project(session, "Copy", DEFAULT_SCHEME, time_zone="Africa/Casablanca")
    for r in recs:  # the factories' documents have no title paragraph: make them importable as such
        if r["type"] == "document":
            r["paragraphs"][0]["kind"], r["title"] = "title", r["paragraphs"][0]["text"]
            del r["content_hash"]
    import_interchange(session, copy, [json.dumps(r, ensure_ascii=False).encode() for r in recs])
    return copy
