"""A service's message reads in the person's interface language (issue 15): messages once built
as English f-strings are phrases now, translated where they are shown, and still read exactly
as before in English (the CLI's, the API's and the logs' words)."""
from __future__ import annotations

import copy
import html
import pickle
import re

import pytest

from annotator.errors import Invalid, Phrase, Plural
from tests.factories import assign, make_document
from tests.web.interface_words import english_words

PASSWORD = "correct-horse-42"


def _csrf(client) -> str:
    page = client.get("/account").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def _choose(client, language: str) -> None:
    answer = client.post("/account/interface", data={"language": language, "digits": "latn", "csrf_token": _csrf(client)})
    assert answer.status_code == 200


def _alert(page: str) -> str:
    found = re.search(r'<p class="error" role="alert"[^>]*>(.*?)</p>', page, re.S)
    assert found, page
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).strip()


@pytest.mark.parametrize("language, expected", [
    ("ar", "كلمة المرور يجب ألا يقل طولها عن 12 محرفاً"),
    ("fr", "le mot de passe doit compter au moins 12 caractères"),
    ("en", "the password must be at least 12 characters long"),
])
def test_a_refused_new_password_is_said_in_the_interface_language(client, auth, seeded, language, expected):
    auth.login("ann1")
    _choose(client, language)
    refused = client.post("/account/password", data={"current_password": PASSWORD, "new_password": "short-one",
                                                     "confirm_password": "short-one", "csrf_token": _csrf(client)})
    assert refused.status_code == 422
    words = _alert(refused.get_data(as_text=True))
    assert words == expected
    if language == "ar":
        assert english_words(words) == []


def test_a_lead_reads_a_refused_assignment_in_arabic(client, auth, session, seeded):
    document = make_document(session, seeded.project, external_id="m-0")
    assign(session, document, seeded.ann1)
    auth.login("lead")
    _choose(client, "ar")
    refused = client.post(f"/projects/{seeded.project.public_id}/team/assign/manual",
                          data={"user": "ann2", "documents": "m-0 missing-doc", "csrf_token": _csrf(client)})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "لا وثيقة بالمعرّف missing-doc في المشروع" in page
    assert "no document with id" not in page


def test_a_phrase_is_its_english_words_and_counts_take_the_arabic_forms():
    problem = Invalid(Phrase("no user named '{name}'", name="salma"), "username")
    assert problem.message == str(problem) == "no user named 'salma'"
    assert problem.in_language("ar") == "لا مستخدم باسم «salma»"
    few = ("no interval: {count} comparable document, fewer than the project's minimum of {minimum}",
           "no interval: {count} comparable documents, fewer than the project's minimum of {minimum}")
    counted = {n: Plural(*few, n, minimum=5) for n in (1, 2, 3, 11, 100)}
    assert [str(counted[n]) for n in (1, 2)] == [
        "no interval: 1 comparable document, fewer than the project's minimum of 5",
        "no interval: 2 comparable documents, fewer than the project's minimum of 5"]
    # Arabic: one, the dual, 3-10, 11-99 and 100 each read differently
    shown = [counted[n].in_language("ar") for n in (1, 2, 3, 11, 100)]
    assert [words in said for words, said in zip(["وثيقة واحدة", "وثيقتان", "3 وثائق", "11 وثيقةً", "100 وثيقة"],
                                                 shown)] == [True] * 5, shown
    # A phrase keeps its parts through a copy or pickle (a job's queue): still Arabic on the far side.
    assert pickle.loads(pickle.dumps(counted[2])).in_language("ar") == shown[1]
    assert copy.deepcopy(problem.template).in_language("ar") == "لا مستخدم باسم «salma»"


def test_the_audit_names_events_and_says_what_changed_in_arabic(client, auth, seeded):
    auth.login("lead")
    _choose(client, "ar")
    page = client.get(f"/projects/{seeded.project.public_id}/audit").get_data(as_text=True)
    row = re.search(r'<tr data-action="auth.sign_in">(.*?)</tr>', page, re.S)
    assert row, page
    assert '<td title="auth.sign_in">دخول</td>' in row.group(1) and ">دخل</td>" in row.group(1)
    assert "signed in" not in page and "sign_in<" not in page
    assert '<option value="auth">عمليات الدخول</option>' in page  # the kind filter too
