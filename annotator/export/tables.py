"""What every writer shares: a table's shape, and the rules that make a cell safe to open.

Pure: no database, no file. A ``Table`` is a name, its columns and an iterable of rows (tuples of
plain values); the writers decide how each kind of value is stored.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

# A spreadsheet evaluates a cell typed with one of these first characters (=, +, - and @ start a
# formula; a leading tab or carriage return hides one from a naive check), so such a value is
# written as text, never as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = frozenset("=+-@\t\r")

# Excel's hard limits.
EXCEL_CELL_CHARS = 32_767  # counted in UTF-16 code units, as Excel counts them
EXCEL_SHEET_ROWS = 1_048_576


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold (xlsx_writer); here so that the CSV export need not load openpyxl."""
    cell_chars: int = EXCEL_CELL_CHARS
    sheet_rows: int = EXCEL_SHEET_ROWS


EXCEL_TITLE_CHARS = 31

# XML 1.0 cannot carry these control characters at all: they become U+FFFD in a workbook.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
REPLACEMENT = "\ufffd"


class LiteralText(str):
    """A string a spreadsheet must show exactly as typed, never evaluate."""

    __slots__ = ()


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14
    kind: str = "text"  # text | int | float | bool | date | datetime
    wrap: bool = False


@dataclass
class Table:
    """One sheet of a workbook, one file of a CSV archive."""

    name: str
    columns: tuple[Column, ...]
    rows: Iterable[Sequence]
    rtl: bool = False
    # A colour scale over a numeric block: (first column, last column, data rows), 0-based columns.
    color_scale: tuple[int, int, int] | None = None
    # Columns kept in view when scrolling sideways (the header row always is).
    frozen_columns: int = 0
    # Whether the workbook adds a "Truncated" column for cells cut to Excel's limit.
    may_truncate: bool = True

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)


def safe_cell(value):
    """The formula guard: a string that a spreadsheet would evaluate comes back as LiteralText."""
    if type(value) is str and value and value[0] in FORMULA_TRIGGERS:
        return LiteralText(value)
    return value


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit_text(text: str, limit: int) -> tuple[str, int | None]:
    """``text`` cut to at most ``limit`` UTF-16 units (never inside a surrogate pair), and its
    original length in those units when it was cut (None when it fits)."""
    # Cheap test first: a string of n code points has at most 2n UTF-16 units.
    if len(text) * 2 <= limit:
        return text, None
    units = text.encode("utf-16-le")
    if len(units) // 2 <= limit:
        return text, None
    cut = units[: limit * 2]
    if 0xD800 <= int.from_bytes(cut[-2:], "little") <= 0xDBFF:
        cut = cut[:-2]  # a high surrogate whose pair was cut off
    return cut.decode("utf-16-le"), len(units) // 2


def truncation_note(cuts: list[tuple[str, int]], limit: int) -> str:
    parts = ", ".join(f"{header} ({length} > {limit})" for header, length in cuts)
    return f"cut to {limit} characters: {parts}"


def xml_safe(text: str) -> str:
    return XML_ILLEGAL.sub(REPLACEMENT, text) if XML_ILLEGAL.search(text) else text


def sheet_title(name: str, part: int) -> str:
    """"Spans", then "Spans (2)", "Spans (3)": within Excel's 31-character limit."""
    if part == 1:
        return name[:EXCEL_TITLE_CHARS]
    suffix = f" ({part})"
    return name[: EXCEL_TITLE_CHARS - len(suffix)] + suffix


class LocalClock:
    """Naive UTC times from the database as naive times in the project's zone.

    Spreadsheets have no time zones (openpyxl refuses aware datetimes), so the About sheet
    names the zone once and every time is shown in it.
    """

    def __init__(self, zone: tzinfo):
        self.zone = zone
        # UTC, the default zone, changes nothing but the microseconds: one call a time, not three.
        self.is_utc = zone is UTC or getattr(zone, "key", None) == "UTC"

    def __call__(self, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        # To the second: a spreadsheet keeps milliseconds at best, and nobody filters on them.
        if self.is_utc:
            return value.replace(microsecond=0)
        return value.replace(tzinfo=UTC, microsecond=0).astimezone(self.zone).replace(tzinfo=None)


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def mostly_rtl(directions: dict[str, int]) -> bool:
    """Right-to-left when more than half of the counted items are written right to left."""
    total = sum(directions.values())
    return total > 0 and directions.get("rtl", 0) * 2 > total
