"""Asking for a job, seeing it, cancelling it.

A request names the work by a key (the agreement of project 7, this lead's export of that
selection). While a job with that key is queued or running, asking again returns it: the
unique ``active_key`` decides, so two requests on two servers at the same moment make one job.
"""
from __future__ import annotations

import logging

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...errors import Conflict, NotFound, Phrase, Problem
from ...models import ACTIVE_STATES, Job, Membership, Project, User, utcnow
from ..tx import transaction
from .settings import queue_of

log = logging.getLogger(__name__)
LIST_LIMIT = 50


class QueueUnavailable(Problem):
    status = 503


def request_job(session: Session, *, kind: str, key: str, project: Project | None, owner: User | None,
                params: dict, max_attempts: int = 2, before_queue=None) -> tuple[Job, bool]:
    """The active job for ``key``, or a new one put on the queue; True when it is new.

    ``before_queue(job)`` runs between the insert and the queueing (an import writes its files)."""
    existing = active_job(session, key)
    if existing is not None:
        return existing, False
    job = Job(kind=kind, active_key=key, project_id=project.id if project else None,
              owner_id=owner.id if owner else None, params=params, max_attempts=max_attempts)
    try:
        with transaction(session):
            session.add(job)
    except IntegrityError:
        session.rollback()  # another request inserted the same key first: that job is the one
        existing = active_job(session, key)
        if existing is None:
            raise
        return existing, False
    if before_queue is not None:
        try:
            before_queue(job)
        except Exception as exc:
            _fail_unqueued(session, job, f"The job could not be prepared ({type(exc).__name__}: {exc}).")
            raise
    enqueue(session, job)
    return job, True


def enqueue(session: Session, job: Job) -> None:
    try:
        queue_of(session).enqueue(job.id)
    except Exception as exc:
        log.exception("job %s could not be queued", job.public_id)
        _fail_unqueued(session, job, f"The job queue could not be reached ({type(exc).__name__}); nothing was run.")
        raise QueueUnavailable("the job queue cannot be reached; ask the administrator to check it", "queue") from exc
    if queue_of(session).immediate:
        session.refresh(job)  # it has run already


def _fail_unqueued(session: Session, job: Job, message: str) -> None:
    session.rollback()
    with transaction(session):
        session.execute(update(Job).where(Job.id == job.id, Job.state == "queued").values(
            state="failed", active_key=None, finished_at=utcnow(), error=message)
            .execution_options(synchronize_session=False))


def active_job(session: Session, key: str) -> Job | None:
    return session.scalar(select(Job).where(Job.active_key == key))


def can_see(session: Session, job: Job, user: User) -> bool:
    """The owner, the project's leads and site admins see a job; nobody else learns it exists."""
    if user.is_admin or (job.owner_id is not None and job.owner_id == user.id):
        return True
    if job.project_id is None:
        return False
    role = session.scalar(select(Membership.role).where(Membership.project_id == job.project_id,
                                                        Membership.user_id == user.id))
    return role == "lead"


def job_for(session: Session, public_id: str, user: User) -> Job:
    job = session.scalar(select(Job).where(Job.public_id == public_id))
    if job is None or not can_see(session, job, user):
        raise NotFound("no such job", "job")
    return job


def jobs_visible_to(session: Session, user: User, project: Project | None = None,
                    limit: int = LIST_LIMIT) -> list[Job]:
    """Newest first: the user's own jobs and those of the projects they lead (all, for admins)."""
    stmt = select(Job).order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)
    if project is not None:
        stmt = stmt.where(Job.project_id == project.id)
    if not user.is_admin:
        led = select(Membership.project_id).where(Membership.user_id == user.id, Membership.role == "lead")
        stmt = stmt.where(or_(Job.owner_id == user.id, Job.project_id.in_(led)))
    return list(session.scalars(stmt))


def cancel_job(session: Session, job: Job) -> Job:
    """Queued: it will never run. Running: it stops at its next progress report."""
    with transaction(session):
        done = session.execute(update(Job).where(Job.id == job.id, Job.state.in_(ACTIVE_STATES)).values(
            state="cancelled", active_key=None, finished_at=utcnow(), progress_note="cancelled")
            .execution_options(synchronize_session=False)).rowcount
    session.refresh(job)
    if not done:
        raise Conflict(Phrase("the job has already ended ({state}); there is nothing to cancel", state=job.state), "state")
    return job


def queued_count(session: Session, project: Project | None = None, owner: User | None = None) -> int:
    stmt = select(func.count(Job.id)).where(Job.state == "queued")
    if project is not None:
        stmt = stmt.where(Job.project_id == project.id)
    if owner is not None:
        stmt = stmt.where(Job.owner_id == owner.id)
    return session.scalar(stmt) or 0
