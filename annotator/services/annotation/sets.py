"""Annotation sets: who owns which set, and the checks and bookkeeping every change shares.

Blindness lives here: an annotator reaches only their own assigned sets; anything else answers
NotFound, exactly as a set that does not exist, so ids reveal nothing.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import Conflict, NotFound, Phrase
from ...models import AnnotationSet, Document, Membership, Project, User, utcnow
from ..events import record_event
from ..team.projects import role_in
from .span_queries import BUMP_REVISION, OWN_SET, SET_TO_WRITE, START_CHANGE

LEAD_ROLES = ("admin", "lead")
DONE_REFUSAL = "this document is marked done: reopen it before changing annotations"


def owner_key_for_user(user: User) -> str:
    return f"user:{user.id}"


def user_set(session: Session, document: Document, user: User, *, create: bool = True) -> AnnotationSet | None:
    """The user's own set for a document (created on demand when asked)."""
    key = owner_key_for_user(user)
    found = session.scalar(select(AnnotationSet).where(
        AnnotationSet.document_id == document.id, AnnotationSet.owner_key == key))
    if found is None and create:
        found = AnnotationSet(document_id=document.id, owner_kind="user", user_id=user.id, owner_key=key,
                              status="not_started", assigned=False)
        session.add(found)
        session.flush()
    return found


def readable_set(session: Session, user: User, set_public_id: str) -> AnnotationSet:
    """A set the user may read: their own assigned set, any set of a project they lead, and a gold
    set for the project's adjudicators (who make it)."""
    aset = session.scalar(select(AnnotationSet).where(AnnotationSet.public_id == set_public_id))
    if aset is None:
        raise NotFound("no such annotation set", "set")
    if aset.user_id == user.id and aset.assigned:
        return aset
    document = session.get(Document, aset.document_id)
    role = role_in(session, user, session.get(Project, document.project_id))
    if role in LEAD_ROLES or (role == "adjudicator" and aset.owner_kind == "gold"):
        return aset
    raise NotFound("no such annotation set", "set")


def set_to_write(session: Session, user, set_public_id: str):
    """The rule for writing into a set: only the user's own assigned set (else 404, blindness), and
    not marked done (409). Leads read other people's sets but never write into them (they
    adjudicate in the gold set). Returns a row with what a span save needs from the set, its
    document and project (services.annotation.span_queries.SET_TO_WRITE); ``user``: anything with ``.id``."""
    target = session.connection().execute(SET_TO_WRITE, {"set_public_id": set_public_id}).first()
    if target is None or target.user_id != user.id or not target.assigned:
        raise NotFound("no such annotation set", "set")
    if target.status == "done":
        raise Conflict(DONE_REFUSAL, "status")
    return target


def writable_set(session: Session, user: User, set_public_id: str) -> AnnotationSet:
    """The set as set_to_write allows it, as an ORM object."""
    return session.get(AnnotationSet, set_to_write(session, user, set_public_id).id)


def start_change(session: Session, user, target, set_public_id: str):
    """note_change in two Core statements, for ``target`` as set_to_write read it: the change's
    first write, so its write lock. Returns the time of the change."""
    now = utcnow()
    db = session.connection()
    if db.execute(START_CHANGE, {"set_id": target.id, "owner_id": user.id, "now": now}).rowcount == 0:
        set_to_write(session, user, set_public_id)  # says what changed since the check: done, unassigned
        raise Conflict("this document changed while saving: try again", "set")
    db.execute(BUMP_REVISION, {"document_id": target.document_id})
    return now


def note_change(session: Session, aset: AnnotationSet, document: Document | None = None) -> None:
    """Every annotation change: start the set if needed, bump the document's revision (caches key
    on it) and the set's update time. Called inside the change's transaction."""
    now = utcnow()
    if aset.status == "not_started":
        aset.status = "in_progress"
        aset.started_at = now
    aset.updated_at = now
    document = document or session.get(Document, aset.document_id)
    document.revision = (document.revision or 0) + 1


def set_status(session: Session, aset: AnnotationSet, status: str, *, user: User,
               reason: str | None = None) -> None:
    """Mark done, skip (with a reason) or reopen; the caller owns the transaction and checks."""
    before = {"status": aset.status, "skip_reason": aset.skip_reason}
    now = utcnow()
    aset.status = status
    aset.skip_reason = reason if status == "skipped" else None
    aset.done_at = now if status == "done" else None
    if status == "in_progress" and aset.started_at is None:
        aset.started_at = now
    aset.updated_at = now
    document = session.get(Document, aset.document_id)
    document.revision = (document.revision or 0) + 1
    record_event(session, action=f"set.{status}", entity="set", entity_id=aset.public_id, user_id=user.id,
                 project_id=document.project_id, set_id=aset.id, before=before,
                 after={"status": status, "skip_reason": aset.skip_reason})


def is_member(session: Session, user: User, project: Project) -> bool:
    return user.is_admin or session.scalar(select(Membership.id).where(
        Membership.project_id == project.id, Membership.user_id == user.id)) is not None


def require_own_set(session: Session, user: User, set_public_id: str) -> None:
    """404 unless the set is the user's own assigned set: checked before a request's form is read,
    so that a malformed write to someone else's set cannot tell that the set exists."""
    found = session.execute(OWN_SET, {"set_public_id": set_public_id, "user_id": user.id}).scalar()
    if found is None:
        raise NotFound("no such annotation set", "set")


def require_own_span(session: Session, user: User, span_public_id: str) -> None:
    """The same rule for a span that exists: it must lie in one of the user's own assigned sets.
    A span that no longer exists is left to the service, which tells the user's own deleted span
    (a conflict with another tab) from one that never was theirs (404)."""
    from ...models import Span

    owner = session.execute(select(AnnotationSet.user_id, AnnotationSet.assigned)
                            .join(Span, Span.set_id == AnnotationSet.id)
                            .where(Span.public_id == span_public_id)).first()
    if owner is not None and (owner.user_id != user.id or not owner.assigned):
        raise NotFound("no such span", "span")


def check_version(row, version: int | None, what: Phrase) -> None:
    """A change based on ``version`` of ``row`` (None: not asked): 409 when it moved on meanwhile,
    or when the row it was based on is gone. ``what`` names the row: "this link"."""
    if version is None:
        return
    if row is None:
        raise Conflict(Phrase("{what} was deleted elsewhere: reload to see the set as it is", what=what), "version")
    if row.version != version:
        raise Conflict(Phrase("{what} was changed elsewhere (version {current}, not {version}): reload it", what=what,
                              current=row.version, version=version),
                       "version")
