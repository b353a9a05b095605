"""Import 1,000 articles of eight paragraphs (half Arabic) through the import service.

Run by hand: `.venv/bin/python bench/import_bench.py [--database-url URL]`. It builds a JSONL
file in memory, parses it once (cold: this also builds the process's one-off character tables),
then imports it into a fresh project on a temporary SQLite database (or the URL given, which it
wipes) and prints the time of the import call: parsing again, storing, and finding mentions.
Target: under 1 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator import migrate  # noqa: E402
from annotator.db import make_engine  # noqa: E402
from annotator.services.interchange.importing import import_files, parse_all  # noqa: E402
from annotator.services.team.projects import create_project  # noqa: E402

ARABIC = ("قالَ الكاتبُ إن السياسة الخارجية للمغرب تتجه نحو إفريقيا، وإن الجزائر تراقب ذلك بقلق شديد "
          "في ظل تحولات الســاحل وتراجع النفوذ الفرنسي في المنطقة منذ سنوات.")
ENGLISH = ("The author argues that the Arctic is becoming a theatre of competition between Russia, "
           "the United States and China, as melting ice opens new shipping routes every summer.")


def build_jsonl(count: int) -> bytes:
    lines = []
    for i in range(count):
        body = ARABIC if i % 2 == 0 else ENGLISH
        text = "\n\n".join(f"{body} ({i}-{p})" for p in range(7))
        lines.append(json.dumps({"id": f"bench-{i}", "title": f"Article {i}", "text": text,
                                 "language": "ar" if i % 2 == 0 else "en"}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        engine = make_engine(url)
        if not url.startswith("sqlite"):
            from sqlalchemy import text

            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        migrate.upgrade(engine)
        from sqlalchemy.orm import sessionmaker

        session = sessionmaker(bind=engine, expire_on_commit=False)()
        scheme = (Path(__file__).resolve().parents[1] / "guidelines" / "scheme.yaml").read_text(encoding="utf-8")
        project = create_project(session, "bench", scheme)
        payload = [("bench.jsonl", build_jsonl(args.articles))]

        started = time.perf_counter()
        parse_all(payload, encoding=None, max_bytes=10**9)
        parse_seconds = time.perf_counter() - started

        started = time.perf_counter()
        summary = import_files(session, project, payload, max_bytes=10**9)
        seconds = time.perf_counter() - started
        print(f"imported {summary.documents} articles, {summary.paragraphs} paragraphs "
              f"in {seconds:.3f} s (a first, cold parse took {parse_seconds:.3f} s) on {engine.url.get_backend_name()}")
        session.close()
        engine.dispose()


if __name__ == "__main__":
    main()
