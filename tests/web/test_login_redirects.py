"""After login, `next` sends the browser only to a path on this site, whatever the encoding tricks."""
from __future__ import annotations

import pytest

from annotator.web.redirects import safe_next
from tests.conftest import PASSWORD

BYPASSES = [
    "//evil.example/", "/\t/evil.example/", "/%09/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/",
    "/%0d%0a/evil.example/", "/\\evil.example/", "\\\\evil.example/", "/%5Cevil.example/", "/%5C%5Cevil.example",
    "/%2F/evil.example/", "%2F%2Fevil.example", "https://evil.example/", "https:evil.example", "javascript:alert(1)",
    "//user:pass@evil.example/", "/\x00/evil.example", " //evil.example", "evil.example", "///evil.example",
]


@pytest.mark.parametrize("target", BYPASSES)
def test_known_bypasses_are_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/", "/annotate/?project=abc&x=1", "/team/p/progress#top", "/@user/page",
                                    "/a%20b", "/%D8%B9%D8%B1%D8%A8%D9%8A"])
def test_paths_on_this_site_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", ["/%09/evil.example/", "/%0d%0a/evil.example/", "/%5C/evil.example/",
                                    "%2F%2Fevil.example%2F", "//user@evil.example"])
def test_login_with_a_crafted_next_lands_on_the_start_page(client, auth, seeded, target):
    response = client.post(f"/login?next={target}", data={"username": "ann1", "password": PASSWORD,
                                                           "csrf_token": auth.csrf_token()})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_with_cr_lf_in_next_is_not_a_500(client, auth, seeded):
    response = client.post("/login", query_string={"next": "/\r\nSet-Cookie: x=1"},
                           data={"username": "ann1", "password": PASSWORD, "csrf_token": auth.csrf_token()})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "x=1" not in response.headers.get("Set-Cookie", "")


def test_a_same_site_next_is_followed(client, auth, seeded):
    response = client.post("/login", query_string={"next": "/annotate/?project=p1"},
                           data={"username": "ann1", "password": PASSWORD, "csrf_token": auth.csrf_token()})
    assert response.headers["Location"] == "/annotate/?project=p1"
