"""Fixtures: an app on a real database (SQLite always; PostgreSQL too where TEST_DATABASE_URL is set),
a test client, a CLI runner, and a seeded project with an admin, a lead and two annotators."""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from annotator import migrate
from annotator.app import create_app
from annotator.db import make_engine
from annotator.models import Base

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SCHEME = (REPO / "guidelines" / "scheme.yaml").read_text(encoding="utf-8")
PASSWORD = "correct-horse-42"
PG_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def pytest_sessionstart(session):
    """The .mo catalogs are built from the committed .po files (`make translations`); a test run
    started without make builds the missing or stale ones the same way."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (REPO / "annotator" / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parts[-3])
            with mo.open("wb") as target:
                write_mo(target, catalog)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite file, copied for each test: migrations run once, tests stay isolated."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_migrated():
    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def _truncate_pg(engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    _truncate_pg(request.getfixturevalue("pg_migrated"))
    return PG_URL


def app_config(database_url: str, tmp_path: Path, **extra) -> dict:
    """The configuration every test app shares (the HTTP tests' and the browser tests')."""
    return {
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "EXPORT_DIR": str(tmp_path / "exports"),
        "AGREEMENT_BACKGROUND": False,
        # Jobs run where they are asked; tests/jobs also run them through a real worker.
        "JOBS_IMMEDIATE": True,
        # Argon2id still, at a cost that keeps the suite fast.
        "PASSWORD_HASH_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
        **extra,
    }


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(app_config(database_url, tmp_path, TESTING=True))
    yield app
    app.extensions["annotator.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


class CommandRunner:
    """Runs the real `annotator` command group against the test app."""

    def __init__(self, app):
        self._runner = app.test_cli_runner()

    def invoke(self, args=None, **kwargs):
        from annotator.cli import main

        return self._runner.invoke(main, args=args, **kwargs)


@pytest.fixture
def runner(app) -> CommandRunner:
    return CommandRunner(app)


@pytest.fixture
def session(app):
    """A session of the test's own, outside any app context: a pushed context would be shared by
    the test client's requests (and with it flask.g, where the logged-in user is cached)."""
    db_session = app.extensions["annotator.sessionmaker"]()
    yield db_session
    db_session.close()


@dataclass
class Seeded:
    project: object
    admin: object
    lead: object
    ann1: object
    ann2: object
    outsider: object


def prepare_project(session, name: str = "Demo", scheme_text: str = DEFAULT_SCHEME) -> Seeded:
    """Seed a project with an admin, a lead and two annotators (and a user outside the project)."""
    from annotator.services.team import projects
    from annotator.services.team import users

    admin = users.create_user(session, "admin", PASSWORD, is_admin=True)
    lead = users.create_user(session, "lead", PASSWORD)
    ann1 = users.create_user(session, "ann1", PASSWORD)
    ann2 = users.create_user(session, "ann2", PASSWORD)
    outsider = users.create_user(session, "outsider", PASSWORD)
    project = projects.create_project(session, name, scheme_text, time_zone="Africa/Casablanca")
    projects.add_member(session, project, lead, "lead")
    projects.add_member(session, project, ann1, "annotator")
    projects.add_member(session, project, ann2, "annotator")
    return Seeded(project, admin, lead, ann1, ann2, outsider)


@pytest.fixture
def seeded(session) -> Seeded:
    return prepare_project(session)


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username: str, password: str = PASSWORD):
        self._client.get("/login")
        return self._client.post("/login", data={"username": username, "password": password,
                                                 "csrf_token": self.csrf_token()})

    def csrf_token(self) -> str:
        """The token the pages carry, read the way a browser would: from the login page's form."""
        import re

        page = self._client.get("/login").get_data(as_text=True)
        return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def logout(self):
        return self._client.post("/logout", data={"csrf_token": self.csrf_token()})


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
