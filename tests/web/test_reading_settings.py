"""Reading settings: text size and line height saved on the account page, served as the annotation
page's per-user stylesheet; out-of-range values refused by field name with nothing saved."""
from __future__ import annotations

import pytest

from annotator.models import User
from tests.web.annotate_support import arabic_set


def settings_of(session, user_id):
    session.expire_all()
    user = session.get(User, user_id)
    return user.reading_text_size, user.reading_line_height_tenths


def post(client, auth, **fields):
    return client.post("/account/reading", data={"csrf_token": auth.csrf_token(), **fields})


def test_saved_settings_reach_the_annotation_page(client, auth, session, seeded):
    _document, doc_set = arabic_set(session, seeded)
    auth.login("ann1")
    assert client.get("/account/reading.css").get_data(as_text=True) == ""  # defaults: nothing to say
    answer = post(client, auth, text_size="130", line_height="2.6")
    assert answer.status_code == 200 and "Reading settings saved." in answer.get_data(as_text=True)
    assert settings_of(session, seeded.ann1.id) == (130, 26)
    css = client.get("/account/reading.css")
    assert css.mimetype == "text/css" and "no-cache" in css.headers["Cache-Control"]
    assert "--reading-scale: 1.30;" in css.get_data(as_text=True)
    assert "--reading-line: 2.6;" in css.get_data(as_text=True)
    assert client.get("/account/reading.css", headers={"If-None-Match": css.headers["ETag"]}).status_code == 304
    page = client.get(f"/annotate/{doc_set.public_id}").get_data(as_text=True)
    assert 'href="/account/reading.css"' in page
    account = client.get("/account").get_data(as_text=True)
    assert 'name="text_size"' in account and 'value="130"' in account and 'value="2.6"' in account
    # Another person's stylesheet is their own.
    auth.logout()
    auth.login("ann2")
    assert client.get("/account/reading.css").get_data(as_text=True) == ""


def test_blank_fields_go_back_to_the_defaults(client, auth, session, seeded):
    auth.login("ann1")
    post(client, auth, text_size="150", line_height="2.0")
    assert post(client, auth, text_size="", line_height=" ").status_code == 200
    assert settings_of(session, seeded.ann1.id) == (None, None)


@pytest.mark.parametrize("fields, field, words", [
    ({"text_size": "79"}, "text_size", "text size must be between 80 and 200 percent"),
    ({"text_size": "201"}, "text_size", "text size must be between 80 and 200 percent"),
    ({"text_size": "big"}, "text_size", "text_size"),
    ({"text_size": "120", "line_height": "1.4"}, "line_height", "line height must be between 1.5 and 3.0"),
    ({"line_height": "3.1"}, "line_height", "line height must be between 1.5 and 3.0"),
    ({"line_height": "NaN"}, "line_height", "line_height"),
])
def test_out_of_range_values_are_refused_by_name(client, auth, session, seeded, fields, field, words):
    auth.login("ann1")
    post(client, auth, text_size="110", line_height="2.2")
    answer = post(client, auth, **fields)
    assert answer.status_code == 422
    body = answer.get_data(as_text=True)
    assert f'data-field="{field}"' in body and words in body
    assert settings_of(session, seeded.ann1.id) == (110, 22)  # nothing changed


def test_settings_need_the_csrf_token_and_a_login(client, auth, session, seeded):
    assert client.post("/account/reading", data={"text_size": "120"}).status_code in (302, 401)
    auth.login("ann1")
    assert client.post("/account/reading", data={"text_size": "120"}).status_code in (400, 403)
    assert settings_of(session, seeded.ann1.id) == (None, None)
