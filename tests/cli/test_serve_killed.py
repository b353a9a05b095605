"""`annotator serve` killed with -9 in the middle of a stream of saves: every save it acknowledged
(answered 201) is in the database afterwards, on SQLite and PostgreSQL (issue 14, "Bad input and
faults"). The saves go on while the kill lands, so some request is cut off mid-way."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import requests
from sqlalchemy import select

from annotator.app import create_app
from annotator.models import Span
from tests.conftest import PASSWORD, app_config, prepare_project
from tests.factories import assign, make_document

WORDS = "قال الرئيس إن الاتفاق سيصمد رغم كل الضغوط".split()
PARAGRAPHS = 60
KILL_AFTER = 25  # acknowledged saves before the kill is sent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_every_save_a_killed_server_acknowledged_is_in_the_database(database_url, tmp_path):
    app = create_app(app_config(database_url, tmp_path))
    session = app.extensions["annotator.sessionmaker"]()
    seeded = prepare_project(session)
    text = " ".join(WORDS)
    document = make_document(session, seeded.project, [("body", f"{text} {i}") for i in range(PARAGRAPHS)],
                             language="ar")
    aset = assign(session, document, seeded.ann1)
    session.close()
    port = free_port()
    env = {**os.environ, "ANNOTATOR_DATABASE_URL": database_url, "ANNOTATOR_SECRET_KEY": "test-secret",
           "ANNOTATOR_INSTANCE_PATH": str(tmp_path / "instance"), "PYTHONPATH": os.getcwd()}
    server = subprocess.Popen([sys.executable, "-m", "annotator.cli", "serve", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if requests.get(f"{base}/login", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "annotator serve did not start"
            time.sleep(0.2)
        browser = requests.Session()
        token = lambda: re.search(r'name="csrf-token" content="([^"]+)"',  # noqa: E731
                                  browser.get(f"{base}/login").text).group(1)
        assert browser.post(f"{base}/login", data={"username": "ann1", "password": PASSWORD,
                                                   "csrf_token": token()}).status_code == 200
        headers = {"X-CSRFToken": token()}

        acknowledged: list[str] = []
        cut_off = 0
        killer = None
        for index in range(PARAGRAPHS):
            at = 0
            for word in WORDS:
                start = text.index(word, at)
                at = start + len(word)
                try:
                    answer = browser.post(f"{base}/annotate/{aset.public_id}/spans", headers=headers, timeout=30,
                                          data={"paragraph": index, "end_paragraph": index, "start": start,
                                                "end": at, "text": word, "label": "claim", "snap": "words"})
                except requests.RequestException:
                    cut_off += 1  # the server is gone: this one may or may not have been saved
                    break
                assert answer.status_code == 201, answer.text[:300]
                acknowledged.append(answer.json()["span_id"])
                if len(acknowledged) == KILL_AFTER:
                    # sent from another thread while the next saves are in flight
                    killer = threading.Timer(0.05, os.killpg, (server.pid, signal.SIGKILL))
                    killer.start()
            if cut_off:
                break
        assert killer is not None, "too few saves to kill the server among them"
        killer.join()
        server.wait(30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(30)
    assert server.returncode == -signal.SIGKILL and cut_off == 1, (server.returncode, cut_off)
    assert len(acknowledged) >= KILL_AFTER

    session = app.extensions["annotator.sessionmaker"]()
    stored = set(session.scalars(select(Span.public_id).where(Span.set_id == aset.id)))
    session.close()
    app.extensions["annotator.engine"].dispose()
    missing = [span_id for span_id in acknowledged if span_id not in stored]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged saves are not in the database"
