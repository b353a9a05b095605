"""Export a project of 1,000,000 spans as XLSX, against openpyxl writing the same cells bare.

Run by hand: `.venv/bin/python bench/export_bench.py [--spans N] [--database-url URL [--reuse]]`.

1. Seeds a temporary SQLite database (or the URL given, which it wipes) with a project of
   N spans (200 per document, three sets per document), plus links, stances and frames.
2. "ours": the real export, `export_project(..., "xlsx")`, from the database to the file
   (queries, formatting, guard, truncation, styles), agreement left out.
3. "bare": the same tables' rows are first read into memory (untimed), then timed: openpyxl's
   write-only mode appending them, one sheet per table, no styles, nothing else.

Each measurement runs in a process of its own, so its peak resident memory is its own.
Targets: ours <= 1.5 x bare, and ours under 300 MB at its peak.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert, select, text  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from annotator import migrate  # noqa: E402
from annotator.db import make_engine  # noqa: E402
from annotator.models import (  # noqa: E402
    Actor, AnnotationSet, Document, FrameChoice, Link, Paragraph, Project, Span, Stance, User, new_public_id,
)

SPANS_PER_DOCUMENT = 200
ARABIC = ("قالَ الكاتبُ إن السياسة الخارجية للمغرب تتجه نحو إفريقيا، وإن الجزائر تراقب ذلك بقلق شديد "
          "في ظل تحولات الساحل وتراجع النفوذ الفرنسي في المنطقة منذ سنوات، وهذا ما تؤكده الأرقام.")
ENGLISH = ("The author argues that the Arctic is becoming a theatre of competition between Russia, "
           "the United States and China, as melting ice opens new shipping routes every summer.")
LABELS = [("argument", "claim"), ("argument", "evidence"), ("argument", "major_claim"),
          ("technique", "loaded_language"), ("technique", "doubt"), ("technique", "flag_waving")]
EPOCH = datetime(2024, 3, 1, 12, 0)


def seed(session: Session, project: Project, spans: int) -> None:
    users = [session.scalar(insert(User).values(username=name, display_name=name, password_hash="-",
                                                session_token=name).returning(User.id)) for name in ("ann1", "ann2")]
    version = project.current_scheme_id
    actor = session.scalar(insert(Actor).values(project_id=project.id, canonical_name="الجزائر",
                                                public_id=new_public_id()).returning(Actor.id))
    documents = max(1, spans // SPANS_PER_DOCUMENT)
    made = 0
    for d in range(documents):
        body = ARABIC if d % 3 else ENGLISH
        texts = [f"Article {d}"] + [f"{body} ({d}-{p})" for p in range(1, 6)]
        doc_id = session.scalar(insert(Document).values(
            project_id=project.id, external_id=f"doc-{d:06d}", title=texts[0], content_hash=f"{d:064x}",
            language="ar" if d % 3 else "en", direction="rtl" if d % 3 else "ltr", public_id=new_public_id(),
            meta={}).returning(Document.id))
        paragraph_ids = session.scalars(insert(Paragraph).returning(Paragraph.id, sort_by_parameter_order=True), [
            {"document_id": doc_id, "index": i, "kind": "title" if i == 0 else "body", "text": t}
            for i, t in enumerate(texts)]).all()
        owners = [("user", f"user:{users[0]}", users[0]), ("user", f"user:{users[1]}", users[1]),
                  ("gold", "gold", None)]
        set_ids = session.scalars(insert(AnnotationSet).returning(AnnotationSet.id, sort_by_parameter_order=True), [
            {"document_id": doc_id, "owner_kind": kind, "owner_key": key, "user_id": user, "status": "done",
             "assigned": kind == "user", "public_id": new_public_id(), "updated_at": EPOCH}
            for kind, key, user in owners]).all()
        rows = []
        for k in range(min(SPANS_PER_DOCUMENT, spans - made)):
            paragraph = 1 + k % 5
            # 20 to 130 characters: claims are sentences, so many spans wrap in the Text column.
            start = (k * 7) % 40
            end = start + 20 + (k * 13) % 110
            layer, label = LABELS[k % len(LABELS)]
            rows.append({"set_id": set_ids[k % 3], "paragraph_id": paragraph_ids[paragraph], "layer": layer,
                         "label": label, "start": start, "end": end, "text": texts[paragraph][start:end],
                         "attributes": {"evidence_type": "statistic"} if label == "evidence" else {},
                         "origin": "manual", "scheme_version_id": version, "public_id": new_public_id(),
                         "created_at": EPOCH + timedelta(seconds=k), "updated_at": EPOCH + timedelta(seconds=k)})
        span_ids = session.scalars(insert(Span).returning(Span.id, sort_by_parameter_order=True), rows).all()
        made += len(rows)
        links = [{"set_id": rows[i]["set_id"], "source_span_id": span_ids[i], "target_span_id": span_ids[i + 3],
                  "link_type": "supports", "scheme_version_id": version, "public_id": new_public_id()}
                 for i in range(0, len(rows) - 3, 12)]
        if links:
            session.execute(insert(Link), links)
        session.execute(insert(Stance), [{"set_id": s, "actor_id": actor, "value": "against", "intensity": 2,
                                          "holder": "", "scheme_version_id": version, "public_id": new_public_id()}
                                         for s in set_ids])
        session.execute(insert(FrameChoice), [{"set_id": s, "frame": "economic", "is_primary": True,
                                               "scheme_version_id": version, "public_id": new_public_id()}
                                              for s in set_ids])
        if d % 200 == 0:
            session.commit()
    session.commit()


def open_project(url: str) -> tuple[Session, Project]:
    session = sessionmaker(bind=make_engine(url), expire_on_commit=False)()
    return session, session.scalar(select(Project).where(Project.name == "bench"))


def run_ours(url: str, output: str) -> dict:
    from annotator.services.interchange.export import export_project

    session, project = open_project(url)
    started, cpu = time.perf_counter(), time.process_time()
    with open(output, "wb") as target:
        result = export_project(session, project, "xlsx", target, with_agreement=False)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "rows": result.counts}


def run_bare(url: str, output: str) -> dict:
    from openpyxl import Workbook

    from annotator.export.dataset import ExportDataset
    from annotator.export.workbook import WorkbookOptions, workbook_tables
    from annotator.services.team.projects import scheme_of

    session, project = open_project(url)
    dataset = ExportDataset(session, project)
    tables = [(t.name, t.headers, list(t.rows)) for t in workbook_tables(
        dataset, scheme_of(dataset.scheme_version), WorkbookOptions(exported_at=datetime.now()))]
    started, cpu = time.perf_counter(), time.process_time()
    workbook = Workbook(write_only=True)
    for name, headers, rows in tables:
        sheet = workbook.create_sheet(name)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    workbook.save(output)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "rows": {name: len(rows) for name, _, rows in tables}}


def seed_database(url: str, spans: int) -> None:
    engine = make_engine(url)
    if not url.startswith("sqlite"):
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    from annotator.services.team.projects import create_project

    session = sessionmaker(bind=engine, expire_on_commit=False)()
    scheme = (REPO / "guidelines" / "scheme.yaml").read_text(encoding="utf-8")
    started = time.perf_counter()
    seed(session, create_project(session, "bench", scheme), spans)
    session.close()
    engine.dispose()
    print(f"seeded {spans:,} spans in {time.perf_counter() - started:.0f} s", flush=True)


def measure(phase: str, url: str, output: str) -> dict:
    completed = subprocess.run([sys.executable, __file__, "--phase", phase, "--database-url", url,
                                "--output", output], check=True, capture_output=True, text=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spans", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="Default: a temporary SQLite file. Wiped and seeded unless --reuse.")
    parser.add_argument("--reuse", action="store_true", help="Measure the project 'bench' already in --database-url.")
    parser.add_argument("--phase", choices=("ours", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        result = (run_ours if args.phase == "ours" else run_bare)(args.database_url, args.output)
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        if args.reuse:
            print(f"reusing the project 'bench' of {url}", flush=True)
        else:
            seed_database(url, args.spans)

        ours = measure("ours", url, f"{tmp}/ours.xlsx")
        print(f"ours: {ours['seconds']:.1f} s wall, {ours['cpu']:.1f} s CPU, peak {ours['peak_mb']:.0f} MB, "
              f"rows {ours['rows']}", flush=True)
        bare = measure("bare", url, f"{tmp}/bare.xlsx")
        print(f"bare openpyxl: {bare['seconds']:.1f} s wall, {bare['cpu']:.1f} s CPU "
              f"(peak {bare['peak_mb']:.0f} MB with the rows held in memory)")
        # CPU time too: on a shared machine the wall clock also measures the neighbours.
        wall, cpu = ours["seconds"] / bare["seconds"], ours["cpu"] / bare["cpu"]
        print(f"ratio {wall:.2f} wall, {cpu:.2f} CPU (target <= 1.5): {'ok' if max(wall, cpu) <= 1.5 else 'OVER'}; "
              f"peak {ours['peak_mb']:.0f} MB (target < 300): {'ok' if ours['peak_mb'] < 300 else 'OVER'}")


if __name__ == "__main__":
    main()
