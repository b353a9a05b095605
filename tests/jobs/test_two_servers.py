"""Two `annotator serve` processes and two workers on one PostgreSQL and one Redis (issue 14, item 5).

Saves go through both servers in turn and each is read back through the other; the agreement
dashboard asked through both makes one agreement job for the project; an export started on one
server is downloaded from the other; no job runs twice. Runs where TEST_DATABASE_URL names a
PostgreSQL database and Redis answers at TEST_REDIS_URL (database 1 by default), as in CI.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import close_all_sessions

from annotator.app import create_app
from annotator.models import Job
from tests.conftest import PASSWORD, PG_URL, _truncate_pg, app_config, prepare_project
from tests.export.helpers import workbook
from tests.factories import assign, make_document
from tests.web.annotate_support import ARABIC_ARTICLE, offsets_of

REPO = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
SAVES = [(1, "الرَّئِيسُ"), (1, "الاتفاق"), (1, "الضغوط"), (2, "العقوبات"), (2, "بالمواطنين"), (4, "NATO"),
         (4, "حاسماً"), (2, "بالنظام")]


def _redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        return None
    return client


pytestmark = pytest.mark.skipif(not PG_URL or not PG_URL.startswith("postgresql"),
                                reason="needs TEST_DATABASE_URL=postgresql+psycopg://... (CI sets it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Processes:
    def __init__(self, tmp_path: Path, env: dict):
        self.tmp_path, self.env, self.procs = tmp_path, env, []

    def start(self, *args: str) -> subprocess.Popen:
        log = open(self.tmp_path / f"proc-{len(self.procs)}.log", "wb")
        proc = subprocess.Popen([sys.executable, "-m", "annotator.cli", *args], env=self.env, stdout=log,
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
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_for(check, timeout: float = 180, what: str = "condition"):  # a loaded machine starts slowly
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except requests.RequestException:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def login(base: str, username: str) -> tuple[requests.Session, str]:
    browser = requests.Session()
    page = browser.get(f"{base}/login").text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    answer = browser.post(f"{base}/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 200, answer.text[:300]
    token = re.search(r'name="csrf-token" content="([^"]+)"', browser.get(f"{base}/login").text).group(1)
    return browser, token


@pytest.fixture
def cluster(tmp_path, pg_migrated):
    redis_client = _redis()
    if redis_client is None:
        pytest.skip(f"Redis does not answer at {REDIS_URL} (.ci/run starts it)")
    redis_client.flushdb()
    _truncate_pg(pg_migrated)
    app = create_app(app_config(PG_URL, tmp_path, JOBS_IMMEDIATE=False, JOBS_QUEUE_URL=REDIS_URL))
    env = {**os.environ, "PYTHONPATH": str(REPO), "ANNOTATOR_DATABASE_URL": PG_URL,
           "ANNOTATOR_SECRET_KEY": "test-secret", "ANNOTATOR_INSTANCE_PATH": str(tmp_path / "instance"),
           "ANNOTATOR_QUEUE_URL": REDIS_URL, "ANNOTATOR_JOB_RESULTS_DIR": str(tmp_path / "results")}
    processes = Processes(tmp_path, env)
    ports = [free_port(), free_port()]
    for port in ports:
        processes.start("serve", "--port", str(port), "--workers", "1")
    workers = [processes.start("worker"), processes.start("worker")]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base in bases:
            wait_for(lambda: requests.get(f"{base}/login", timeout=5).status_code == 200, what=f"{base} to serve")
        yield app, bases, workers
    finally:
        processes.stop_all()
        # A failed assertion leaves the test's session in a transaction; closing it here keeps the
        # next test's TRUNCATE from waiting on it for ever.
        close_all_sessions()
        app.extensions["annotator.engine"].dispose()
        redis_client.flushdb()


def test_two_servers_one_database_one_queue(cluster):
    app, (a, b), workers = cluster
    session = app.extensions["annotator.sessionmaker"]()
    seeded = prepare_project(session)
    document = make_document(session, seeded.project, ARABIC_ARTICLE, "ar")
    sets = {user.username: assign(session, document, user) for user in (seeded.ann1, seeded.ann2)}

    # Saves through both servers in turn, each read back through the other.
    for username in ("ann1", "ann2"):
        browser, token = login(a, username)
        aset = sets[username]
        for i, (index, phrase) in enumerate(SAVES if username == "ann1" else SAVES[::2]):
            here, there = (a, b) if i % 2 == 0 else (b, a)
            start, end = offsets_of(ARABIC_ARTICLE[index][1], phrase)
            saved = browser.post(f"{here}/annotate/{aset.public_id}/spans", headers={"X-CSRFToken": token},
                                 data={"paragraph": index, "end_paragraph": index, "start": start, "end": end,
                                       "text": phrase, "label": "claim", "snap": "words"})
            assert saved.status_code == 201, saved.text[:300]
            span_id = saved.json()["span_id"]
            seen = browser.get(f"{there}/annotate/{aset.public_id}/paragraphs/{index}")
            assert seen.status_code == 200 and span_id in seen.text, f"save {i} through {here} not seen at {there}"
        framed = browser.post(f"{a}/annotate/{aset.public_id}/frames", data={"frame": "economic", "role": "primary"},
                              headers={"X-CSRFToken": token})
        assert framed.status_code == 200, framed.text[:300]
        done = browser.post(f"{b}/annotate/{aset.public_id}/status", data={"status": "done"},
                            headers={"X-CSRFToken": token})
        assert done.status_code == 200, re.findall(r"not ready[^<]*", done.text)

    # The dashboard asked through both servers at once: one agreement job for the project.
    lead, token = login(b, "lead")
    dashboard = f"/projects/{seeded.project.public_id}/agreement"
    for i in range(6):
        assert lead.get((a, b)[i % 2] + dashboard, headers={"HX-Request": "true"}).status_code == 200

    def agreement_jobs():
        session.rollback()
        return list(session.scalars(select(Job).where(Job.kind == "agreement")))

    wait_for(lambda: all(j.state == "done" for j in agreement_jobs()), what="the agreement job")
    assert len(agreement_jobs()) == 1
    page = lead.get(a + dashboard).text
    assert 'class="heatmap"' in page and "computing…" not in page

    # An export started on one server, asked again on the other, downloaded from the other.
    exports = f"/projects/{seeded.project.public_id}/exports"
    first = lead.post(a + exports, data={"format": "xlsx"}, headers={"X-CSRFToken": token, "HX-Request": "true"})
    second = lead.post(b + exports, data={"format": "xlsx"}, headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert first.status_code == second.status_code == 202
    ids = [re.search(r'id="job-([0-9a-f-]{36})"', r.text).group(1) for r in (first, second)]
    session.rollback()
    jobs = {j.public_id: j for j in session.scalars(select(Job).where(Job.kind == "export"))}
    if ids[0] != ids[1]:  # only when the first had already finished before the second was asked
        assert jobs[ids[0]].finished_at <= jobs[ids[1]].created_at
    wait_for(lambda: 'data-state="done"' in lead.get(f"{b}/jobs/{ids[1]}", headers={"HX-Request": "true"}).text,
             what="the export")
    download = lead.get(f"{b}/jobs/{ids[0]}/result")
    assert download.status_code == 200 and "Spans" in workbook(download.content).sheetnames

    # No job ran twice, and both workers were alive throughout.
    session.rollback()
    every = list(session.scalars(select(Job)))
    assert every and all(j.state == "done" and j.attempts == 1 for j in every), [(j.kind, j.state, j.attempts)
                                                                                for j in every]
    assert all(w.poll() is None for w in workers)
    session.close()
