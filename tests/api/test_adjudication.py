"""Adjudication and gold through the API: the queue, a document's proposal, decisions with the
page's fingerprint checks (409 with the unit as it is now), automatic adjudication as a job, the
gold sets; annotators' tokens get 404 for all of it, and nothing changes."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator.models import AnnotationSet, Job, Span
from annotator.services.team.tokens import create_token
from tests.factories import set_status
from tests.gold_factories import gold_scenario


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


@pytest.fixture
def judge(session, scenario):
    return create_token(session, scenario.adjudicator, "judge", scope="read-write").secret


def _gold_spans(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count(Span.id)).join(AnnotationSet).where(AnnotationSet.owner_kind == "gold"))


def _units(proposal: dict) -> list[dict]:
    return [u for p in proposal["paragraphs"] for u in p["units"]] + proposal["links"] + proposal["stances"] + \
        proposal["frames"]


def test_an_adjudicator_reads_the_queue_and_a_documents_disagreements(api, judge, scenario, seeded):
    queue = api.get(f"/projects/{seeded.project.public_id}/adjudication", judge).get_json()
    row = next(r for r in queue["rows"] if r["external_id"] == "d-gold")
    assert row["state"] == "ready" and row["coders"] == 3 and row["open_units"] == 4
    assert queue["counts"]["ready"] == 1
    proposal = api.get(f"/documents/{scenario.document.public_id}/adjudication", judge).get_json()
    assert proposal["status"] == "in_adjudication" and proposal["coders"] == ["ann1", "ann2", "ann3"]
    assert sorted(u["kind"] for u in _units(proposal)) == ["frame", "link", "span", "span", "span", "stance"]
    evidence = next(u for u in _units(proposal) if u["kind"] == "span" and len(u["versions"]) == 2)
    assert evidence["state"] == "open" and sorted(evidence["versions"][0]["owners"]) == ["ann1", "ann2"]
    assert proposal["counts"]["open"] == 4


def test_decisions_take_the_fingerprint_and_answer_409_with_the_unit_now(api, judge, scenario, session):
    doc = scenario.document.public_id
    proposal = api.get(f"/documents/{doc}/adjudication", judge).get_json()
    evidence = next(u for u in _units(proposal) if u["kind"] == "span" and len(u["versions"]) == 2)
    pick = {"action": "pick", "unit": evidence["key"], "fingerprint": evidence["fingerprint"],
            "paragraph": evidence["paragraph"], "version": 2}
    stale = api.post(f"/documents/{doc}/adjudication/decisions", judge, json={**pick, "fingerprint": "0" * 16})
    assert stale.status_code == 409 and stale.get_json()["field"] == "unit"
    assert stale.get_json()["current"]["fingerprint"] == evidence["fingerprint"]
    assert _gold_spans(session) == 0
    made = api.post(f"/documents/{doc}/adjudication/decisions", judge, json=pick)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["method"] == "picked" and made.get_json()["gold"]
    again = api.post(f"/documents/{doc}/adjudication/decisions", judge, json={**pick, "version": 1})
    assert again.status_code == 409 and "already decided" in again.get_json()["detail"]
    assert again.get_json()["current"]["state"] == "decided"
    assert _gold_spans(session) == 1
    unknown = api.post(f"/documents/{doc}/adjudication/decisions", judge, json={**pick, "colour": "red"})
    assert unknown.status_code == 422 and unknown.get_json()["field"] == "colour"
    undone = api.post(f"/documents/{doc}/adjudication/undo", judge, json={})
    assert undone.status_code == 200 and undone.get_json()["kind"] == "span"
    assert _gold_spans(session) == 0


def test_an_added_span_takes_code_points_checked_against_the_text(api, judge, scenario, seeded, session):
    doc = scenario.document.public_id
    api.get(f"/documents/{doc}/adjudication", judge)
    text = "الأمم المتحدة"
    paragraph = "لكن تقارير الأمم المتحدة تشير إلى ارتفاع عدد الضحايا بنسبة 40% هذا العام."
    start = paragraph.index(text)
    add = {"action": "add", "paragraph": 2, "label": "evidence", "start": start, "end": start + len(text),
           "text": text}
    wrong = api.post(f"/documents/{doc}/adjudication/decisions", judge, json={**add, "start": start + 1})
    assert wrong.status_code == 422 and wrong.get_json()["field"] in ("text", "start")
    assert _gold_spans(session) == 0
    made = api.post(f"/documents/{doc}/adjudication/decisions", judge, json=add)
    assert made.status_code == 201, made.get_json()
    gold = api.get(f"/projects/{seeded.project.public_id}/gold", judge).get_json()
    assert [g["external_id"] for g in gold] == ["d-gold"] and gold[0]["spans"] == 1
    contents = api.get(f"/sets/{gold[0]['set']}", judge).get_json()
    assert [(s["start"], s["end"], s["text"]) for s in contents["spans"]] == [(start, start + len(text), text)]


def test_accepting_agreed_units_and_marking_adjudicated(api, judge, scenario, seeded):
    doc = scenario.document.public_id
    accepted = api.post(f"/documents/{doc}/adjudication/accept-agreed", judge)
    assert accepted.status_code == 200 and accepted.get_json()["spans"] == 1
    refused = api.post(f"/documents/{doc}/adjudication/status", judge, json={"status": "adjudicated"})
    assert refused.status_code == 409 and refused.get_json()["field"] == "status"
    pid = seeded.project.public_id
    assert api.get(f"/projects/{pid}/gold?adjudicated=true", judge).get_json() == []
    assert api.get(f"/projects/{pid}/gold", judge).get_json()[0]["status"] == "in_adjudication"


def test_a_document_not_ready_answers_409(api, judge, scenario, session):
    set_status(session, scenario.sets["ann1"], "in_progress")
    response = api.get(f"/documents/{scenario.document.public_id}/adjudication", judge)
    assert response.status_code == 409 and "2 of 3" in response.get_json()["detail"]


def test_automatic_adjudication_runs_as_a_job_with_a_status_url(api, judge, scenario, seeded, session):
    pid = seeded.project.public_id
    bad = api.post(f"/projects/{pid}/adjudication/auto", judge, json={"documents": ["nope"]})
    assert bad.status_code == 422 and bad.get_json()["field"] == "document"
    assert session.scalar(select(func.count(Job.id)).where(Job.kind == "adjudicate")) == 0
    low = api.post(f"/projects/{pid}/adjudication/auto", judge, json={"min_agree": 1})
    assert low.status_code == 422 and low.get_json()["field"] == "min_agree"
    started = api.post(f"/projects/{pid}/adjudication/auto", judge, json={"documents": ["d-gold"]})
    assert started.status_code == 202
    job = started.get_json()
    assert started.headers["Location"] == job["status_url"] == f"/api/v1/jobs/{job['id']}"
    polled = api.get(job["status_url"].removeprefix("/api/v1"), judge)
    assert polled.status_code == 200 and polled.get_json()["state"] == "done"
    assert "Retry-After" not in polled.headers
    assert polled.get_json()["result"]["open"] == {"d-gold": 4}


def test_a_queued_job_answers_with_retry_after(api, judge, scenario, seeded, session):
    job = Job(kind="adjudicate", owner_id=scenario.adjudicator.id, project_id=seeded.project.id, params={})
    session.add(job)
    session.commit()
    polled = api.get(f"/jobs/{job.public_id}", judge)
    assert polled.status_code == 200 and polled.get_json()["state"] == "queued"
    assert polled.headers["Retry-After"].isdigit()


@pytest.mark.parametrize("who", ["ann1", "outsider"])
def test_annotators_and_outsiders_get_404_for_every_gold_route(api, session, scenario, seeded, tokens, who):
    doc, pid = scenario.document.public_id, seeded.project.public_id
    judge_token = create_token(session, scenario.adjudicator, "judge", scope="read-write").secret
    gold_set = api.get(f"/projects/{pid}/gold", judge_token).get_json()
    assert gold_set == []
    api.get(f"/documents/{doc}/adjudication", judge_token)  # the gold set exists now
    gold_id = api.get(f"/projects/{pid}/gold", judge_token).get_json()[0]["set"]
    token = tokens[who]
    calls = [("GET", f"/projects/{pid}/adjudication", None), ("GET", f"/projects/{pid}/gold", None),
             ("GET", f"/documents/{doc}/adjudication", None),
             ("POST", f"/documents/{doc}/adjudication/decisions", {"action": "add", "paragraph": 1,
                                                                    "label": "claim", "start": 0, "end": 4,
                                                                    "text": "تقول"}),
             ("POST", f"/documents/{doc}/adjudication/undo", {}),
             ("POST", f"/documents/{doc}/adjudication/accept-agreed", None),
             ("POST", f"/documents/{doc}/adjudication/status", {"status": "adjudicated"}),
             ("POST", f"/projects/{pid}/adjudication/auto", {}),
             ("GET", f"/sets/{gold_id}", None)]
    for method, path, body in calls:
        response = api.call(method, path, token, json=body)
        assert response.status_code == 404, f"{method} {path}: {response.status_code} {response.get_json()}"
        assert "gold" not in response.get_data(as_text=True).lower()
    assert _gold_spans(session) == 0
    assert session.scalar(select(func.count(Job.id))) == 0
