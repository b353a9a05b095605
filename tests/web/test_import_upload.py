"""The lead's upload form."""
from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import func, select

from annotator.models import Document

FIXTURES = Path(__file__).resolve().parents[1] / "importing" / "fixtures"


def _upload(client, auth, project, files, **extra):
    data = {"csrf_token": auth.csrf_token(), **extra}
    data["files"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(f"/projects/{project.public_id}/import", data=data, content_type="multipart/form-data",
                       headers={"HX-Request": "true"})


def test_lead_uploads_an_arabic_blog_page(client, auth, session, seeded):
    auth.login("lead")
    response = _upload(client, auth, seeded.project, [("blog.html", (FIXTURES / "arabic_blog.html").read_bytes())])
    assert response.status_code == 200
    assert "Imported 1 document</strong>" in response.get_data(as_text=True)  # not "1 documents"
    assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_annotator_cannot_upload(client, auth, session, seeded):
    auth.login("ann1")
    response = _upload(client, auth, seeded.project, [("a.txt", b"Title\n\nBody text here.")])
    assert response.status_code == 403
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_bad_upload_is_a_422_naming_the_file(client, auth, session, seeded):
    auth.login("lead")
    response = _upload(client, auth, seeded.project, [("notes.pdf", b"%PDF-1.4")])
    assert response.status_code == 422
    assert "notes.pdf" in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_upload_without_csrf_token_is_refused(client, auth, session, seeded):
    auth.login("lead")
    response = client.post(f"/projects/{seeded.project.public_id}/import",
                           data={"files": [(io.BytesIO(b"x"), "a.txt")]}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_no_files_names_the_field(client, auth, seeded):
    auth.login("lead")
    response = client.post(f"/projects/{seeded.project.public_id}/import", data={"csrf_token": auth.csrf_token()},
                           headers={"Accept": "application/json"})
    assert response.status_code == 422 and response.get_json()["field"] == "files"
