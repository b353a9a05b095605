"""Undo and redo at depth, the history panel, the audit page and a backup, on SQLite (or --database-url).

Run by hand: `.venv/bin/python bench/history_bench.py [--spans 1000] [--database-url URL]`.
One annotator's set holds ``--spans`` spans saved through the span service (so as many events);
then, through the app (Flask's test client, the page's own headers), 200 undos and 200 redos
one after another, the history panel, the document page and the audit's first and a deep page;
times are the app's own (`Server-Timing`, wall), this process's CPU time for the request
(time.process_time around the test client's call: the app's work and the client's, which a
loaded machine does not inflate as it does wall time) and the SQL statements the request ran
(the login check's included); then 100 undos and redos through the service alone (CPU, no
request, no panel). For reference, span saves through the page's own request, as measured the
same way. `--profile FILE` writes a cProfile of the undos and redos;
`--echo-sql` prints the statements of one undo and one redo. Last, `annotator backup` of the
whole database.

Target: an undo or redo answers in a few ms of server time, flat with the depth of the history:
CPU p50 < 10 ms, p95 < 20 ms.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator import migrate  # noqa: E402
from annotator.app import create_app  # noqa: E402
from annotator.db import make_engine  # noqa: E402
from annotator.services.annotation import spans  # noqa: E402
from annotator.models import Event  # noqa: E402
from annotator.services.backup import copies  # noqa: E402
from annotator.services.history import undo as history  # noqa: E402
from annotator.services.history.audit import Cursor  # noqa: E402
from tests.conftest import PASSWORD, AuthActions, app_config, prepare_project  # noqa: E402
from tests.factories import assign, make_document  # noqa: E402

WORD = "الرَّئِيسُ"


def server_ms(response) -> float:
    return float(re.search(r"dur=([\d.]+)", response.headers["Server-Timing"]).group(1))


STATEMENTS: list[str] = []  # every statement the app's engine runs (see count_statements)


def count_statements(engine) -> None:
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: STATEMENTS.append(statement))


def timed(call, status: int = 200) -> tuple[float, float, int]:
    """(the app's wall ms from Server-Timing, this process's CPU ms, statements run) of one request."""
    STATEMENTS.clear()
    before = time.process_time()
    response = call()
    cpu = (time.process_time() - before) * 1000
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:300])
    return server_ms(response), cpu, len(STATEMENTS)


def p50_p95(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[max(0, int(len(values) * 0.95) - 1)]


def cpu_of(call) -> tuple[float, float, int]:
    """As timed, for a service called in this process: CPU ms stand for wall (no Server-Timing)."""
    STATEMENTS.clear()
    before = time.process_time()
    call()
    cpu = (time.process_time() - before) * 1000
    return cpu, cpu, len(STATEMENTS)


def summary(name: str, times: list[tuple[float, float, int]]) -> None:
    wall, cpu = p50_p95([t[0] for t in times]), p50_p95([t[1] for t in times])
    statements = statistics.median(t[2] for t in times)
    print(f"{name:<28} n={len(times):<4} wall p50 {wall[0]:6.1f} ms p95 {wall[1]:6.1f} ms   "
          f"CPU p50 {cpu[0]:6.1f} ms p95 {cpu[1]:6.1f} ms   {statements:g} statements")


def echo_statements(name: str, call) -> None:
    timed(call)
    print(f"--- the {len(STATEMENTS)} statements of one {name}")
    for statement in STATEMENTS:
        print("  " + " ".join(statement.split())[:160])


def save_span(client, headers: dict, set_id: str, paragraph: int):
    """The page's request for a span over a word the seeded spans left free ("رغم")."""
    text = f"{WORD} قال إن الاتفاق سيصمد رغم كل الضغوط {paragraph}"
    at = text.index("رغم")
    return client.post(f"/annotate/{set_id}/spans", headers=headers, data={
        "paragraph": paragraph, "end_paragraph": paragraph, "start": utf16(text[:at]),
        "end": utf16(text[:at + 3]), "text": "رغم", "label": "claim"})


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spans", type=int, default=1000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--profile", help="write a cProfile of the undos and redos to this file")
    parser.add_argument("--echo-sql", action="store_true", help="print the statements of one undo and one redo")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="history-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    engine = make_engine(url)
    if not url.startswith("sqlite"):
        from sqlalchemy import text

        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    app = create_app(app_config(url, folder, PASSWORD_HASH_PARAMS={"time_cost": 1, "memory_cost": 1024,
                                                                    "parallelism": 1}))
    session = app.extensions["annotator.sessionmaker"]()
    seeded = prepare_project(session)
    paragraphs = max(1, args.spans // 4)
    document = make_document(session, seeded.project, [("body", f"{WORD} قال إن الاتفاق سيصمد رغم كل الضغوط {i}")
                                                       for i in range(paragraphs)], language="ar")
    aset = assign(session, document, seeded.ann1)
    words = ["الرَّئِيسُ", "الاتفاق", "سيصمد", "الضغوط"]
    started = time.perf_counter()
    made = 0
    for index in range(paragraphs):
        text = f"{WORD} قال إن الاتفاق سيصمد رغم كل الضغوط {index}"
        for word in words:
            if made == args.spans:
                break
            at = text.index(word)
            spans.create_span(session, seeded.ann1, aset.public_id, paragraph_index=index, utf16_start=at,
                              utf16_end=at + len(word), quoted_text=word, label="claim", snap_words=False)
            made += 1
    print(f"{made} spans saved through the service in {time.perf_counter() - started:.1f} s")

    client = app.test_client()
    auth = AuthActions(client)
    auth.login("ann1")
    headers = {"HX-Request": "true", "X-CSRFToken": auth.csrf_token()}
    count_statements(app.extensions["annotator.engine"])
    if args.echo_sql:
        echo_statements("undo", lambda: client.post(f"/annotate/{aset.public_id}/history/undo", headers=headers))
        echo_statements("redo", lambda: client.post(f"/annotate/{aset.public_id}/history/redo", headers=headers))
    profiler = cProfile.Profile(time.process_time) if args.profile else None  # CPU, as the figures
    if profiler:
        profiler.enable()
    undos = [timed(lambda: client.post(f"/annotate/{aset.public_id}/history/undo", headers=headers))
             for _ in range(200)]
    redos = [timed(lambda: client.post(f"/annotate/{aset.public_id}/history/redo", headers=headers))
             for _ in range(200)]
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    print(load())
    summary("undo", undos)
    summary("redo", redos)
    # The undo and redo alone, without the request and the panel it answers with (services.history).
    own = app.extensions["annotator.sessionmaker"]()
    summary("undo, the service alone", [cpu_of(lambda: history.undo(own, seeded.ann1, aset.public_id))
                                        for _ in range(100)])
    summary("redo, the service alone", [cpu_of(lambda: history.redo(own, seeded.ann1, aset.public_id))
                                        for _ in range(100)])
    own.close()
    summary("span save (for reference)", [timed(lambda: save_span(client, headers, aset.public_id, index), 201)
                                          for index in range(min(paragraphs, 200))])
    summary("history panel", [timed(lambda: client.get(f"/annotate/{aset.public_id}/history", headers=headers))
                              for _ in range(30)])
    summary("document page", [timed(lambda: client.get(f"/annotate/{aset.public_id}")) for _ in range(10)])
    auth.login("lead")
    audit = f"/projects/{seeded.project.public_id}/audit"
    summary("audit, first page", [timed(lambda: client.get(audit)) for _ in range(20)])
    # The page's own link to the rows older than event 100 (a bare id is refused as no page of the audit).
    deep = urlencode({"before": Cursor(session.get(Event, 100).at, "e", 100).encode()})
    summary("audit, page at event 100", [timed(lambda: client.get(f"{audit}?{deep}")) for _ in range(20)])
    started = time.perf_counter()
    done = copies.backup(app.extensions["annotator.engine"], folder / "bench.backup")
    print(f"backup: {done.size / 1e6:.1f} MB ({done.kind}) in {time.perf_counter() - started:.2f} s")
    session.close()


if __name__ == "__main__":
    main()
