"""`annotator worker` runs the jobs; `annotator jobs` lists, shows, waits for and cancels them."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click

from .common import EXIT_NOT_FOUND, LazyChoice, fail, problems_to_exit, with_appcontext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_appcontext calls this):
    `annotator --help` imports none of it."""
    global current_app, select, get_session, JOB_STATES, Job, Project, job_service, result_path, settings_of, get_project
    global fill_note, english_words
    from flask import current_app
    from sqlalchemy import select
    from ..db import get_session
    from ..models import JOB_STATES, Job, Project
    from ..services.jobs import requests as job_service
    from ..services.jobs.results import result_path
    from ..services.jobs.settings import settings_of
    from ..i18n import english_words
    from ..services.jobs.views import fill_note
    from ..services.team.projects import get_project


def register(main: click.Group) -> None:
    main.add_command(worker)
    main.add_command(jobs)


@click.command()
@click.option("--threads", default=1, type=int, show_default=True,
              help="Jobs run at once by this worker (run more workers to use more CPUs).")
@with_appcontext
def worker(threads: int) -> None:
    """Run background jobs (agreement, exports, large imports) until stopped (Ctrl+C)."""
    from ..jobs.worker import run_worker

    if threads < 1:
        fail("--threads: must be at least 1")
    try:
        run_worker(current_app._get_current_object(), threads)
    except RuntimeError as exc:
        fail(str(exc))


@click.group()
def jobs() -> None:
    """Background jobs: list, show, wait for, cancel."""


def _job(public_id: str) -> Job:
    job = get_session().scalar(select(Job).where(Job.public_id == public_id))
    if job is None:
        fail(f"job: no job '{public_id}'", EXIT_NOT_FOUND)
    return job


def describe(job: Job) -> str:
    total = f"/{job.progress_total}" if job.progress_total is not None else ""
    line = f"{job.public_id}  {job.kind:<9} {job.state:<9} {job.progress_done}{total}"
    if job.progress_note:
        line += "  " + fill_note(english_words(job.progress_note), f"{job.progress_done:,}", f"{job.progress_total or 0:,}")
    if job.error:
        line += f"  error: {english_words(job.error)}"
    path = result_path(settings_of(get_session()), job)
    if path is not None:
        line += f"  result: {path}"
    return line


@jobs.command("list")
@click.option("--project", "project_name", default=None)
@click.option("--state", type=LazyChoice("annotator.models:JOB_STATES"), default=None)
@click.option("--limit", default=50, show_default=True, type=int)
@with_appcontext
@problems_to_exit
def list_jobs(project_name: str | None, state: str | None, limit: int) -> None:
    """The newest jobs first."""
    session = get_session()
    stmt = select(Job).order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)
    if project_name:
        stmt = stmt.where(Job.project_id == get_project(session, project_name).id)
    if state:
        stmt = stmt.where(Job.state == state)
    for job in session.scalars(stmt):
        click.echo(describe(job))


@jobs.command("show")
@click.argument("job_id")
@with_appcontext
def show(job_id: str) -> None:
    click.echo(describe(_job(job_id)))


@jobs.command("cancel")
@click.argument("job_id")
@with_appcontext
@problems_to_exit
def cancel(job_id: str) -> None:
    job = job_service.cancel_job(get_session(), _job(job_id))
    click.echo(describe(job))


@jobs.command("wait")
@click.argument("job_id")
@click.option("--timeout", default=3600.0, show_default=True, type=float, help="Seconds to wait at most.")
@with_appcontext
def wait(job_id: str, timeout: float) -> None:
    """Print the job's progress until it ends; exit 0 when done, 1 when it failed or was cancelled."""
    session = get_session()
    job = _job(job_id)
    deadline, last = time.monotonic() + timeout, None
    while True:
        session.expire_all()
        session.rollback()
        job = session.get(Job, job.id)
        line = describe(job)
        if line != last:
            click.echo(line)
            last = line
        if job.state not in ("queued", "running"):
            raise SystemExit(0 if job.state == "done" else 1)
        if time.monotonic() > deadline:
            fail(f"job {job.public_id} is still {job.state} after {timeout:g} s", 1)
        time.sleep(0.5)


def queue_export(session: Session, project: Project, fmt: str, selection, language: str) -> None:
    """`annotator export --background`: the export as a job, collapsed with an identical one under way."""
    from ..services.jobs.export_job import request_export

    job, new = request_export(session, project, None, fmt, selection=selection, language=language)
    click.echo(f"{'queued' if new else 'already under way:'} job {job.public_id} "
               f"(follow it with `annotator jobs wait {job.public_id}`)")
