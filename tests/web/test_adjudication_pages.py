"""The adjudication pages over HTTP: roles, the page, decisions through htmx and JSON, conflicts."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from annotator.models import AdjudicationDecision, AnnotationSet, Span
from tests.factories import set_status
from tests.gold_factories import gold_scenario


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


def _gold_spans(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count(Span.id)).join(AnnotationSet).where(AnnotationSet.owner_kind == "gold"))


def _units(body: str) -> list[dict]:
    return [dict(re.findall(r'data-(unit|fp|kind|paragraph|versions)="([^"]*)"', tag))
            for tag in re.findall(r'<li class="adj-unit[^>]*>', body)]


def _open_page(client, auth, scenario, who="judge"):
    auth.login(who)
    response = client.get(f"/adjudicate/{scenario.document.public_id}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["judge", "lead", "admin"])
def test_adjudicators_and_leads_open_the_page_rtl_with_every_version(client, auth, scenario, who):
    body = _open_page(client, auth, scenario, who)
    assert 'dir="rtl"' in body and 'lang="ar"' in body
    assert "ann1" in body and "ann3" in body  # adjudicators are not blind
    kinds = sorted(u["kind"] for u in _units(body))
    assert kinds == ["frame", "link", "span", "span", "span", "stance"]
    assert '<strong>4</strong> open' in body


def test_blind_mode_shows_a_b_c(client, auth, scenario):
    auth.login("judge")
    body = client.get(f"/adjudicate/{scenario.document.public_id}?blind=1").get_data(as_text=True)
    assert "ann1" not in body and "ann2" not in body and '<span class="adj-who">A, B</span>' in body


@pytest.mark.parametrize("who", ["ann1", "outsider"])
def test_annotators_and_outsiders_get_404_everywhere(client, auth, scenario, seeded, who, session):
    auth.login(who)
    doc, project = scenario.document.public_id, seeded.project.public_id
    token = auth.csrf_token()
    for method, path in (("GET", f"/adjudicate/{doc}"), ("GET", f"/adjudicate/{doc}/paragraphs/1"),
                         ("POST", f"/adjudicate/{doc}/decisions"), ("POST", f"/adjudicate/{doc}/undo"),
                         ("POST", f"/adjudicate/{doc}/accept-agreed"), ("POST", f"/adjudicate/{doc}/status"),
                         ("GET", f"/projects/{project}/adjudication"),
                         ("GET", f"/projects/{project}/adjudication/causes"),
                         ("POST", f"/projects/{project}/adjudication/accept-agreed")):
        response = client.open(path, method=method, headers={"X-CSRFToken": token},
                               data={"action": "accept", "unit": "s:x", "status": "adjudicated"})
        assert response.status_code == 404, f"{method} {path}: {response.status_code}"
        assert "gold" not in response.get_data(as_text=True).lower()
    assert _gold_spans(session) == 0


def test_a_decision_through_htmx_answers_with_the_paragraph_and_the_counter(client, auth, scenario, session):
    body = _open_page(client, auth, scenario)
    evidence = next(u for u in _units(body) if u["kind"] == "span" and u["versions"] == "2")
    response = client.post(f"/adjudicate/{scenario.document.public_id}/decisions",
                           headers={"X-CSRFToken": auth.csrf_token(), "HX-Request": "true"},
                           data={"action": "pick", "unit": evidence["unit"], "fingerprint": evidence["fp"],
                                 "paragraph": evidence["paragraph"], "version": "2"})
    html = response.get_data(as_text=True)
    assert response.status_code == 201
    assert 'id="p-1"' in html
    counter = client.get(f"/adjudicate/{scenario.document.public_id}/counter", headers={"HX-Request": "true"})
    assert "<strong>2</strong> open" in counter.get_data(as_text=True)  # the link is agreed now: both ends are
    assert "picked · judge" in html
    assert _gold_spans(session) == 1
    assert float(response.headers["Server-Timing"].split("dur=")[1]) > 0
    again = client.post(f"/adjudicate/{scenario.document.public_id}/decisions",
                        headers={"X-CSRFToken": auth.csrf_token(), "HX-Request": "true"},
                        data={"action": "pick", "unit": evidence["unit"], "fingerprint": evidence["fp"],
                              "paragraph": evidence["paragraph"], "version": "1"})
    assert again.status_code == 409 and 'id="p-1"' in again.get_data(as_text=True)
    assert "already decided" in again.headers["X-Problem"]
    assert _gold_spans(session) == 1


def test_json_decisions_undo_and_refusals_name_the_field(client, auth, scenario, session):
    body = _open_page(client, auth, scenario)
    claim = next(u for u in _units(body) if u["kind"] == "span" and u["versions"] == "1" and u["paragraph"] == "1")
    doc = scenario.document.public_id
    headers = {"X-CSRFToken": auth.csrf_token(), "Accept": "application/json"}
    bad = client.post(f"/adjudicate/{doc}/decisions", headers=headers, data={"action": "explode"})
    assert bad.status_code == 422 and bad.get_json()["field"] == "action"
    stale = client.post(f"/adjudicate/{doc}/decisions", headers=headers,
                        data={"action": "accept", "unit": claim["unit"], "fingerprint": "0" * 16, "paragraph": "1"})
    assert stale.status_code == 409 and stale.get_json()["field"] == "unit"
    ok = client.post(f"/adjudicate/{doc}/decisions", headers=headers,
                     data={"action": "accept", "unit": claim["unit"], "fingerprint": claim["fp"], "paragraph": "1"})
    assert ok.status_code == 201 and ok.get_json()["method"] == "agreed"
    refused = client.post(f"/adjudicate/{doc}/status", headers=headers, data={"status": "adjudicated"})
    assert refused.status_code == 409 and refused.get_json()["open"] == 4
    undone = client.post(f"/adjudicate/{doc}/undo", headers=headers)
    assert undone.status_code == 200 and _gold_spans(session) == 0
    no_csrf = client.post(f"/adjudicate/{doc}/undo", headers={"Accept": "application/json"})
    assert no_csrf.status_code == 400


def test_a_document_not_ready_cannot_be_opened(client, auth, scenario, session):
    set_status(session, scenario.sets["ann1"], "in_progress")
    auth.login("judge")
    response = client.get(f"/adjudicate/{scenario.document.public_id}", headers={"Accept": "application/json"})
    assert response.status_code == 409 and "2 of 3" in response.get_json()["error"]


def test_queue_lists_documents_and_accepts_all_agreed_ones(client, auth, scenario, seeded, session):
    auth.login("judge")
    body = client.get(f"/projects/{seeded.project.public_id}/adjudication").get_data(as_text=True)
    assert "d-gold" in body and "ready: 1" in body
    report = client.post(f"/projects/{seeded.project.public_id}/adjudication/accept-agreed",
                         headers={"X-CSRFToken": auth.csrf_token(), "Accept": "application/json"}).get_json()
    assert report["open"] == {"d-gold": 4} and report["adjudicated"] == []
    settings = client.post(f"/projects/{seeded.project.public_id}/adjudication/settings",
                           headers={"X-CSRFToken": auth.csrf_token()}, data={"spans": "2"})
    assert settings.status_code == 404  # an adjudicator does not change the project's settings
    auth.login("lead")
    settings = client.post(f"/projects/{seeded.project.public_id}/adjudication/settings",
                           headers={"X-CSRFToken": auth.csrf_token()}, data={"spans": "2", "stances": "2"})
    assert settings.status_code == 303
    causes = client.get(f"/projects/{seeded.project.public_id}/adjudication/causes")
    assert causes.status_code == 200


def test_causes_are_tagged_and_reported(client, auth, scenario, seeded):
    body = _open_page(client, auth, scenario)
    evidence = next(u for u in _units(body) if u["kind"] == "span" and u["versions"] == "2")
    doc = scenario.document.public_id
    headers = {"X-CSRFToken": auth.csrf_token(), "Accept": "application/json"}
    wrong = client.post(f"/adjudicate/{doc}/causes", headers=headers, data={"unit": evidence["unit"], "cause": "mood"})
    assert wrong.status_code == 422 and wrong.get_json()["field"] == "cause"
    ok = client.post(f"/adjudicate/{doc}/causes", headers=headers,
                     data={"unit": evidence["unit"], "cause": "boundary", "note": "ann3 started late"})
    assert ok.status_code == 200
    report = client.get(f"/projects/{seeded.project.public_id}/adjudication/causes", headers=headers).get_json()
    assert report["by_label"] == {"evidence": {"boundary": 1}}
    assert report["by_annotator"] == {"ann3": {"boundary": 1}}


def _adjudicate(client, auth, scenario):
    """The judge accepts what was agreed, rejects the one lonely span and marks the document adjudicated."""
    auth.login("judge")
    doc = scenario.document.public_id
    headers = {"X-CSRFToken": auth.csrf_token(), "Accept": "application/json"}
    client.get(f"/adjudicate/{doc}")
    client.post(f"/adjudicate/{doc}/accept-agreed", headers=headers)
    body = client.get(f"/adjudicate/{doc}").get_data(as_text=True)
    lonely = next(u for u in _units(body) if u["kind"] == "span" and u["paragraph"] == "2")
    client.post(f"/adjudicate/{doc}/decisions", headers=headers,
                data={"action": "reject", "unit": lonely["unit"], "fingerprint": lonely["fp"], "paragraph": "2"})
    assert client.post(f"/adjudicate/{doc}/status", headers=headers, data={"status": "adjudicated"}).status_code == 200


def test_feedback_only_when_released_only_ones_own_set(client, auth, scenario, seeded, session):
    from annotator.models import Project
    from annotator.services.gold import auto, lifecycle

    project = session.get(Project, seeded.project.id)
    lifecycle.change_settings(session, seeded.lead, project, min_agree={"spans": 2, "stances": 2})
    own, theirs = scenario.sets["ann1"].public_id, scenario.sets["ann2"].public_id
    auth.login("ann1")
    assert client.get(f"/annotate/{own}/feedback").status_code == 404  # not adjudicated yet
    _adjudicate(client, auth, scenario)
    auth.login("ann1")
    assert client.get(f"/annotate/{own}/feedback").status_code == 404  # the switch is off
    lifecycle.change_settings(session, seeded.lead, session.get(Project, seeded.project.id), feedback=True)
    page = client.get(f"/annotate/{own}/feedback")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "(not kept)" in text and "ann2" not in text and "ann3" not in text
    assert client.get(f"/annotate/{theirs}/feedback").status_code == 404  # never another annotator's set


def test_my_documents_link_to_feedback_once_released(client, auth, scenario, seeded, session):
    from annotator.models import Project
    from annotator.services.gold import lifecycle

    project = session.get(Project, seeded.project.id)
    lifecycle.change_settings(session, seeded.lead, project, min_agree={"spans": 2, "stances": 2}, feedback=True)
    own, theirs = scenario.sets["ann1"].public_id, scenario.sets["ann2"].public_id
    auth.login("ann1")
    assert "/feedback" not in client.get("/annotate/").get_data(as_text=True)  # not adjudicated yet
    _adjudicate(client, auth, scenario)
    auth.login("ann1")
    listing = client.get("/annotate/").get_data(as_text=True)
    assert f'href="/annotate/{own}/feedback"' in listing and theirs not in listing
    assert client.get(f"/annotate/{own}/feedback").status_code == 200
    lifecycle.change_settings(session, seeded.lead, session.get(Project, seeded.project.id), feedback=False)
    assert "/feedback" not in client.get("/annotate/").get_data(as_text=True)  # the lead took it back


def test_accepting_every_agreed_document_from_the_queue_is_a_job_the_page_follows(client, auth, scenario, seeded,
                                                                                  session):
    from annotator.models import Job

    auth.login("judge")
    answer = client.post(f"/projects/{seeded.project.public_id}/adjudication/accept-agreed",
                         data={"csrf_token": auth.csrf_token()})
    job = session.scalar(select(Job).where(Job.kind == "adjudicate"))
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/jobs/{job.public_id}")
    assert job.owner_id == scenario.adjudicator.id and job.state == "done", job.error
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Automatic adjudication" in page and ("0 document(s) adjudicated where everything agreed, 1 with units "
                                                 "left open, 0 not ready, 0 already in adjudication.") in page


def test_accepting_every_agreed_document_answers_202_while_its_job_waits(app, client, auth, scenario, seeded,
                                                                         session):
    from annotator.models import Adjudication, Job

    huey = app.extensions["annotator.jobs"].huey
    huey.immediate = False  # held in the queue: no worker runs it
    try:
        auth.login("judge")
        answer = client.post(f"/projects/{seeded.project.public_id}/adjudication/accept-agreed",
                             headers={"X-CSRFToken": auth.csrf_token(), "Accept": "application/json"})
    finally:
        huey.immediate = True
    job = session.scalar(select(Job).where(Job.kind == "adjudicate"))
    assert answer.status_code == 202 and answer.get_json()["job"] == job.public_id and job.state == "queued"
    assert answer.get_json()["url"] == f"/jobs/{job.public_id}"
    assert session.scalar(select(func.count(Adjudication.id))) == 0  # nothing was done in the request
def test_the_page_script_reads_its_words_in_arabic_with_arabic_plurals(client, auth, scenario):
    import html
    import json
    from pathlib import Path

    from tests.web.interface_words import LATIN_WORD

    auth.login("judge")
    body = client.get(f"/adjudicate/{scenario.document.public_id}?lang=ar").get_data(as_text=True)
    words = json.loads(html.unescape(re.search(r"data-messages='([^']*)'", body).group(1)))
    adj = {key: value for key, value in words.items() if key.startswith("adj_")}
    assert adj["adj_undone"] == "تم التراجع."
    # Six forms for a counted phrase, picked in the page by Intl.PluralRules: one, the dual, ...
    assert adj["adj_versions"]["one"] == "لهذه الوحدة نسخة واحدة." and adj["adj_versions"]["two"] == "لهذه الوحدة نسختان."
    assert set(adj["adj_reject_orphans"]) == {"zero", "one", "two", "few", "many", "other"}
    shown = [w for value in adj.values() for w in (value.values() if isinstance(value, dict) else [value])]
    latin = {w for text in shown for w in LATIN_WORD.findall(re.sub(r"\{\w+\}", "", text))}
    assert latin <= {"Enter", "Esc"}, latin  # key names stay as printed on the keys
    script = (Path(__file__).resolve().parents[2] / "annotator/static/js/adjudicate.js").read_text(encoding="utf-8")
    english = re.findall(r'"(?:[A-Z][a-z]+|[a-z]+) [a-z]+[^"]*"', script)
    assert [s for s in english if s != '"use strict"'] == [], english  # every word comes from data-messages
