"""Migrations: an empty database upgrades to head, and head matches the models exactly."""
from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from annotator import migrate
from annotator.db import make_engine
from annotator.models import Base

URLS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(params=URLS)
def empty_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    else:
        engine = make_engine(os.environ["TEST_DATABASE_URL"])
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS migration_check CASCADE; CREATE SCHEMA migration_check"))
        engine.dispose()
        engine = make_engine(os.environ["TEST_DATABASE_URL"])

        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _search_path(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("SET search_path TO migration_check")
            cursor.close()
    yield engine
    if request.param != "sqlite":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA migration_check CASCADE"))
    engine.dispose()


def test_empty_database_upgrades_to_head(empty_engine):
    assert migrate.current_revision(empty_engine) is None
    migrate.upgrade(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_head_matches_the_models(empty_engine):
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrading_twice_keeps_the_data(empty_engine):
    migrate.upgrade(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(text("INSERT INTO users (public_id, username, display_name, password_hash, is_admin, "
                          "is_active, session_token, created_at) VALUES ('u-1', 'kept', 'Kept', 'x', false, true, "
                          "'t', CURRENT_TIMESTAMP)"))
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT username FROM users")).scalar_one() == "kept"


@pytest.mark.parametrize("dialect_name", ["sqlite", "postgresql"])
def test_the_document_level_unique_indexes_are_partial_on_both_databases(dialect_name):
    # models.base.PartialIndex gives PostgreSQL its `where` only when its options are first read.
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex

    dialect = {"sqlite": sqlite, "postgresql": postgresql}[dialect_name].dialect()
    partial = {index.name: str(CreateIndex(index).compile(dialect=dialect))
               for table in Base.metadata.tables.values() for index in table.indexes
               if index.name.endswith("_document_level")}
    assert sorted(partial) == ["uq_frame_choices_document_level", "uq_stances_document_level"]
    assert all(ddl.endswith(" WHERE paragraph_id IS NULL") for ddl in partial.values()), partial


def test_frame_and_stance_origin_columns_come_and_go_without_losing_a_row(session, seeded, app):
    """0015 adds an origin to frames and stances: every row already there reads "manual" (a
    person's); going back down drops only the column, never a frame or a stance."""
    from annotator.models import FrameChoice, Stance
    from tests.factories import add_frame, add_stance, assign, make_actor, make_document

    document = make_document(session, seeded.project, [("body", "الحكومة تتحدث")], language="ar")
    aset = assign(session, document, seeded.ann1)
    add_frame(session, aset, "economic", primary=True)
    add_stance(session, aset, make_actor(session, seeded.project, "الحكومة"), "against")
    session.execute(FrameChoice.__table__.update().values(origin="suggested"))
    session.execute(Stance.__table__.update().values(origin="suggested"))
    session.commit()
    session.close()
    engine = app.extensions["annotator.engine"]
    counted = "SELECT (SELECT count(*) FROM frame_choices), (SELECT count(*) FROM stances)"

    migrate.downgrade(engine, "0014_recs_active_ordering")
    assert migrate.current_revision(engine) == "0014_recs_active_ordering"
    with engine.connect() as conn:
        assert "origin" not in {c["name"] for c in inspect(conn).get_columns("stances")}
        assert tuple(conn.execute(text(counted)).one()) == (1, 1)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert tuple(conn.execute(text(counted)).one()) == (1, 1)
        assert conn.execute(text("SELECT origin FROM frame_choices")).scalar_one() == "manual"
        assert conn.execute(text("SELECT origin FROM stances")).scalar_one() == "manual"


def test_the_claim_target_index_comes_and_goes_without_losing_a_span(session, seeded, app):
    """0016 adds a partial index of the spans that name a claim's target; going back down drops
    only the index."""
    from tests.factories import add_span, assign, make_document

    aset = assign(session, make_document(session, seeded.project, [("body", "الحكومة تتحدث")], language="ar"),
                  seeded.ann1)
    add_span(session, aset, 0, "claim", 0, 7)
    session.commit()
    session.close()
    engine = app.extensions["annotator.engine"]

    def state() -> tuple[bool, int]:
        with engine.connect() as conn:
            indexed = "ix_spans_claim_target" in {i["name"] for i in inspect(conn).get_indexes("spans")}
            return indexed, conn.execute(text("SELECT count(*) FROM spans")).scalar_one()

    assert state() == (True, 1)
    migrate.downgrade(engine, "0015_frame_stance_origin")
    assert migrate.current_revision(engine) == "0015_frame_stance_origin" and state() == (False, 1)
    migrate.upgrade(engine)
    assert state() == (True, 1)
