"""Annotations in and out in the formats of other tools (docs/formats.md): brat, Label Studio,
WebAnno TSV 3, doccano and AIF.

In: the format's reader gives neutral documents, the project's label map resolves their labels,
and they become interchange records that ``import_parsed`` checks and writes exactly as it does
our own JSONL (all or nothing, the same errors, anchored on the stored text).
Out: the interchange records of the export's selection, every set whoever owns it (people, gold,
models), written by the format's writer.
"""
from __future__ import annotations

from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import Invalid, Phrase
from ...export.dataset import ExportDataset
from ...export.formats import FORMATS, format_module
from ...export.formats.from_records import documents_from_records
from ...export.formats.label_map import LabelMap, LabelMapError, Resolver
from ...export.formats.model import scheme_labels
from ...export.formats.to_records import to_interchange
from ...export.jsonl import interchange_records
from ...models import Document, Paragraph, Project, User
from ..team.projects import current_scheme
from .annotations_import import ImportSummary, import_parsed


def import_format(session: Session, project: Project, fmt: str, files: list[tuple[str, bytes]], *,
                  label_map: bytes | None = None, annotator: str | None = None, create_users: bool = False,
                  model_name: str | None = None, user: User | None = None) -> ImportSummary:
    if fmt not in FORMATS:
        raise Invalid(Phrase("unknown format '{format}' (expected one of {choices})", ", ", format=fmt,
                             choices=["jsonl", *FORMATS]), "format")
    if not files:
        raise Invalid("choose a file to import", "file")
    scheme = current_scheme(session, project)
    try:
        resolver = Resolver(LabelMap.parse(label_map), scheme)
    except LabelMapError as exc:
        raise Invalid(exc.message, exc.field) from exc
    read = format_module(fmt).read(files)
    wanted = [d.external_id for d in read.documents if d.text is None]
    parsed = to_interchange(read, resolver, annotator=annotator, model_name=model_name,
                            stored=_stored_paragraphs(session, project, wanted))
    return import_parsed(session, project, parsed, create_users=create_users, model_name=model_name, user=user,
                         scheme=scheme)


def _stored_paragraphs(session: Session, project: Project, external_ids: list[str]) -> dict[str, list[str]]:
    if not external_ids:
        return {}
    found: dict[str, list[str]] = {}
    for external_id, text in session.execute(
            select(Document.external_id, Paragraph.text).join(Paragraph, Paragraph.document_id == Document.id)
            .where(Document.project_id == project.id, Document.external_id.in_(external_ids))
            .order_by(Document.external_id, Paragraph.index)):
        found.setdefault(external_id, []).append(text)
    return found


def write_format(fmt: str, target: BinaryIO, dataset: ExportDataset, scheme) -> dict[str, int]:
    labels = scheme_labels(scheme)
    documents = documents_from_records(interchange_records(dataset, scheme.name), labels)
    data, counts = format_module(fmt).write(documents, labels)
    target.write(data)
    return counts
