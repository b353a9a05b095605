"""How long the agreement service takes to read a project from SQLite (run by hand).

    .venv/bin/python bench/agreement_service_bench.py [--documents 1000] [--bootstrap 1000]

Builds a throw-away SQLite database with DOCUMENTS documents x 3 annotators, each done set with
30 spans and 10 stances (10 actors with an alias mention per document), then times the
fingerprint, the dataset building (annotator.services.agreement_data) and the whole report
through the service. bench/agreement_bench.py measures the engine alone.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from annotator import migrate
from annotator.db import make_engine
from annotator.models import (Actor, AnnotationSet, Document, Membership, Mention, Paragraph, Project, Span, Stance,
                              User)
from annotator.services.agreement import reports as service
from annotator.services.agreement.data import build_dataset
from annotator.services.team.projects import create_project
from sqlalchemy.orm import sessionmaker

SCHEME = (Path(__file__).resolve().parents[1] / "guidelines" / "scheme.yaml").read_text(encoding="utf-8")
PARAGRAPH = "كلمات " * 60  # 360 code points
LABELS = ("major_claim", "claim", "evidence")


def seed(session, documents: int) -> Project:
    project = create_project(session, "Bench", SCHEME)
    scheme_id = project.current_scheme_id
    users = [User(username=f"a{i}", display_name=f"a{i}", password_hash="x", session_token="t") for i in range(3)]
    session.add_all(users)
    session.flush()
    session.add_all(Membership(project_id=project.id, user_id=u.id, role="annotator") for u in users)
    actors = [Actor(project_id=project.id, canonical_name=f"actor {i}") for i in range(10)]
    session.add_all(actors)
    session.commit()
    rng = random.Random(0)
    for d in range(documents):
        document = Document(project_id=project.id, external_id=f"b-{d:05d}", title="t", content_hash=str(d))
        session.add(document)
        session.flush()
        session.execute(insert(Paragraph), [{"document_id": document.id, "index": p, "kind": "body", "text": PARAGRAPH}
                                            for p in range(6)])
        paragraph_ids = session.scalars(select(Paragraph.id).where(Paragraph.document_id == document.id)
                                        .order_by(Paragraph.index)).all()
        session.execute(insert(Mention), [{"document_id": document.id, "paragraph_id": paragraph_ids[0],
                                           "actor_id": a.id, "start": 0, "end": 5, "text": "x", "public_id": f"m{d}-{a.id}"}
                                          for a in actors])
        for user in users:
            aset = AnnotationSet(document_id=document.id, owner_kind="user", user_id=user.id,
                                 owner_key=f"user:{user.id}", status="done", assigned=True)
            session.add(aset)
            session.flush()
            spans = []
            for s in range(30):
                start = rng.randrange(0, 300)
                spans.append({"set_id": aset.id, "paragraph_id": paragraph_ids[s % 6], "layer": "argument",
                              "label": LABELS[s % 3], "start": start, "end": start + rng.randrange(5, 60), "text": "x",
                              "attributes": {}, "scheme_version_id": scheme_id, "public_id": f"s{aset.id}-{s}"})
            session.execute(insert(Span), spans)
            session.execute(insert(Stance), [{"set_id": aset.id, "actor_id": a.id, "value": rng.choice(
                ("favor", "against", "neutral")), "intensity": rng.randint(1, 3), "holder": "",
                "scheme_version_id": scheme_id, "public_id": f"t{aset.id}-{a.id}"} for a in actors])
        if d % 200 == 199:
            session.commit()
    session.commit()
    return project


def timed(name: str, action):
    started = time.perf_counter()
    result = action()
    print(f"{name:<40} {time.perf_counter() - started:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite3")
        migrate.upgrade(engine)
        session = sessionmaker(bind=engine, expire_on_commit=False)()
        project = timed(f"seed {args.documents} documents x 3 annotators", lambda: seed(session, args.documents))
        timed("fingerprint", lambda: service.fingerprint(session, project))
        dataset, _ = timed("build dataset (all queries)", lambda: build_dataset(session, project))
        print(f"  {len(dataset.spans)} spans, {len(dataset.stances)} stances, "
              f"{sum(len(a) for a in dataset.stance_units.values())} stance units")
        project.settings = {**project.settings, "agreement": {"bootstrap": args.bootstrap}}
        session.commit()
        timed(f"full report through the service (bootstrap {args.bootstrap})",
              lambda: service.refresh(session, project))
        session.close()
        engine.dispose()


if __name__ == "__main__":
    main()
