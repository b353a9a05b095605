"""Which tables make a workbook (or a CSV archive), in which order, fed by which rows.

A generator: each table's queries start only when the writer reaches it, so one table streams
at a time.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ..domain.scheme import Scheme
from . import sheets
from .agreement_sheets import agreement_tables
from .dataset import ExportDataset
from .gold_sheets import gold_tables, has_adjudication, notes_table
from .reference_sheets import AboutFacts, about_table, codebook_table
from .tables import EXCEL_CELL_CHARS, LocalClock, Table, mostly_rtl


@dataclass(frozen=True)
class WorkbookOptions:
    exported_at: datetime  # naive UTC
    language: str = "en"  # for label and frame names
    agreement: Mapping | None = None  # AgreementReport.to_dict(), or None: not computed
    agreement_note: str | None = None
    cell_limit: int = EXCEL_CELL_CHARS


def workbook_tables(dataset: ExportDataset, scheme: Scheme, options: WorkbookOptions) -> Iterator[Table]:
    project = dataset.project
    clock = LocalClock(ZoneInfo(project.time_zone))
    rtl = mostly_rtl(dataset.direction_counts())
    ctx = sheets.SheetContext(
        clock=clock,
        span_label_names={label.key: label.name(options.language) for layer in scheme.layers
                          for label in layer.labels},
        frame_names={label.key: label.name(options.language) for label in scheme.frames.labels},
        rtl=rtl,
    )
    yield about_table(AboutFacts(
        project=project.name, scheme_name=scheme.name, scheme_version=dataset.scheme_version.version,
        exported_at=clock(options.exported_at), time_zone=project.time_zone,
        documents=dataset.selection.documents, annotators=dataset.selection.annotators,
        label_language=options.language, cell_limit=options.cell_limit))
    yield codebook_table(scheme)
    yield sheets.documents_table(dataset.documents(), dataset.sets(), ctx)
    yield sheets.paragraphs_table(dataset.paragraphs(), ctx)
    yield sheets.spans_table(dataset.spans(by_set=False), ctx)
    yield sheets.links_table(dataset.links(), ctx)
    yield sheets.stances_table(dataset.stances(), dataset.claim_targets(), ctx)
    yield sheets.stance_matrix_table(dataset.stances(document_level_only=True, by_actor=True),
                                     dataset.annotator_labels(), rtl=rtl)
    yield sheets.frames_table(dataset.frames(), ctx)
    if has_adjudication(dataset):
        yield from gold_tables(dataset, ctx)
    if dataset.has_notes():
        yield notes_table(dataset.notes(), ctx)
    yield from agreement_tables(options.agreement, options.agreement_note)
    yield sheets.progress_table(dataset.progress())
