"""`annotator export`, `annotator import-annotations` and the dashboard's download: one service, one file."""
from __future__ import annotations

import io
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event

from annotator.app import create_app
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME, CommandRunner
from tests.export.helpers import all_values, workbook
from tests.export_fixtures import build
from annotator.services.interchange.export import export_project

FIXED = datetime(2024, 6, 1, 10, 0, 0)  # UTC


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr("annotator.services.interchange.export.export_clock", lambda: FIXED)


@pytest.fixture
def built(session, seeded):
    return build(session, seeded)


def test_cli_writes_a_timestamped_workbook_under_the_export_folder(app, runner, built, fixed_clock):
    result = runner.invoke(args=["export", "--project", "Demo", "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    path = Path(app.config["EXPORT_DIR"]) / "demo-20240601-110000.xlsx"  # 11:00 in Casablanca
    assert path.exists() and f"wrote {path}" in result.output and "Spans: 12" in result.output
    assert not list(path.parent.glob("*.part"))
    assert workbook(path.read_bytes()).sheetnames[0] == "About"


@pytest.mark.parametrize("fmt, suffix", [("csv", "zip"), ("jsonl", "jsonl")])
def test_cli_other_formats_and_filters(runner, built, tmp_path, fmt, suffix):
    output = tmp_path / f"out.{suffix}"
    result = runner.invoke(args=["export", "--project", "Demo", "--format", fmt, "--output", str(output),
                                 "--document", "sahel-001", "--annotator", "ann1"])
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 0


@pytest.mark.parametrize("args, code, words", [
    (["--project", "Nope"], 3, "Nope"),
    (["--project", "Demo", "--annotator", "nobody"], 2, "annotator: no user named 'nobody'"),
    (["--project", "Demo", "--document", "missing"], 2, "document: no document with id 'missing'"),
    (["--project", "Demo", "--language", "de"], 2, "language"),
    (["--project", "Demo", "--format", "pdf"], 2, "pdf"),
])
def test_cli_errors_exit_non_zero_and_leave_no_file(app, runner, built, tmp_path, args, code, words):
    output = tmp_path / "out.xlsx"
    result = runner.invoke(args=["export", *args, "--output", str(output)])
    assert result.exit_code == code and words in result.output
    assert not output.exists() and not list(tmp_path.glob("*.part"))


def test_dashboard_download_and_cli_give_the_same_workbook(app, client, auth, runner, built, tmp_path, fixed_clock):
    output = tmp_path / "cli.xlsx"
    assert runner.invoke(args=["export", "--project", "Demo", "--output", str(output)]).exit_code == 0
    auth.login("lead")
    with client.get(f"/projects/{_public_id(app)}/export.xlsx") as response:  # closing frees the spooled file
        assert response.status_code == 200
        assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        assert "filename=demo-20240601-110000.xlsx" in response.headers["Content-Disposition"]
        downloaded = response.get_data()
    assert all_values(downloaded) == all_values(output.read_bytes())
    web_book, cli_book = workbook(downloaded), workbook(output.read_bytes())
    assert web_book.properties.created == cli_book.properties.created == FIXED
    assert web_book.properties.modified == cli_book.properties.modified == FIXED


def _public_id(app) -> str:
    from sqlalchemy import select

    from annotator.models import Project

    with app.extensions["annotator.sessionmaker"]() as s:
        return s.scalar(select(Project.public_id).where(Project.name == "Demo"))


@pytest.mark.parametrize("username, status", [("admin", 200), ("lead", 200), ("ann1", 403), ("outsider", 404)])
def test_only_leads_download(app, client, auth, built, username, status):
    auth.login(username)
    with client.get(f"/projects/{_public_id(app)}/export.jsonl") as response:
        assert response.status_code == status


def test_download_answers_404_for_an_unknown_format(app, client, auth, built):
    auth.login("lead")
    assert client.get(f"/projects/{_public_id(app)}/export.pdf").status_code == 404


def test_the_export_link_is_shown_to_leads_only(app, client, auth, built):
    auth.login("lead")
    page = client.get("/").get_data(as_text=True)
    assert f"/projects/{_public_id(app)}/export.xlsx" in page
    auth.logout()
    auth.login("ann1")
    assert "/export.xlsx" not in client.get("/").get_data(as_text=True)


def test_import_cli_reports_every_error_by_line_and_exits_non_zero(runner, session, seeded, tmp_path):
    projects.create_project(session, "Copy", DEFAULT_SCHEME)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type":"header","format":"annotator-interchange","version":1}\n'
                   '{"type":"document","id":"d1","external_id":"x","title":"T",'
                   '"paragraphs":[{"index":0,"kind":"title","text":"T"}]}\n'
                   '{"type":"set","id":"s1","document":"d9","annotator":"ann1"}\n'
                   'not json\n', encoding="utf-8")
    result = runner.invoke(args=["import-annotations", "--project", "Copy", str(bad)])
    assert result.exit_code == 2
    assert "line 4: _line: not valid JSON" in result.output
    bad.write_text(bad.read_text(encoding="utf-8").replace("not json\n", ""), encoding="utf-8")
    result = runner.invoke(args=["import-annotations", "--project", "Copy", str(bad)])
    assert result.exit_code == 2 and "line 3: set.document: no document with id 'd9'" in result.output


def test_round_trip_between_installations_through_the_cli(app, runner, session, built, tmp_path, sqlite_template):
    """Export here, import into a fresh installation (its own database, no users), export there."""
    exported = tmp_path / "demo.jsonl"
    assert runner.invoke(args=["export", "--project", "Demo", "--format", "jsonl",
                               "--output", str(exported)]).exit_code == 0
    database = tmp_path / "other.sqlite3"
    shutil.copy(sqlite_template, database)
    other = create_app({**app.config, "DATABASE_URL": f"sqlite:///{database}",
                        "INSTANCE_PATH": str(tmp_path / "other")})
    try:
        other_runner = CommandRunner(other)
        with other.extensions["annotator.sessionmaker"]() as other_session:
            projects.create_project(other_session, "Demo", DEFAULT_SCHEME, time_zone="Africa/Casablanca")
        result = other_runner.invoke(args=["import-annotations", "--project", "Demo", str(exported)])
        assert result.exit_code == 2 and "--create-users" in result.output
        result = other_runner.invoke(args=["import-annotations", "--project", "Demo", str(exported),
                                           "--create-users"])
        assert result.exit_code == 0, result.output
        assert "2 users" in result.output and "12 spans" in result.output
        again = tmp_path / "again.jsonl"
        assert other_runner.invoke(args=["export", "--project", "Demo", "--format", "jsonl",
                                         "--output", str(again)]).exit_code == 0
        assert again.read_bytes() == exported.read_bytes()
    finally:
        other.extensions["annotator.engine"].dispose()


def test_queries_do_not_grow_with_the_data(app, session, seeded):
    """A constant number of statements per export, however many documents, sets and spans."""
    def count_statements(project) -> int:
        statements = []
        engine = app.extensions["annotator.engine"]

        def listener(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", listener)
        try:
            for fmt in ("xlsx", "csv", "jsonl"):
                export_project(session, project, fmt, io.BytesIO(), with_agreement=False)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    build(session, seeded)
    bigger = projects.create_project(session, "Bigger", DEFAULT_SCHEME)
    for suffix in ("", "-b", "-c"):  # three times the documents, sets and annotations
        build(session, seeded, project=bigger, suffix=suffix)
    assert count_statements(bigger) == count_statements(seeded.project)
