"""Headers: pages behind login are never cached; over HTTPS, HSTS and Secure cookies (the switch)."""
from __future__ import annotations

from annotator.app import create_app
from tests.conftest import PASSWORD, AuthActions, app_config


def test_pages_behind_login_are_not_stored(client, auth, seeded):
    auth.login("ann1")
    for path in ("/", "/annotate/"):
        assert client.get(path).headers["Cache-Control"] == "no-store"
    assert client.get("/login").headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client, seeded):
    response = client.get("/static/css/app.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_over_plain_http_no_hsts_and_no_secure_cookie(client, auth, seeded):
    response = auth.login("ann1")
    assert "Strict-Transport-Security" not in response.headers
    assert "Secure" not in response.headers["Set-Cookie"]


def test_the_https_switch_sends_hsts_and_secure_cookies(database_url, tmp_path, seeded):
    app = create_app(app_config(database_url, tmp_path, TESTING=True, HTTPS=True))
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    token = AuthActions(client).csrf_token()
    # Over HTTPS Flask-WTF also checks the Referer is this site (browsers send it: same-origin policy).
    response = client.post("/login", data={"username": "ann1", "password": PASSWORD, "csrf_token": token},
                           headers={"Referer": "https://localhost/login"})
    assert response.status_code == 302
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "; Secure" in response.headers["Set-Cookie"]
    app.extensions["annotator.engine"].dispose()


def test_the_switch_is_read_from_the_environment(monkeypatch, tmp_path):
    from annotator.config import from_environment

    monkeypatch.setenv("ANNOTATOR_HTTPS", "1")
    monkeypatch.setenv("ANNOTATOR_PROXY_HOPS", "1")
    config = from_environment(str(tmp_path))
    assert config["HTTPS"] is True and config["PROXY_HOPS"] == 1
