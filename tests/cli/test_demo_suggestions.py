"""Done when (issue 16): on the demo project `annotator demo` loads (what `make run` does), after
annotating a few more articles, the recommenders train as a job, the lead reads their figures, they
suggest on a new Arabic article, and the accepted suggestion is a normal span whose origin the
export keeps."""
from __future__ import annotations

import json

from sqlalchemy import select

from annotator.demo.loader import DEMO_LOGINS, PROJECT_NAME
from annotator.models import Actor, AnnotationSet, Document, Job, Mention, Project, RecommenderModel, Span, User
from annotator.services.annotation.finishing import finish_set
from annotator.services.annotation.frames import choose_frame
from annotator.services.annotation.spans import create_span
from annotator.services.annotation.stances import set_stance
from annotator.services.interchange.importing import import_files
from annotator.services.team.assignment import assign_automatically

LOADED = "كارثة حقيقية"  # the loaded phrase the new articles share, marked as loaded language each time
ECONOMY = "ارتفعت أسعار الخبز والوقود في باماكو، والبطالة والتضخم يثقلان كاهل الأسر"
SECURITY = "اشتباكات مسلحة على الحدود، والجيش يعزز قواته بعد الهجوم على نيامي"
PASSWORDS = {name: password for name, password, _role in DEMO_LOGINS}


def article(n: int, economy: bool) -> bytes:
    """A short Arabic article naming France twice (the scheme then asks a stance toward it)."""
    topic = ECONOMY if economy else SECURITY
    return (f"مقال رقم {n} عن الساحل\n\n{topic}. إنها {LOADED} في المقال {n}.\n\n"
            f"وتقول فرنسا إنها تتابع الوضع، وباريس تراقب من بعيد.\n").encode()


def annotate(session, aset: AnnotationSet, user: User, economy: bool) -> None:
    paragraphs = {p.index: p.text for p in aset.document.paragraphs}
    start = paragraphs[1].index(LOADED)
    create_span(session, user, aset.public_id, paragraph_index=1, utf16_start=start, utf16_end=start + len(LOADED),
                quoted_text=LOADED, label="loaded_language")
    choose_frame(session, user, aset.public_id, frame="economic" if economy else "security_and_defense", role="primary")
    france = session.scalar(select(Actor).join(Mention, Mention.actor_id == Actor.id)
                            .where(Mention.document_id == aset.document_id, Actor.canonical_name == "France"))
    set_stance(session, user, aset.public_id, actor_id=france.public_id, value="against" if economy else "favor",
               intensity=2)
    finish_set(session, user, aset.public_id, "done")


def test_the_demo_project_learns_suggests_and_exports_the_origin(app, runner, client, auth, session, tmp_path):
    assert runner.invoke(args=["demo"]).exit_code == 0
    demo = session.scalar(select(Project).where(Project.name == PROJECT_NAME))
    users = {u.username: u for u in session.scalars(select(User))}
    import_files(session, demo, [(f"more-{n:02}.txt", article(n, n % 2 == 0)) for n in range(10)])
    assign_automatically(session, demo, per_document=1, seed=1, by=users["leila"])
    for n in range(10):
        document = session.scalar(select(Document).where(Document.project_id == demo.id,
                                                         Document.meta["source_file"].as_string() == f"more-{n:02}.txt"))
        aset = session.scalar(select(AnnotationSet).where(AnnotationSet.document_id == document.id,
                                                          AnnotationSet.assigned))
        annotate(session, aset, session.get(User, aset.user_id), n % 2 == 0)

    # the tenth done document (2 of the demo, 8 new) asked for a training: a job, not the request
    job = session.scalar(select(Job).where(Job.kind == "recommenders", Job.project_id == demo.id))
    assert job is not None and job.state == "done", job and job.error
    stored = session.scalar(select(RecommenderModel).where(RecommenderModel.project_id == demo.id))
    assert stored.trained_on == 10 and set(stored.figures) == {"frames", "techniques", "phrases", "stance"}

    auth.login("leila", PASSWORDS["leila"])
    page = client.get(f"/projects/{demo.public_id}/recommenders").get_data(as_text=True)
    assert 'data-recommender="phrases"' in page and "Held-out documents" in page and "Trained " in page
    settings = client.post(f"/projects/{demo.public_id}/recommenders/settings", headers={"HX-Request": "true"},
                           data={"csrf_token": auth.csrf_token(), "threshold": "0", "enabled": "true"})
    assert settings.status_code == 200  # every trained recommender suggests, whatever the held-out split scored

    import_files(session, demo, [("new-ar.txt", article(99, True))])
    new = session.scalar(select(Document).where(Document.project_id == demo.id,
                                                Document.meta["source_file"].as_string() == "new-ar.txt"))
    assign_automatically(session, demo, per_document=1, seed=1, by=users["leila"])
    aset = session.scalar(select(AnnotationSet).where(AnnotationSet.document_id == new.id, AnnotationSet.assigned))
    owner = session.get(User, aset.user_id).username
    auth.logout()
    auth.login(owner, PASSWORDS[owner])
    panel = client.get(f"/annotate/{aset.public_id}/suggestions", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert LOADED in panel and "phrases" in panel
    key = next(k for k in panel.split('data-key="')[1:] if k.startswith("span:1:technique:loaded_language")).split('"')[0]
    accepted = client.post(f"/annotate/{aset.public_id}/suggestions/accept", headers={"HX-Request": "true"},
                           data={"csrf_token": auth.csrf_token(), "key": key, "position": "0"})
    assert accepted.status_code == 200
    span = session.scalar(select(Span).where(Span.set_id == aset.id))
    assert (span.text, span.label, span.origin) == (LOADED, "loaded_language", "suggested")

    output = tmp_path / "demo.jsonl"
    assert runner.invoke(args=["export", "--project", PROJECT_NAME, "--format", "jsonl",
                               "--output", str(output)]).exit_code == 0
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    new_sets = {r["id"] for r in records if r["type"] == "set" and r["annotator"] == owner
                and r["document"] == next(d["id"] for d in records if d.get("external_id") == new.external_id)}
    exported = [r for r in records if r["type"] == "span" and r["set"] in new_sets]
    assert [(r["text"], r["origin"]) for r in exported] == [(LOADED, "suggested")]
    assert {r["origin"] for r in records if r["type"] == "span" and r["set"] not in new_sets} == {"manual"}
