"""Every route but the login page needs a session: walked over the app's own URL map, so a new
route is covered the day it is added."""
from __future__ import annotations

import re

import pytest

from annotator.app import create_app

PUBLIC = {"auth.login", "static"}


def _placeholder(match: re.Match) -> str:
    # A value each converter accepts, so the request reaches the login check, not a 404.
    return "1" if match.group(1) in ("int", "float") else "00000000-0000-4000-8000-000000000000"


def _routes():
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": "sqlite://"})
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        path = re.sub(r"<(?:([^:>]+):)?([^>]+)>", _placeholder, rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield pytest.param(method, path, id=f"{method} {rule.rule}")


@pytest.mark.parametrize("method, path", list(_routes()))
def test_no_session_means_no_access(client, method, path):
    response = client.open(path, method=method, headers={"HX-Request": "true"})
    assert response.status_code == 401, response.get_data(as_text=True)[:200]


def test_there_are_routes_to_check():
    assert len(list(_routes())) > 20
