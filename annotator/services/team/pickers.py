"""What the assignment pickers list: the project's annotators and documents by title, with who
already has each document, so a lead chooses by name instead of typing ids. Two queries."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import AnnotationSet, Document, Project, User


@dataclass(frozen=True)
class PickerDocument:
    public_id: str
    external_id: str
    title: str
    language: str
    annotators: tuple[str, ...]  # user names of those it is assigned to


def picker_documents(session: Session, project: Project) -> list[PickerDocument]:
    assigned: dict[int, list[str]] = defaultdict(list)
    for document_id, username in session.execute(
            select(AnnotationSet.document_id, User.username).join(User, AnnotationSet.user_id == User.id)
            .join(Document, AnnotationSet.document_id == Document.id)
            .where(Document.project_id == project.id, AnnotationSet.assigned, AnnotationSet.owner_kind == "user")
            .order_by(User.username)):
        assigned[document_id].append(username)
    rows = session.execute(select(Document.id, Document.public_id, Document.external_id, Document.title,
                                  Document.language).where(Document.project_id == project.id)
                           .order_by(Document.id))
    return [PickerDocument(public_id, external_id, title or external_id, language, tuple(assigned[document_id]))
            for document_id, public_id, external_id, title, language in rows]
