"""Tables into an XLSX workbook with openpyxl's write-only (streaming) mode.

Rows go to disk as they come (with lxml, openpyxl's fast path), so memory stays flat whatever the
size. Everything a sheet needs before its first row (widths, frozen header, direction) is set
when the sheet opens; the filter and colour scale, written after the rows, when it closes.

Most cells are passed as plain values, openpyxl's cheapest path; only cells that need a style
(text too long for its column, literal text, agreement figures, headers) become ``WriteOnlyCell``
objects, whose style is copied from a template rather than built anew.
"""
from __future__ import annotations

from collections.abc import Iterable
from copy import copy
from datetime import datetime
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from .tables import (
    FORMULA_TRIGGERS, XML_ILLEGAL, Column, Limits, Table, fit_text, sheet_title, truncation_note, xml_safe,
)

# Dates and times keep openpyxl's own formats (yyyy-mm-dd, yyyy-mm-dd h:mm:ss): openpyxl applies
# them on its fast path, while a cell styled here costs a cell object of its own.
NUMBER_FORMATS = {"float": "0.000"}
TRUNCATED = Column("Truncated", 34)
_has_illegal = XML_ILLEGAL.search
# Red below chance, amber at Krippendorff's 0.667 (tentative conclusions), green at 1.
COLOR_SCALE = ColorScaleRule(start_type="num", start_value=0, start_color="F8696B",
                             mid_type="num", mid_value=0.667, mid_color="FFEB84",
                             end_type="num", end_value=1, end_color="63BE7B")


class _Styles:
    """Template cells, one per style, whose style arrays are copied onto new cells."""

    def __init__(self, workbook: Workbook):
        self._sheet = workbook.create_sheet("_styles")  # a home for the templates, removed at once
        workbook.remove(self._sheet)
        self._templates: dict[tuple, WriteOnlyCell] = {}

    def template(self, *, number_format: str | None = None, wrap: bool = False, literal: bool = False,
                 header: bool = False) -> WriteOnlyCell | None:
        key = (number_format, wrap, literal, header)
        if key == (None, False, False, False):
            return None
        if key not in self._templates:
            cell = WriteOnlyCell(self._sheet)
            if number_format:
                cell.number_format = number_format
            if wrap or header:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if literal:
                # Excel keeps the cell as text even when someone edits it later.
                cell.quotePrefix = True
            if header:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="E8E8E8")
            self._templates[key] = cell
        return self._templates[key]

    def column(self, column: Column, *, literal: bool = False, wrap: bool | None = None) -> WriteOnlyCell | None:
        return self.template(number_format=NUMBER_FORMATS.get(column.kind),
                             wrap=column.wrap if wrap is None else wrap, literal=literal)


def styled(ws, value, template: WriteOnlyCell | None, *, literal: bool = False):
    if template is None and not literal:
        return value
    cell = WriteOnlyCell(ws)
    if template is not None:
        cell._style = copy(template._style)
    cell.value = value
    if literal:
        cell.data_type = "s"  # openpyxl would store a leading "=" as a formula
    return cell


class _SheetWriter:
    """Writes one table, continuing on "Name (2)", "Name (3)" when a sheet is full."""

    def __init__(self, workbook: Workbook, table: Table, styles: _Styles, limits: Limits):
        self.workbook, self.table, self.styles, self.limits = workbook, table, styles, limits
        self.columns = table.columns + ((TRUNCATED,) if table.may_truncate else ())
        self.plain = [styles.column(c, wrap=False) for c in table.columns]
        self.wrapped = [styles.column(c) if c.wrap else None for c in table.columns]
        # Text that fits the column's width needs no wrapping, and so no style of its own.
        self.wrap_beyond = [int(c.width) for c in table.columns]
        self.literal = [styles.column(c, literal=True) for c in table.columns]
        self.header = styles.template(header=True)
        self.part = 0
        self.ws = None
        self.rows_in_sheet = 0
        self.rows_written = 0

    def write(self) -> int:
        self._open()
        for values in self.table.rows:
            if self.rows_in_sheet >= self.limits.sheet_rows:
                self._close()
                self._open()
            self.ws.append(self._cells(values))
            self.rows_in_sheet += 1
            self.rows_written += 1
        self._close()
        return self.rows_written

    def _open(self) -> None:
        self.part += 1
        ws = self.ws = self.workbook.create_sheet(sheet_title(self.table.name, self.part))
        for i, column in enumerate(self.columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        ws.freeze_panes = f"{get_column_letter(self.table.frozen_columns + 1)}2"
        ws.sheet_view.rightToLeft = self.table.rtl
        headers = [xml_safe(column.header) for column in self.columns]
        # Headers can be usernames (the stance matrix): the formula guard applies to them too.
        ws.append([styled(ws, h, self.header, literal=h[:1] in FORMULA_TRIGGERS) for h in headers])
        self.rows_in_sheet = 1

    def _close(self) -> None:
        last_column = get_column_letter(len(self.columns))
        self.ws.auto_filter.ref = f"A1:{last_column}{self.rows_in_sheet}"
        scale = self.table.color_scale
        if scale and self.part == 1 and scale[2] > 0:
            first, last, rows = scale
            self.ws.conditional_formatting.add(
                f"{get_column_letter(first + 1)}2:{get_column_letter(last + 1)}{rows + 1}", COLOR_SCALE)

    def _cells(self, values) -> list:
        """The row as openpyxl takes it: plain values where possible, styled cells where needed.

        Runs once per row of a million-row sheet, hence the inlined checks: the cheap length
        test guards the truncation, one regex search the XML clean-up.
        """
        ws, limit, plain = self.ws, self.limits.cell_chars, self.plain
        cells = list(values)
        cuts = None
        for i, value in enumerate(cells):
            if not isinstance(value, str):
                if value is not None and plain[i] is not None:
                    cells[i] = styled(ws, value, plain[i])
                continue
            if len(value) * 2 > limit:
                value, length = fit_text(value, limit)
                if length is not None:
                    cuts = (cuts or []) + [(self.table.columns[i].header, length)]
            if _has_illegal(value):
                value = xml_safe(value)
            if value and value[0] in FORMULA_TRIGGERS:
                cells[i] = styled(ws, value, self.literal[i], literal=True)
            elif self.wrapped[i] is not None and len(value) > self.wrap_beyond[i]:
                cells[i] = styled(ws, value, self.wrapped[i])
            elif plain[i] is not None:
                cells[i] = styled(ws, value, plain[i])
            else:
                cells[i] = value
        if self.table.may_truncate:
            cells.append(truncation_note(cuts, limit) if cuts else None)
        return cells


def write_xlsx(target: str | BinaryIO, tables: Iterable[Table], *, created: datetime, title: str,
               limits: Limits = Limits()) -> dict[str, int]:
    """Write the tables as sheets; returns the number of data rows of each table.

    ``created`` (naive UTC) becomes both the created and the modified time of the workbook, so
    that two exports of the same data at the same time carry the same properties.
    """
    workbook = Workbook(write_only=True)
    styles = _Styles(workbook)
    counts = {table.name: _SheetWriter(workbook, table, styles, limits).write() for table in tables}
    workbook.properties.created = workbook.properties.modified = created
    workbook.properties.creator = "annotator"
    workbook.properties.title = title
    # openpyxl's save() would stamp "modified" with the clock; its ExcelWriter leaves ours.
    with ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return counts
