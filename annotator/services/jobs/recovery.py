"""What keeps jobs from being stuck: workers say they are alive, and stale work is taken back.

Each worker, every heartbeat: records itself as seen, then
- a running job whose heartbeat is older than the stale time died with its worker (kill -9, a
  lost machine): it is queued again while it has attempts left, else marked failed, and its
  folder (the partial output) is removed either way;
- queued jobs the queue has lost (nothing pending there, queued here for a while) are put on
  the queue again; a message too many is harmless, as a job is claimed only once;
- result files past their expiry are deleted.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...i18n import N_, Phrase, stored
from ...models import Job, JobWorker, utcnow
from ..tx import transaction
from . import results
from .settings import JobSettings, Queue

log = logging.getLogger(__name__)
LOST_AFTER = timedelta(seconds=30)
# Why a job was taken back (``take_back``'s ``why``): a whole phrase for each, kept with its parts
# in the job's note or error, so the job card says it in the reader's language.
RETRYING = {"stopped answering": N_("retrying: the worker stopped answering (attempt {attempt} of {attempts})"),
            "was stopped": N_("retrying: the worker was stopped (attempt {attempt} of {attempts})")}
GAVE_UP = {"stopped answering": N_("The worker running this job stopped answering (attempt {attempt} of {attempts}); "
                                   "its partial output was deleted. Start the job again."),
           "was stopped": N_("The worker running this job was stopped (attempt {attempt} of {attempts}); "
                             "its partial output was deleted. Start the job again.")}


def reap(session: Session, queue: Queue, settings: JobSettings) -> dict[str, int]:
    now = utcnow()
    counts = {"retried": 0, "failed": 0, "skipped": 0, "requeued": 0, "expired": 0}
    cutoff = now - timedelta(seconds=settings.stale_seconds)
    stale = list(session.scalars(select(Job).where(Job.state == "running", Job.heartbeat_at < cutoff)))
    session.rollback()
    for job in stale:
        counts[take_back(session, queue, settings, job, "stopped answering", silent_since=cutoff)] += 1
    if not queue.immediate and queue.pending() == 0:
        lost = list(session.scalars(select(Job.id).where(Job.state == "queued", Job.enqueued_at < now - LOST_AFTER)))
        for job_id in lost:
            with transaction(session):
                session.execute(update(Job).where(Job.id == job_id, Job.state == "queued").values(enqueued_at=now))
            queue.enqueue(job_id)
        counts["requeued"] = len(lost)
    counts["expired"] = expire_results(session, settings)
    if any(counts.values()):
        log.info("job recovery: %s", counts)
    return counts


def take_back(session: Session, queue: Queue, settings: JobSettings, job: Job, why: str,
              silent_since=None) -> str:
    """Queue a job again, or fail it after its last attempt; its partial output goes.

    ``silent_since``: only if it has still not been heard of since then (it may have just beaten)."""
    now = utcnow()
    running = [Job.id == job.id, Job.state == "running", Job.attempts == job.attempts]
    if silent_since is not None:
        running.append(Job.heartbeat_at < silent_since)
    if job.attempts < job.max_attempts:
        with transaction(session):
            taken = session.execute(update(Job).where(*running).values(
                state="queued", worker=None, enqueued_at=now, progress_done=0,
                progress_note=stored(Phrase(RETRYING[why], attempt=job.attempts, attempts=job.max_attempts),
                                     english=False))
                .execution_options(synchronize_session=False)).rowcount
        if taken:
            results.discard(settings, job)
            queue.enqueue(job.id)
        return "retried" if taken else "skipped"
    with transaction(session):
        failed = session.execute(update(Job).where(*running).values(
            state="failed", active_key=None, finished_at=now,
            error=stored(Phrase(GAVE_UP[why], attempt=job.attempts, attempts=job.max_attempts)))
            .execution_options(synchronize_session=False)).rowcount
    if failed:
        results.discard(settings, job)
    return "failed" if failed else "skipped"


def expire_results(session: Session, settings: JobSettings) -> int:
    now = utcnow()
    expired = list(session.scalars(select(Job).where(Job.result_file.is_not(None), Job.expires_at < now)))
    session.rollback()
    for job in expired:
        results.discard(settings, job)
        with transaction(session):
            session.execute(update(Job).where(Job.id == job.id).values(result_file=None, progress_note=N_("expired"))
                            .execution_options(synchronize_session=False))
    return len(expired)


def release_worker(session: Session, queue: Queue, settings: JobSettings, worker: str) -> None:
    """A worker that stops takes back its running jobs at once, rather than after the stale time."""
    mine = list(session.scalars(select(Job).where(Job.state == "running", Job.worker == worker)))
    session.rollback()
    for job in mine:
        take_back(session, queue, settings, job, "was stopped")
    with transaction(session):
        session.execute(delete(JobWorker).where(JobWorker.name == worker))


def worker_seen(session: Session, worker: str) -> None:
    with transaction(session):
        seen = session.execute(update(JobWorker).where(JobWorker.name == worker).values(seen_at=utcnow())).rowcount
    if not seen:
        try:
            with transaction(session):
                session.add(JobWorker(name=worker))
        except IntegrityError:
            session.rollback()


def workers_alive(session: Session, settings: JobSettings) -> int:
    since = utcnow() - timedelta(seconds=settings.worker_seen_seconds)
    return session.scalar(select(func.count(JobWorker.id)).where(JobWorker.seen_at >= since)) or 0
