"""Backup while annotators save, and restore onto an empty database, on SQLite and PostgreSQL.

A backup taken under write load must be one consistent moment: every save it holds is whole
(the span, its event, the document's revision), none is torn, and everything else is exactly
the live database's. A backup taken at rest restores to identical row counts and contents.
"""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select, text

from annotator.db import make_engine
from annotator.errors import Conflict, Invalid, NotFound
from annotator.models import AnnotationSet, Base, Document, Event, Span
from annotator.services.annotation import spans
from annotator.services.backup import copies
from tests.factories import assign, make_document

PARAGRAPHS = 400
MOVING = {"spans", "events", "annotation_sets", "documents"}  # what the writer changes


def _state(engine) -> dict[str, list[tuple]]:
    """Every table's rows, ordered by primary key."""
    with engine.connect() as conn:
        return {table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                for table in Base.metadata.sorted_tables}


def _empty_target(database_url: str, tmp_path, name: str = "restored"):
    if database_url.startswith("sqlite"):
        return make_engine(f"sqlite:///{tmp_path / (name + '.sqlite3')}")
    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    return engine


class Writer(threading.Thread):
    """An annotator saving a span after another, each save its own transaction, until stopped."""

    def __init__(self, app, user_id: int, set_public_id: str):
        super().__init__(daemon=True)
        self.app, self.user_id, self.set_public_id = app, user_id, set_public_id
        self.saved = 0
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        session = self.app.extensions["annotator.sessionmaker"]()
        user = type("IdCard", (), {"id": self.user_id})()
        try:
            while not self.stop.is_set() and self.saved < PARAGRAPHS:
                spans.create_span(session, user, self.set_public_id, paragraph_index=self.saved, utf16_start=0,
                                  utf16_end=6, quoted_text="كلمة🎉", label="claim", snap_words=False)
                self.saved += 1
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            session.close()

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while self.saved < count and self.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.error is None and self.saved >= count, self.error


@pytest.mark.parametrize("method", ["auto", "logical"])
def test_backup_under_write_load_restores_a_consistent_moment(app, session, seeded, database_url, tmp_path,
                                                              monkeypatch, method):
    """auto: the SQLite backup API or pg_dump; logical (ANNOTATOR_BACKUP_METHOD): every table in one snapshot."""
    monkeypatch.setenv("ANNOTATOR_BACKUP_METHOD", method)
    document = make_document(session, seeded.project, [("body", f"كلمة🎉 رقم {i}") for i in range(PARAGRAPHS)],
                             language="ar")
    aset = assign(session, document, seeded.ann1)
    start_revision = document.revision or 0
    writer = Writer(app, seeded.ann1.id, aset.public_id)
    engine = app.extensions["annotator.engine"]
    writer.start()
    try:
        writer.wait_for(20)
        during = copies.backup(engine, tmp_path / "during.backup")
        at_backup = writer.saved
        writer.wait_for(at_backup + 20)
    finally:
        writer.stop.set()
        writer.join(60)
    assert writer.error is None
    assert during.kind == ("logical" if method == "logical" else "sqlite" if database_url.startswith("sqlite")
                           else "pg_dump")
    live = _state(engine)
    at_rest = copies.backup(engine, tmp_path / "at-rest.backup")

    target = _empty_target(database_url, tmp_path)
    try:
        restored = copies.restore(target, during.path)
        held = _state(target)
        # Whole saves only: each span with its event and its revision bump; fewer than in the end.
        with target.connect() as conn:
            count = conn.execute(select(Span.id).where(Span.set_id == aset.id)).all()
            events = conn.execute(select(Event.id).where(Event.set_id == aset.id, Event.action == "span.create")).all()
            revision = conn.execute(select(Document.revision).where(Document.id == document.id)).scalar_one()
            status = conn.execute(select(AnnotationSet.status).where(AnnotationSet.id == aset.id)).scalar_one()
        assert 20 <= len(count) <= at_backup + 1 < writer.saved
        assert len(events) == len(count) == revision - start_revision and status == "in_progress"
        assert restored.rows["spans"] == len(count)
        for name in ("spans", "events"):  # rows the writer only adds: each one as it is live
            now = {row[0]: row for row in live[name]}
            assert all(now.get(row[0]) == row for row in held[name]), name
        for name, rows in held.items():
            if name not in MOVING:
                assert rows == live[name], name

        # At rest: identical row counts and contents, table by table.
        target.dispose()
        target = _empty_target(database_url, tmp_path, "restored-at-rest")
        copies.restore(target, at_rest.path)
        assert _state(target) == live
        assert copies.row_counts(target) == {name: len(rows) for name, rows in live.items()}
    finally:
        target.dispose()
        _schema_back(database_url, target)


