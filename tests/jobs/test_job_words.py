"""What a job says (why it failed, why it is retried, why an import skipped a file) is kept with its
parts, so the job card says it in the reader's language while the CLI and the API keep the English;
and a row written before, in plain English, still reads as it was."""
from __future__ import annotations

import html
import io

from sqlalchemy import select, update

from annotator.i18n import catalog, english_words, shown_words
from annotator.models import Job
from annotator.services.jobs import recovery
from annotator.services.jobs.export_job import request_export
from annotator.services.jobs.views import job_view
from tests.jobs.test_job_service import _stale, held, reload  # noqa: F401  (the fixture)

HTMX = {"HX-Request": "true"}
ARTICLE = ("العنوان\n\n" + "قالَ الرَّئِيسُ إن الاتفاق سيصمد رغم كل الضغوط.\n\n" * 10).encode()


def upload(client, auth, seeded, data: bytes, name: str):
    form = {"files": [(io.BytesIO(data), name)], "csrf_token": auth.csrf_token()}
    return client.post(f"/projects/{seeded.project.public_id}/import", data=form, headers=HTMX,
                       content_type="multipart/form-data")


def card(client, job: Job, lang: str) -> str:
    return html.unescape(client.get(f"/jobs/{job.public_id}?lang={lang}", headers=HTMX).get_data(as_text=True))


def arabic(msgid: str, **values) -> str:
    translated = catalog("ar").gettext(msgid)
    assert translated != msgid, f"no Arabic for {msgid!r}"
    return translated.format(**values)


def test_a_failed_import_says_why_in_the_readers_language_and_in_english_to_scripts(app, client, auth, session,
                                                                                   seeded):
    app.config["IMPORT_BACKGROUND_BYTES"] = 10
    auth.login("lead")
    upload(client, auth, seeded, "not a known kind of file".encode() * 2, "notes.xyz")
    job = session.scalar(select(Job).where(Job.kind == "import"))
    assert job.state == "failed" and job.error.startswith('{"en":')
    english = english_words(job.error)
    assert english.startswith("file: ") and "notes.xyz" in english
    in_arabic = shown_words(job.error, "ar")
    assert in_arabic != english.removeprefix("file: ") and "notes.xyz" in in_arabic
    assert in_arabic in card(client, job, "ar") and "file:" not in card(client, job, "ar")
    assert english.removeprefix("file: ") in card(client, job, "en")
    assert job_view(session, job).english_error == english  # what the API's JobOut and the CLI say


def test_the_retry_note_and_the_last_failure_are_read_in_arabic(client, auth, session, seeded, held):
    auth.login("lead")
    job, _ = request_export(session, seeded.project, seeded.lead, "xlsx")
    _stale(session, job, attempts=1)
    recovery.reap(session, held, held.settings)
    job = reload(session, job)
    assert len(job.progress_note) <= 200
    assert english_words(job.progress_note) == "retrying: the worker stopped answering (attempt 1 of 2)"
    shown = card(client, job, "ar")
    assert arabic("retrying: the worker stopped answering (attempt {attempt} of {attempts})",
                  attempt=1, attempts=2) in shown and "retrying" not in shown

    _stale(session, job, attempts=2)
    recovery.reap(session, held, held.settings)
    job = reload(session, job)
    assert "attempt 2 of 2" in job.error and english_words(job.error).startswith("The worker running this job")
    assert arabic("The worker running this job stopped answering (attempt {attempt} of {attempts}); its partial "
                  "output was deleted. Start the job again.", attempt=2, attempts=2) in card(client, job, "ar")


def test_an_older_plain_english_row_reads_as_it_was(client, auth, session, seeded, held):
    auth.login("lead")
    job, _ = request_export(session, seeded.project, seeded.lead, "xlsx")
    session.execute(update(Job).where(Job.id == job.id).values(
        state="failed", active_key=None, error="ValueError: an old {brace} message", progress_note="writing rows"))
    session.commit()
    job = reload(session, job)
    assert english_words(job.error) == "ValueError: an old {brace} message"
    shown = card(client, job, "ar")
    assert "ValueError: an old {brace} message" in shown
    assert arabic("writing rows") in shown  # a plain msgid note is still translated


def test_an_import_says_in_arabic_why_it_skipped_a_duplicate(app, client, auth, session, seeded):
    app.config["IMPORT_BACKGROUND_BYTES"] = 100
    auth.login("lead")
    upload(client, auth, seeded, ARTICLE, "first.txt")
    upload(client, auth, seeded, ARTICLE, "again.txt")
    job = session.scalars(select(Job).where(Job.kind == "import").order_by(Job.id)).all()[-1]
    assert job.state == "done" and len(job.result["skipped"]) == 1
    skipped = job.result["skipped"][0]
    assert skipped["reason"].startswith("same content as document '")  # the API's result keeps the English
    document = skipped["reason"].split("'")[1]
    shown = card(client, job, "ar")
    assert "again.txt" in shown and arabic("same content as document '{document}'", document=document) in shown
    assert "same content" not in shown


def test_the_job_card_names_the_kind_in_the_readers_language(client, auth, session, seeded, held):
    auth.login("lead")
    job, _ = request_export(session, seeded.project, seeded.lead, "xlsx")
    assert str(job_view(session, job).title) == "Export (XLSX)"
    assert f"{arabic('Export')} (XLSX)" in card(client, job, "ar") and ">Export (XLSX)<" not in card(client, job, "ar")
