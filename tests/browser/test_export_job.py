"""A lead exports a large project from the page: a progress bar that moves, then the download."""
from __future__ import annotations

import shutil

import pytest

from annotator.app import create_app
from annotator.jobs.worker import Monitor
from tests.conftest import app_config
from tests.browser.conftest import log_in
from tests.jobs.bulk import seed_spans


@pytest.fixture
def page(english_page):
    """These tests find buttons and messages by their English words: the interface in English."""
    return english_page


pytestmark = pytest.mark.browser


@pytest.fixture
def live_app(sqlite_template, tmp_path):
    """The browser tests' app, with a real queue and a worker running in this process."""
    path = tmp_path / "browser.sqlite3"
    shutil.copy(sqlite_template, path)
    app = create_app(app_config(f"sqlite:///{path}", tmp_path, JOBS_IMMEDIATE=False,
                                JOBS_QUEUE_URL=f"sqlite:///{tmp_path / 'queue.sqlite3'}"))
    queue = app.extensions["annotator.jobs"]
    consumer = queue.huey.create_consumer(workers=1, worker_type="thread", periodic=False, max_delay=0.2)
    consumer.scheduler.start()  # its threads only: the signal handlers stay pytest's
    for _, thread in consumer.worker_threads:
        thread.start()
    monitor = Monitor(queue, "browser-test:1")
    monitor.start()
    yield app
    consumer.stop(graceful=True)
    monitor.stop()
    app.extensions["annotator.engine"].dispose()


def test_a_lead_follows_the_progress_bar_and_downloads_the_workbook(page, live_server, live_session, live_seeded):
    seed_spans(live_session, live_seeded.project, [live_seeded.ann1, live_seeded.ann2], 30_000)
    log_in(page, live_server, "lead")
    response = page.goto(f"{live_server.url}/projects/{live_seeded.project.public_id}/exports")
    assert response.status == 200 and page.url.endswith("/exports"), (response.status, page.url)
    page.select_option("select[name=format]", "xlsx")
    page.click("form.card button[type=submit]")
    card = page.locator("#export-jobs article.job").first
    card.wait_for()
    # The bar moves: it is seen part of the way, neither empty nor full, while the job writes its
    # rows (earlier phases say their counts in the note, "computing agreement: 3 of 12 steps").
    page.wait_for_function("""() => {
        const bar = document.querySelector('#export-jobs article.job progress');
        const note = document.querySelector('#export-jobs article.job .job-note');
        return bar && bar.value > 0 && bar.value < bar.max && note && note.textContent === 'writing rows';
    }""", timeout=60_000)
    assert "of" in card.locator(".job-count").inner_text()
    link = page.locator("#export-jobs a.job-result")
    link.wait_for(timeout=120_000)
    assert card.get_attribute("data-state") == "done" and card.get_attribute("hx-trigger") is None
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as handle:
        assert handle.read(2) == b"PK"
