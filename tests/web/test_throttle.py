"""Sign-in throttling per account and per address: 429 with Retry-After and words that say when,
only failures count, every attempt is in the audit, and Redis shares the counters between servers."""
from __future__ import annotations

import re

import pytest
import redis
from sqlalchemy import select

from annotator.app import create_app
from annotator.models import Event, SignIn
from tests.conftest import PASSWORD, app_config

REDIS_URL = "redis://127.0.0.1:6379/3"  # the only Redis database these tests may use


def _attempt(client, auth, username: str, password: str, address: str = "10.0.0.1"):
    token = auth.csrf_token()
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address})


def _outcomes(session) -> list[str]:
    session.rollback()
    return list(session.scalars(select(SignIn.outcome).order_by(SignIn.id)))


def test_thirty_wrong_passwords_for_one_account_are_stopped_after_five(client, auth, session, seeded):
    answers = [_attempt(client, auth, "ann1", "wrong-password") for _ in range(30)]
    assert [a.status_code for a in answers[:5]] == [401] * 5
    assert {a.status_code for a in answers[5:]} == {429}
    refused = answers[5]
    wait = int(refused.headers["Retry-After"])
    assert 1 <= wait <= 60
    words = re.search(r"Too many sign-in attempts for this account: try again in (\d+) s\.", refused.get_data(as_text=True))
    assert words and abs(int(words.group(1)) - wait) <= 1
    # The right password too waits: the guesser cannot tell it from a wrong one.
    assert _attempt(client, auth, "ann1", PASSWORD).status_code == 429
    outcomes = _outcomes(session)
    assert outcomes.count("sign_in_failed") == 5 and outcomes.count("sign_in_throttled") == 26
    throttled = session.scalar(select(SignIn).where(SignIn.outcome == "sign_in_throttled"))
    assert (throttled.user_id, throttled.username, throttled.address) == (seeded.ann1.id, "ann1", "10.0.0.1")
    # Attempts are not changes: the event log of changes does not move.
    assert session.scalar(select(Event.id).where(Event.action.like("auth.%"))) is None
    # Another account is not held back by ann1's guesser.
    assert _attempt(client, auth, "ann2", PASSWORD, "10.0.0.2").status_code == 302


def test_one_address_guessing_many_accounts_is_stopped(client, auth, session, seeded):
    answers = [_attempt(client, auth, f"guess{i}", "x", "10.9.9.9").status_code for i in range(22)]
    assert answers[:20] == [401] * 20 and answers[20:] == [429, 429]
    page = _attempt(client, auth, "lead", PASSWORD, "10.9.9.9")
    assert page.status_code == 429 and "for this address" in page.get_data(as_text=True)
    assert _attempt(client, auth, "lead", PASSWORD, "10.9.9.10").status_code == 302
    unknown = session.scalar(select(SignIn).where(SignIn.outcome == "sign_in_failed"))
    assert unknown.user_id is None and unknown.username == "guess0"


def test_sign_ins_that_succeed_never_count(client, auth, session, seeded):
    assert {_attempt(client, auth, "ann1", PASSWORD).status_code for _ in range(25)} == {302}
    assert _outcomes(session) == ["sign_in"] * 25


@pytest.fixture
def shared_store():
    store = redis.Redis.from_url(REDIS_URL)
    try:
        store.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    store.flushdb()
    yield store
    store.flushdb()


def test_redis_shares_the_counters_between_servers(database_url, tmp_path, shared_store, seeded, session):
    def server():
        app = create_app(app_config(database_url, tmp_path, THROTTLE_STORAGE_URL=REDIS_URL))
        return app, app.test_client()

    first_app, first = server()
    from tests.conftest import AuthActions

    for _ in range(5):
        assert _attempt(first, AuthActions(first), "ann1", "wrong-password").status_code == 401
    assert shared_store.keys("*sign-in-account*")
    # A second server (its own process in production: a fresh storage client) sees the same counts.
    second_app, second = server()
    assert _attempt(second, AuthActions(second), "ann1", "wrong-password").status_code == 429
    for app in (first_app, second_app):
        app.extensions["annotator.engine"].dispose()


def _behind_proxy(database_url, tmp_path, hops: int):
    from tests.conftest import AuthActions

    app = create_app(app_config(database_url, tmp_path, PROXY_HOPS=hops))
    client = app.test_client()
    return app, client, AuthActions(client)


def _through_proxy(client, auth, username: str, client_address: str):
    """As a reverse proxy on 10.0.0.254 forwards it: the client's address in X-Forwarded-For."""
    token = auth.csrf_token()
    return client.post("/login", data={"username": username, "password": "wrong", "csrf_token": token},
                       environ_base={"REMOTE_ADDR": "10.0.0.254"},
                       headers={"X-Forwarded-For": client_address})


def test_behind_a_proxy_the_client_address_is_throttled_not_the_proxys(database_url, tmp_path, seeded, session):
    app, client, auth = _behind_proxy(database_url, tmp_path, hops=1)
    # One guesser behind the proxy, many accounts: stopped by its own address...
    answers = [_through_proxy(client, auth, f"guess{i}", "203.0.113.7").status_code for i in range(21)]
    assert answers[:20] == [401] * 20 and answers[20] == 429
    # ...while everyone else behind the same proxy still signs in.
    assert _through_proxy(client, auth, "someone", "198.51.100.4").status_code == 401
    throttled = session.scalar(select(SignIn).where(SignIn.outcome == "sign_in_throttled"))
    assert throttled.address == "203.0.113.7"
    failed = session.scalars(select(SignIn.address).where(SignIn.outcome == "sign_in_failed")).all()
    assert set(failed) == {"203.0.113.7", "198.51.100.4"}
    app.extensions["annotator.engine"].dispose()


def test_without_proxy_hops_a_forwarded_address_is_not_believed(database_url, tmp_path, seeded, session):
    app, client, auth = _behind_proxy(database_url, tmp_path, hops=0)
    # A client cannot dodge the per-address limit by inventing X-Forwarded-For values.
    answers = [_through_proxy(client, auth, f"guess{i}", f"203.0.113.{i}").status_code for i in range(21)]
    assert answers[:20] == [401] * 20 and answers[20] == 429
    failed = session.scalars(select(SignIn.address).where(SignIn.outcome == "sign_in_failed")).all()
    assert set(failed) == {"10.0.0.254"}
    app.extensions["annotator.engine"].dispose()
