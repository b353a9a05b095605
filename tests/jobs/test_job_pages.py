"""Jobs on the web: start an export, follow its progress (htmx polling), download it; who sees what."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, update

from annotator.models import Document, Job, utcnow
from tests.export.helpers import workbook
from tests.export_fixtures import build
from tests.jobs.test_job_service import held, reload  # noqa: F401  (the fixture)

HTMX = {"HX-Request": "true"}


def job_id_in(body: str) -> str:
    return re.search(r'id="job-([0-9a-f-]{36})"', body).group(1)


def start(client, auth, seeded, **form):
    headers = {"X-CSRFToken": auth.csrf_token(), **HTMX}
    return client.post(f"/projects/{seeded.project.public_id}/exports", data={"format": "xlsx", **form},
                       headers=headers)


def test_a_lead_exports_from_the_page_and_downloads_the_workbook(client, auth, session, seeded):
    build(session, seeded)
    auth.login("lead")
    page = client.get(f"/projects/{seeded.project.public_id}/exports").get_data(as_text=True)
    assert 'hx-post="/projects/' in page and 'name="format"' in page
    response = start(client, auth, seeded)
    body = response.get_data(as_text=True)
    assert response.status_code == 202 and body.lstrip().startswith("<article") and "<html" not in body
    job_id = job_id_in(body)
    assert 'data-state="done"' in body and "hx-trigger" not in body  # done: it stops polling
    assert f'href="/jobs/{job_id}/result"' in body and "<progress" in body
    download = client.get(f"/jobs/{job_id}/result")
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")
    data = download.data
    download.close()
    assert "Spans" in workbook(data).sheetnames
    assert job_id in client.get("/jobs").get_data(as_text=True)


def test_a_queued_job_polls_says_no_worker_runs_and_can_be_cancelled(client, auth, session, seeded, held):
    auth.login("lead")
    body = start(client, auth, seeded).get_data(as_text=True)
    job_id = job_id_in(body)
    assert 'data-state="queued"' in body and 'hx-trigger="every 1s"' in body
    assert "No worker is running: 1 job is waiting" in body
    assert "No worker is running" in client.get(f"/projects/{seeded.project.public_id}/exports").get_data(as_text=True)
    assert client.get(f"/jobs/{job_id}/result").status_code == 409
    again = start(client, auth, seeded).get_data(as_text=True)
    assert job_id_in(again) == job_id  # the same export asked twice: one job
    cancelled = client.post(f"/jobs/{job_id}/cancel", headers={"X-CSRFToken": auth.csrf_token(), **HTMX})
    assert cancelled.status_code == 200 and 'data-state="cancelled"' in cancelled.get_data(as_text=True)
    assert client.post(f"/jobs/{job_id}/cancel", headers={"X-CSRFToken": auth.csrf_token()}).status_code == 409


def test_the_warning_goes_when_a_worker_is_seen(client, auth, session, seeded, held):
    from annotator.services.jobs.recovery import worker_seen

    auth.login("lead")
    worker_seen(session, "host:42")
    body = start(client, auth, seeded).get_data(as_text=True)
    assert 'data-state="queued"' in body and "No worker is running" not in body


def test_bad_export_requests_are_refused_and_make_no_job(client, auth, session, seeded):
    auth.login("lead")
    response = start(client, auth, seeded, format="pdf")
    assert response.status_code == 422 and "format" in response.get_data(as_text=True)
    assert start(client, auth, seeded, document="no-such-doc").status_code in (404, 422)
    assert session.scalar(select(func.count(Job.id))) == 0
    no_csrf = client.post(f"/projects/{seeded.project.public_id}/exports", data={"format": "xlsx"})
    assert no_csrf.status_code == 400 and session.scalar(select(func.count(Job.id))) == 0


def test_nobody_else_sees_a_job(client, auth, session, seeded):
    auth.login("lead")
    job_id = job_id_in(start(client, auth, seeded).get_data(as_text=True))
    auth.logout()
    for user in ("ann1", "outsider"):
        auth.login(user)
        for path in (f"/jobs/{job_id}", f"/jobs/{job_id}/result"):
            assert client.get(path).status_code == 404, (user, path)
        assert client.post(f"/jobs/{job_id}/cancel", headers={"X-CSRFToken": auth.csrf_token()}).status_code == 404
        assert job_id not in client.get("/jobs").get_data(as_text=True)
        assert client.get(f"/projects/{seeded.project.public_id}/exports").status_code in (403, 404)
        auth.logout()
    auth.login("admin")
    assert client.get(f"/jobs/{job_id}").status_code == 200


def test_an_expired_result_answers_gone(client, auth, session, seeded):
    auth.login("lead")
    job_id = job_id_in(start(client, auth, seeded, format="jsonl").get_data(as_text=True))
    session.execute(update(Job).where(Job.public_id == job_id).values(expires_at=utcnow()))
    session.commit()
    from annotator.services.jobs.recovery import expire_results
    from annotator.services.jobs.settings import settings_of

    expire_results(session, settings_of(session))
    response = client.get(f"/jobs/{job_id}/result")
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)
    assert "has expired" in client.get(f"/jobs/{job_id}").get_data(as_text=True)


def test_a_large_upload_is_imported_by_a_job(app, client, auth, session, seeded):
    app.config["IMPORT_BACKGROUND_BYTES"] = 100
    auth.login("lead")
    text = ("العنوان\n\n" + "قالَ الرَّئِيسُ إن الاتفاق سيصمد رغم كل الضغوط 😀.\n\n" * 10).encode()
    data = {"files": [(__import__("io").BytesIO(text), "big.txt")], "csrf_token": auth.csrf_token()}
    response = client.post(f"/projects/{seeded.project.public_id}/import", data=data, headers=HTMX,
                           content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 202 and 'data-state="done"' in body and "Imported 1 document(s)" in body
    assert session.scalar(select(func.count(Document.id))) == 1
    job = session.scalar(select(Job).where(Job.kind == "import"))
    assert job.params["files"][0]["name"] == "big.txt" and job.result["documents"] == 1


def test_a_bad_large_upload_fails_with_its_reason_and_imports_nothing(app, client, auth, session, seeded):
    app.config["IMPORT_BACKGROUND_BYTES"] = 10
    auth.login("lead")
    data = {"files": [(__import__("io").BytesIO(b"\xff\xfe\x00broken" * 20), "bad.pdf")],
            "csrf_token": auth.csrf_token()}
    body = client.post(f"/projects/{seeded.project.public_id}/import", data=data, headers=HTMX,
                       content_type="multipart/form-data").get_data(as_text=True)
    assert 'data-state="failed"' in body and "bad.pdf" in body
    assert session.scalar(select(func.count(Document.id))) == 0


def test_the_dashboard_refreshes_agreement_through_the_queue(app, client, auth, session, seeded):
    from tests.factories import agreement_scenario

    agreement_scenario(session, seeded)
    app.config["AGREEMENT_BACKGROUND"] = True
    auth.login("lead")
    first = client.get(f"/projects/{seeded.project.public_id}/agreement").get_data(as_text=True)
    assert "computing…" in first  # asked for the job (run at once here), showed what it had
    job = session.scalar(select(Job).where(Job.kind == "agreement"))
    assert job.state == "done" and job.owner_id == seeded.lead.id and job.progress_done == job.progress_total
    again = client.get(f"/projects/{seeded.project.public_id}/agreement").get_data(as_text=True)
    assert "computing…" not in again and 'class="heatmap"' in again
    assert session.scalar(select(func.count(Job.id))) == 1


@pytest.mark.parametrize("lang, shown", [
    ("en", "computing agreement: 3 of 12 steps"),
    ("fr", "calcul de l'accord : étape 3 sur 12"),
    ("ar", "حساب الاتفاق: الخطوة 3 من 12"),
])
def test_a_progress_note_is_read_in_the_interface_language_with_the_jobs_counts(client, auth, session, seeded,
                                                                               held, lang, shown):
    from annotator.services.agreement.reports import COMPUTING

    auth.login("lead")
    job_id = job_id_in(start(client, auth, seeded).get_data(as_text=True))
    session.execute(update(Job).where(Job.public_id == job_id).values(
        state="running", progress_done=3, progress_total=12, progress_note=COMPUTING))
    session.commit()
    body = client.get(f"/jobs/{job_id}?lang={lang}", headers=HTMX).get_data(as_text=True)
    note = re.search(r'class="job-note">([^<]*)<', body).group(1)
    assert note.replace("&#39;", "'") == shown
    count = re.search(r'class="job-count">([^<]*)<', body).group(1)
    assert "12" not in count and "25" in count  # the note says the counts; the percentage stays


@pytest.mark.parametrize("lang, title", [("en", "Export (XLSX)"), ("fr", "Exportation (XLSX)"), ("ar", "تصدير (XLSX)")])
def test_a_job_card_names_the_job_in_the_interface_language(client, auth, session, seeded, held, lang, title):
    auth.login("lead")
    job_id = job_id_in(start(client, auth, seeded).get_data(as_text=True))
    card = client.get(f"/jobs/{job_id}?lang={lang}", headers=HTMX).get_data(as_text=True)
    assert re.search(r'<h3><a href="[^"]+">([^<]*)</a>', card).group(1) == title
    page = client.get(f"/jobs/{job_id}?lang={lang}").get_data(as_text=True)  # the job's own page
    assert re.search(r"<h1>([^<]*)</h1>", page).group(1) == title
    assert title in client.get(f"/jobs?lang={lang}").get_data(as_text=True)  # and the list of jobs
