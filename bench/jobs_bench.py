"""Jobs: how fast a job starts, how often a big export reports progress, what the queue costs.

Run by hand: `.venv/bin/python bench/jobs_bench.py [--spans N] [--starts K]` (SQLite database and
SQLite queue in a temporary folder; the export bench's project of N spans, 1,000,000 by default).

1. Start: K export requests through the page's own route (HTTP test client, a real queue, no
   worker), each cancelled after it is made so the next is a new job: the app's time per request
   (Server-Timing). Target < 50 ms.
2. Direct: the same export the job runs (`export_project`, xlsx, with the agreement sheets as
   the page asks for them), in a process of its own.
3. Queued: what a lead does on the exports page, through the page's routes (HTTP test client):
   the export is started by its POST, run by an `annotator worker` process, its progress polled
   through the job's own htmx route (GET /jobs/ID, every 250 ms, four times htmx's 1 s so the
   figure is the server's freshness, not the poll's), and the file downloaded from the result
   route. A progress value is what the card shows: the bar (its max and value) and the note
   ("computing agreement: 3 of 12 steps"), so a phase that counts in its note counts. Reported: time from the request to "done", the queue's cost against (2) (target < 5%,
   wall and the worker's CPU), the longest gap between two progress values the route showed
   (target < 1 s), and the longest request of all (target: none over a second).
4. Gaps (`--gaps-only` runs this alone): the export job's own function (`run_export`) in a
   process of its own, its progress written to a recorder with the worker's throttle instead of
   the database: every value the card would show, when (wall and CPU) and from which line. The
   longest gap between two values (target < 1 s) and where it was, without the poll's 250 ms
   grain; the largest CPU gap too, the part a loaded machine does not inflate.

Figures: wall (perf_counter) and CPU (process_time, /proc for the worker) with the load average.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from sqlalchemy import delete, select  # noqa: E402

from annotator.app import create_app  # noqa: E402
from annotator.models import AgreementCache, Job, Project  # noqa: E402

PASSWORD = "bench-lead-2026"


def make_app(url: str, tmp: str, **extra):
    return create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "INSTANCE_PATH": f"{tmp}/instance",
                       "EXPORT_DIR": f"{tmp}/exports", "JOBS_QUEUE_URL": f"sqlite:///{tmp}/queue.sqlite3",
                       "PASSWORD_HASH_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}, **extra})


def add_lead(app) -> Project:
    from annotator.services.team import projects, users

    session = app.extensions["annotator.sessionmaker"]()
    project = session.scalar(select(Project).where(Project.name == "bench"))
    lead = users.create_user(session, "benchlead", PASSWORD)
    projects.add_member(session, project, lead, "lead")
    session.close()
    return project


def signed_in(app):
    client = app.test_client()
    token = lambda: re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)  # noqa: E731
    client.post("/login", data={"username": "benchlead", "password": PASSWORD, "csrf_token": token()})
    return client, {"X-CSRFToken": token(), "HX-Request": "true"}


def app_ms(response) -> float:
    return float(response.headers["Server-Timing"].split("dur=")[1])


def job_id_of(response) -> str:
    return re.search(r'id="job-([0-9a-f-]{36})"', response.get_data(as_text=True)).group(1)


def measure_starts(app, project: Project, starts: int) -> tuple[list[float], list[float]]:
    """The app's wall time per start (Server-Timing) and this process's CPU time per start (the
    app's work plus the test client's, which a loaded machine does not inflate as it does wall)."""
    client, headers = signed_in(app)
    times, cpu = [], []
    for _ in range(starts):
        before = time.process_time()
        response = client.post(f"/projects/{project.public_id}/exports", data={"format": "xlsx"}, headers=headers)
        cpu.append((time.process_time() - before) * 1000)
        assert response.status_code == 202, response.get_data(as_text=True)[:300]
        times.append(app_ms(response))
        client.post(f"/jobs/{job_id_of(response)}/cancel", headers=headers)
    app.extensions["annotator.jobs"].huey.flush()
    return times, cpu


def run_direct(url: str, tmp: str) -> dict:
    from annotator.services.interchange.export import export_project

    app = make_app(url, tmp)
    session = app.extensions["annotator.sessionmaker"]()
    project = session.scalar(select(Project).where(Project.name == "bench"))
    started, cpu = time.perf_counter(), time.process_time()
    with open(f"{tmp}/direct.xlsx", "wb") as target:
        export_project(session, project, "xlsx", target)  # as the page asks it: with the agreement sheets
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def process_cpu(pid: int) -> float:
    """User plus system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


PROGRESS = re.compile(r'data-state="(\w+)".*?<progress max="(\d+)" value="(\d+)"', re.S)
NOTE = re.compile(r'class="job-note">([^<]*)<')