def _schema_back(database_url: str, engine) -> None:
    """On PostgreSQL the test restored into the shared test database: leave it migrated."""
    if not database_url.startswith("sqlite"):
        from annotator import migrate

        migrate.upgrade(engine)
        engine.dispose()


def test_restore_refuses_a_database_with_rows_and_changes_nothing(app, session, seeded, tmp_path):
    engine = app.extensions["annotator.engine"]
    made = copies.backup(engine, tmp_path / "copy.backup")
    before = _state(engine)
    with pytest.raises(Conflict, match="not empty .*users: 5.*restore only onto an empty database"):
        copies.restore(engine, made.path)
    assert _state(engine) == before


def test_restore_names_a_missing_or_foreign_file(app, tmp_path, database_url):
    target = _empty_target(database_url, tmp_path)
    try:
        with pytest.raises(NotFound):
            copies.restore(target, tmp_path / "nowhere.backup")
        foreign = tmp_path / "notes.txt"
        foreign.write_text("not a backup")
        with pytest.raises(Invalid, match="is not a"):
            copies.restore(target, foreign)
    finally:
        target.dispose()
        _schema_back(database_url, target)


def _old_pg_dump(tmp_path):
    """A folder whose pg_dump is version 9.6, as an old client package on the machine would be."""
    old = tmp_path / "old-bin"
    old.mkdir(exist_ok=True)
    for name in ("pg_dump", "pg_restore"):
        tool = old / name
        tool.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) 9.6.24'\n")
        tool.chmod(0o755)
    return old


@pytest.mark.parametrize("client", ["too old", "missing"])
def test_without_a_usable_pg_dump_the_backup_is_logical_and_restores_identically(
        app, session, seeded, database_url, tmp_path, monkeypatch, client):
    if database_url.startswith("sqlite"):
        pytest.skip("pg_dump is for PostgreSQL")
    document = make_document(session, seeded.project, [("body", "كلمة🎉 رقم ١"), ("body", "ـــتطويل")], language="ar")
    aset = assign(session, document, seeded.ann1)
    user = type("IdCard", (), {"id": seeded.ann1.id})()
    spans.create_span(session, user, aset.public_id, paragraph_index=0, utf16_start=0, utf16_end=6,
                      quoted_text="كلمة🎉", label="claim", snap_words=False)
    engine = app.extensions["annotator.engine"]
    live = _state(engine)
    bin_folder = _old_pg_dump(tmp_path) if client == "too old" else tmp_path / "empty-bin"
    bin_folder.mkdir(exist_ok=True)
    monkeypatch.setenv("ANNOTATOR_PG_BIN", str(bin_folder))
    made = copies.backup(engine, tmp_path / "logical.backup")
    assert made.kind == "logical"
    assert ("version 9 but the server is" in made.why) if client == "too old" else ("not installed" in made.why)

    target = _empty_target(database_url, tmp_path)  # no tables at all: the restore makes the schema
    try:
        restored = copies.restore(target, made.path)
        assert restored.kind == "logical"
        assert _state(target) == live
        # The id sequences moved past the restored rows: the next span saves.
        with target.begin() as conn:
            highest = conn.execute(select(Span.id).order_by(Span.id.desc())).scalar()
            nextval = conn.execute(text("SELECT nextval(pg_get_serial_sequence('spans', 'id'))")).scalar()
        assert nextval > highest
    finally:
        target.dispose()
        _schema_back(database_url, target)


def test_pg_dump_asked_for_by_name_is_refused_when_too_old(app, database_url, tmp_path, monkeypatch):
    if database_url.startswith("sqlite"):
        pytest.skip("pg_dump is for PostgreSQL")
    monkeypatch.setenv("ANNOTATOR_PG_BIN", str(_old_pg_dump(tmp_path)))
    monkeypatch.setenv("ANNOTATOR_BACKUP_METHOD", "pg_dump")
    with pytest.raises(Invalid, match="pg_dump is version 9 but the server is 1[0-9]"):
        copies.backup(app.extensions["annotator.engine"], tmp_path / "never.backup")
    assert not list(tmp_path.glob("never.backup*"))
