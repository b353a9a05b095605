"""Login, logout, sessions, CSRF and the security headers."""
from __future__ import annotations

import re

import pytest


def test_login_page_is_public_and_everything_else_needs_a_session(client, seeded):
    assert client.get("/login").status_code == 200
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 302 and "/login" in page.headers["Location"]


@pytest.mark.parametrize("headers", [{"HX-Request": "true"}, {"Accept": "application/json"}])
def test_fragment_and_json_requests_without_a_session_get_401_not_a_login_page(client, seeded, headers):
    response = client.get("/", headers=headers)
    assert response.status_code == 401
    assert "<form" not in response.get_data(as_text=True)


def test_login_with_a_good_password_then_logout(client, auth, seeded):
    response = auth.login("ann1")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    auth.logout()
    assert client.get("/", headers={"HX-Request": "true"}).status_code == 401


def test_wrong_password_is_refused(client, auth, seeded):
    response = auth.login("ann1", "wrong-password")
    assert response.status_code == 401
    assert "wrong password" in response.get_data(as_text=True)
    assert client.get("/", headers={"HX-Request": "true"}).status_code == 401


def test_login_never_redirects_off_site(client, auth, seeded):
    client.get("/login")
    response = client.post("/login?next=//evil.example/", data={
        "username": "ann1", "password": "correct-horse-42", "csrf_token": auth.csrf_token()})
    assert response.headers["Location"] == "/"


def test_login_form_without_csrf_token_is_refused(client, seeded):
    response = client.post("/login", data={"username": "ann1", "password": "correct-horse-42"})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_stale_csrf_token_from_another_session_is_refused(app, seeded):
    from tests.conftest import AuthActions

    first, second = app.test_client(), app.test_client()
    AuthActions(first).login("ann1")
    stale = AuthActions(first).csrf_token()
    AuthActions(second).login("ann2")
    response = second.post("/logout", data={"csrf_token": stale})
    assert response.status_code == 400


def test_session_cookie_is_httponly_and_samesite(client, auth, seeded):
    response = auth.login("ann1")
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_cookie_is_renewed_on_page_loads_not_on_every_save(client, auth, seeded):
    # A permanent session's expiry moves on when the cookie is re-sent: reading pages does that;
    # writes (a span save every few seconds) are spared the signing and the header.
    auth.login("ann1")
    assert "session=" in client.get("/annotate/").headers.get("Set-Cookie", "")
    token = auth.csrf_token()
    response = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 302 and "session=" in response.headers.get("Set-Cookie", "")  # cleared
    auth.login("ann1")
    response = client.get("/annotate/csrf-token", headers={"Accept": "application/json"})
    token = response.get_json()["csrf_token"]
    response = client.post("/annotate/no-such-set/spans", data={}, headers={"X-CSRFToken": token})
    assert response.status_code == 404 and "Set-Cookie" not in response.headers


def test_strict_content_security_policy(client, seeded):
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_passwords_are_stored_with_argon2(session, seeded):
    assert seeded.ann1.password_hash.startswith("$argon2id$")


def test_every_response_gives_the_apps_own_time_in_server_timing(client, auth, seeded):
    # Even a refusal made before the view runs: the clock starts before the login check.
    refused = client.get("/annotate/", headers={"HX-Request": "true"})
    auth.login("ann1")
    page = client.get("/annotate/")
    for response in (refused, page):
        assert re.fullmatch(r"app;dur=\d+\.\d", response.headers["Server-Timing"])
