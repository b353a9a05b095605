"""The recommenders' speed targets through the real paths (run by bench_recommenders.py --paths).

1. The project: ``count`` done sets of 30 paragraphs (bench_recommenders.done_set), written by
   our own JSONL import (import_interchange) with the actor's mentions, plus two open documents
   of 30 paragraphs assigned to the annotator.
2. Training as a job: the lead's POST on the recommenders page queues it, an `annotator worker`
   process runs it. Reported: wall from the request to "done", the worker's CPU (/proc).
   Target < 60 s.
3. Suggestions: the panel's GET /annotate/<set>/suggestions (htmx): the first request after the
   training (models unpickled), a new document's first (the suggestions computed), then the same
   again (what the panel costs after each decision): the app's Server-Timing and this process's
   CPU per request. Target < 50 ms.
"""
from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from jobs_bench import PASSWORD, app_ms, make_app, process_cpu, signed_in, start_worker

REPO = Path(__file__).resolve().parents[1]
ACTOR = "الحكومة"
MENTIONED = (0, 5, 9)  # the paragraphs where the bench's done sets say the actor is mentioned


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def _records(count: int, done_set) -> list[bytes]:
    """Our interchange file: the actor, ``count`` done documents of benchann's and two open ones."""
    out = [{"type": "header", "format": "annotator-interchange", "version": 1},
           {"type": "actor", "id": "a1", "name": ACTOR}]
    for n in range(count + 2):
        done = done_set(n)
        paragraphs = [{"index": 0, "kind": "title", "text": f"مقال {n}"}]
        paragraphs += [{"index": i + 1, "kind": "body", "text": t} for i, t in enumerate(done.paragraphs)]
        out.append({"type": "document", "id": f"d{n}", "external_id": f"bench-{n:05}", "title": f"مقال {n}",
                    "language": "ar", "direction": "rtl", "paragraphs": paragraphs})
        out.append({"type": "set", "id": f"s{n}", "document": f"d{n}", "annotator": "benchann",
                    "status": "done" if n < count else "not_started"})
        if n >= count:
            continue
        for k, span in enumerate(done.spans):
            out.append({"type": "span", "id": f"sp{n}-{k}", "set": f"s{n}", "paragraph": span.paragraph + 1,
                        "start": span.start, "end": span.end, "layer": span.layer, "label": span.label,
                        "text": span.text})
        out.append({"type": "frame", "id": f"f{n}", "set": f"s{n}", "frame": done.frames[0], "primary": True})
        out.append({"type": "stance", "id": f"st{n}", "set": f"s{n}", "actor": "a1",
                    "value": done.stances["gov"]})
    return [json.dumps(r, ensure_ascii=False).encode() for r in out]


def build_project(app, count: int, done_set):
    from annotator.models import Actor, Document, Mention, Paragraph, Project, new_public_id
    from annotator.services.interchange.annotations_import import import_interchange
    from annotator.services.recommenders.settings import set_suggestion_settings
    from annotator.services.team import projects, users

    session = app.extensions["annotator.sessionmaker"]()
    scheme = (REPO / "guidelines" / "scheme.yaml").read_text(encoding="utf-8")
    project = projects.create_project(session, "bench", scheme, time_zone="Africa/Casablanca")
    for name, role in (("benchlead", "lead"), ("benchann", "annotator")):
        projects.add_member(session, project, users.create_user(session, name, PASSWORD), role)
    started, cpu = time.perf_counter(), time.process_time()
    import_interchange(session, project, _records(count, done_set))
    actor = session.scalar(select(Actor).where(Actor.project_id == project.id))
    rows = []
    for document_id, paragraph_id, text in session.execute(
            select(Document.id, Paragraph.id, Paragraph.text).join(Paragraph, Paragraph.document_id == Document.id)
            .where(Document.project_id == project.id, Paragraph.index.in_([i + 1 for i in MENTIONED]))):
        at = text.index(ACTOR)
        rows.append({"public_id": new_public_id(), "document_id": document_id, "paragraph_id": paragraph_id,
                     "actor_id": actor.id, "start": at, "end": at + len(ACTOR), "text": ACTOR, "source": "alias"})
    session.execute(insert(Mention), rows)
    session.commit()
    set_suggestion_settings(session, project, threshold=0.0)  # every recommender suggests: the whole cost
    print(f"project: {count:,} done sets of 30 paragraphs imported in {time.perf_counter() - started:.0f} s wall, "
          f"{time.process_time() - cpu:.0f} s CPU ({load()})")
    project = session.scalar(select(Project).where(Project.id == project.id))
    session.close()
    return project


