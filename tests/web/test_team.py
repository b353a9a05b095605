"""Assignment, progress and documents pages through the test client."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from annotator.models import AnnotationSet
from tests.factories import assign, make_document, set_status


def url(seeded, page: str) -> str:
    return f"/projects/{seeded.project.public_id}/team/{page}"


def post(client, auth, path, data):
    return client.post(path, data={**data, "csrf_token": auth.csrf_token()})


def assigned_pairs(session):
    session.expire_all()
    return {(s.document_id, s.user_id) for s in session.scalars(select(AnnotationSet).where(AnnotationSet.assigned))}


@pytest.mark.parametrize("user", ["lead", "admin"])
@pytest.mark.parametrize("page", ["assign", "progress", "documents"])
def test_leads_and_admins_see_the_team_pages(client, auth, seeded, user, page):
    auth.login(user)
    response = client.get(url(seeded, page))
    assert response.status_code == 200
    assert "style=" not in response.get_data(as_text=True)


def test_automatic_assignment_from_the_page(client, auth, session, seeded):
    for i in range(4):
        make_document(session, seeded.project, external_id=f"a-{i}")
    auth.login("lead")
    response = post(client, auth, url(seeded, "assign/auto"), {"per_document": "2", "sample": "", "seed": "4"})
    assert response.status_code == 200
    assert "8 assignments added" in response.get_data(as_text=True)
    assert len(assigned_pairs(session)) == 8


@pytest.mark.parametrize("data, field", [
    ({"per_document": "0"}, "per_document"),
    ({"per_document": "two"}, "per_document"),
    ({"per_document": "3"}, "per_document"),  # only two annotators
    ({"per_document": "2", "sample": "1.5"}, "sample"),
    ({"per_document": "2", "seed": "-1"}, "seed"),
])
def test_bad_automatic_input_is_refused_naming_the_field(client, auth, session, seeded, data, field):
    make_document(session, seeded.project, external_id="a-0")
    auth.login("lead")
    response = post(client, auth, url(seeded, "assign/auto"), data)
    assert 400 <= response.status_code < 500
    assert f'data-field="{field}"' in response.get_data(as_text=True)
    assert assigned_pairs(session) == set()


def test_manual_assignment_reassign_and_unassign_from_the_page(client, auth, session, seeded):
    docs = [make_document(session, seeded.project, external_id=f"m-{i}") for i in range(3)]
    auth.login("lead")
    response = post(client, auth, url(seeded, "assign/manual"), {"user": "ann1", "documents": "m-0\nm-1"})
    assert response.status_code == 200 and "2 documents assigned to ann1" in response.get_data(as_text=True)
    response = post(client, auth, url(seeded, "reassign"), {"document": "m-0", "from_user": "ann1", "to_user": "ann2"})
    assert response.status_code == 200
    response = post(client, auth, url(seeded, "unassign"), {"document": "m-1", "user": "ann1"})
    assert response.status_code == 200
    assert assigned_pairs(session) == {(docs[0].id, seeded.ann2.id)}


@pytest.mark.parametrize("page, data, field", [
    ("assign/manual", {"user": "ann1"}, "documents"),
    ("assign/manual", {"user": "ann1", "documents": "m-0", "all": "1"}, "documents"),
    ("assign/manual", {"user": "outsider", "documents": "m-0"}, "user"),
    ("assign/manual", {"user": "ann1", "documents": "m-0 missing-doc"}, "documents"),
    ("reassign", {"document": "m-0", "from_user": "ann2", "to_user": "ann1"}, "from_user"),
    ("reassign", {"document": "m-0", "from_user": "ann1", "to_user": "ann1"}, "to_user"),
    ("unassign", {"document": "nope", "user": "ann1"}, "document"),
    ("unassign", {"document": "m-0"}, "user"),
])
def test_bad_manual_input_is_refused_naming_the_field(client, auth, session, seeded, page, data, field):
    document = make_document(session, seeded.project, external_id="m-0")
    assign(session, document, seeded.ann1)
    before = assigned_pairs(session)
    auth.login("lead")
    response = post(client, auth, url(seeded, page), data)
    assert 400 <= response.status_code < 500
    assert f'data-field="{field}"' in response.get_data(as_text=True)
    assert assigned_pairs(session) == before


def test_progress_page_draws_bars_and_documents_page_lists_statuses(client, auth, session, seeded):
    document = make_document(session, seeded.project, external_id="p-0")
    set_status(session, assign(session, document, seeded.ann1), "done")
    assign(session, document, seeded.ann2)
    auth.login("lead")
    page = client.get(url(seeded, "progress")).get_data(as_text=True)
    assert re.search(r'<rect class="bar-done" x="0(\.0)?" y="0" width="[\d.]+"', page)
    assert "ann1" in page and "ann2" in page and "Active time" in page
    table = client.get(url(seeded, "documents")).get_data(as_text=True)
    assert "p-0" in table and "status-done" in table and "status-not_started" in table


def test_document_pages_page_with_htmx_fragments(client, auth, session, seeded):
    for i in range(55):
        make_document(session, seeded.project, external_id=f"x-{i:02d}")
    auth.login("lead")
    fragment = client.get(url(seeded, "documents") + "?page=2", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in text and "x-54" in text and "x-00" not in text
    progress = client.get(url(seeded, "progress") + "?page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert 'id="document-progress"' in progress and "<html" not in progress
    bad = client.get(url(seeded, "documents") + "?page=zero")
    assert bad.status_code == 422 and 'data-field="page"' in bad.get_data(as_text=True)


def test_start_page_links_leads_to_their_pages_only(client, auth, seeded):
    auth.login("lead")
    assert url(seeded, "progress") in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login("ann1")
    page = client.get("/").get_data(as_text=True)
    assert url(seeded, "progress") not in page and "/agreement" not in page
