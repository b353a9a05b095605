"""Site administrators create users (under the name and password rules), set passwords,
deactivate (work kept) and sign people out; nobody else can."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator.models import Span, User
from tests.conftest import PASSWORD, AuthActions
from tests.factories import add_span, agreement_scenario
from tests.web.annotate_support import HTMX


def new_user(client, auth, **fields):
    data = {"username": "karim", "display_name": "", "password": "a-long-enough-pass", **fields,
            "csrf_token": auth.csrf_token()}
    return client.post("/admin/users", data=data)


def users(session) -> list[str]:
    session.expire_all()
    return sorted(session.scalars(select(User.username)))


@pytest.mark.parametrize("name, status, words", [
    ("", 422, "must not be empty"), ("   ", 422, "must not be empty"), ("ka\x00rim", 422, "U+0000"),
    ("ka\u200brim", 422, "ZERO WIDTH SPACE"), ("x" * 300, 422, "2 to 40"), ("<script>x</script>", 422, "LESS-THAN"),
    ("k\u0430rim", 422, "mixes scripts"), ("ANN1", 409, "looks too much like the existing user"),
    ("ann1", 409, "already exists"), ("annl", 409, "ann1"),
])
def test_bad_names_are_refused_naming_the_field(client, auth, session, seeded, name, status, words):
    auth.login("admin")
    before = users(session)
    response = new_user(client, auth, username=name)
    body = response.get_data(as_text=True)
    assert response.status_code == status, body[:300]
    assert 'data-field="username"' in body and words in body
    assert "argon2" not in body and "Traceback" not in body
    assert users(session) == before


def test_nfd_beside_nfc_is_the_same_name(client, auth, session, seeded):
    auth.login("admin")
    assert new_user(client, auth, username="am\u00edna").status_code == 200
    response = new_user(client, auth, username="ami\u0301na")
    assert response.status_code == 409
    assert users(session).count("am\u00edna") == 1


@pytest.mark.parametrize("password, words", [("short-pass", "at least 12"), ("karim-karim", "at least 12"),
                                             ("password1234", "common"), ("karimkarim12", "user name"),
                                             ("x" * 1001, "1000")])
def test_weak_passwords_are_refused(client, auth, session, seeded, password, words):
    auth.login("admin")
    if password == "karimkarim12":
        response = new_user(client, auth, username="karimkarim", password=password)
    else:
        response = new_user(client, auth, password=password)
    assert response.status_code == 422 and words in response.get_data(as_text=True)
    assert "karim" not in users(session) and "karimkarim" not in users(session)


def test_a_created_user_can_log_in_with_an_arabic_name(app, client, auth, session, seeded):
    auth.login("admin")
    response = new_user(client, auth, username=" كريم ", password="كلمة-سر-طويلة")
    assert response.status_code == 200
    assert "كريم" in users(session)
    assert AuthActions(app.test_client()).login("كريم", "كلمة-سر-طويلة").status_code == 302


def test_an_admin_sets_a_password_and_the_users_sessions_end(app, client, auth, session, seeded):
    victim = app.test_client()
    AuthActions(victim).login("ann1")
    auth.login("admin")
    response = client.post(f"/admin/users/{seeded.ann1.public_id}/password",
                           data={"new_password": "set-by-the-admin", "csrf_token": auth.csrf_token()})
    assert response.status_code == 200
    assert victim.get("/", headers=HTMX).status_code == 401
    assert AuthActions(app.test_client()).login("ann1", "set-by-the-admin").status_code == 302


def test_deactivating_ends_sessions_refuses_login_and_keeps_the_work(app, client, auth, session, seeded):
    _docs, sets = agreement_scenario(session, seeded)
    add_span(session, sets[("d-skip", "ann2")], 1, "evidence", 2, 9)
    spans_before = session.scalar(select(func.count(Span.id)))
    victim = app.test_client()
    AuthActions(victim).login("ann2")
    auth.login("admin")
    response = client.post(f"/admin/users/{seeded.ann2.public_id}/active", data={"active": "0",
                                                                                 "csrf_token": auth.csrf_token()})
    assert response.status_code == 200 and "deactivated" in response.get_data(as_text=True)
    assert victim.get("/", headers=HTMX).status_code == 401
    assert AuthActions(app.test_client()).login("ann2").status_code == 401
    session.expire_all()
    assert session.scalar(select(func.count(Span.id))) == spans_before
    client.post(f"/admin/users/{seeded.ann2.public_id}/active", data={"active": "1", "csrf_token": auth.csrf_token()})
    assert AuthActions(app.test_client()).login("ann2").status_code == 302


def test_an_admin_cannot_deactivate_themselves(client, auth, seeded):
    auth.login("admin")
    response = client.post(f"/admin/users/{seeded.admin.public_id}/active", data={"active": "0",
                                                                                 "csrf_token": auth.csrf_token()})
    assert response.status_code == 409


def test_admin_sign_out_everywhere(app, client, auth, seeded):
    victim = app.test_client()
    AuthActions(victim).login("lead")
    auth.login("admin")
    response = client.post(f"/admin/users/{seeded.lead.public_id}/sign-out", data={"csrf_token": auth.csrf_token()})
    assert response.status_code == 200
    assert victim.get("/", headers=HTMX).status_code == 401


@pytest.mark.parametrize("who", ["lead", "ann1"])
def test_only_site_admins_manage_users(client, auth, session, seeded, who):
    auth.login(who)
    assert client.get("/admin/users").status_code == 403
    response = client.post(f"/admin/users/{seeded.ann2.public_id}/active", data={"active": "0",
                                                                                "csrf_token": auth.csrf_token()})
    assert response.status_code == 403
    response = new_user(client, auth, username="intruder")
    assert response.status_code == 403 and "intruder" not in users(session)


def test_the_users_page_escapes_names(client, auth, session, seeded):
    from annotator.services.team.users import create_user

    create_user(session, "zoe", PASSWORD, display_name="<img src=x onerror=alert(1)>")
    auth.login("admin")
    body = client.get("/admin/users").get_data(as_text=True)
    assert "<img src=x" not in body and "&lt;img src=x" in body
