"""`annotator serve` keeps answering while 20 slow clients hold half-sent requests open.

The real command, on a free port, with two workers of one thread each: before, two half-sent
`POST /login` requests (one per sync worker) left every health probe unanswered for 16 s."""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from annotator.app import create_app
from tests.conftest import PASSWORD, app_config, prepare_project
from tests.web.annotate_support import ARABIC_ARTICLE, arabic_set, offsets_of

HEADER_TIMEOUT = 4


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(sqlite_template, tmp_path_factory):
    import shutil

    tmp_path = tmp_path_factory.mktemp("served")
    path = tmp_path / "served.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    app = create_app(app_config(url, tmp_path))
    db = app.extensions["annotator.sessionmaker"]()
    seeded = prepare_project(db)
    _doc, doc_set = arabic_set(db, seeded)
    db.close()
    app.extensions["annotator.engine"].dispose()
    port = free_port()
    env = {**os.environ, "ANNOTATOR_DATABASE_URL": url, "ANNOTATOR_SECRET_KEY": "serve-secret",
           "ANNOTATOR_INSTANCE_PATH": str(tmp_path / "instance"), "PYTHONPATH": os.getcwd()}
    server = subprocess.Popen([sys.executable, "-m", "annotator.cli", "serve", "--port", str(port), "--workers", "2",
                               "--header-timeout", str(HEADER_TIMEOUT)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/login", timeout=20) as answer:
                answer.read()
            break
        except OSError:  # refused until gunicorn listens
            time.sleep(0.1)
    else:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        pytest.fail("annotator serve did not start")
    yield base, port, doc_set.public_id
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(30)


class Browser:
    """A logged-in user over real HTTP, with cookies and the CSRF token."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(base + "/login", timeout=10).read().decode()
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        self.opener.open(base + "/login", urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrf_token": token}).encode(), timeout=10).read()
        answer = self.opener.open(urllib.request.Request(base + "/annotate/csrf-token",
                                                         headers={"Accept": "application/json"}), timeout=10)
        self.token = json.loads(answer.read())["csrf_token"]

    def timed(self, path: str, form: dict | None = None) -> tuple[int, float]:
        headers = {"HX-Request": "true", "X-CSRFToken": self.token}
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, headers=headers),
                                  timeout=30) as answer:
                answer.read()
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        return status, time.perf_counter() - started


def span_forms():
    for index in (1, 2, 4):
        text = ARABIC_ARTICLE[index][1]
        for word in dict.fromkeys(w.strip(".،") for w in text.split() if len(w.strip(".،")) > 2):
            start, end = offsets_of(text, word)
            yield {"paragraph": index, "end_paragraph": index, "start": start, "end": end, "text": word,
                   "label": "claim", "snap": "words"}


def slow_sockets(port: int, count: int) -> list[socket.socket]:
    """Half the sockets stop inside the request head, half inside the body, as a slow client does."""
    opened = []
    for n in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        if n % 2:
            sock.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n")
        else:
            sock.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nusername=a")
        opened.append(sock)
    return opened


def test_twenty_slow_clients_do_not_stop_probes_or_saves(served):
    base, port, set_id = served
    ann1 = Browser(base, "ann1")
    forms = span_forms()
    usual = []
    for _ in range(5):
        status, took = ann1.timed(f"/annotate/{set_id}/spans", next(forms))
        assert status == 201
        usual.append(took)
    slow = slow_sockets(port, 20)
    try:
        time.sleep(0.5)
        probes = [ann1.timed("/login") for _ in range(6)]
        saves = [ann1.timed(f"/annotate/{set_id}/spans", next(forms)) for _ in range(6)]
    finally:
        for sock in slow:
            sock.close()
    assert all(status == 200 for status, _ in probes), probes
    assert all(status == 201 for status, _ in saves), saves
    # "Within their usual time": each at most a second, and no save more than 10x the slowest before.
    assert max(took for _, took in probes) < 1.0, probes
    assert max(took for _, took in saves) < max(1.0, 10 * max(usual)), (usual, saves)


def test_a_half_sent_request_is_closed_after_the_header_timeout(served):
    _base, port, _set_id = served
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n")
    sock.settimeout(HEADER_TIMEOUT + 5)
    started = time.monotonic()
    try:
        assert sock.recv(100) == b""  # closed by the server, nothing answered
    except ConnectionResetError:
        pass
    assert time.monotonic() - started < HEADER_TIMEOUT + 3
    sock.close()


def test_a_complete_request_sent_in_pieces_is_answered(served):
    _base, port, _set_id = served
    sock = socket.create_connection(("127.0.0.1", port))
    for piece in (b"GET /lo", b"gin HTTP/1.1\r\nHo", b"st: x\r\n", b"Connection: close\r\n\r\n"):
        sock.sendall(piece)
        time.sleep(0.3)
    sock.settimeout(10)
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    sock.close()
    assert answer.startswith(b"HTTP/1.1 200") and b"Log in" in answer
