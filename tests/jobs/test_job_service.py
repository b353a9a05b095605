"""Jobs through their services, on SQLite and PostgreSQL: one run per job, progress from the job,
results only when whole, stale work taken back, results that expire."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from annotator.errors import Conflict, Invalid, NotFound
from annotator.models import Job, utcnow
from annotator.services.jobs import recovery
from annotator.services.jobs.export_job import request_export
from annotator.services.jobs.kinds import RUNNERS
from annotator.services.jobs.requests import cancel_job, job_for, jobs_visible_to
from annotator.services.jobs.results import job_folder, result_path
from annotator.services.jobs.running import JobStopped, Progress, run_job
from annotator.services.jobs.settings import settings_of
from tests.export.helpers import workbook
from tests.export_fixtures import build


@pytest.fixture
def held(app):
    """The queue keeps its messages (in memory) instead of running them: jobs stay queued."""
    huey = app.extensions["annotator.jobs"].huey
    huey.immediate = False
    yield app.extensions["annotator.jobs"]
    huey.immediate = True


def reload(session, job) -> Job:
    session.rollback()
    session.expire_all()
    return session.get(Job, job.id)


def test_an_export_job_writes_the_whole_file_and_counts_its_rows(session, seeded):
    build(session, seeded)
    job, new = request_export(session, seeded.project, seeded.lead, "xlsx")
    job = reload(session, job)
    assert new and job.state == "done" and job.attempts == 1 and job.active_key is None
    assert job.progress_total and job.progress_done == job.progress_total
    path = result_path(settings_of(session), job)
    assert path is not None and path.name == job.result_name and path.suffix == ".xlsx"
    assert not list(path.parent.glob("*.part"))
    assert "Spans" in workbook(path.read_bytes()).sheetnames and job.result["rows"]["Spans"] == 12
    assert job.expires_at > utcnow() + timedelta(days=6)


def test_bad_requests_are_refused_before_a_job_is_made(session, seeded):
    with pytest.raises(Invalid) as bad_format:
        request_export(session, seeded.project, seeded.lead, "pdf")
    with pytest.raises(Invalid) as bad_language:
        request_export(session, seeded.project, seeded.lead, "xlsx", language="de")
    assert bad_format.value.field == "format" and bad_language.value.field == "language"
    assert session.scalar(select(Job.id)) is None


def test_the_same_request_while_one_is_queued_makes_no_second_job(session, seeded, held):
    first, new = request_export(session, seeded.project, seeded.lead, "xlsx")
    again, new_again = request_export(session, seeded.project, seeded.lead, "xlsx")
    other, new_other = request_export(session, seeded.project, seeded.lead, "csv")
    assert new and not new_again and again.id == first.id and new_other and other.id != first.id
    assert held.pending() == 2


def test_a_job_runs_once_however_often_its_message_comes(session, seeded, held):
    build(session, seeded)
    job, _ = request_export(session, seeded.project, seeded.lead, "jsonl")
    factory, settings = held.factory, held.settings
    assert run_job(factory, job.id, settings, "w1", RUNNERS) == "done"
    assert run_job(factory, job.id, settings, "w2", RUNNERS) == "skipped"
    job = reload(session, job)
    assert job.attempts == 1 and job.worker == "w1" and job.state == "done"


def test_a_cancelled_job_never_starts_and_a_running_one_stops_at_its_next_report(session, seeded, held):
    queued, _ = request_export(session, seeded.project, seeded.lead, "xlsx")
    cancel_job(session, queued)
    assert run_job(held.factory, queued.id, held.settings, "w1", RUNNERS) == "skipped"
    with pytest.raises(Conflict):
        cancel_job(session, queued)

    running, _ = request_export(session, seeded.project, seeded.lead, "csv")
    session.execute(update(Job).where(Job.id == running.id).values(state="running", attempts=1))
    session.commit()
    progress = Progress(held.factory, running.id, 1, interval=0)
    progress(10, 100)
    cancel_job(session, running)
    with pytest.raises(JobStopped):
        progress(20, 100)
    assert reload(session, running).progress_done == 10


def _stale(session, job, attempts: int) -> None:
    session.execute(update(Job).where(Job.id == job.id).values(
        state="running", attempts=attempts, worker="gone:1", heartbeat_at=utcnow() - timedelta(minutes=5)))
    session.commit()


def test_a_job_whose_worker_died_is_retried_then_failed_and_its_partial_output_removed(session, seeded, held):
    settings = held.settings
    job, _ = request_export(session, seeded.project, seeded.lead, "xlsx")
    _stale(session, job, attempts=1)
    partial = job_folder(settings, job) / "half.xlsx.part"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"PK half a workbook")
    pending = held.pending()
    assert recovery.reap(session, held, settings)["retried"] == 1
    job = reload(session, job)
    assert job.state == "queued" and "retrying" in job.progress_note and held.pending() == pending + 1
    assert not partial.exists() and job.result_file is None

    _stale(session, job, attempts=2)  # the second attempt dies too: that was the last
    assert recovery.reap(session, held, settings)["failed"] == 1
    job = reload(session, job)
    assert job.state == "failed" and job.active_key is None and "attempt 2 of 2" in job.error
    assert job.result_file is None


def test_a_lost_message_is_sent_again_and_a_live_job_is_left_alone(session, seeded, held):
    job, _ = request_export(session, seeded.project, seeded.lead, "xlsx")
    held.huey.flush()  # the queue lost it (a Redis restart without persistence)
    session.execute(update(Job).where(Job.id == job.id).values(enqueued_at=utcnow() - timedelta(minutes=2)))
    session.commit()
    live, _ = request_export(session, seeded.project, seeded.lead, "csv")
    session.execute(update(Job).where(Job.id == live.id).values(state="running", attempts=1, heartbeat_at=utcnow()))
    session.commit()
    held.huey.flush()
    counts = recovery.reap(session, held, held.settings)
    assert counts["requeued"] == 1 and counts["retried"] == 0 and held.pending() == 1
    assert reload(session, live).state == "running"


def test_expired_results_are_deleted(session, seeded):
    build(session, seeded)
    job, _ = request_export(session, seeded.project, seeded.lead, "jsonl")
    settings = settings_of(session)
    path = result_path(settings, reload(session, job))
    session.execute(update(Job).where(Job.id == job.id).values(expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    assert recovery.expire_results(session, settings) == 1
    job = reload(session, job)
    assert not path.exists() and job.result_file is None and result_path(settings, job) is None


def test_who_sees_a_job(session, seeded):
    job, _ = request_export(session, seeded.project, seeded.lead, "jsonl")
    assert job_for(session, job.public_id, seeded.lead).id == job.id
    assert job_for(session, job.public_id, seeded.admin).id == job.id
    for user in (seeded.ann1, seeded.outsider):
        with pytest.raises(NotFound):
            job_for(session, job.public_id, user)
        assert jobs_visible_to(session, user) == []
    assert [j.id for j in jobs_visible_to(session, seeded.lead, seeded.project)] == [job.id]


def test_workers_are_seen_and_forgotten(session, held):
    assert recovery.workers_alive(session, held.settings) == 0
    recovery.worker_seen(session, "host:1")
    recovery.worker_seen(session, "host:1")
    assert recovery.workers_alive(session, held.settings) == 1
    recovery.release_worker(session, held, held.settings, "host:1")
    assert recovery.workers_alive(session, held.settings) == 0
