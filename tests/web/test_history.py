"""Undo, redo and the history panel through HTTP, as the annotation page sends them; the lead's audit page."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from annotator.models import Event, Span
from tests.web.annotate_support import Annotator, arabic_set, counts


@pytest.fixture
def ann1(client, auth, seeded):
    return Annotator(client, auth, "ann1")


@pytest.fixture
def doc_set(session, seeded):
    return arabic_set(session, seeded)[1]


def _spans(session):
    session.rollback()
    session.expire_all()
    return [(s.public_id, s.label) for s in session.scalars(select(Span).order_by(Span.id))]


def test_undo_and_redo_answer_the_panel_and_what_to_redraw(session, client, ann1, doc_set):
    ann1.tag(doc_set, 1, "الرَّئِيسُ")
    ann1.tag(doc_set, 2, "العقوبات", "evidence")
    kept = _spans(session)
    response = client.post(f"/annotate/{doc_set.public_id}/history/undo", headers=ann1.headers())
    assert response.status_code == 200
    assert _spans(session) == kept[:1]
    refresh = json.loads(response.headers["X-History-Refresh"])
    assert refresh["paragraphs"] == [2] and refresh["said"] == "undone: tagged «العقوبات» as evidence"
    html = response.get_data(as_text=True)
    assert 'id="history-panel"' in html and "(undone)" in html and "العقوبات" in html
    response = client.post(f"/annotate/{doc_set.public_id}/history/redo", headers=ann1.headers())
    assert response.status_code == 200 and _spans(session) == kept
    logged = session.scalars(select(Event.history).where(Event.set_id == doc_set.id).order_by(Event.id)).all()
    assert logged == [None, None, "undo", "redo"]


def test_json_clients_get_the_same_answer_as_data(session, client, ann1, doc_set):
    ann1.tag(doc_set, 1, "الرَّئِيسُ")
    response = client.post(f"/annotate/{doc_set.public_id}/history/undo",
                           headers={"X-CSRFToken": ann1.token, "Accept": "application/json"})
    body = response.get_json()
    assert response.status_code == 200 and body["undo"] is True and body["paragraphs"] == [1]


def test_nothing_to_undo_and_a_change_made_since_are_conflicts_that_change_nothing(session, client, ann1, doc_set):
    response = client.post(f"/annotate/{doc_set.public_id}/history/undo",
                           headers={"X-CSRFToken": ann1.token, "Accept": "application/json"})
    assert response.status_code == 409 and response.get_json() == {"error": "nothing to undo in this document",
                                                                    "field": "history"}
    ann1.tag(doc_set, 1, "الرَّئِيسُ")
    span = session.scalar(select(Span))
    span.label = "evidence"  # as an import would: not a change of this annotator's history
    session.commit()
    before = counts(session)
    response = client.post(f"/annotate/{doc_set.public_id}/history/undo", headers=ann1.headers())
    assert response.status_code == 409 and "changed since" in response.get_data(as_text=True)
    assert counts(session) == before


def test_undo_needs_the_csrf_token(session, client, ann1, doc_set):
    ann1.tag(doc_set, 1, "الرَّئِيسُ")
    response = client.post(f"/annotate/{doc_set.public_id}/history/undo", headers=ann1.headers(csrf=False))
    assert response.status_code == 400 and len(_spans(session)) == 1


def test_another_annotator_can_neither_undo_nor_read_the_history(session, client, auth, seeded, doc_set):
    owner = Annotator(client, auth, "ann1")
    owner.tag(doc_set, 1, "الرَّئِيسُ")
    other = Annotator(client, auth, "ann2")
    assert client.post(f"/annotate/{doc_set.public_id}/history/undo", headers=other.headers()).status_code == 404
    assert client.get(f"/annotate/{doc_set.public_id}/history", headers=other.headers()).status_code == 404
    assert len(_spans(session)) == 1
    lead = Annotator(client, auth, "lead")
    page = client.get(f"/annotate/{doc_set.public_id}/history", headers=lead.headers())
    assert page.status_code == 200 and "الرَّئِيسُ" in page.get_data(as_text=True)
    assert "history-undo" not in page.get_data(as_text=True)  # a lead reads, never writes
    assert client.post(f"/annotate/{doc_set.public_id}/history/undo", headers=lead.headers()).status_code == 404


def test_the_document_page_carries_the_history_panel(client, ann1, doc_set):
    ann1.tag(doc_set, 1, "الرَّئِيسُ")
    html = client.get(f"/annotate/{doc_set.public_id}").get_data(as_text=True)
    assert 'id="history-panel"' in html and "annotate_history.js" in html and "tagged «الرَّئِيسُ» as claim" in html


# --- the audit page ------------------------------------------------------------------------------

def test_a_lead_reads_the_audit_filtered_and_paged(session, client, auth, seeded, doc_set, monkeypatch):
    ann1 = Annotator(client, auth, "ann1")
    for word in ("الرَّئِيسُ", "الاتفاق", "الضغوط"):
        ann1.tag(doc_set, 1, word)
    client.post(f"/annotate/{doc_set.public_id}/history/undo", headers=ann1.headers())
    Annotator(client, auth, "lead")
    url = f"/projects/{seeded.project.public_id}/audit"
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "tagged «الضغوط» as claim" in html and ">undo<" in html
    assert "auth.sign_in" in html  # the members' sign-ins are in the project's audit
    only_spans = client.get(url + "?kind=span&user=ann1", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert only_spans.startswith('<div id="audit-rows"') and "auth.sign_in" not in only_spans
    assert only_spans.count("<tr data-action=") == 4
    by_document = client.get(url + f"?document={doc_set.document.external_id}").get_data(as_text=True)
    assert by_document.count('<tr data-action="span.') == 4

    from annotator.services.history import audit
    monkeypatch.setattr(audit, "PAGE_SIZE", 3)
    everything = client.get(url, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert everything.count("<tr data-action=") == 3  # sign-ins and changes, one timeline
    assert client.get(url + "?before=garbage", headers={"Accept": "application/json"}).get_json()["field"] == "before"
    first = client.get(url + "?kind=span", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert first.count("<tr data-action=") == 3 and "Older events" in first
    older = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = client.get(older, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert second.count("<tr data-action=") == 1 and "Older events" not in second


def test_the_audit_refuses_bad_filters_by_name(client, auth, seeded):
    Annotator(client, auth, "lead")
    url = f"/projects/{seeded.project.public_id}/audit"
    bad_kind = client.get(url + "?kind=everything", headers={"Accept": "application/json"})
    assert bad_kind.status_code == 422 and bad_kind.get_json()["field"] == "kind"
    nobody = client.get(url + "?user=nobody", headers={"Accept": "application/json"})
    assert nobody.status_code == 404 and nobody.get_json()["field"] == "user"


def test_annotators_and_outsiders_do_not_reach_the_audit(client, auth, seeded):
    url = f"/projects/{seeded.project.public_id}/audit"
    Annotator(client, auth, "ann1")
    assert client.get(url).status_code == 403
    Annotator(client, auth, "outsider")
    assert client.get(url).status_code == 404
