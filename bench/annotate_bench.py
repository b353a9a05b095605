"""Span saves over HTTP against the app as deployed: gunicorn (`annotator serve`), a few workers.

Run by hand: `.venv/bin/python bench/annotate_bench.py [--database-url URL] [--workers 3]`.
It makes an instance folder in a temporary directory (ANNOTATOR_INSTANCE_PATH), a SQLite database
there unless --database-url is given (a PostgreSQL one is wiped), runs `annotator init`, seeds 20
annotators with an Arabic document each, starts `annotator serve`, logs everyone in through the
login form, and measures, with the page's own request (htmx headers, CSRF header, UTF-16 offsets):

1. paced: 20 annotators each saving a span every second: p50/p95 latency;
2. saturation: 20 clients saving back to back until 10,000 more spans exist: saves/s;
3. paced again, after those 10,000 spans: does latency stay flat?
4. the server time to render a 300-paragraph document holding 1,000 spans.

Targets on a 2-core machine: >= 300 saves/s, p95 < 20 ms and flat, the big page < 150 ms.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANNOTATORS = 20
PASSWORD = "bench-password-1"
WORDS = [unicodedata.normalize("NFC", w) for w in (
    "قالَ", "الرَّئِيسُ", "إن", "الاتفاق", "سيصمد", "رغم", "الضغوط", "مـــصر", "والسعودية", "البحر",
    "الأحمر", "ليس", "بحيرة", "لأحد", "التجارة", "العالمية", "😀", "🇲🇦", "NATO", "2024")]
LABELS = ["claim", "evidence", "major_claim"]


def paragraph_text(doc: int, index: int, words: int = 40) -> str:
    rng = random.Random(doc * 100_003 + index)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def word_bounds(text: str, word: int) -> tuple[int, int]:
    """Code point offsets of the paragraph's word number ``word`` (words are space-separated)."""
    start = 0
    for _ in range(word):
        start = text.index(" ", start) + 1
    end = text.find(" ", start)
    return start, (end if end >= 0 else len(text) - 1)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def environment(tmp: str, url: str | None) -> dict:
    env = dict(os.environ)
    env["ANNOTATOR_INSTANCE_PATH"] = tmp
    env["ANNOTATOR_DATABASE_URL"] = url or f"sqlite:///{tmp}/bench.sqlite3"
    return env


