"""Running one job in a worker: claim it once, report progress, finish or fail it.

Every write about a running job is conditional on its state and its attempt number, so a job
that was cancelled, or taken back from a worker that stopped answering, can no longer be
changed by the run that lost it: its progress call raises JobStopped and its result is dropped.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from ...errors import Phrase, Problem, Stopped
from ...i18n import english_words, stored
from ...models import Job, utcnow
from . import results
from .settings import JobSettings

log = logging.getLogger(__name__)


class JobStopped(Stopped):
    """The job was cancelled, or given to another attempt, while this run was working on it."""


@dataclass
class Outcome:
    result: dict = field(default_factory=dict)
    file: Path | None = None  # the complete ``.part`` file, renamed when the job is marked done
    name: str | None = None  # the name to download it under


def claim(factory: sessionmaker, job_id: int, worker: str) -> int | None:
    """The attempt number when this worker now runs the job; None when it is not queued."""
    now = utcnow()
    with factory() as session, session.begin():
        taken = session.execute(update(Job).where(Job.id == job_id, Job.state == "queued").values(
            state="running", attempts=Job.attempts + 1, worker=worker, started_at=now, heartbeat_at=now,
            progress_done=0, progress_note=None).execution_options(synchronize_session=False)).rowcount
        if not taken:
            return None
        return session.get(Job, job_id).attempts


class Progress:
    """``progress(done, total, note)``: written at most every few hundred ms, and always when forced."""

    def __init__(self, factory: sessionmaker, job_id: int, attempt: int, interval: float):
        self._factory, self._job_id, self._attempt, self._interval = factory, job_id, attempt, interval
        self._last = 0.0
        self._lock = threading.Lock()

    def __call__(self, done: int, total: int | None = None, note: str | None = None, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self._interval:
            return
        self._last = now
        values = {"progress_done": done}
        if total is not None:
            values["progress_total"] = total
        if note is not None:
            values["progress_note"] = note[:200]
        if not self.write(**values):
            raise JobStopped()

    def beat(self) -> bool:
        return self.write()

    def write(self, **values) -> bool:
        """Update the running attempt (and its heartbeat); False when it is no longer ours."""
        with self._lock, self._factory() as session, session.begin():
            return bool(session.execute(
                update(Job).where(Job.id == self._job_id, Job.state == "running", Job.attempts == self._attempt)
                .values(heartbeat_at=utcnow(), **values).execution_options(synchronize_session=False)).rowcount)


def by_phase(progress: Callable[..., None]) -> Callable[[int, int, str], None]:
    """``report(done, total, note)`` for work told phase by phase (reading, steps, a step's parts):
    a new phase is written at once, its counts at the throttle's pace (a long step tells hundreds
    of parts). ``progress`` is a job's Progress, or anything called the same way."""
    said: list[str | None] = [None]

    def report(done: int, total: int, note: str) -> None:
        progress(done, total, note, force=note != said[0])
        said[0] = note

    return report


class Heartbeat(threading.Thread):
    """Tells the database the job is alive while it works on something that reports no progress."""

    def __init__(self, progress: Progress, every: float):
        super().__init__(name="job-heartbeat", daemon=True)
        self._progress, self._every, self._halt = progress, every, threading.Event()

    def run(self) -> None:
        while not self._halt.wait(self._every):
            try:
                if not self._progress.beat():
                    return
            except Exception:  # the database may be away a moment; the next beat tries again
                log.exception("job heartbeat failed")

    def stop(self) -> None:
        self._halt.set()


Runner = Callable[[Session, Job, Progress, JobSettings], Outcome]


def run_job(factory: sessionmaker, job_id: int, settings: JobSettings, worker: str,
            runners: dict[str, Runner]) -> str:
    """Run the job if it is still queued; returns what became of it."""
    attempt = claim(factory, job_id, worker)
    if attempt is None:
        return "skipped"  # cancelled, or already taken: a job never runs twice
    progress = Progress(factory, job_id, attempt, settings.progress_seconds)
    heartbeat = Heartbeat(progress, settings.heartbeat_seconds)
    heartbeat.start()
    session = factory()
    job = session.get(Job, job_id)
    session.expunge(job)  # a plain record from here on: rollbacks inside the work cannot expire it
    try:
        outcome = runners[job.kind](session, job, progress, settings)
    except JobStopped:
        session.rollback()
        log.info("job %s stopped: cancelled or taken over", job.public_id)
        return "stopped"
    except Problem as exc:
        session.rollback()
        return _fail(factory, job, attempt, settings, stored(problem_words(exc), exc.field))
    except Exception as exc:
        session.rollback()
        log.exception("job %s failed", job.public_id)
        return _fail(factory, job, attempt, settings, stored(Phrase(
            "the job stopped on an unexpected error ({error}); the worker's log has the details",
            error=f"{type(exc).__name__}: {exc}")))
    finally:
        heartbeat.stop()
        session.close()
    return _finish(factory, job, attempt, settings, outcome)


def _finish(factory: sessionmaker, job: Job, attempt: int, settings: JobSettings, outcome: Outcome) -> str:
    now = utcnow()
    values = {"state": "done", "active_key": None, "finished_at": now, "heartbeat_at": now, "result": outcome.result,
              "progress_note": None}
    final = None
    if outcome.file is not None:
        final = results.complete(outcome.file)
        values.update(result_file=results.relative(settings, final), result_name=outcome.name or final.name,
                      expires_at=now + timedelta(hours=settings.result_hours))
    with factory() as session, session.begin():
        total = session.get(Job, job.id).progress_total
        if total is not None:
            values["progress_done"] = total
        finished = session.execute(update(Job).where(Job.id == job.id, Job.state == "running",
                                                     Job.attempts == attempt).values(**values)
                                   .execution_options(synchronize_session=False)).rowcount
    if not finished and final is not None:
        final.unlink(missing_ok=True)  # cancelled or taken over meanwhile: only this run's file goes
    return "done" if finished else "stopped"


def problem_words(problem: Problem) -> Phrase:
    """A Problem's message as a Phrase, kept with its parts in the job's error."""
    if isinstance(problem.template, Phrase):
        return problem.template
    return Phrase(problem.template, **problem.names)


def _fail(factory: sessionmaker, job: Job, attempt: int, settings: JobSettings, message: str) -> str:
    if len(message) > 4000:  # cut, its parts would no longer read: the English words are kept
        message = english_words(message)[:4000]
    with factory() as session, session.begin():
        failed = session.execute(update(Job).where(Job.id == job.id, Job.state == "running",
                                                   Job.attempts == attempt).values(
            state="failed", active_key=None, finished_at=utcnow(), error=message)
            .execution_options(synchronize_session=False)).rowcount
    if failed:
        results.discard(settings, job)  # no partial output outlives a failed job
    return "failed" if failed else "stopped"
