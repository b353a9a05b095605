"""Jobs through a real `annotator worker` process on its SQLite queue: it runs them, it is seen,
and when it is killed (-9) mid-export the job is retried by the next worker and the half-written
file is never offered."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.app import create_app
from annotator.models import Job
from annotator.services.jobs.agreement_job import request_agreement
from annotator.services.jobs.export_job import request_export
from annotator.services.jobs.recovery import workers_alive
from annotator.services.jobs.results import job_folder, result_path
from annotator.services.jobs.settings import settings_of
from tests.conftest import app_config, prepare_project
from tests.export.helpers import workbook
from tests.export_fixtures import build
from tests.jobs.bulk import seed_spans

REPO = Path(__file__).resolve().parents[2]
STALE_SECONDS = 3


@pytest.fixture
def queued_app(database_url, tmp_path):
    """An app whose jobs go to a SQLite queue file that worker processes consume."""
    config = app_config(database_url, tmp_path, TESTING=True, JOBS_IMMEDIATE=False,
                        JOBS_QUEUE_URL=f"sqlite:///{tmp_path / 'queue.sqlite3'}", JOBS_STALE_SECONDS=STALE_SECONDS)
    app = create_app(config)
    yield app
    app.extensions["annotator.engine"].dispose()


@pytest.fixture
def qsession(queued_app):
    session = queued_app.extensions["annotator.sessionmaker"]()
    yield session
    session.close()


class Workers:
    """`annotator worker` processes started by the test, each ended by its own pid."""

    def __init__(self, app, tmp_path: Path):
        self.env = {**os.environ, "PYTHONPATH": str(REPO), "ANNOTATOR_DATABASE_URL": app.config["DATABASE_URL"],
                    "ANNOTATOR_SECRET_KEY": "test-secret", "ANNOTATOR_INSTANCE_PATH": str(tmp_path / "instance"),
                    "ANNOTATOR_QUEUE_URL": app.config["JOBS_QUEUE_URL"],
                    "ANNOTATOR_JOB_RESULTS_DIR": app.config["EXPORT_DIR"],
                    "ANNOTATOR_JOB_STALE_SECONDS": str(STALE_SECONDS)}
        self.log_dir = tmp_path
        self.procs: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        log = open(self.log_dir / f"worker-{len(self.procs)}.log", "wb")
        proc = subprocess.Popen([sys.executable, "-m", "annotator.cli", "worker"], env=self.env, stdout=log,
                                stderr=subprocess.STDOUT, cwd=REPO)
        log.close()
        self.procs.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def workers(queued_app, tmp_path):
    pool = Workers(queued_app, tmp_path)
    yield pool
    pool.stop_all()


def wait_for(check, timeout: float = 180, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def fresh(session, job_id: int) -> Job:
    session.rollback()
    session.expire_all()
    return session.get(Job, job_id)


def test_a_worker_process_runs_the_jobs_and_is_seen(qsession, workers):
    seeded = prepare_project(qsession)
    build(qsession, seeded)
    export, _ = request_export(qsession, seeded.project, seeded.lead, "xlsx")
    agreement, _ = request_agreement(qsession, seeded.project, owner=seeded.lead)
    assert fresh(qsession, export.id).state == "queued"
    proc = workers.start()
    for job in (export, agreement):
        wait_for(lambda: fresh(qsession, job.id).state not in ("queued", "running"), what=f"{job.kind} job")
        row = fresh(qsession, job.id)
        assert row.state == "done" and row.attempts == 1 and row.worker.endswith(f":{proc.pid}"), row.error
    assert workbook(result_path(settings_of(qsession), fresh(qsession, export.id)).read_bytes())
    assert workers_alive(qsession, settings_of(qsession)) == 1
    workers.stop_all()
    assert proc.returncode == 0
    assert workers_alive(qsession, settings_of(qsession)) == 0  # a stopped worker says so


def test_a_job_of_a_killed_worker_is_retried_and_its_partial_file_never_offered(qsession, workers):
    seeded = prepare_project(qsession)
    seed_spans(qsession, seeded.project, [seeded.ann1, seeded.ann2], 40_000)
    job, _ = request_export(qsession, seeded.project, seeded.lead, "xlsx")
    first = workers.start()
    wait_for(lambda: fresh(qsession, job.id).progress_done >= 2048, what="the export to be under way")
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    killed = fresh(qsession, job.id)
    settings = settings_of(qsession)
    assert killed.state == "running" and killed.attempts == 1 and killed.result_file is None
    assert result_path(settings, killed) is None and list(job_folder(settings, killed).glob("*.part"))

    second = workers.start()
    wait_for(lambda: fresh(qsession, job.id).state in ("done", "failed"), timeout=300, what="the retried export")
    done = fresh(qsession, job.id)
    assert done.state == "done" and done.attempts == 2 and done.worker.endswith(f":{second.pid}"), done.error
    path = result_path(settings, done)
    assert not list(path.parent.glob("*.part"))
    assert done.result["rows"]["Spans"] == 40_000 and "Spans" in workbook(path.read_bytes()).sheetnames
