"""Login sessions live on the server: logout, sign out everywhere, a password change and a
deactivation end them for good, a copied cookie included; idle and overall lifetime are settings."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from annotator.app import create_app
from annotator.models import LoginSession, Span, User
from tests.conftest import PASSWORD, AuthActions, app_config
from tests.web.annotate_support import HTMX, Annotator, arabic_set


def copy_of_cookie(app, client):
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def age(session, column: str, by: timedelta) -> None:
    """Move every session's clock back, as if that much time had passed (in Python: SQLite has no
    interval arithmetic on these columns)."""
    session.rollback()
    with session.begin():
        for row in session.scalars(select(LoginSession)):
            setattr(row, column, getattr(row, column) - by)


def spans(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count(Span.id)))


def test_a_copied_cookie_saves_nothing_after_logout(app, client, auth, session, seeded):
    _doc, doc_set = arabic_set(session, seeded)
    ann1 = Annotator(client, auth, "ann1")
    thief = copy_of_cookie(app, client)
    assert thief.get("/", headers=HTMX).status_code == 200  # the copy works while the session lives
    auth.logout()
    before = spans(session)
    response = thief.post(f"/annotate/{doc_set.public_id}/spans", headers={**HTMX, "X-CSRFToken": ann1.token},
                          data={"paragraph": 1, "end_paragraph": 1, "start": 0, "end": 3, "text": "قالَ",
                                "label": "claim", "snap": "words"})
    assert response.status_code == 401
    assert spans(session) == before
    assert session.scalar(select(LoginSession.ended_reason)) == "logout"


def test_login_rotates_the_session(app, client, auth, seeded):
    client.get("/login")
    before_login = client.get_cookie("session").value
    auth.login("ann1")
    assert client.get_cookie("session").value != before_login
    first = client.get_cookie("session").value
    auth.logout()
    auth.login("ann1")
    assert client.get_cookie("session").value != first
    old = app.test_client()
    old.set_cookie("session", first)
    assert old.get("/", headers=HTMX).status_code == 401


def test_the_account_page_lists_my_sessions_and_signs_one_out(app, session, seeded):
    laptop, phone = app.test_client(), app.test_client()
    AuthActions(laptop).login("ann1")
    AuthActions(phone).login("ann1")
    phone.get("/", headers={**HTMX, "User-Agent": "PhoneBrowser/1"})
    AuthActions(app.test_client()).login("ann2")
    page = laptop.get("/account").get_data(as_text=True)
    assert page.count('/end"') == 2  # both of mine, none of ann2's
    phone_session = session.scalars(select(LoginSession).join(User).where(User.username == "ann1")
                                    .order_by(LoginSession.id)).all()[1]
    response = laptop.post(f"/account/sessions/{phone_session.public_id}/end",
                           data={"csrf_token": AuthActions(laptop).csrf_token()})
    assert response.status_code == 200 and "signed out" in response.get_data(as_text=True)
    assert phone.get("/", headers=HTMX).status_code == 401
    assert laptop.get("/", headers=HTMX).status_code == 200


def test_sign_out_everywhere_ends_every_session(app, session, seeded):
    laptop, phone = app.test_client(), app.test_client()
    AuthActions(laptop).login("ann1")
    AuthActions(phone).login("ann1")
    response = laptop.post("/account/sessions/end-all", data={"csrf_token": AuthActions(laptop).csrf_token()})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert laptop.get("/", headers=HTMX).status_code == 401
    assert phone.get("/", headers=HTMX).status_code == 401


def test_nobody_ends_another_persons_session(app, session, seeded):
    theirs, mine = app.test_client(), app.test_client()
    AuthActions(theirs).login("ann2")
    AuthActions(mine).login("ann1")
    their_session = session.scalar(select(LoginSession.public_id).join(User).where(User.username == "ann2"))
    response = mine.post(f"/account/sessions/{their_session}/end", data={"csrf_token": AuthActions(mine).csrf_token()})
    assert response.status_code == 404
    assert theirs.get("/", headers=HTMX).status_code == 200


def test_changing_my_password_signs_out_my_other_sessions(app, session, seeded):
    laptop, phone = app.test_client(), app.test_client()
    AuthActions(laptop).login("ann1")
    AuthActions(phone).login("ann1")
    new = "a-much-better-passphrase"
    response = laptop.post("/account/password", data={"current_password": PASSWORD, "new_password": new,
                                                      "confirm_password": new,
                                                      "csrf_token": AuthActions(laptop).csrf_token()})
    assert response.status_code == 200 and "1 other session signed out" in response.get_data(as_text=True)
    assert laptop.get("/", headers=HTMX).status_code == 200
    assert phone.get("/", headers=HTMX).status_code == 401
    fresh = app.test_client()
    assert AuthActions(fresh).login("ann1").status_code == 401
    assert AuthActions(fresh).login("ann1", new).status_code == 302


def test_a_bad_password_change_names_the_field_and_changes_nothing(app, client, auth, session, seeded):
    auth.login("ann1")
    hash_before = session.scalar(select(User.password_hash).where(User.username == "ann1"))
    for data, field in [({"current_password": "wrong-wrong-wrong", "new_password": "a-good-long-one",
                          "confirm_password": "a-good-long-one"}, "current_password"),
                        ({"current_password": PASSWORD, "new_password": "short", "confirm_password": "short"},
                         "password"),
                        ({"current_password": PASSWORD, "new_password": "password1234",
                          "confirm_password": "password1234"}, "password"),
                        ({"current_password": PASSWORD, "new_password": "a-good-long-one",
                          "confirm_password": "a-good-long-two"}, "confirm_password")]:
        response = client.post("/account/password", data={**data, "csrf_token": auth.csrf_token()})
        assert response.status_code == 422, data
        assert f'data-field="{field}"' in response.get_data(as_text=True)
    session.expire_all()
    assert session.scalar(select(User.password_hash).where(User.username == "ann1")) == hash_before


def test_an_idle_session_ends(app, client, auth, session, seeded):
    auth.login("ann1")
    assert client.get("/", headers=HTMX).status_code == 200
    age(session, "last_seen_at", timedelta(hours=9))
    assert client.get("/", headers=HTMX).status_code == 401


def test_a_session_ends_after_its_lifetime_even_when_used(app, client, auth, session, seeded):
    auth.login("ann1")
    age(session, "created_at", timedelta(days=8))
    assert client.get("/", headers=HTMX).status_code == 401


def test_a_request_moves_the_idle_clock_at_most_once_a_minute(app, client, auth, session, seeded):
    auth.login("ann1")
    age(session, "last_seen_at", timedelta(seconds=30))
    seen = session.scalar(select(LoginSession.last_seen_at))
    client.get("/", headers=HTMX)
    session.expire_all()
    assert session.scalar(select(LoginSession.last_seen_at)) == seen  # 30 s: not worth a write
    age(session, "last_seen_at", timedelta(minutes=5))
    client.get("/", headers=HTMX)
    session.expire_all()
    assert session.scalar(select(LoginSession.last_seen_at)) > seen


def test_the_lifetime_and_idle_timeout_are_settings(database_url, tmp_path, session, seeded):
    app = create_app(app_config(database_url, tmp_path, TESTING=True, SESSION_IDLE_MINUTES=1,
                                SESSION_LIFETIME_HOURS=2))
    client = app.test_client()
    response = AuthActions(client).login("ann1")
    assert "Max-Age=7200" in response.headers["Set-Cookie"] or "Expires=" in response.headers["Set-Cookie"]
    age(session, "last_seen_at", timedelta(minutes=2))
    assert client.get("/", headers=HTMX).status_code == 401
    app.extensions["annotator.engine"].dispose()


def test_the_settings_are_read_from_the_environment(monkeypatch, tmp_path):
    from annotator.config import from_environment

    monkeypatch.setenv("ANNOTATOR_SESSION_IDLE_MINUTES", "30")
    monkeypatch.setenv("ANNOTATOR_SESSION_LIFETIME_HOURS", "12")
    config = from_environment(str(tmp_path))
    assert config["SESSION_IDLE_MINUTES"] == 30 and config["SESSION_LIFETIME_HOURS"] == 12
