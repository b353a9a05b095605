"""The project's gold: one set per document opened for adjudication, with where it stands.

What a script takes away for training: the list says which documents have gold and whether it
is final (adjudicated) or still being made; each set's contents are read like any other set's."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ...models import Adjudication, AnnotationSet, Document, Project, Span, User


@dataclass(frozen=True)
class GoldSet:
    set_id: str
    document: str
    external_id: str
    title: str
    status: str  # in_adjudication | adjudicated
    spans: int
    adjudicated_by: str | None
    adjudicated_at: datetime | None
    updated_at: datetime


def gold_sets(session: Session, project: Project, *, adjudicated_only: bool = False) -> list[GoldSet]:
    """In document order; one query whatever the count."""
    spans = (select(Span.set_id, func.count(Span.id).label("n")).group_by(Span.set_id).subquery())
    by = aliased(User)
    stmt = (select(AnnotationSet.public_id, Document.public_id, Document.external_id, Document.title,
                   Adjudication.status, func.coalesce(spans.c.n, 0), by.username, Adjudication.adjudicated_at,
                   AnnotationSet.updated_at)
            .join(Adjudication, Adjudication.gold_set_id == AnnotationSet.id)
            .join(Document, Document.id == Adjudication.document_id)
            .outerjoin(spans, spans.c.set_id == AnnotationSet.id)
            .outerjoin(by, by.id == Adjudication.adjudicated_by_id)
            .where(Document.project_id == project.id))
    if adjudicated_only:
        stmt = stmt.where(Adjudication.status == "adjudicated")
    return [GoldSet(*row) for row in session.execute(stmt.order_by(Document.external_id, Document.id))]