def seed(env: dict, technique_labels: list[str]) -> tuple[list[tuple[str, str, list[str]]], str]:
    """Users, a project, one 300-paragraph document per annotator, and the big page's document."""
    os.environ.update({k: env[k] for k in ("ANNOTATOR_INSTANCE_PATH", "ANNOTATOR_DATABASE_URL")})
    from annotator.app import create_app
    from annotator.models import Document, Paragraph, Span, utcnow
    from annotator.services.team import projects
    from annotator.services.team import users
    from annotator.services.annotation.sets import user_set

    app = create_app()
    session = app.extensions["annotator.sessionmaker"]()
    project = projects.create_project(session, "bench", (REPO / "guidelines" / "scheme.yaml").read_text("utf-8"))
    people = []
    for n in range(ANNOTATORS + 1):
        user = users.create_user(session, f"ann{n}", PASSWORD)
        projects.add_member(session, project, user, "annotator")
        texts = [paragraph_text(n, i) for i in range(300)]
        with session.begin():
            document = Document(project_id=project.id, external_id=f"bench-{n}", title=texts[0][:40],
                                language="ar", direction="rtl", content_hash=f"{n:064d}")
            document.paragraphs = [Paragraph(index=i, kind="body", text=t) for i, t in enumerate(texts)]
            session.add(document)
            session.flush()
            aset = user_set(session, document, user)
            aset.assigned, aset.assigned_at = True, utcnow()
            if n == ANNOTATORS:  # the big page: 1,000 spans over 300 paragraphs, both layers
                for k in range(1000):
                    paragraph = document.paragraphs[k % 300]
                    start, end = word_bounds(paragraph.text, k // 300 * 3)
                    label = LABELS[k % 3] if k % 2 else technique_labels[k % len(technique_labels)]
                    session.add(Span(set_id=aset.id, paragraph_id=paragraph.id, layer="argument" if label in LABELS
                                     else "technique", label=label, start=start, end=end,
                                     text=paragraph.text[start:end], scheme_version_id=project.current_scheme_id))
        people.append((f"ann{n}", aset.public_id, texts))
    app.extensions["annotator.engine"].dispose()
    return people[:ANNOTATORS], people[ANNOTATORS]


class Client:
    """One annotator's keep-alive connection, session cookie and CSRF token."""

    def __init__(self, port: int, username: str, set_id: str, texts: list[str], labels: list[str]):
        self.port, self.set_id, self.texts = port, set_id, texts
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""
        self.slots = [(p, w, label) for p in range(300) for w in range(40) for label in labels]
        random.Random(username).shuffle(self.slots)
        page = self.request("GET", "/login")[1]
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        status, _ = self.request("POST", "/login", urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrf_token": token}),
            {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, f"login of {username} answered {status}"
        page = self.request("GET", f"/annotate/{set_id}")[1]
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.cookie:
            headers["Cookie"] = self.cookie
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            # gunicorn closes an idle keep-alive connection after a few seconds: open a new one.
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read().decode("utf-8")
        self.last_headers = response.getheaders()
        for name, value in self.last_headers:
            if name.lower() == "set-cookie":
                self.cookie = value.split(";", 1)[0]
        return response.status, data

    def next_save(self) -> tuple[str, str, str, dict]:
        """The page's request for a span over the next unused word: method, path, body, headers."""
        paragraph, word, label = self.slots.pop()
        text = self.texts[paragraph]
        start, end = word_bounds(text, word)
        body = urllib.parse.urlencode({"paragraph": paragraph, "end_paragraph": paragraph, "start": utf16(text[:start]),
                                       "end": utf16(text[:end]), "text": text[start:end], "label": label})
        return "POST", f"/annotate/{self.set_id}/spans", body, {
            "Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true", "X-CSRFToken": self.token,
            "Cookie": self.cookie}

    def save_span(self) -> float:
        method, path, body, headers = self.next_save()
        began = time.perf_counter()
        status, _ = self.request(method, path, body, headers)
        elapsed = time.perf_counter() - began
        assert status == 201, f"save answered {status}"
        return elapsed


ERRORS: list[str] = []


def guarded(run):
    """A client thread that records its failure instead of dying silently."""
    def wrapper(*args):
        try:
            run(*args)
        except Exception as exc:  # noqa: BLE001 - reported at the end of the phase
            ERRORS.append(f"{type(exc).__name__}: {exc}")
    return wrapper


def check_errors(phase: str) -> None:
    if ERRORS:
        raise SystemExit(f"{phase}: {len(ERRORS)} client(s) failed, first: {ERRORS[0]}")


def paced(clients: list[Client], seconds: float) -> list[float]:
    """Every client saves one span a second (each on its own phase of the second)."""
    latencies: list[float] = []
    lock = threading.Lock()

    def run(client: Client, phase: float) -> None:
        due = time.perf_counter() + phase
        end = time.perf_counter() + seconds
        while due < end:
            time.sleep(max(0.0, due - time.perf_counter()))
            took = client.save_span()
            with lock:
                latencies.append(took)
            due += 1.0

    threads = [threading.Thread(target=guarded(run), args=(c, i / len(clients))) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check_errors("paced")
    return latencies


def saturate(clients: list[Client], total: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [total]

    def run(client: Client) -> None:
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            took = client.save_span()
            with lock:
                latencies.append(took)

    began = time.perf_counter()
    threads = [threading.Thread(target=guarded(run), args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check_errors("saturation")
    return total / (time.perf_counter() - began), latencies


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[int(len(ordered) * 0.95) - 1] * 1000
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {ordered[-1] * 1000:.1f} ms (n={len(ordered)})"


def server_cpu_seconds(root_pid: int) -> float:
    """CPU time (user + system) used so far by the server: gunicorn's master and its workers.

    Reported per save, it does not depend on what else runs on the machine, unlike wall time."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ppid, utime, stime = int(fields[1]), int(fields[11]), int(fields[12])
        if int(entry.name) == root_pid or ppid == root_pid:
            total += (utime + stime) / ticks
    return total


def print_cpu(cpu_per_save: float) -> None:
    print(f"server CPU per save: {cpu_per_save:.1f} ms (so at most {os.cpu_count() * 1000 / cpu_per_save:.0f} "
          f"saves/s on {os.cpu_count()} idle CPUs)")


def saturate_with_wrk(port: int, clients: list[Client], server_pid: int, spans: int) -> None:
    """About ``spans`` saves from 20 connections, as fast as the server answers (wrk_load.py)."""
    import wrk_load

    seconds = max(5, round(spans / 300))  # the target rate: about ``spans`` saves where it is met
    cpu_before = server_cpu_seconds(server_pid)
    result = wrk_load.saturate(port, clients, count=2 * spans, seconds=seconds)
    cpu_per_save = (server_cpu_seconds(server_pid) - cpu_before) / max(1, result["requests"]) * 1000
    if result["refused"] or result["socket_errors"] or result["requests"] > result["prepared"]:
        raise SystemExit(f"wrk: {result['refused']} refused, socket errors {result['socket_errors']!r}, "
                         f"{result['requests']} of {result['prepared']} prepared:\n{result['raw']}")
    latency = ", ".join(f"p{k} {v}" for k, v in result["latency"].items())
    print(f"saturation, wrk with 20 connections for {seconds} s: {result['requests']} saves, "
          f"{result['rate']:.0f} saves/s; {latency}")
    print_cpu(cpu_per_save)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description="Span saves over HTTP against gunicorn.")
    parser.add_argument("--database-url")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1, help="as `annotator serve`")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker, as `annotator serve`")
    parser.add_argument("--spans", type=int, default=10_000, help="spans saved in the saturation phase (about, with wrk)")
    parser.add_argument("--load", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python",
                        help="saturate with wrk (Debian's package; the default when installed) or Python threads")
    parser.add_argument("--seconds", type=float, default=30, help="length of each paced phase")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(tmp, args.database_url)
        if args.database_url and not args.database_url.startswith("sqlite"):
            from sqlalchemy import create_engine, text

            with create_engine(args.database_url).begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        annotator = str(Path(sys.executable).with_name("annotator"))
        subprocess.run([annotator, "init"], env=env, check=True, capture_output=True)
        from annotator.schemas.scheme import parse_scheme_text

        scheme, _ = parse_scheme_text((REPO / "guidelines" / "scheme.yaml").read_text("utf-8"))
        techniques = [label.key for label in scheme.layer("technique").labels]
        people, big = seed(env, techniques)
        port = free_port()
        log = open(Path(tmp) / "server.log", "w")
        server = subprocess.Popen([annotator, "serve", "--port", str(port), "--workers", str(args.workers),
                                   "--threads", str(args.threads)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            clients = [Client(port, name, set_id, texts, LABELS + techniques) for name, set_id, texts in people]
            database = "PostgreSQL" if args.database_url and not args.database_url.startswith("sqlite") else "SQLite"
            print(f"gunicorn, {args.workers} workers x {args.threads} threads, {database}, {os.cpu_count()} CPUs")
            paced(clients, 3)  # warm every worker up
            print(f"paced, 20 annotators x 1 save/s, {args.seconds:.0f} s: {percentiles(paced(clients, args.seconds))}")
            if args.load == "wrk":
                saturate_with_wrk(port, clients, server.pid, args.spans)
            else:
                cpu_before, client_before = server_cpu_seconds(server.pid), time.process_time()
                rate, latencies = saturate(clients, args.spans)
                cpu_per_save = (server_cpu_seconds(server.pid) - cpu_before) / args.spans * 1000
                client_per_save = (time.process_time() - client_before) / args.spans * 1000
                print(f"saturation, 20 Python clients back to back, {args.spans} saves: {rate:.0f} saves/s; "
                      f"{percentiles(latencies)}")
                print_cpu(cpu_per_save)
                # The clients share the machine: what they spend is CPU the server does not get.
                print(f"client CPU per save (this script): {client_per_save:.1f} ms")
            load = os.getloadavg()[0]
            print(f"load average during the run: {load:.1f} (other work on the machine slows every figure above)")
            print(f"paced again, after those saves: {percentiles(paced(clients, args.seconds))}")
            name, big_set, texts = big
            viewer = Client(port, name, big_set, texts, LABELS)
            timings, server_times = [], []
            warm_up = 3 * args.workers  # each worker's first render compiles templates and fills caches
            for _ in range(warm_up + 30):
                began = time.perf_counter()
                status, page = viewer.request("GET", f"/annotate/{big_set}")
                timings.append(time.perf_counter() - began)
                assert status == 200 and page.count('class="m ') >= 1000, "the big page lacks its marks"
                timing = dict(viewer.last_headers).get("Server-Timing", "")
                server_times.append(float(re.search(r"dur=([\d.]+)", timing).group(1)) / 1000)
            print(f"300 paragraphs with 1,000 spans ({len(page) // 1024} KB), the app's time (Server-Timing): "
                  f"{percentiles(server_times[warm_up:])}")
            print(f"  and over HTTP, with the transfer and this client: {percentiles(timings[warm_up:])}")
        except BaseException:
            log.flush()
            print("server log, last lines:\n" + "".join((Path(tmp) / "server.log").read_text().splitlines(True)[-40:]))
            raise
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(10)


if __name__ == "__main__":
    main()
