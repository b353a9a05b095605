"""An export as a job: the same service and file as `annotator export`, with progress.

Progress counts rows written against an estimate made before the first one (the tables of
the workbook grow with spans, links, stances, paragraphs, documents and frames). Before the
rows, a workbook whose agreement figures are out of date has them computed, which takes a
minute at 1,000,000 spans: that phase reports its own units (spans read, then the report's
steps), each with its note, and the rows start again from 0.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import Invalid, Phrase
from ...i18n import N_
from ...export.dataset import ExportDataset, Selection
from ...models import AnnotationSet, Document, FrameChoice, Job, Link, Paragraph, Project, Span, Stance, User
from ..interchange import export as export_service
from ..team.projects import scheme_of
from . import results
from .requests import request_job
from .running import Outcome, Progress, by_phase
from .settings import JobSettings

ROWS_PER_CHECK = 100  # rows between two looks at the clock (a loaded machine writes ~1,000 rows a second)
WRITING = N_("writing rows")
COUNTING = N_("counting the rows to write: {done} of {total} tables")
AGREEMENT_SHEETS = N_("computing the agreement sheets")
PACKING = N_("packing the workbook: {done} of about {total} kB")
BYTES_PER_ROW = 70  # a packed workbook's size per row (70.7 MB for 1,000,000 spans): its size, estimated
# Told every 250 kB: a whole MB took 0.3 s of CPU to pack, a second on a loaded machine.
PACKED_STEP = 250_000


def request_export(session: Session, project: Project, owner: User | None, fmt: str, *,
                   selection: Selection = Selection(), language: str = "en",
                   with_agreement: bool = True) -> tuple[Job, bool]:
    """Check what is asked now (a bad format or selection is the caller's 4xx, not a failed job)."""
    if fmt not in export_service.SUFFIXES:
        raise Invalid(Phrase("unknown format '{format}' (expected one of {choices})", ", ", format=fmt,
                             choices=list(export_service.SUFFIXES)), "format")
    dataset = ExportDataset(session, project, selection)
    languages = scheme_of(dataset.scheme_version).languages
    if language not in languages:
        raise Invalid(Phrase("the scheme has no names in '{language}' (it has {choices})", ", ", language=language,
                             choices=list(languages)), "language")
    params = {"format": fmt, "language": language, "documents": list(selection.documents),
              "annotators": list(selection.annotators), "agreement": with_agreement}
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:24]
    key = f"export:{project.id}:{owner.id if owner else 'cli'}:{digest}"
    return request_job(session, kind="export", key=key, project=project, owner=owner, params=params)


def estimate_rows(session: Session, project: Project, report: Callable[[int, int, str], None] | None = None) -> int:
    """The rows the workbook's tables will have, counted table by table (``report`` follows the
    counts: a fraction of a second each at 1,000,000 spans)."""
    in_project = Document.project_id == project.id
    counts = [
        select(func.count(Document.id)).where(in_project),
        select(func.count(Paragraph.id)).join(Document, Paragraph.document_id == Document.id).where(in_project),
        select(func.count(AnnotationSet.id)).join(Document, AnnotationSet.document_id == Document.id).where(in_project),
    ]
    for model in (Span, Link, Stance, FrameChoice):
        counts.append(select(func.count(model.id)).join(AnnotationSet, model.set_id == AnnotationSet.id)
                      .join(Document, AnnotationSet.document_id == Document.id).where(in_project))
    report = report or (lambda *_: None)
    total = 0
    for done, stmt in enumerate(counts):
        report(done, len(counts), COUNTING)
        total += session.scalar(stmt) or 0
    report(len(counts), len(counts), COUNTING)
    return total


class RowCounter:
    """Wraps each table's rows (or the JSONL records) and reports how many went by."""

    def __init__(self, progress: Progress, total: int):
        self.progress, self.total, self.done = progress, max(total, 1), 0
        self.note: str | None = WRITING  # said once, with the first rows (and their total, after the agreement's)

    def watch(self, rows: Iterable) -> Iterator:
        done, progress = self.done, self.progress
        for row in rows:
            done += 1
            if not done % ROWS_PER_CHECK:
                self.total = max(self.total, done + 1)  # the estimate was short: never show 100% early
                progress(done, self.total, self.note, force=self.note is not None)
                self.note = None
            yield row
        self.done = done


class PackedBytes:
    """The file under a workbook's writer. openpyxl packs the sheets into it only after their last
    row (half a minute at 1,000,000 rows), so the bytes it writes are that phase's progress, in kB
    (a step of 250) of an estimate that grows when it falls short."""

    def __init__(self, raw: BinaryIO, progress: Progress, counter: RowCounter):
        self._raw, self._progress, self._counter, self._written, self._said = raw, progress, counter, 0, False

    def write(self, data) -> int:
        written = self._raw.write(data)
        self._written += len(data)
        kilobytes = self._written // PACKED_STEP * PACKED_STEP // 1000
        total = max(self._counter.done * BYTES_PER_ROW // 1000, kilobytes + 1)
        self._progress(kilobytes, total, PACKING, force=not self._said)
        self._said = True
        return written

    def __getattr__(self, name: str):
        return getattr(self._raw, name)  # tell, seek, flush: the zip writer's other needs


def run_export(session: Session, job: Job, progress: Progress, settings: JobSettings) -> Outcome:
    params = job.params
    project = session.get(Project, job.project_id)
    owner = session.get(User, job.owner_id) if job.owner_id else None
    exported_at = export_service.export_clock()
    name = export_service.default_filename(project, params["format"], exported_at)
    counter = RowCounter(progress, estimate_rows(session, project, by_phase(progress)))
    with_agreement = params.get("agreement", True)
    progress(0, counter.total, AGREEMENT_SHEETS if with_agreement and params["format"] != "jsonl" else WRITING,
             force=True)
    partial = results.partial_path(settings, job, name)
    with partial.open("wb") as raw:
        target = PackedBytes(raw, progress, counter) if params["format"] == "xlsx" else raw
        exported = export_service.export_project(
            session, project, params["format"], target,
            selection=Selection(tuple(params["documents"]), tuple(params["annotators"])),
            language=params["language"], user=owner, exported_at=exported_at, watch=counter.watch,
            with_agreement=with_agreement,
            agreement_progress=by_phase(progress))
    return Outcome(result={"rows": exported.counts, "format": params["format"]}, file=partial, name=name)
