"""The project audit: who changed what and when, from the event log, for leads.

One query shape serves the page (filtered, a page at a time, newest first, paged by event id so
a page costs the same however deep it is) and the export (every matching event, streamed).
Sign-in events belong to no project; a project's audit shows those of its members.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import JSON, String, and_, cast, literal, null, or_, select
from sqlalchemy.orm import Session

from ...domain.history import describe, kind_of
from ...errors import Invalid, NotFound, Phrase
from ...models import AnnotationSet, Document, Event, Membership, Project, SignIn, User
from .label_names import project_label_names

KINDS = ("span", "link", "stance", "frames", "mention", "set", "assignment", "document", "actor", "scheme",
         "project", "member", "user", "interchange", "auth")
PAGE_SIZE = 50


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: rows strictly older than this one come next."""

    at: datetime
    source: str  # "e" (events) or "s" (sign-ins)
    id: int

    def encode(self) -> str:
        return f"{self.at.isoformat()}~{self.source}{self.id}"

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            at, _, key = text.partition("~")
            if key[:1] not in ("e", "s"):
                raise ValueError(key)
            return cls(datetime.fromisoformat(at), key[0], int(key[1:]))
        except ValueError:
            raise Invalid("not a page of this audit (use the page's own links)", "before") from None


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None  # a user name
    document: str | None = None  # a document's external id (or public id)
    kind: str | None = None  # one of KINDS
    before: Cursor | None = None  # paging: only rows older than this one


@dataclass(frozen=True)
class AuditRow:
    source: str
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

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.at, self.source, self.id)

    def as_record(self) -> dict:
        return {"id": f"{self.source}{self.id}", "at": self.at.isoformat() + "Z", "user": self.user,
                "action": self.action, "kind": self.kind, "description": self.description,
                "document": self.document, "entity": self.entity, "entity_id": self.entity_id,
                "history": self.history, "before": self.before, "after": self.after}


def _events(project: Project | None, wanted: AuditFilter, user_id: int | None, document_ids):
    query = select(literal("e").label("source"), Event.id, Event.at, Event.user_id, Event.action, Event.entity,
                   Event.entity_id, Event.set_id, Event.history, Event.before, Event.after,
                   cast(null(), String).label("typed"), cast(null(), String).label("address"))
    if project is not None:
        query = query.where(Event.project_id == project.id)
    if user_id is not None:
        query = query.where(Event.user_id == user_id)
    if document_ids is not None:
        query = query.where(Event.set_id.in_(select(AnnotationSet.id).where(
            AnnotationSet.document_id.in_(document_ids))))
    if wanted.kind:
        query = query.where(Event.action.like(wanted.kind + ".%"))
    return query


def _sign_ins(project: Project | None, user_id: int | None):
    query = select(literal("s").label("source"), SignIn.id, SignIn.at, SignIn.user_id,
                   (literal("auth.") + SignIn.outcome).label("action"), literal("user").label("entity"),
                   SignIn.username.label("entity_id"), cast(null(), SignIn.id.type).label("set_id"),
                   cast(null(), String).label("history"), cast(null(), JSON).label("before"),
                   cast(null(), JSON).label("after"), SignIn.username.label("typed"), SignIn.address)
    if project is not None:
        query = query.where(SignIn.user_id.in_(select(Membership.user_id).where(Membership.project_id == project.id)))
    if user_id is not None:
        query = query.where(SignIn.user_id == user_id)
    return query


def _query(session: Session, project: Project | None, wanted: AuditFilter, *, newest_first: bool):
    user_id = None
    if wanted.user:
        user_id = session.scalar(select(User.id).where(User.username == wanted.user))
        if user_id is None:
            raise NotFound(Phrase("no user named '{name}'", name=wanted.user), "user")
    document_ids = None
    if wanted.document:
        found = select(Document.id).where(or_(Document.external_id == wanted.document,
                                              Document.public_id == wanted.document))
        if project is not None:
            found = found.where(Document.project_id == project.id)
        document_ids = session.scalars(found).all()
        if not document_ids:
            raise NotFound(Phrase("no document '{document}' in this project", document=wanted.document), "document")
    if wanted.kind and wanted.kind not in KINDS:
        raise Invalid(Phrase("kind must be one of {choices}, not '{kind}'", ", ", choices=list(KINDS), kind=wanted.kind),
                      "kind")
    parts = []
    if wanted.kind != "auth":
        parts.append(_events(project, wanted, user_id, document_ids))
    if wanted.kind in (None, "auth") and document_ids is None:  # a sign-in is in no document
        parts.append(_sign_ins(project, user_id))
    rows = (parts[0] if len(parts) == 1 else parts[0].union_all(parts[1])).subquery("audit")
    query = (select(rows, User.username, Document.external_id)
             .outerjoin(User, User.id == rows.c.user_id)
             .outerjoin(AnnotationSet, AnnotationSet.id == rows.c.set_id)
             .outerjoin(Document, Document.id == AnnotationSet.document_id))
    if wanted.before is not None:
        c = wanted.before
        query = query.where(or_(rows.c.at < c.at, and_(rows.c.at == c.at, or_(
            rows.c.source < c.source, and_(rows.c.source == c.source, rows.c.id < c.id)))))
    order = (rows.c.at, rows.c.source, rows.c.id)
    return query.order_by(*((column.desc() for column in order) if newest_first else order))


def _row(row, names: dict | None = None) -> AuditRow:
    after = row.after if row.source == "e" else {"username": row.typed, "address": row.address}
    return AuditRow(row.source, row.id, row.at, row.username, row.action, kind_of(row.action),
                    describe(row.action, row.before, after, names), row.external_id, row.entity, row.entity_id,
                    row.history, row.before, after)


def audit_page(session: Session, project: Project, wanted: AuditFilter,
               size: int | None = None) -> tuple[list[AuditRow], Cursor | None]:
    """A page of rows, newest first, and the cursor of the next page (None: this is the last)."""
    size = size or PAGE_SIZE
    rows = session.execute(_query(session, project, wanted, newest_first=True).limit(size + 1)).all()
    names = project_label_names(session, project.id)
    found = [_row(row, names) for row in rows[:size]]
    return found, (found[-1].cursor if len(rows) > size else None)


def audit_rows(session: Session, project: Project | None, wanted: AuditFilter) -> Iterator[AuditRow]:
    """Every matching row, oldest first, read in batches (an export of the whole log)."""
    query = _query(session, project, wanted, newest_first=False).execution_options(yield_per=1000)
    for row in session.execute(query):
        yield _row(row)


def audit_users(session: Session, project: Project) -> list[str]:
    """The project's members, for the page's user filter."""
    return list(session.scalars(select(User.username).join(Membership, Membership.user_id == User.id)
                                .where(Membership.project_id == project.id).order_by(User.username)))
