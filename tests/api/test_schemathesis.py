"""Property-based: schemathesis generates requests from the OpenAPI document and sends them to a
live server with a lead's and an annotator's token. No answer may be a 5xx, have an undocumented
status or content type, or a body outside its schema."""
from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance, not_a_server_error, response_schema_conformance, status_code_conformance,
)

from annotator.api.openapi import build_document
from annotator.app import create_app
from annotator.services.team.tokens import create_token
from tests.browser.conftest import LiveServer
from tests.conftest import app_config, prepare_project
from tests.factories import agreement_scenario

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def live(sqlite_template, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("schemathesis")
    path = tmp / "api.sqlite3"
    shutil.copy(sqlite_template, path)
    app = create_app(app_config(f"sqlite:///{path}", tmp))
    session = app.extensions["annotator.sessionmaker"]()
    seeded = prepare_project(session)
    agreement_scenario(session, seeded)
    tokens = {name: create_token(session, getattr(seeded, name), "fuzz", scope="read-write").secret
              for name in ("lead", "ann1")}
    session.close()
    server = LiveServer(app).start()
    yield server, tokens
    server.stop()
    app.extensions["annotator.engine"].dispose()


# The document needs no app: the operations are declared when annotator.api is imported.
schema = schemathesis.openapi.from_dict(build_document())
SETTINGS = settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def _call(case, live, role):
    server, tokens = live
    case.call_and_validate(base_url=server.url + "/api/v1", headers={"Authorization": f"Bearer {tokens[role]}"},
                           checks=CHECKS)


@schema.parametrize()
@SETTINGS
def test_a_leads_token_meets_no_server_error_and_only_documented_answers(case, live):
    _call(case, live, "lead")


@schema.parametrize()
@SETTINGS
def test_an_annotators_token_meets_no_server_error_and_only_documented_answers(case, live):
    _call(case, live, "ann1")
