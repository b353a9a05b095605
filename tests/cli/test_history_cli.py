"""`annotator audit export`, `annotator backup` and `annotator restore` through Flask's CLI runner."""
from __future__ import annotations

import csv
import io
import json

from sqlalchemy import func, select

from annotator.models import Event, Span
from annotator.services.annotation import spans
from annotator.services.history import undo as history
from annotator.services.history.sign_ins import record_sign_in
from tests.factories import assign, make_document

TEXT = "=SUM(A1) قالَ الرَّئِيسُ إن الاتفاق سيصمد"


def _history(session, seeded):
    document = make_document(session, seeded.project, [("body", TEXT)], language="ar", external_id="doc-ar")
    aset = assign(session, document, seeded.ann1)
    start = TEXT.index("=SUM(A1)")
    spans.create_span(session, seeded.ann1, aset.public_id, paragraph_index=0, utf16_start=start, utf16_end=start + 8,
                      quoted_text="=SUM(A1)", label="claim", snap_words=False)
    history.undo(session, seeded.ann1, aset.public_id)
    record_sign_in(session, "sign_in_failed", username="ann1", address="10.1.2.3")
    return aset


def test_audit_export_as_jsonl_with_filters(runner, session, seeded):
    _history(session, seeded)
    result = runner.invoke(args=["audit", "export", "--project", "Demo", "--format", "jsonl", "--user", "ann1"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["action"], r["history"]) for r in records] == [
        ("span.create", None), ("span.delete", "undo"), ("auth.sign_in_failed", None)]
    assert records[0]["document"] == "doc-ar" and records[0]["after"]["text"] == "=SUM(A1)"
    assert records[2]["after"] == {"username": "ann1", "address": "10.1.2.3"}
    only = runner.invoke(args=["audit", "export", "--format", "jsonl", "--kind", "auth"])
    assert [json.loads(line)["action"] for line in only.stdout.splitlines()] == ["auth.sign_in_failed"]


def test_audit_export_as_csv_never_writes_a_formula(runner, session, seeded, tmp_path):
    _history(session, seeded)
    target = tmp_path / "audit" / "log.csv"
    result = runner.invoke(args=["audit", "export", "--project", "Demo", "--output", str(target),
                                 "--document", "doc-ar"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [row["action"] for row in rows] == ["span.create", "span.delete"]
    assert rows[0]["description"] == "tagged «=SUM(A1)» as claim"
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
    assert json.loads(rows[1]["before"])["text"] == "=SUM(A1)"


def test_audit_export_refuses_unknown_names(runner, session, seeded):
    assert runner.invoke(args=["audit", "export", "--project", "Nope"]).exit_code == 3
    missing = runner.invoke(args=["audit", "export", "--user", "nobody"])
    assert missing.exit_code == 3 and "user: no user named 'nobody'" in missing.output
    assert runner.invoke(args=["audit", "export", "--kind", "everything"]).exit_code == 2


def test_backup_then_restore_refuses_a_database_with_rows(runner, session, seeded, tmp_path):
    _history(session, seeded)
    path = tmp_path / "backups" / "annotator.backup"
    made = runner.invoke(args=["backup", str(path)])
    assert made.exit_code == 0, made.output
    assert f"wrote {path}" in made.output and path.stat().st_size > 0
    assert not list(path.parent.glob("*.part"))
    events = session.scalar(select(func.count(Event.id)))
    refused = runner.invoke(args=["restore", str(path)])
    assert refused.exit_code == 4
    assert "database: the database is not empty" in refused.output and "restore only onto an empty database" in refused.output
    session.expire_all()
    assert session.scalar(select(func.count(Event.id))) == events
    assert runner.invoke(args=["restore", str(tmp_path / "missing.backup")]).exit_code == 3


def test_restore_onto_an_empty_database_through_the_cli(database_url, tmp_path, session, seeded, monkeypatch):
    from annotator.app import create_app
    from tests.conftest import CommandRunner, app_config

    _history(session, seeded)
    source = create_app(app_config(database_url, tmp_path))
    path = tmp_path / "copy.backup"
    assert CommandRunner(source).invoke(["backup", str(path)]).exit_code == 0
    spans_before = session.scalar(select(func.count(Span.id)))
    events_before = session.scalar(select(func.count(Event.id)))
    source.extensions["annotator.engine"].dispose()
    if not database_url.startswith("sqlite"):
        return  # PostgreSQL: tests/services/test_backup.py restores into the (wiped) test database
    empty = create_app(app_config(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path / "other"))
    result = CommandRunner(empty).invoke(["restore", str(path)])
    assert result.exit_code == 0, result.output
    assert f"events: {events_before}" in result.output and "users: 5" in result.output
    engine = empty.extensions["annotator.engine"]
    with engine.connect() as conn:
        assert conn.execute(select(func.count(Span.id))).scalar_one() == spans_before
    engine.dispose()
