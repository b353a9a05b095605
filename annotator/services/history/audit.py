"""The project audit: who changed what and when, from the event log, for leads.

One query shape serves the page (filtered, a page at a time, newest first, paged by event id so
a page costs the same however deep it is) and the export (every matching event, streamed).
Sign-in events belong to no project; a project's audit shows those of its members.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ...domain.history import describe, kind_of
from ...errors import Invalid, NotFound
from ...models import AnnotationSet, Document, Event, Membership, Project, User

KINDS = ("span", "link", "stance", "frames", "mention", "set", "assignment", "document", "actor", "scheme",
         "project", "member", "user", "interchange", "auth")
PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None  # a user name
    document: str | None = None  # a document's external id (or public id)
    kind: str | None = None  # one of KINDS
    before_id: int | None = None  # paging: only events older than this one


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # UTC
    user: str | None
    action: str
    kind: str
    description: str
    document: str | None  # the document's external id, for changes inside a set
    entity: str
    entity_id: str
    history: str | None
    before: dict | None
    after: dict | None

    def as_record(self) -> dict:
        return {"id": self.id, "at": self.at.isoformat() + "Z", "user": self.user, "action": self.action,
                "kind": self.kind, "description": self.description, "document": self.document,
                "entity": self.entity, "entity_id": self.entity_id, "history": self.history,
                "before": self.before, "after": self.after}


def _query(session: Session, project: Project | None, wanted: AuditFilter):
    query = (select(Event, User.username, Document.external_id)
             .outerjoin(User, User.id == Event.user_id)
             .outerjoin(AnnotationSet, AnnotationSet.id == Event.set_id)
             .outerjoin(Document, Document.id == AnnotationSet.document_id))
    if project is not None:
        members = select(Membership.user_id).where(Membership.project_id == project.id)
        query = query.where(or_(Event.project_id == project.id,
                                and_(Event.project_id.is_(None), Event.action.like("auth.%"),
                                     Event.user_id.in_(members))))
    if wanted.user:
        user_id = session.scalar(select(User.id).where(User.username == wanted.user))
        if user_id is None:
            raise NotFound(f"no user named '{wanted.user}'", "user")
        query = query.where(Event.user_id == user_id)
    if wanted.document:
        found = select(Document.id).where(or_(Document.external_id == wanted.document,
                                              Document.public_id == wanted.document))
        if project is not None:
            found = found.where(Document.project_id == project.id)
        document_ids = session.scalars(found).all()
        if not document_ids:
            raise NotFound(f"no document '{wanted.document}' in this project", "document")
        query = query.where(AnnotationSet.document_id.in_(document_ids))
    if wanted.kind:
        if wanted.kind not in KINDS:
            raise Invalid(f"kind must be one of {', '.join(KINDS)}, not '{wanted.kind}'", "kind")
        query = query.where(Event.action.like(wanted.kind + ".%"))
    if wanted.before_id is not None:
        query = query.where(Event.id < wanted.before_id)
    return query


def _row(event: Event, username: str | None, document: str | None) -> AuditRow:
    return AuditRow(event.id, event.at, username, event.action, kind_of(event.action),
                    describe(event.action, event.before, event.after), document, event.entity, event.entity_id,
                    event.history, event.before, event.after)


def audit_page(session: Session, project: Project, wanted: AuditFilter,
               size: int | None = None) -> tuple[list[AuditRow], int | None]:
    """A page of events, newest first, and the id to pass as ``before_id`` for the next (None: last page)."""
    size = size or PAGE_SIZE
    rows = session.execute(_query(session, project, wanted).order_by(Event.id.desc()).limit(size + 1)).all()
    found = [_row(*row) for row in rows[:size]]
    return found, (found[-1].id if len(rows) > size else None)


def audit_rows(session: Session, project: Project | None, wanted: AuditFilter) -> Iterator[AuditRow]:
    """Every matching event, oldest first, read in batches (an export of the whole log)."""
    query = _query(session, project, wanted).order_by(Event.id).execution_options(yield_per=1000)
    for row in session.execute(query):
        yield _row(*row)


def audit_users(session: Session, project: Project) -> list[str]:
    """The project's members, for the page's user filter."""
    return list(session.scalars(select(User.username).join(Membership, Membership.user_id == User.id)
                                .where(Membership.project_id == project.id).order_by(User.username)))
