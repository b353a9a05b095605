"""Every bad input a clear 4xx naming the field (or a CLI exit code), never a 500; nothing changes.
On SQLite and PostgreSQL (which refuses NUL in text and checks column lengths)."""
from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from annotator.app import create_app
from annotator.models import Actor, Document
from tests.conftest import AuthActions, app_config
from tests.factories import assign, make_document
from tests.layer_factories import LayerUser

DEEP = "[" * 100_000 + "]" * 100_000
BIG_INT = "9" * 5000


def count(session, model) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def upload(client, auth, project, name: str, content: bytes):
    return client.post(f"/projects/{project.public_id}/import", content_type="multipart/form-data",
                       data={"csrf_token": auth.csrf_token(), "files": [(io.BytesIO(content), name)]},
                       headers={"HX-Request": "true"})


@pytest.mark.parametrize("line, words", [
    ('{"text": ' + DEEP + '}', "nested too deeply"),
    ('{"id": ' + BIG_INT + ', "text": "Some text."}', "a number too long"),
    (json.dumps({"text": "Some text.", "author": "x" * 301}), "author"),
])
def test_article_jsonl_that_breaks_the_parser_or_a_column_is_a_422(client, auth, session, seeded, line, words):
    auth.login("lead")
    response = upload(client, auth, seeded.project, "articles.jsonl", (line + "\n").encode())
    body = response.get_data(as_text=True)
    assert response.status_code == 422, body[:500]
    assert words in body and "line 1" in body
    assert count(session, Document) == 0


def test_an_author_of_300_characters_still_imports(client, auth, session, seeded):
    auth.login("lead")
    line = json.dumps({"text": "Some text.", "author": "ع" * 300})
    assert upload(client, auth, seeded.project, "a.jsonl", line.encode()).status_code == 200
    assert count(session, Document) == 1


def test_the_cli_import_exits_2_for_deep_json(runner, session, seeded, tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": ' + DEEP + '}\n')
    result = runner.invoke(args=["import", "--project", "Demo", str(path)])
    assert result.exit_code == 2 and "nested too deeply" in result.output
    assert count(session, Document) == 0


def test_annotations_jsonl_nested_too_deep_exits_2(runner, session, seeded, tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text(DEEP + "\n")
    result = runner.invoke(args=["import-annotations", "--project", "Demo", str(path)])
    assert result.exit_code == 2, result.output
    assert "nested too deeply" in result.output and "Traceback" not in result.output


def test_an_upload_over_the_request_limit_is_a_413_naming_the_limit(database_url, tmp_path, session, seeded):
    app = create_app(app_config(database_url, tmp_path, TESTING=True, MAX_CONTENT_LENGTH=10_000))
    client = app.test_client()
    auth = AuthActions(client)
    auth.login("lead")
    response = upload(client, auth, seeded.project, "big.txt", b"x" * 20_000)
    body = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "10,000 bytes" in body and 'data-field="files"' in body and 'role="alert"' in body
    json_answer = client.post(f"/projects/{seeded.project.public_id}/import", data=b"x" * 20_000,
                              headers={"Accept": "application/json", "Content-Type": "application/octet-stream"})
    assert json_answer.status_code == 413 and json_answer.get_json()["limit_bytes"] == 10_000
    assert count(session, Document) == 0
    app.extensions["annotator.engine"].dispose()


def test_the_import_page_shows_refusals_where_the_result_goes(client, auth, seeded):
    auth.login("lead")
    page = client.get(f"/projects/{seeded.project.public_id}/import").get_data(as_text=True)
    assert 'id="import-result" aria-live="polite" data-show-problems' in page


def _actors_url(seeded, tail=""):
    return f"/projects/{seeded.project.public_id}/actors{tail}"


def test_an_actor_csv_cell_over_the_csv_limit_is_a_422(app, session, seeded):
    lead = LayerUser(app, "lead")
    csv_text = "canonical_name,kind,aliases\n" + "Mali,state," + "م" * 131_073 + "\n"
    response = lead.client.post(_actors_url(seeded, "/import"), headers=lead.headers(),
                                data={"file": (io.BytesIO(csv_text.encode()), "actors.csv")},
                                content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 422, body[:300]
    assert "row 2" in body and "field larger than field limit" in body
    assert count(session, Actor) == 0


def test_the_cli_refuses_an_actor_file_over_2_mb(runner, session, seeded, tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("canonical_name,kind,aliases\n" + "Mali,state,مالي\n" * 150_000, encoding="utf-8")
    result = runner.invoke(args=["actors", "import", "--project", "Demo", str(path)])
    assert result.exit_code == 2 and "2 MB" in result.output
    assert count(session, Actor) == 0


@pytest.mark.parametrize("field, data", [
    ("canonical_name", {"canonical_name": "Ma\x00li", "kind": "state", "aliases": "مالي"}),
    ("aliases", {"canonical_name": "Mali", "kind": "state", "aliases": "ما\x00لي"}),
])
def test_a_nul_byte_in_an_actor_name_is_a_422(app, session, seeded, field, data):
    lead = LayerUser(app, "lead")
    response = lead.client.post(_actors_url(seeded), headers=lead.headers(), data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 422, body[:300]
    assert "control characters" in body and field in body
    assert count(session, Actor) == 0


def test_a_nul_byte_in_a_proposed_actor_is_a_422(app, session, seeded):
    text = "انسحبت قوات الفيلق الأفريقي"
    aset = assign(session, make_document(session, seeded.project, (("body", text),), language="ar"), seeded.ann1)
    ann1 = LayerUser(app, "ann1")
    response = ann1.post(aset, "actor-proposals", {"name": "Africa\x00Corps", "paragraph": 0, "start": 0, "end": 6})
    assert response.status_code == 422 and "control characters" in response.get_data(as_text=True)
    assert count(session, Actor) == 0


def test_the_same_actor_proposed_twice_in_one_set_is_a_409(app, session, seeded):
    text = "انسحبت قوات الفيلق الأفريقي، ثم عاد الفيلق الأفريقي"
    aset = assign(session, make_document(session, seeded.project, (("body", text),), language="ar"), seeded.ann1)
    ann1 = LayerUser(app, "ann1")
    phrase = "الفيلق الأفريقي"
    first, second = text.index(phrase), text.rindex(phrase)
    response = ann1.post(aset, "actor-proposals", {"name": "Africa Corps", "paragraph": 0, "start": first,
                                                   "end": first + len(phrase)})
    assert response.status_code == 201
    response = ann1.post(aset, "actor-proposals", {"name": "Africa Corps", "paragraph": 0, "start": second,
                                                   "end": second + len(phrase)})
    body = response.get_data(as_text=True)
    assert response.status_code == 409 and "already proposed" in body and 'data-field="name"' in body
    assert count(session, Actor) == 1
