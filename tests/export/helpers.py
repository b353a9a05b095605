"""Reading exports back the way a reader's tools would: openpyxl for workbooks, csv for archives."""
from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook


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
