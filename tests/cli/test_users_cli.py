"""`annotator users ...`: the name and password rules with exit codes, passwords, deactivation."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from annotator.models import LoginSession, User
from tests.conftest import PASSWORD, AuthActions
from tests.web.annotate_support import HTMX


def add(runner, name, password="a-long-enough-pass"):
    return runner.invoke(args=["users", "add", name, "--password-stdin"], input=password + "\n")


@pytest.mark.parametrize("name, code, words", [
    ("x" * 300, 2, "username: the user name must be 2 to 40"), ("   ", 2, "must not be empty"),
    ("ka\u200brim", 2, "ZERO WIDTH SPACE"), ("<b>x</b>", 2, "LESS-THAN SIGN"), ("k\u0430rim", 2, "mixes scripts"),
    ("Ann1", 4, "looks too much like the existing user 'ann1'"), ("ann1", 4, "already exists"),
])
def test_bad_names_exit_with_a_message_and_no_traceback(runner, session, seeded, name, code, words):
    result = add(runner, name)
    assert result.exit_code == code, result.output
    assert words in result.output
    assert "Traceback" not in result.output and "argon2" not in result.output


def test_a_long_password_is_refused_rather_than_unusable(runner, session, seeded):
    result = add(runner, "karim", "x" * 1001)
    assert result.exit_code == 2 and "password: the password must be at most 1000" in result.output
    assert add(runner, "karim", "short").exit_code == 2
    assert session.scalar(select(User).where(User.username == "karim")) is None


def test_a_name_is_stored_nfc(runner, session, seeded):
    assert add(runner, "ami\u0301na").exit_code == 0
    assert session.scalar(select(User.username).where(User.username == "am\u00edna")) == "am\u00edna"


def test_set_password_deactivate_activate_and_sign_out(app, runner, session, seeded):
    browser = app.test_client()
    AuthActions(browser).login("ann1")
    result = runner.invoke(args=["users", "set-password", "ann1", "--password-stdin"], input="a-new-long-secret\n")
    assert result.exit_code == 0 and "1 sessions signed out" in result.output
    assert browser.get("/", headers=HTMX).status_code == 401
    assert AuthActions(app.test_client()).login("ann1", "a-new-long-secret").status_code == 302
    assert runner.invoke(args=["users", "deactivate", "ann1"]).exit_code == 0
    assert AuthActions(app.test_client()).login("ann1", "a-new-long-secret").status_code == 401
    assert runner.invoke(args=["users", "activate", "ann1"]).exit_code == 0
    AuthActions(browser).login("ann1", "a-new-long-secret")
    result = runner.invoke(args=["users", "sign-out", "ann1"])
    assert result.exit_code == 0 and "1 sessions signed out" in result.output
    assert browser.get("/", headers=HTMX).status_code == 401
    session.expire_all()
    assert {r for r in session.scalars(select(LoginSession.ended_reason))} >= {"password", "signed_out"}


def test_unknown_user_exits_3(runner, seeded):
    assert runner.invoke(args=["users", "deactivate", "nobody"]).exit_code == 3
    result = runner.invoke(args=["users", "set-password", "nobody", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 3
