"""The JSONL download is streamed: written as it is read, the same bytes as the command line's
file, bad input refused before the first byte, and the export's event recorded at the end."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator.models import Event, Project
from tests.export.test_cli_and_web import built, fixed_clock  # noqa: F401 (fixtures)


def _public_id(session) -> str:
    return session.scalar(select(Project.public_id).where(Project.name == "Demo"))


def _exports(session) -> int:
    session.rollback()
    return session.scalar(select(func.count()).select_from(Event).where(Event.action == "project.export"))


def test_the_jsonl_download_streams_the_cli_file(session, client, auth, runner, built, tmp_path, fixed_clock):  # noqa: F811
    output = tmp_path / "cli.jsonl"
    assert runner.invoke(args=["export", "--project", "Demo", "--format", "jsonl", "--output", str(output)]).exit_code == 0
    before = _exports(session)
    auth.login("lead")
    with client.get(f"/projects/{_public_id(session)}/export.jsonl", buffered=False) as response:
        assert response.status_code == 200 and response.is_streamed
        assert response.mimetype == "application/x-ndjson"
        assert response.headers["Content-Disposition"] == "attachment; filename=demo-20240601-110000.jsonl"
        assert _exports(session) == before  # nothing recorded before the file is out
        downloaded = b"".join(response.response)
    assert _exports(session) == before + 1
    assert downloaded == output.read_bytes()


@pytest.mark.parametrize("query, field", [("?annotator=nobody", "annotator"), ("?document=missing", "document"),
                                          ("?language=de", "language")])
def test_a_bad_selection_is_refused_before_any_byte(session, client, auth, built, query, field):  # noqa: F811
    auth.login("lead")
    response = client.get(f"/projects/{_public_id(session)}/export.jsonl{query}")
    assert response.status_code == 422 and field in response.get_data(as_text=True)
    assert _exports(session) == 0
