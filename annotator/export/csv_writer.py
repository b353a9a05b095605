"""Tables as CSV files (UTF-8 with a byte-order mark, so Excel reads Arabic right), zipped.

CSV is for statistics tools, so texts are written whole (no 32,767-character cut). The formula
guard still applies: a value that a spreadsheet would evaluate gets a leading apostrophe, the
mark spreadsheets themselves use for "this is text".
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from .tables import FORMULA_TRIGGERS, LiteralText, Table, safe_cell

TEXT_MARK = "'"


def csv_value(value) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        value = safe_cell(value)
        return TEXT_MARK + value if type(value) is LiteralText else value
    return str(value)


def csv_row(row) -> list:
    """A row's cells as csv_value gives them, with the cells that need nothing (numbers, None,
    a text no spreadsheet would evaluate) passed as they are: the csv writer writes those
    exactly as csv_value would (str(), "" for None), and most of an export's cells are such."""
    return [value if value is None or (kind := type(value)) is int or kind is float
            or (kind is str and not (value and value[0] in FORMULA_TRIGGERS)) else csv_value(value)
            for value in row]


def file_name(table_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", table_name.lower()).strip("_") + ".csv"


def write_csv_zip(target: str | BinaryIO, tables: Iterable[Table], *, created: datetime) -> dict[str, int]:
    """One CSV per table; every entry is dated ``created``, so the same export gives the same bytes."""
    counts = {}
    stamp = created.timetuple()[:6]
    with ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        for table in tables:
            entry = ZipInfo(file_name(table.name), date_time=stamp)
            entry.compress_type = ZIP_DEFLATED
            with archive.open(entry, "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                writer = csv.writer(text)
                writer.writerow(csv_row(table.headers))
                rows = 0
                for row in table.rows:
                    writer.writerow(csv_row(row))
                    rows += 1
                text.flush()
                text.detach()
            counts[table.name] = rows
    return counts
