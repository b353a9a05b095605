"""Recommenders: CPU time of suggesting on a 30-paragraph Arabic document, and of training on
2,000 done sets (the domain core, as the job runs it, held-out suggestions for model agreement
included), and of one document's uncertainty (active ordering). CPU time (time.process_time), with the load
average beside it: the machine is shared.

    PYTHONPATH=. python bench/bench_recommenders.py [sets]
    PYTHONPATH=. python bench/bench_recommenders.py --paths [sets]

``--paths``: the same through the real paths (bench/recommenders_paths.py): the done sets
imported into a SQLite project, training asked for on the recommenders page and run as a job by
an ``annotator worker`` process (its CPU from /proc), then the suggestions panel's request for a
30-paragraph document through the app (HTTP test client): Server-Timing and this process's CPU
per request (the app's work plus the test client's).
"""
from __future__ import annotations

import os
import sys
import time

from annotator.domain.recommenders import DoneSet, SpanMark, train

WORDS = ("ارتفعت أسعار الخبز والوقود البطالة التضخم الأسر الميزانية العجز الديون اشتباكات الحدود الجيش "
         "الهجوم تفجير العاصمة الحكومة البرلمان الانتخابات الإصلاح").split()
LOADED = "كارثة حقيقية"


def _paragraph(n: int, p: int) -> str:
    return " ".join(WORDS[(n * 7 + p * 3 + k) % len(WORDS)] for k in range(40)) + f" {LOADED} {n}"


DOUBT = "الإصلاح"  # every paragraph has it; marked as doubt in one paragraph in four


def done_set(n: int) -> DoneSet:
    """Every recommender has something to learn and to suggest: the loaded phrase is marked in two
    paragraphs of three (a share the phrase gazetteer keeps, so the new document gets its span
    suggestions), doubt in one of four (a second technique: the per-paragraph model trains)."""
    paragraphs = tuple(_paragraph(n, p) for p in range(30))
    spans = tuple(SpanMark(p, "technique", "loaded_language", text.index(LOADED), text.index(LOADED) + len(LOADED), LOADED)
                  for p, text in enumerate(paragraphs) if p % 3 != 2)
    spans += tuple(SpanMark(p, "technique", "doubt", text.index(DOUBT), text.index(DOUBT) + len(DOUBT), DOUBT)
                   for p, text in enumerate(paragraphs) if (n + p) % 4 == 0)
    return DoneSet(f"d{n:05}", paragraphs, spans, ("economic",) if n % 2 else ("security_and_defense",),
                   {"gov": "against" if n % 3 else "favor"}, {"gov": (0, 5, 9)})


def main() -> None:
    if "--paths" in sys.argv:
        from recommenders_paths import run_paths

        sys.argv.remove("--paths")
        return run_paths(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, done_set)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    sets = [done_set(n) for n in range(count)]
    began = time.process_time()
    trained = train(sets)
    print(f"training on {count} done sets: {time.process_time() - began:.1f} s CPU, load {os.getloadavg()[0]:.2f}")
    document = done_set(count + 1).paragraphs
    trained.suggest(document, {"gov": (0, 5)})  # warm
    runs = 20
    began = time.process_time()
    for _ in range(runs):
        trained.suggest(document, {"gov": (0, 5)})
    per = (time.process_time() - began) / runs * 1000
    print(f"suggestions for 30 paragraphs: {per:.1f} ms CPU, load {os.getloadavg()[0]:.2f}")
    began = time.process_time()
    for _ in range(runs):  # what the training job spends per open document for active ordering
        trained.uncertainty(document, {"gov": (0, 5)})
    per = (time.process_time() - began) / runs * 1000
    print(f"uncertainty of a 30-paragraph document: {per:.1f} ms CPU, load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
