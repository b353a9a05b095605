"""A document as a lead previews it: its text, read-only, numbered from 1 as everywhere else, and
every annotator's set of it (assigned or taken away), each a way into that set. Three queries."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import AnnotationSet, Document, Paragraph, Project, Span, User


@dataclass(frozen=True)
class PreviewSet:
    public_id: str
    username: str
    display_name: str
    status: str
    assigned: bool
    spans: int


@dataclass(frozen=True)
class DocumentPreview:
    document: Document
    paragraphs: list[Paragraph]
    sets: list[PreviewSet]


def document_preview(session: Session, project: Project, document: Document) -> DocumentPreview:
    paragraphs = list(session.scalars(select(Paragraph).where(Paragraph.document_id == document.id)
                                      .order_by(Paragraph.index)))
    spans = (select(Span.set_id, func.count(Span.id).label("n")).group_by(Span.set_id)).subquery()
    rows = session.execute(
        select(AnnotationSet.public_id, User.username, User.display_name, AnnotationSet.status,
               AnnotationSet.assigned, func.coalesce(spans.c.n, 0))
        .join(User, AnnotationSet.user_id == User.id)
        .outerjoin(spans, spans.c.set_id == AnnotationSet.id)
        .where(AnnotationSet.document_id == document.id, AnnotationSet.owner_kind == "user")
        .order_by(AnnotationSet.assigned.desc(), User.username))
    return DocumentPreview(document, paragraphs, [PreviewSet(*row) for row in rows])


def document_titles(session: Session, project: Project, external_ids: list[str]) -> dict[str, tuple[str, str]]:
    """External id -> (public id, title), for naming the documents a report lists by their titles."""
    if not external_ids:
        return {}
    rows = session.execute(select(Document.external_id, Document.public_id, Document.title).where(
        Document.project_id == project.id, Document.external_id.in_(external_ids)))
    return {external_id: (public_id, title or external_id) for external_id, public_id, title in rows}
