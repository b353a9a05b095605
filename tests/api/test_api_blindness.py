"""Blindness over every API route: an annotator's token reaches nothing of another annotator's work.

Like tests/web/test_blindness.py (whose fixtures this reuses), the routes come from the url_map,
so a route added later is covered without touching this file. Every route is called with the
other annotator's ids and an empty body, then every write on a set is tried again with a body
that would be valid on one's own set: each answers 4xx, nothing changes, nothing leaks."""
from __future__ import annotations

import pytest

from annotator.services.team.tokens import create_token
from tests.web.test_blindness import RULES, _fill, _leaks, _snapshot, others_work  # noqa: F401  (fixture)

API_RULES = [r for r in RULES if r.values[0].startswith("/api/v1") and r.values[2] not in (
    "api.openapi_document", "api.reference")]
LEAD_ONLY = {"api.list_members", "api.set_member", "api.list_documents", "api.import_documents", "api.assign",
             "api.agreement", "api.start_export", "api.import_annotations", "api.create_actor", "api.update_actor",
             "api.delete_actor"}
# Gold: an annotator's token must not even learn that it exists (404, as the adjudication pages).
GOLD = {"api.adjudication_queue", "api.list_gold", "api.document_adjudication", "api.record_decision",
        "api.undo_decision", "api.accept_agreed", "api.adjudication_status", "api.start_auto_adjudication"}


@pytest.fixture
def ann1_token(session, seeded):
    return create_token(session, seeded.ann1, "blindness", scope="read-write").secret


def _path(path, arguments, work):
    for argument in arguments:
        path = path.replace(f"<{argument}>", _fill(argument, work))
    return path


@pytest.mark.parametrize("path, method, endpoint, arguments", API_RULES)
def test_an_annotator_token_sees_nothing_of_another_annotators_work(client, session, others_work, ann1_token,
                                                                    path, method, endpoint, arguments):
    path = _path(path, arguments, others_work)
    before = _snapshot(session)
    response = client.open(path, method=method, json={}, headers={"Authorization": f"Bearer {ann1_token}"})
    body = response.get_data(as_text=True)
    if endpoint in GOLD:
        assert response.status_code == 404, f"{method} {path}: {response.status_code}"
        assert "gold" not in body.lower()
    elif (endpoint in LEAD_ONLY or endpoint == "api.create_project") and method == "GET":
        assert response.status_code == 403, f"{method} {path}: {response.status_code}"
    elif endpoint in LEAD_ONLY or endpoint == "api.create_project":
        # An empty body may be refused for the body first (422): still a refusal, and the
        # snapshot below shows nothing changed; valid bodies are tried in the test after.
        assert 400 <= response.status_code < 500, f"{method} {path}: {response.status_code}"
    elif any(a in arguments for a in ("set_id", "span_id", "export_id", "token_id", "job_id")):  # a shared document is not theirs
        assert 400 <= response.status_code < 500, f"{method} {path}: {response.status_code}"
    assert not _leaks(body, others_work), f"{method} {path} shows {_leaks(body, others_work)}"
    if method != "GET":
        assert _snapshot(session) == before, f"{method} {path} changed something"


def test_the_api_walk_covers_every_write_on_a_set():
    endpoints = {r.values[2] for r in API_RULES}
    assert {"api.create_span", "api.change_span", "api.delete_span", "api.create_link", "api.put_stance",
            "api.put_frame", "api.set_status", "api.get_set"} <= endpoints


def test_the_api_walk_covers_adjudication_and_gold():
    assert GOLD | {"api.get_job"} <= {r.values[2] for r in API_RULES}


def test_valid_writes_on_another_annotators_set_are_404_and_change_nothing(client, session, others_work,
                                                                           ann1_token):
    theirs, span = others_work["set"].public_id, others_work["span"]
    headers = {"Authorization": f"Bearer {ann1_token}"}
    attempts = [
        ("POST", f"/api/v1/sets/{theirs}/spans", {"paragraph": span_paragraph(session, span), "start": span.start,
                                                   "end": span.end, "text": span.text, "label": "evidence"}),
        ("PATCH", f"/api/v1/sets/{theirs}/spans/{span.public_id}", {"version": span.version, "label": "evidence"}),
        ("DELETE", f"/api/v1/sets/{theirs}/spans/{span.public_id}?version={span.version}", None),
        ("POST", f"/api/v1/sets/{theirs}/links", {"source": span.public_id, "target": span.public_id,
                                                   "link_type": "supports"}),
        ("PUT", f"/api/v1/sets/{theirs}/frames", {"frame": "economic", "role": "secondary"}),
        ("POST", f"/api/v1/sets/{theirs}/status", {"status": "in_progress"}),
        ("GET", f"/api/v1/sets/{theirs}", None),
    ]
    project = others_work["project"].public_id
    lead_writes = [
        ("POST", f"/api/v1/projects/{project}/assignments", {"user": "ann1", "documents": None}),
        ("PUT", f"/api/v1/projects/{project}/members", {"username": "ann1", "role": "lead"}),
        ("POST", f"/api/v1/projects/{project}/documents", {"articles": [{"text": "A new article."}]}),
        ("POST", f"/api/v1/projects/{project}/exports", {"format": "jsonl"}),
    ]
    before = _snapshot(session)
    for method, path, body in lead_writes:
        response = client.open(path, method=method, json=body, headers=headers)
        assert response.status_code == 403, f"{method} {path}: {response.status_code} {response.get_json()}"
    for method, path, body in attempts:
        response = client.open(path, method=method, json=body, headers=headers)
        assert response.status_code == 404, f"{method} {path}: {response.status_code} {response.get_json()}"
        assert not _leaks(response.get_data(as_text=True), others_work)
    assert _snapshot(session) == before


def span_paragraph(session, span) -> int:
    from annotator.models import Paragraph

    return session.get(Paragraph, span.paragraph_id).index
