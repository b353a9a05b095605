"""The three waits a lead feels, against Label Studio 1.23.2 on the same workload (issue #17).

Run by hand: `.venv/bin/python bench/waits_bench.py [--runs N]`. On a temporary SQLite database:

1. import: 1,000 articles of 8 paragraphs, half Arabic (JSONL), into a fresh project whose
   registry has 200 actors of 5 aliases each (so mentions are found too), in process
   (`import_files`) and as the command `annotator import` (start-up included);
2. export: 2,000 annotation sets of 5 spans and a stance each (10,000 spans, 2,000 stances),
   as JSONL and as zipped CSV, in process (`export_project`) and as `annotator export`;
3. start-up: `annotator --help`.

Each figure is the median of --runs runs, as wall time and CPU time (for a command: its process's
user + system time), the steadier figure on a shared machine; the ratio is Label Studio's time over ours (the
issue asks for at least 5). Label Studio's figures were measured on this machine (issue #17).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert, select  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402

from annotator import migrate  # noqa: E402
from annotator.db import make_engine  # noqa: E402
from annotator.models import Actor, ActorAlias, AnnotationSet, Paragraph, Span, Stance, User, new_public_id  # noqa: E402

LABEL_STUDIO = {"import": 0.46, "export jsonl": 2.3, "export csv": 2.9}
ARABIC = ("قالَ الكاتبُ إن السياسة الخارجية للمغرب تتجه نحو إفريقيا، وإن الجزائر تراقب ذلك بقلق شديد "
          "في ظل تحولات الســاحل وتراجع النفوذ الفرنسي في المنطقة منذ سنوات.")
ENGLISH = ("The author argues that the Arctic is becoming a theatre of competition between Russia, "
           "the United States and China, as melting ice opens new shipping routes every summer.")
SCHEME = (REPO / "guidelines" / "scheme.yaml").read_text(encoding="utf-8")


def articles_jsonl(count: int = 1000) -> bytes:
    lines = []
    for i in range(count):
        body = ARABIC if i % 2 == 0 else ENGLISH
        text = "\n\n".join(f"{body} ({i}-{p})" for p in range(7))
        lines.append(json.dumps({"id": f"art-{i}", "title": f"Article {i}", "text": text,
                                 "language": "ar" if i % 2 == 0 else "en"}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def registry_csv(actors: int = 200) -> str:
    """200 actors x 5 aliases, Arabic and English; a few of them occur in the articles."""
    rows = ["canonical_name,kind,aliases"]
    real = [("Morocco", "المغرب|Morocco|المملكة المغربية|الرباط|Rabat"),
            ("Algeria", "الجزائر|Algeria|الجمهورية الجزائرية|Algiers|الجزائريون"),
            ("Russia", "روسيا|Russia|موسكو|Moscow|الكرملين"), ("China", "الصين|China|بكين|Beijing|Chinese state"),
            ("United States", "الولايات المتحدة|United States|واشنطن|Washington|US government")]
    for name, aliases in real:
        rows.append(f"{name},state,{aliases}")
    for k in range(actors - len(real)):
        rows.append(f"Actor {k},organisation,منظمة{k}|Organisation {k}|هيئة{k}|Body {k} Council|اتحاد{k}")
    return "\n".join(rows) + "\n"


def new_project(session, name: str):
    from annotator.services.actors.registry import import_actors_csv
    from annotator.services.team.projects import create_project

    project = create_project(session, name, SCHEME)
    import_actors_csv(session, project, registry_csv())
    return project


def seed_annotations(session, project) -> None:
    """Two annotators x 1,000 documents: 2,000 sets of 5 spans and one stance each."""
    users = [session.scalar(insert(User).values(username=n, display_name=n, password_hash="-", session_token=n)
                            .returning(User.id)) for n in ("amina", "karim")]
    actor = session.scalar(select(Actor.id).where(Actor.project_id == project.id, Actor.canonical_name == "Algeria"))
    version = project.current_scheme_id
    paragraphs = session.execute(select(Paragraph.id, Paragraph.document_id, Paragraph.text)
                                 .where(Paragraph.index == 1)).all()
    for user in users:
        sets = session.scalars(insert(AnnotationSet).returning(AnnotationSet.id, sort_by_parameter_order=True), [
            {"document_id": d, "owner_kind": "user", "owner_key": f"user:{user}", "user_id": user, "status": "done",
             "assigned": True, "public_id": new_public_id()} for _, d, _ in paragraphs]).all()
        spans, stances = [], []
        for set_id, (paragraph_id, _, text) in zip(sets, paragraphs):
            for k, label in enumerate(("major_claim", "claim", "claim", "evidence", "claim")):
                start, end = 10 * k, 10 * k + 9
                spans.append({"set_id": set_id, "paragraph_id": paragraph_id, "layer": "argument", "label": label,
                              "start": start, "end": end, "text": text[start:end], "origin": "manual",
                              "attributes": {"evidence_type": "statistic"} if label == "evidence" else {},
                              "scheme_version_id": version, "public_id": new_public_id()})
            stances.append({"set_id": set_id, "actor_id": actor, "value": "against", "intensity": 2, "holder": "",
                            "scheme_version_id": version, "public_id": new_public_id()})
        session.execute(insert(Span), spans)
        session.execute(insert(Stance), stances)
    session.commit()


def cli(env: dict, *args: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one `annotator` command, start-up included (CPU: user + system)."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    # From the repository: `-m` puts the working directory before PYTHONPATH on the path.
    subprocess.run([sys.executable, "-m", "annotator.cli", *args], env=env, check=True, capture_output=True, cwd=REPO)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(work) -> tuple[float, float]:
    """(wall, CPU) seconds of ``work()``: on a shared machine the CPU time is the steadier figure."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def median_pair(fn, runs: int) -> tuple[float, float]:
    pairs = [fn(i) for i in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    from annotator.services.interchange.export import export_project, jsonl_stream
    from annotator.services.interchange.importing import import_files

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        engine = make_engine(url)
        migrate.upgrade(engine)
        session = sessionmaker(bind=engine, expire_on_commit=False)()
        # The commands run as on an ordinary install, where Python keeps the bytecode it compiles:
        # PYTHONDONTWRITEBYTECODE (set on this machine) would add the compilation of annotator's own
        # modules to every command. The first command writes it (see --help below, run first).
        env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
               "ANNOTATOR_DATABASE_URL": url, "ANNOTATOR_SECRET_KEY": "bench",
               "ANNOTATOR_INSTANCE_PATH": tmp, "PYTHONPATH": str(REPO), "ANNOTATOR_IMPORT_MAX_BYTES": "100000000"}
        file = Path(tmp) / "articles.jsonl"
        file.write_bytes(articles_jsonl())
        payload = [(file.name, file.read_bytes())]
        projects = [new_project(session, f"import-{i}") for i in range(2 * runs + 1)]
        import_files(session, projects[-1], payload, max_bytes=10**9)  # warm: tables, caches; also the export's data

        def import_in_process(i: int) -> tuple[float, float]:
            return timed(lambda: import_files(session, projects[i], payload, max_bytes=10**9))

        cli(env, "--help")  # writes the bytecode (see env)
        figures = {"import": median_pair(import_in_process, runs),
                   "import, CLI": median_pair(lambda i: cli(env, "import", "--project", f"import-{runs + i}",
                                                             str(file)), runs)}
        mentions = session.scalar(select(ActorAlias.id).limit(1)) is not None
        export_project_ = projects[-1]
        seed_annotations(session, export_project_)
        for fmt in ("jsonl", "csv"):
            def in_process(_: int, fmt=fmt) -> tuple[float, float]:
                return timed(lambda: export_project(session, export_project_, fmt, io.BytesIO(), with_agreement=False))

            figures[f"export {fmt}"] = median_pair(in_process, runs)
            # The CLI's CSV computes the agreement sheets the first time; later runs find it cached.
            figures[f"export {fmt}, CLI"] = median_pair(lambda _, fmt=fmt: cli(
                env, "export", "--project", export_project_.name, "--format", fmt,
                "--output", f"{tmp}/out.{fmt}"), runs)

        def first_piece(_: int) -> tuple[float, float]:
            pieces = []
            pair = timed(lambda: pieces.append(next(jsonl_stream(session, export_project_))))
            session.rollback()
            return pair

        figures["download jsonl, first piece"] = median_pair(first_piece, runs)
        figures["annotator --help"] = median_pair(lambda _: cli(env, "--help"), runs)
        session.close()
        engine.dispose()
    print(f"{datetime.now():%Y-%m-%d %H:%M}, median of {runs} runs, registry of 200 actors x 5 aliases: "
          f"{'yes' if mentions else 'no'}; load average {os.getloadavg()[0]:.1f}")
    for name, figure in figures.items():
        wall, cpu = figure if isinstance(figure, tuple) else (figure, None)
        base = LABEL_STUDIO.get(name.split(",")[0])
        ratio = f"  Label Studio {base:.2f} s: {base / wall:.1f}x shorter" if base else ""
        cpu_text = f" (CPU {cpu:.3f} s)" if cpu is not None else ""
        print(f"{name:<30} {wall:7.3f} s{cpu_text}{ratio}")


if __name__ == "__main__":
    main()
