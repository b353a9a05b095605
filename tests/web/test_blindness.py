"""Blindness over every route: an annotator never reaches another annotator's work or progress.

The routes are read from the app's url_map when the tests are collected, so a route added by
any blueprint later is covered without touching this file. Path parameters are filled with the
ids of the other annotator's records; every read of their records must answer 403/404, every
write must be refused (4xx) and change nothing, and no answer may show anything of theirs
(their name, their set, their spans, their user id).
"""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator.app import create_app
from annotator.models import AnnotationSet, Job, Span
from tests.factories import add_span, agreement_scenario

SKIPPED_ENDPOINTS = {"static", "auth.logout"}  # logging out would end the session under test
LEAD_BLUEPRINTS = ("team", "agreement", "audit", "recommenders")
ADMIN_BLUEPRINTS = ("admin_users",)  # site administrators only: 403 to everyone else
# Gold: annotators must not even learn that it exists, so every route answers them 404.
GOLD_BLUEPRINTS = ("adjudication",)


def _rules():
    app = create_app({"SECRET_KEY": "collect", "DATABASE_URL": "sqlite://", "TESTING": True})
    rules = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            rules.append(pytest.param(rule.rule, method, rule.endpoint, sorted(rule.arguments),
                                      id=f"{method} {rule.rule}"))
    return rules


RULES = _rules()
# The API answers only tokens (a session gets 401 there): tests/api/test_api_blindness.py walks
# those routes with an annotator's token, with these same fixtures and checks.
WEB_RULES = [r for r in RULES if not r.values[2].startswith("api.")]


@pytest.fixture
def others_work(session, seeded):
    """ann1 and ann2 share documents; ann2 has spans and done sets: the work ann1 must not see."""
    docs, sets = agreement_scenario(session, seeded)
    theirs = sets[("d-agree", "ann2")]
    span = session.scalar(select(Span).where(Span.set_id == theirs.id))
    marker = add_span(session, sets[("d-skip", "ann2")], 1, "evidence", 2, 9)
    from annotator.models import LoginSession
    from annotator.services.accounts import sessions

    their_login = sessions.start(session, seeded.ann2)
    login_id = session.get(LoginSession, their_login.session_id).public_id
    job = Job(kind="export", owner_id=seeded.ann2.id, project_id=seeded.project.id, params={"format": "xlsx"})
    session.add(job)
    session.commit()
    return {"set": theirs, "span": span, "marker": marker, "document": docs["d-agree"], "project": seeded.project,
            "user": seeded.ann2, "login_session": login_id, "job": job}


def _fill(argument: str, work) -> str:
    if argument in ("project_id", "project"):
        return work["project"].public_id
    if argument in ("document_id", "document"):
        return work["document"].public_id
    if argument in ("span_id", "span"):
        return work["span"].public_id
    if argument in ("user_id", "user", "username"):
        return work["user"].public_id
    if argument == "session_id":  # a login session (account pages): theirs
        return work["login_session"]
    if argument in ("index", "paragraph", "paragraph_index"):
        return "1"
    if argument in ("label", "label_key"):
        return "claim"
    if argument == "job_id":
        return work["job"].public_id
    return work["set"].public_id  # any other id: the most sensitive record there is


def _snapshot(session) -> tuple:
    session.expire_all()
    return (session.scalar(select(func.count(Span.id))),
            tuple(session.execute(select(AnnotationSet.id, AnnotationSet.status, AnnotationSet.assigned)
                                  .order_by(AnnotationSet.id))))


def _leaks(body: str, work) -> list[str]:
    signs = {"their user name": "ann2", "their set id": work["set"].public_id,
             "their span id": work["span"].public_id, "their span id (2)": work["marker"].public_id,
             "their user id": work["user"].public_id, "their login session": work["login_session"],
             "their job id": work["job"].public_id}
    return [name for name, sign in signs.items() if sign in body]


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
@pytest.mark.parametrize("path, method, endpoint, arguments", WEB_RULES)
def test_an_annotator_sees_nothing_of_another_annotators_work(client, auth, session, others_work, path, method,
                                                              endpoint, arguments, htmx):
    for argument in arguments:
        path = path.replace(f"<{argument}>", _fill(argument, others_work))
        for converter in ("int", "string", "path", "uuid"):
            path = path.replace(f"<{converter}:{argument}>", _fill(argument, others_work))
    # Pages that take the project from the query string (the annotator's document list) get it too.
    path += f"?project={others_work['project'].public_id}"
    auth.login("ann1")
    headers = {"X-CSRFToken": auth.csrf_token(), **({"HX-Request": "true"} if htmx else {})}
    before = _snapshot(session)
    response = client.open(path, method=method, headers=headers, data={})
    body = response.get_data(as_text=True)
    touches_their_records = any(a in arguments for a in ("set_id", "span_id", "document_id", "job_id"))
    if endpoint.split(".")[0] in LEAD_BLUEPRINTS:
        assert response.status_code == 403, f"{method} {path} is a lead page: {response.status_code}"
    elif endpoint.split(".")[0] in ADMIN_BLUEPRINTS:
        assert response.status_code == 403, f"{method} {path} is an admin page: {response.status_code}"
    elif "session_id" in arguments:
        assert response.status_code == 404, f"{method} {path} reached their session: {response.status_code}"
    elif endpoint.split(".")[0] in GOLD_BLUEPRINTS:
        assert response.status_code == 404, f"{method} {path} is a gold page: {response.status_code}"
        assert "gold" not in body.lower(), f"{method} {path} tells an annotator that gold exists"
    elif touches_their_records and method == "GET":
        assert response.status_code in (403, 404), f"{method} {path} answered {response.status_code}"
    elif touches_their_records:
        # A write with an empty body may be refused for its body first (422): still a refusal,
        # and the snapshot below proves nothing changed.
        assert 400 <= response.status_code < 500, f"{method} {path} answered {response.status_code}"
    assert not _leaks(body, others_work), f"{method} {path} shows {_leaks(body, others_work)}"
    if method != "GET":
        assert _snapshot(session) == before, f"{method} {path} changed something"


