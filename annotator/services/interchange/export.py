"""Export a project: dataset -> formatters -> writer (annotator.export), and a line in the event log.

The CLI and the dashboard's download both call ``export_project``, so they give the same file.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ...errors import Invalid, Phrase, Stopped
from ...export.dataset import ExportDataset, Selection
from ...export.formats import FORMATS
from ...export.jsonl import interchange_records, jsonl_chunks, write_jsonl
from ...export.tables import Table
from ...models import Project, User, utcnow
from ..events import record_event
from ..team.projects import scheme_name_and_languages, scheme_of
from ..tx import transaction

log = logging.getLogger(__name__)
SUFFIXES = {"xlsx": "xlsx", "csv": "zip", "jsonl": "jsonl"}
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
    "jsonl": "application/x-ndjson",
}
# The formats of other tools (annotator.export.formats): brat, labelstudio, webanno, doccano, aif.
SUFFIXES.update({name: suffix for name, (_, suffix, _) in FORMATS.items()})
MEDIA_TYPES.update({name: media for name, (_, _, media) in FORMATS.items()})


@dataclass(frozen=True)
class ExportResult:
    format: str
    exported_at: datetime  # naive UTC
    counts: dict[str, int]


def export_clock() -> datetime:
    """The export's time (naive UTC): one function, so that tests can hold it still."""
    return utcnow()


def default_filename(project: Project, fmt: str, exported_at: datetime) -> str:
    local = exported_at.replace(tzinfo=UTC).astimezone(ZoneInfo(project.time_zone))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", project.name).strip("-").lower() or "project"
    return f"{slug}-{local:%Y%m%d-%H%M%S}.{SUFFIXES[fmt]}"


def export_project(session: Session, project: Project, fmt: str, target: str | BinaryIO, *,
                   selection: Selection = Selection(), language: str = "en", limits=None,
                   user: User | None = None, exported_at: datetime | None = None,
                   with_agreement: bool = True, watch: Callable[[Iterable], Iterable] | None = None,
                   whole: bool = False, agreement_progress: Callable[[int, int, str], None] | None = None
                   ) -> ExportResult:
    """``watch``, when given, wraps every table's rows (or the JSONL records) on their way out: how
    a job counts its progress without the writers knowing about jobs. ``agreement_progress``
    follows the agreement sheets' computation when the cached figures are out of date
    (services.agreement.reports.Progress)."""
    if fmt not in SUFFIXES:
        raise Invalid(Phrase("unknown format '{format}' (expected one of {choices})", ", ", format=fmt, choices=list(SUFFIXES)),
                      "format")
    if whole and (fmt != "jsonl" or selection != Selection()):
        raise Invalid("--whole exports the whole project as JSONL: no other format, no filters", "whole")
    exported_at = exported_at or export_clock()
    dataset, scheme, scheme_name = _checked(session, project, selection, language, parse_scheme=fmt != "jsonl")
    if whole:
        from .project_move import write_whole

        counts = write_whole(target, session, project)
    elif fmt == "jsonl":
        records = interchange_records(dataset, scheme_name)
        counts = write_jsonl(target, watch(records) if watch else records)
    elif fmt in FORMATS:
        from .formats import write_format

        counts = write_format(fmt, target, dataset, scheme)
    else:
        # Only the formats that need them import the workbook's sheets, and openpyxl only the
        # workbook (~0.3 s, and numpy with it).
        from ...export.tables import Limits
        from ...export.workbook import WorkbookOptions, workbook_tables

        limits = limits or Limits()
        report, note = _agreement(session, project, agreement_progress) if with_agreement else (None, None)
        options = WorkbookOptions(exported_at=exported_at, language=language, agreement=report,
                                  agreement_note=note, cell_limit=limits.cell_chars)
        tables = workbook_tables(dataset, scheme, options)
        if watch is not None:
            tables = _watched(tables, watch)
        if fmt == "xlsx":
            from ...export.xlsx_writer import write_xlsx

            counts = write_xlsx(target, tables, created=exported_at, title=project.name, limits=limits)
        else:
            from ...export.csv_writer import write_csv_zip

            counts = write_csv_zip(target, tables, created=exported_at)
    _record(session, project, fmt, selection, user, counts, whole=whole)
    return ExportResult(fmt, exported_at, counts)


def jsonl_stream(session: Session, project: Project, *, selection: Selection = Selection(), language: str = "en",
                 user: User | None = None) -> Iterator[bytes]:
    """The interchange file as it is written, for a download whose first bytes leave at once.
    The selection and language are checked now (a bad one raises before any byte); the export's
    event is recorded once the last piece is out (a download cut short records none)."""
    dataset, _, scheme_name = _checked(session, project, selection, language, parse_scheme=False)

    def pieces() -> Iterator[bytes]:
        counts: dict[str, int] = {}
        yield from jsonl_chunks(interchange_records(dataset, scheme_name), counts)
        _record(session, project, "jsonl", selection, user, counts)

    return pieces()


def _checked(session: Session, project: Project, selection: Selection, language: str, *, parse_scheme: bool):
    """The dataset, the parsed scheme (None unless ``parse_scheme``) and the scheme's name. The
    interchange file needs only the name: parsing the scheme would import marshmallow for it."""
    dataset = ExportDataset(session, project, selection)
    if parse_scheme:
        scheme = scheme_of(dataset.scheme_version)
        name, languages = scheme.name, scheme.languages
    else:
        scheme, (name, languages) = None, scheme_name_and_languages(dataset.scheme_version)
    if language not in languages:
        raise Invalid(Phrase("the scheme has no names in '{language}' (it has {choices})", ", ", language=language,
                             choices=list(languages)), "language")
    return dataset, scheme, name


def _record(session: Session, project: Project, fmt: str, selection: Selection, user: User | None,
            counts: dict[str, int], *, whole: bool = False) -> None:
    with transaction(session):
        record_event(session, action="project.export", entity="project", entity_id=project.public_id,
                     user_id=user.id if user else None, project_id=project.id,
                     after={"format": fmt, **({"whole": True} if whole else {}),
                            "documents": list(selection.documents),
                            "annotators": list(selection.annotators), "rows": counts})


def _watched(tables: Iterable[Table], watch: Callable[[Iterable], Iterable]) -> Iterator[Table]:
    for table in tables:
        table.rows = watch(table.rows)
        yield table


def _agreement(session: Session, project: Project, progress=None) -> tuple[dict | None, str | None]:
    """The project's agreement report, computed now unless the cached one is current.

    A failure of the agreement engine is logged and named on the Agreement sheet, and the
    export goes on: the export is how leads get their data out, so statistics must not stop it.
    """
    from ..agreement.reports import agreement_state

    try:
        state = agreement_state(session, project, background=False, view=False, progress=progress)
    except Stopped:
        raise
    except Exception as exc:
        log.exception("agreement could not be computed for the export of project %s", project.name)
        session.rollback()
        return None, f"Agreement could not be computed ({type(exc).__name__}: {exc}); see the server log."
    if not state.result:
        return None, None
    computed = state.computed_at.replace(tzinfo=UTC).astimezone(ZoneInfo(project.time_zone))
    return state.result["report"], f"Computed {computed:%Y-%m-%d %H:%M} ({project.time_zone})."
