"""The password rule."""
from __future__ import annotations

import pytest

from annotator.demo.loader import DEMO_LOGINS
from annotator.domain.passwords import PasswordProblem, check, common_passwords
from tests.conftest import PASSWORD


@pytest.mark.parametrize("password, username, problem", [
    ("short-one", "karim", "at least 12"), ("x" * 1001, "karim", "at most 1000"),
    ("karim-karim-karim", "karim-karim-karim", "user name"), ("KarimBenali99", "karimbenali", "user name"),
    ("ilanebmirak", "karimbenali", "at least 12"), ("ilanebmirak1", "1karimbenali", "user name"),
    ("aaaaaaaaaaaaaa", "karim", "more than two"), ("ababababababab", "karim", "more than two"),
    ("password1234", "karim", "common"), ("Password1234", "karim", "common"), ("qwerty123456", "karim", "common"),
])
def test_weak_passwords_are_refused_with_the_reason(password, username, problem):
    with pytest.raises(PasswordProblem, match=problem):
        check(password, username)


def test_the_demo_and_test_passwords_pass():
    for username, password, _role in DEMO_LOGINS:
        check(password, username)
    check(PASSWORD, "ann1")
    check("كلمة-سر-طويلة-جدا", "karim")


def test_the_common_list_is_shipped_and_read():
    assert len(common_passwords()) > 50 and "password1234" in common_passwords()