@pytest.mark.parametrize("path, method, endpoint, arguments",
                         [r for r in RULES if r.values[2].split(".")[0] in LEAD_BLUEPRINTS])
def test_lead_pages_answer_404_to_people_outside_the_project(client, auth, session, others_work, path, method,
                                                             endpoint, arguments):
    for argument in arguments:
        path = path.replace(f"<{argument}>", _fill(argument, others_work))
    auth.login("outsider")
    response = client.open(path, method=method, headers={"X-CSRFToken": auth.csrf_token()}, data={})
    assert response.status_code == 404
    assert not _leaks(response.get_data(as_text=True), others_work)


def test_the_walk_covers_the_account_and_admin_pages():
    endpoints = {r.values[2] for r in RULES}
    assert {"account.account_page", "account.change_password", "account.end_session", "account.end_all_sessions",
            "admin_users.users_page", "admin_users.create_user", "admin_users.set_password",
            "admin_users.set_active", "admin_users.sign_out"} <= endpoints


def test_the_walk_covers_the_lead_pages():
    endpoints = {r.values[2] for r in RULES}
    assert {"team.assign_page", "team.progress", "team.documents", "team.assign_auto", "team.assign_manual",
            "team.reassign", "team.unassign", "agreement.dashboard", "agreement.compare"} <= endpoints
    assert {"jobs.my_jobs", "jobs.show", "jobs.cancel", "jobs.result", "jobs.exports_page",
            "jobs.start_export"} <= endpoints


def test_the_walk_covers_history_and_audit():
    endpoints = {r.values[2] for r in RULES}
    assert {"history.panel", "history.undo", "history.redo", "audit.project_audit"} <= endpoints


def test_the_walk_covers_the_lead_ergonomics_routes():
    # Issue 18's routes: pickers, the lead's document preview, verdicts by alias (set and project).
    endpoints = {r.values[2] for r in RULES}
    assert {"team.assign_picked", "team.document_page", "layers.mention_verdict_for_alias",
            "actors.settle_alias"} <= endpoints
@pytest.mark.parametrize("path, method, endpoint, arguments",
                         [r for r in RULES if r.values[2].split(".")[0] in GOLD_BLUEPRINTS])
def test_gold_pages_answer_404_to_people_outside_the_project(client, auth, session, others_work, path, method,
                                                             endpoint, arguments):
    for argument in arguments:
        path = path.replace(f"<{argument}>", _fill(argument, others_work))
        path = path.replace(f"<int:{argument}>", _fill(argument, others_work))
    auth.login("outsider")
    response = client.open(path, method=method, headers={"X-CSRFToken": auth.csrf_token()}, data={})
    assert response.status_code == 404
    assert not _leaks(response.get_data(as_text=True), others_work)


def test_the_walk_covers_the_gold_pages():
    endpoints = {r.values[2] for r in RULES}
    assert {"adjudication.queue", "adjudication.document", "adjudication.paragraph", "adjudication.counter", "adjudication.decision",
            "adjudication.undo", "adjudication.accept_agreed", "adjudication.status", "adjudication.tag_cause",
            "adjudication.causes", "adjudication.change_settings", "adjudication.accept_agreed_documents"} <= endpoints


def test_the_walk_covers_the_annotation_import_page():
    assert "projects.import_annotations_upload" in {r.values[2] for r in RULES}


@pytest.mark.parametrize("fmt", ["brat", "labelstudio", "webanno", "doccano", "aif"])
def test_an_annotator_gets_no_export_in_another_tools_format(client, auth, others_work, fmt):
    auth.login("ann1")
    response = client.get(f"/projects/{others_work['project'].public_id}/export.{fmt}")
    assert response.status_code in (403, 404)
    assert not _leaks(response.get_data(as_text=True), others_work)
