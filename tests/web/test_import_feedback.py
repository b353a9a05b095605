"""The import page answers every upload where the lead looks (issue 18): a refusal names the file
and says nothing was imported; a success links to the new documents and to assignment."""
from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from annotator.models import Document


def upload(client, auth, project, files):
    data = {"csrf_token": auth.csrf_token(), "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(f"/projects/{project.public_id}/import", data=data, content_type="multipart/form-data",
                       headers={"HX-Request": "true"})


@pytest.mark.parametrize("name, content, why", [
    ("renamed.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "not a text file"),
    ("empty.txt", b"", "empty"),
])
def test_a_refused_file_is_named_in_the_result_area(client, auth, session, seeded, name, content, why):
    auth.login("lead")
    response = upload(client, auth, seeded.project, [("good.txt", b"Title\n\nA body paragraph."), (name, content)])
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was imported" in html and name in html and why in html
    assert 'class="problem"' in html and "<html" not in html  # a fragment for the result area
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_a_success_links_to_each_new_document_and_to_assignment(client, auth, session, seeded):
    auth.login("lead")
    response = upload(client, auth, seeded.project, [("a.txt", b"First title\n\nBody one."),
                                                     ("b.md", "# عنوان ثانٍ\n\nنص.".encode())])
    html = response.get_data(as_text=True)
    assert "Imported 2 documents</strong> (4 paragraphs) from 2 files" in html
    previews = re.findall(r'href="(/projects/[^"]+/team/documents/[^"]+)"', html)
    assert len(previews) == 2 and "First title" in html and "عنوان ثانٍ" in html
    assert f'href="/projects/{seeded.project.public_id}/team/assign"' in html
    assert client.get(previews[0]).status_code == 200


def test_the_import_and_actor_pages_carry_the_team_tabs(client, auth, seeded):
    auth.login("lead")
    for page, current in (("import", "Import"), ("actors", "Actors")):
        html = client.get(f"/projects/{seeded.project.public_id}/{page}").get_data(as_text=True)
        assert 'class="subnav"' in html and f'aria-current="page">{current}<' in html
        assert ">Assignment<" in html and ">Progress<" in html
