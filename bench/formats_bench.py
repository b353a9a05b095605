"""Export and import 1,000 articles with 20 spans and 10 links each, in every format of other tools.

Run by hand: `.venv/bin/python bench/formats_bench.py [--database-url URL] [--articles N]`. It loads
the articles and their annotations (one annotator's set per article: 10 evidence spans, each
supporting one of 10 claims) through the JSONL interchange, then for each format times the export
of the whole project and the import of that export into a fresh project (reading, checking,
anchoring and writing, all or nothing). Target: under 3 s each way on a 2-core machine.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.orm import sessionmaker  # noqa: E402

from annotator import migrate  # noqa: E402
from annotator.db import make_engine  # noqa: E402
from annotator.domain.language import document_language  # noqa: E402
from annotator.export.formats import FORMATS  # noqa: E402
from annotator.services.interchange.annotations_import import import_interchange  # noqa: E402
from annotator.services.interchange.export import export_project  # noqa: E402
from annotator.services.interchange.formats import import_format  # noqa: E402
from annotator.services.team.projects import create_project  # noqa: E402
from annotator.services.team.users import create_user  # noqa: E402

ARABIC = "ارتفعت أسعارُ الغذاء بنسبة 40% في السنة الأولى وهذا دليلٌ على فشل العقوبات 🌍 كما قال الوزير"
ENGLISH = "Food prices rose by forty percent in the first year and this shows the sanctions failed as the minister said"


def interchange(count: int) -> list[bytes]:
    records = [{"type": "header", "format": "annotator-interchange", "version": 1}]
    for i in range(count):
        body = ARABIC if i % 2 == 0 else ENGLISH
        paragraphs = [{"index": 0, "kind": "title", "text": f"Article {i}"}] + [
            {"index": p, "kind": "body", "text": f"{body} {i}-{p}"} for p in range(1, 8)]
        records.append({"type": "document", "id": f"d{i}", "external_id": f"bench-{i}", "title": f"Article {i}",
                        "paragraphs": paragraphs, "language": "ar" if i % 2 == 0 else "en",
                        "direction": "rtl" if i % 2 == 0 else "ltr"})
        records.append({"type": "set", "id": f"s{i}", "document": f"d{i}", "annotator": "ann1", "status": "done"})
        words = body.split(" ")
        for k in range(10):
            paragraph = 1 + k % 7
            text = paragraphs[paragraph]["text"]
            for role, (first, last) in (("e", (0, 3)), ("c", (8, 11))):
                start = len(" ".join(words[:first + k // 7])) + (1 if first + k // 7 else 0)
                quote = " ".join(words[first + k // 7:last + k // 7])
                records.append({"type": "span", "id": f"{role}{i}.{k}", "set": f"s{i}", "paragraph": paragraph,
                                "start": start, "end": start + len(quote), "layer": "argument",
                                "label": "evidence" if role == "e" else "claim", "text": text[start:start + len(quote)]})
            records.append({"type": "link", "id": f"l{i}.{k}", "set": f"s{i}", "source": f"e{i}.{k}",
                            "target": f"c{i}.{k}", "link_type": "supports"})
    return [json.dumps(r, ensure_ascii=False).encode() for r in records]


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
        session = sessionmaker(bind=engine, expire_on_commit=False)()
        scheme = (Path(__file__).resolve().parents[1] / "guidelines" / "scheme.yaml").read_text(encoding="utf-8")
        create_user(session, "ann1", "bench-password-1")
        source = create_project(session, "bench", scheme)
        document_language(["قال الكاتب"])  # the process's one-off character tables, built before timing
        summary = import_interchange(session, source, interchange(args.articles))
        print(f"loaded {summary.created}")
        # Wall time, and this process's CPU time: on a shared machine the second says what the code costs.
        print(f"{'format':<12} {'export s':>9} {'(cpu)':>6} {'import s':>9} {'(cpu)':>6} {'size MB':>8}")
        for number, fmt in enumerate(FORMATS):
            out = io.BytesIO()
            started, cpu = time.perf_counter(), time.process_time()
            export_project(session, source, fmt, out)
            exported, exported_cpu = time.perf_counter() - started, time.process_time() - cpu
            target = create_project(session, f"bench-{fmt}", scheme)
            started, cpu = time.perf_counter(), time.process_time()
            result = import_format(session, target, fmt, [(f"bench.{FORMATS[fmt][1]}", out.getvalue())])
            imported, imported_cpu = time.perf_counter() - started, time.process_time() - cpu
            assert result.created["spans"] == args.articles * 20 and result.created["links"] == args.articles * 10
            print(f"{fmt:<12} {exported:>9.2f} {exported_cpu:>6.2f} {imported:>9.2f} {imported_cpu:>6.2f} "
                  f"{len(out.getvalue()) / 1e6:>8.1f}")


if __name__ == "__main__":
    main()