def start_worker(app, url: str, tmp: str) -> subprocess.Popen:
    """An `annotator worker` process on the bench's database and queue, returned once it says it is
    alive and has settled into polling the empty queue: its start-up is no job's cost."""
    from annotator.services.jobs.recovery import workers_alive
    from annotator.services.jobs.settings import settings_of

    env = {**os.environ, "PYTHONPATH": str(REPO), "ANNOTATOR_DATABASE_URL": url, "ANNOTATOR_SECRET_KEY": "bench",
           "ANNOTATOR_INSTANCE_PATH": f"{tmp}/instance", "ANNOTATOR_QUEUE_URL": f"sqlite:///{tmp}/queue.sqlite3",
           "ANNOTATOR_JOB_RESULTS_DIR": f"{tmp}/exports"}
    worker = subprocess.Popen([sys.executable, "-m", "annotator.cli", "worker"], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        session = app.extensions["annotator.sessionmaker"]()
        while not workers_alive(session, settings_of(session)):
            session.rollback()
            time.sleep(0.2)
        session.close()
        time.sleep(1)
    except BaseException:
        worker.terminate()
        raise
    return worker


def run_queued(app, url: str, tmp: str, project: Project) -> dict:
    worker = start_worker(app, url, tmp)
    try:
        client, headers = signed_in(app)
        cpu_before = process_cpu(worker.pid)
        requested = time.perf_counter()
        # The page's form: format xlsx (with the agreement sheets, as in the direct run).
        answer = client.post(f"/projects/{project.public_id}/exports", data={"format": "xlsx"}, headers=headers)
        assert answer.status_code == 202, answer.get_data(as_text=True)[:300]
        job_id = job_id_of(answer)
        requests = [("start", time.perf_counter() - requested, app_ms(answer))]
        seen, running_at = [], None
        while True:
            asked = time.perf_counter()
            poll = client.get(f"/jobs/{job_id}", headers=headers)
            now = time.perf_counter()
            requests.append(("poll", now - asked, app_ms(poll)))
            page = poll.get_data(as_text=True)
            found = PROGRESS.search(page)
            state = found.group(1) if found else re.search(r'data-state="(\w+)"', page).group(1)
            done = int(found.group(3)) if found else 0
            note = NOTE.search(page)
            shown = (found.group(2) if found else None, done, note.group(1) if note else None)
            if state == "running" and running_at is None:
                running_at = now
            if not seen or seen[-1][1] != shown:
                seen.append((now, shown))
            if state not in ("queued", "running"):
                break
            time.sleep(0.25)
        assert state == "done", page[:2000]
        finished = now
        worker_cpu = process_cpu(worker.pid) - cpu_before
        asked = time.perf_counter()
        download = client.get(f"/jobs/{job_id}/result")
        first_byte = time.perf_counter() - asked
        size = len(download.get_data())
        requests.append(("download", first_byte, app_ms(download)))
        gaps = [(b[0] - a[0], a[1][2]) for a, b in zip(seen, seen[1:]) if running_at and a[0] >= running_at]
        longest = max(requests, key=lambda r: r[1])
        return {"seconds": finished - requested, "queue_wait": (running_at or finished) - requested,
                "updates": len(seen), "longest_gap": max(gaps) if gaps else (None, None), "rows": done,
                "gaps_over_1s": sorted((g for g in gaps if g[0] >= 1), reverse=True),
                "cpu": worker_cpu, "requests": len(requests), "longest_request": longest,
                "polls_app_ms": sorted(r[2] for r in requests if r[0] == "poll"),
                "download_bytes": size, "download_read": time.perf_counter() - asked}
    finally:
        worker.terminate()
        worker.wait(30)


class RecordedProgress:
    """A job's progress (services.jobs.running.Progress) that keeps what it would write: the same
    throttle, a value only when the card would show something new, with the line that said it."""

    def __init__(self, interval: float):
        self.interval, self.last, self.shown = interval, 0.0, []

    def __call__(self, done: int, total: int | None = None, note: str | None = None, *, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self.last < self.interval:
            return
        self.last = now
        previous = self.shown[-1][2] if self.shown else (None, None, None)
        value = (previous[0] if total is None else total, done, previous[2] if note is None else note)
        if value != previous:
            self.shown.append((now, time.process_time(), value, caller()))


def caller() -> str:
    """The deepest line of the app's own code below the progress call: where the value came from."""
    import traceback

    frames = [f for f in traceback.extract_stack()[:-3] if "/annotator/" in f.filename]
    return " < ".join(f"{Path(f.filename).stem}:{f.lineno}" for f in frames[-1:-4:-1])


def run_gaps(url: str, tmp: str) -> dict:
    from annotator.jobs.worker import preload
    from annotator.models import new_public_id
    from annotator.services.jobs.export_job import run_export
    from annotator.services.jobs.settings import JobSettings

    app = make_app(url, tmp)
    preload()  # as `annotator worker` does when it starts
    session = app.extensions["annotator.sessionmaker"]()
    project = session.scalar(select(Project).where(Project.name == "bench"))
    job = Job(kind="export", public_id=new_public_id(), project_id=project.id, owner_id=None,
              params={"format": "xlsx", "language": "en", "documents": [], "annotators": [], "agreement": True})
    settings = JobSettings(results_dir=Path(tmp) / "exports")
    session.execute(delete(AgreementCache).where(AgreementCache.project_id == project.id))  # computed, as at first
    session.commit()
    progress = RecordedProgress(settings.progress_seconds)
    started, cpu = time.perf_counter(), time.process_time()
    run_export(session, job, progress, settings)
    shown = [(started, cpu, (None, 0, "start"), "start")] + progress.shown
    gaps = sorted(((b[0] - a[0], b[1] - a[1], a[2][2], a[3], b[3]) for a, b in zip(shown, shown[1:])), reverse=True)
    return {"seconds": time.perf_counter() - started, "values": len(progress.shown), "gaps": gaps[:8],
            "cpu_gap": max(g[1] for g in gaps)}


def print_gaps(url: str, tmp: str) -> None:
    gaps = json.loads(subprocess.run([sys.executable, __file__, "--phase", "gaps", "--database-url", url,
                                      "--tmp", tmp], check=True, capture_output=True, text=True)
                      .stdout.strip().splitlines()[-1])
    wall, cpu, note, _, _ = gaps["gaps"][0]
    print(f"progress, in-process ({gaps['values']} values in {gaps['seconds']:.1f} s): longest gap {wall:.2f} s wall "
          f"({cpu:.2f} s CPU) after '{note}' (target < 1 s): {'ok' if wall < 1 else 'OVER'}; largest CPU gap "
          f"{gaps['cpu_gap']:.2f} s; {load()}")
    for wall, cpu, note, before, after in gaps["gaps"]:
        print(f"  {wall:5.2f} s wall {cpu:5.2f} s CPU after '{note}': from {before} to {after}")


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spans", type=int, default=1_000_000)
    parser.add_argument("--starts", type=int, default=30)
    parser.add_argument("--gaps-only", action="store_true", help="Only the in-process progress gaps (4).")
    parser.add_argument("--database-url", help="Default: a temporary SQLite file, seeded. With --reuse: its "
                                               "project 'bench', as export_bench.py seeded it.")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--phase", choices=("direct", "gaps"), help=argparse.SUPPRESS)
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps((run_direct if args.phase == "direct" else run_gaps)(args.database_url, args.tmp)))
        return
    from export_bench import seed_database

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        if not args.reuse:
            seed_database(url, args.spans)
        if args.gaps_only:
            print_gaps(url, tmp)
            return
        app = make_app(url, tmp)
        project = add_lead(app)

        times, cpu = (sorted(values) for values in measure_starts(app, project, args.starts))
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        cpu95 = cpu[max(0, int(len(cpu) * 0.95) - 1)]
        print(f"job start ({len(times)} starts): app wall p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
              f"max {times[-1]:.1f} ms; CPU p50 {statistics.median(cpu):.1f} ms, p95 {cpu95:.1f} ms (target < 50 ms): "
              f"{'ok' if min(p95, cpu95) < 50 else 'OVER'}; {load()}", flush=True)

        direct = json.loads(subprocess.run([sys.executable, __file__, "--phase", "direct", "--database-url", url,
                                            "--tmp", tmp], check=True, capture_output=True, text=True)
                            .stdout.strip().splitlines()[-1])
        print(f"direct export: {direct['seconds']:.1f} s wall, {direct['cpu']:.1f} s CPU; {load()}", flush=True)
        queued = run_queued(app, url, tmp, project)
        overhead = queued["seconds"] / direct["seconds"] - 1
        cpu_overhead = queued["cpu"] / direct["cpu"] - 1
        # CPU too: on a shared machine the wall clock also measures the neighbours.
        print(f"through the queue: {queued['seconds']:.1f} s from request to done (waited {queued['queue_wait']:.2f} s "
              f"for the worker), worker CPU {queued['cpu']:.1f} s; overhead {overhead * 100:+.1f}% wall, "
              f"{cpu_overhead * 100:+.1f}% CPU (target < 5%): {'ok' if min(overhead, cpu_overhead) < 0.05 else 'OVER'}; {load()}")
        gap, after = queued["longest_gap"]
        print(f"progress: {queued['updates']} values seen, longest gap {gap:.2f} s after '{after}' (target < 1 s): "
              f"{'ok' if gap is not None and gap < 1 else 'OVER'}; gaps of 1 s or more: "
              + (", ".join(f"{g:.1f} s after '{note}'" for g, note in queued["gaps_over_1s"]) or "none"))
        kind, wall, app_time = queued["longest_request"]
        polls = queued["polls_app_ms"]
        print(f"requests: {queued['requests']} (start, polls, download); the longest: {kind}, {wall * 1000:.0f} ms wall, "
              f"{app_time:.1f} ms app (target: none over 1 s): {'ok' if wall < 1 else 'OVER'}; polls p50 "
              f"{statistics.median(polls):.1f} ms, max {polls[-1]:.1f} ms app; the download ({queued['download_bytes']:,} "
              f"bytes) read whole in {queued['download_read']:.2f} s", flush=True)
        print_gaps(url, tmp)


if __name__ == "__main__":
    main()
