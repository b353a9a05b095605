"""Finishing a document: mark the set done, skip it with a reason, or reopen it.

A done set refuses every change until it is reopened (services.annotation.sets.writable_set). What "done"
requires lives in one function, check_ready_for_done, so other layers (stance, frames) add their
checks there rather than in the web layer.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.scheme import Scheme
from ...errors import Conflict, NotFound, Phrase
from ...models import AnnotationSet, Document, Project, User
from .layer_checks import layer_problems
from ..team.projects import current_scheme
from .sets import set_status, writable_set
from ..tx import transaction


def check_ready_for_done(session: Session, aset: AnnotationSet, scheme: Scheme) -> list[Phrase]:
    """What the set still lacks before it may be marked done, in words; empty when ready."""
    return layer_problems(session, aset, scheme)  # stance and frames: what their scheme flags require


def own_set(session: Session, user: User, set_public_id: str) -> AnnotationSet:
    """The user's own assigned set, whatever its status (reopening needs a done one)."""
    aset = session.scalar(select(AnnotationSet).where(AnnotationSet.public_id == set_public_id))
    if aset is None or aset.user_id != user.id or not aset.assigned:
        raise NotFound("no such annotation set", "set")
    return aset


def finish_set(session: Session, user: User, set_public_id: str, status: str,
               reason: str | None = None) -> AnnotationSet:
    """Move the set to ``status``: done, skipped (with a reason) or in_progress (reopen)."""
    with transaction(session):
        if status == "in_progress":
            aset = own_set(session, user, set_public_id)
            if aset.status not in ("done", "skipped"):
                raise Conflict("this document is not done or skipped: there is nothing to reopen", "status")
        else:
            aset = writable_set(session, user, set_public_id)
        if status == "done":
            project = session.get(Project, session.get(Document, aset.document_id).project_id)
            missing = check_ready_for_done(session, aset, current_scheme(session, project))
            if missing:
                raise Conflict(Phrase("not ready to be marked done: {missing}", missing=missing), "status",
                               missing=[str(item) for item in missing])
        set_status(session, aset, status, user=user, reason=(reason or "").strip() or None)
    if status == "done":  # after the commit: the training job reads the set as done
        from ..recommenders.training import maybe_retrain
        maybe_retrain(session, session.get(Project, session.get(Document, aset.document_id).project_id))
    return aset