def train_as_a_job(app, url: str, tmp: str, project) -> None:
    from annotator.models import Job

    worker = start_worker(app, url, tmp)
    try:
        session = app.extensions["annotator.sessionmaker"]()
        client, headers = signed_in(app)
        cpu_before, requested = process_cpu(worker.pid), time.perf_counter()
        answer = client.post(f"/projects/{project.public_id}/recommenders/train", headers=headers)
        assert answer.status_code == 202, answer.get_data(as_text=True)[:300]
        while True:
            session.rollback()
            job = session.scalar(select(Job).where(Job.kind == "recommenders").order_by(Job.id.desc()))
            if job.state not in ("queued", "running"):
                break
            time.sleep(0.5)
        wall, cpu = time.perf_counter() - requested, process_cpu(worker.pid) - cpu_before
        assert job.state == "done", job.error
        print(f"training as a job on {job.result['trained_on']:,} done documents: {wall:.1f} s wall from the request, "
              f"worker CPU {cpu:.1f} s ({load()}); target < 60 s")
        session.close()
    finally:
        worker.terminate()
        worker.wait(30)


def suggestions_through_the_app(app, project, runs: int = 30) -> None:
    """Two open documents: the first request of the first unpickles the models; the first of the
    second is a document's suggestions computed (cold); its repeats are what the panel costs after
    each accept or reject (the models' answer kept per document)."""
    from annotator.models import AnnotationSet, Document

    session = app.extensions["annotator.sessionmaker"]()
    set_ids = session.scalars(select(AnnotationSet.public_id).join(Document, Document.id == AnnotationSet.document_id)
                              .where(Document.project_id == project.id, AnnotationSet.status == "not_started")
                              .order_by(Document.id)).all()
    session.close()
    client = app.test_client()
    token = lambda: re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)  # noqa: E731
    client.post("/login", data={"username": "benchann", "password": PASSWORD, "csrf_token": token()})

    def ask(set_id: str) -> tuple[float, float, int]:
        cpu = time.process_time()
        answer = client.get(f"/annotate/{set_id}/suggestions", headers={"HX-Request": "true"})
        assert answer.status_code == 200
        return app_ms(answer), 1000 * (time.process_time() - cpu), answer.get_data(as_text=True).count("data-key=")

    loading, cold = ask(set_ids[0]), ask(set_ids[1])
    warm = [ask(set_ids[1]) for _ in range(runs)]
    print(f"suggestions panel, 30 paragraphs, {cold[2]} suggestions: the first request after the training "
          f"{loading[0]:.1f} ms server ({loading[1]:.1f} ms CPU, the models unpickled); a new document "
          f"{cold[0]:.1f} ms server ({cold[1]:.1f} ms CPU); again, over {runs} requests: Server-Timing p50 "
          f"{statistics.median(w[0] for w in warm):.1f} ms, max {max(w[0] for w in warm):.1f} ms; CPU p50 "
          f"{statistics.median(w[1] for w in warm):.1f} ms, max {max(w[1] for w in warm):.1f} ms ({load()}); "
          f"target < 50 ms")


def run_paths(count: int, done_set) -> None:
    from annotator import migrate
    from annotator.db import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        app = make_app(url, tmp)
        project = build_project(app, count, done_set)
        train_as_a_job(app, url, tmp, project)
        suggestions_through_the_app(app, project)
