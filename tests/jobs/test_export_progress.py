"""An export job's progress as its htmx route shows it, through a real worker: the agreement sheets
computed before the first row report their own progress (spans read, then the report's steps),
so the bar is not left standing still for the minute they take on a big project."""
from __future__ import annotations

import re
import time
from html import unescape

from sqlalchemy import select

from annotator.models import Job
from annotator.services.jobs.results import result_path
from annotator.services.jobs.settings import settings_of
from tests.conftest import AuthActions, prepare_project
from tests.export.helpers import workbook
from tests.jobs.bulk import seed_spans
from tests.jobs.test_job_service import held  # noqa: F401  (the fixture)
from tests.jobs.test_worker import queued_app, qsession, workers  # noqa: F401  (the fixtures)

HTMX = {"HX-Request": "true"}
SHOWN = re.compile(r'data-state="(\w+)".*?<progress max="(\d+)" value="(\d+)"', re.S)
NOTE = re.compile(r'class="job-note">([^<]*)<')


def shown(body: str) -> tuple[str, int, int, str]:
    """What the job's card shows: state, progress max and value, and the note."""
    state, total, done = SHOWN.search(body).groups()
    note = NOTE.search(body)
    return state, int(total), int(done), unescape(note.group(1)) if note else ""


def test_the_agreement_phase_of_an_export_job_reports_progress_before_the_first_row(queued_app, qsession,
                                                                                     workers):  # noqa: F811
    seeded = prepare_project(qsession)
    seed_spans(qsession, seeded.project, [seeded.ann1, seeded.ann2], 15_000)
    client = queued_app.test_client()
    auth = AuthActions(client)
    auth.login("lead")
    # Two documents' rows (a few hundred: the job reports every hundred), but agreement is always
    # the whole project's: its sheets are computed over all the spans first.
    started = client.post(f"/projects/{seeded.project.public_id}/exports",
                          data={"format": "xlsx", "document": ["bulk-00000", "bulk-00001"]},
                          headers={"X-CSRFToken": auth.csrf_token(), **HTMX})
    assert started.status_code == 202
    job_id = re.search(r'id="job-([0-9a-f-]{36})"', started.get_data(as_text=True)).group(1)
    workers.start()
    seen: list[tuple[str, int, int, str]] = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        value = shown(client.get(f"/jobs/{job_id}", headers=HTMX).get_data(as_text=True))
        if not seen or seen[-1] != value:
            seen.append(value)
        if value[0] not in ("queued", "running"):
            break
        time.sleep(0.02)
    assert seen[-1][0] == "done", seen[-1]

    running = [v for v in seen if v[0] == "running"]
    first_row = next(i for i, v in enumerate(running) if v[3] == "writing rows")
    agreement = running[:first_row]
    assert len(set(agreement)) >= 3, agreement  # several values, not one standing still
    steps = [(done, total) for _s, total, done, note in agreement if note.startswith("computing agreement")]
    assert steps and all(total == 12 for _done, total in steps), agreement
    assert all(f"computing agreement: {done} of {total} steps" in (v[3] for v in agreement) for done, total in steps)
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)  # it only goes forward
    reading = [v for v in agreement if v[3].startswith("reading the annotations")]
    assert all(re.fullmatch(r"reading the annotations(: [\d,]+ of [\d,]+ spans and links)?", v[3]) for v in reading)
    assert all(v[3] for v in agreement[1:]), agreement  # every value after the claim says which phase it is in
    qsession.rollback()
    job = qsession.scalar(select(Job).where(Job.public_id == job_id))
    assert "Agreement" in workbook(result_path(settings_of(qsession), job).read_bytes()).sheetnames


def test_packing_the_workbook_after_its_last_row_reports_megabytes(session, seeded, held):  # noqa: F811
    from annotator.services.jobs.export_job import PACKING, WRITING, run_export, request_export

    seed_spans(session, seeded.project, [seeded.ann1, seeded.ann2], 4_000)
    job, _new = request_export(session, seeded.project, seeded.lead, "xlsx", with_agreement=False)
    calls = []
    outcome = run_export(session, job, lambda done, total=None, note=None, force=False:
                         calls.append((done, total, note)), settings_of(session))
    notes = [note for _d, _t, note in calls]
    last_row = max(i for i, note in enumerate(notes) if note == WRITING or note is None)
    packing = calls[last_row + 1:]
    assert packing and all(note == PACKING and 0 <= done < total for done, total, note in packing), packing[:5]
    assert packing[0][1] >= 1 and "Spans" in workbook(outcome.file.read_bytes()).sheetnames


def test_counting_the_rows_and_checking_the_agreement_figures_report_before_the_first_row(session, seeded,
                                                                                          held):  # noqa: F811
    from annotator.services.agreement.reports import CHECKING
    from annotator.services.jobs.export_job import COUNTING, WRITING, request_export, run_export

    seed_spans(session, seeded.project, [seeded.ann1, seeded.ann2], 600)
    job, _new = request_export(session, seeded.project, seeded.lead, "xlsx")
    calls = []
    run_export(session, job, lambda done, total=None, note=None, force=False: calls.append((done, total, note)),
               settings_of(session))
    first_row = next(i for i, (_d, _t, note) in enumerate(calls) if note == WRITING)
    before = calls[:first_row]
    counting = [(done, total) for done, total, note in before if note == COUNTING]
    assert counting == [(done, 7) for done in range(8)]  # a value per table counted, and the last
    checking = [(done, total) for done, total, note in before if note == CHECKING]
    assert checking and checking[0][0] == 0 and checking[0][1] > 0
    assert before.index(next(c for c in before if c[2] == CHECKING)) > before.index((7, 7, COUNTING))
