"""The interface in the person's language: an Arabic annotator reads Arabic from login to their
progress; the language and digits settings; what falls back to English and what is refused."""
from __future__ import annotations

import pytest

from tests.factories import assign, make_document
from tests.web.annotate_support import HTMX, arabic_set
from tests.web.interface_words import english_words

SEEDED_NAMES = {"ann", "Demo", "Talks", "resume", "Werkzeug", "doc"}  # the user, the project and the English title: data, not interface
ENGLISH_ARTICLE = [("title", "Talks resume"), ("body", "The minister said the talks would resume on Monday.")]


def _csrf(client) -> str:
    import re

    page = client.get("/account").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def _choose(client, language: str, digits: str = "latn"):
    return client.post("/account/interface", data={"language": language, "digits": digits,
                                                   "csrf_token": _csrf(client)})


@pytest.fixture
def arabic_annotator(client, auth, session, seeded):
    _document, aset = arabic_set(session, seeded)
    english = make_document(session, seeded.project, ENGLISH_ARTICLE, "en")
    assign(session, english, seeded.ann1)
    auth.login("ann1")
    assert _choose(client, "ar").status_code == 200
    return aset


def _pages(aset, project) -> list[str]:
    one = f"/annotate/{aset.public_id}"
    return ["/", "/annotate/", f"/annotate/?project={project.public_id}", one, f"{one}/status",
            f"{one}/guidelines/claim", f"{one}/layers/stance", f"{one}/layers/frames", f"{one}/layers/links",
            f"{one}/layers/mentions", f"{one}/argument-map", f"{one}/history", "/account", "/account/tokens"]


def test_an_arabic_annotator_reads_no_english_word_of_the_interface(client, arabic_annotator, seeded):
    aset = arabic_annotator
    for path in _pages(aset, seeded.project):
        response = client.get(path, headers=HTMX if path.count("/") > 3 and "argument-map" not in path else {})
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert english_words(html, allowed=SEEDED_NAMES) == [], path
    headers = {**HTMX, "X-CSRFToken": _csrf(client)}
    refused = client.post(f"/annotate/{aset.public_id}/status", data={"status": "done"}, headers=headers)
    assert refused.status_code == 409  # the scheme asks for a primary frame first, and says so in Arabic
    assert "اختر إطاراً رئيسياً للوثيقة" in refused.get_data(as_text=True)
    assert english_words(refused.get_data(as_text=True)) == []
    framed = client.post(f"/annotate/{aset.public_id}/frames", data={"frame": "economic", "role": "primary"},
                         headers=headers)
    assert framed.status_code == 200 and english_words(framed.get_data(as_text=True), allowed=SEEDED_NAMES) == []
    done = client.post(f"/annotate/{aset.public_id}/status", data={"status": "done"}, headers=headers)
    assert done.status_code == 200 and english_words(done.get_data(as_text=True), allowed=SEEDED_NAMES) == []
    mine = client.get("/annotate/").get_data(as_text=True)
    assert "منجز" in mine and english_words(mine, allowed=SEEDED_NAMES) == []


def _login_page(client, **headers) -> str:
    return client.get("/login", headers=headers).get_data(as_text=True)


def test_the_browser_language_decides_until_the_person_chooses_one(client, auth, seeded):
    assert "Se connecter" in _login_page(client, **{"Accept-Language": "fr-FR,fr;q=0.9"})
    assert 'lang="ar" dir="rtl"' in _login_page(client, **{"Accept-Language": "ar-MA"})
    auth.login("ann1")
    french = client.get("/account", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Votre compte" in french
    assert _choose(client, "ar").status_code == 200
    chosen = client.get("/account", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "حسابك" in chosen and 'lang="ar" dir="rtl"' in chosen  # the account's choice beats the browser's
    assert "Your account" in client.get("/account?lang=en").get_data(as_text=True)  # ?lang= overrides both
    assert _choose(client, "").status_code == 200  # back to following the browser
    assert "Votre compte" in client.get("/account", headers={"Accept-Language": "fr"}).get_data(as_text=True)


def test_a_language_not_offered_falls_back_to_english_without_an_error(client, auth, session, seeded):
    for headers, path in (({"Accept-Language": "de-DE,de;q=0.9"}, "/login"), ({}, "/login?lang=xx"),
                          ({"Accept-Language": "*"}, "/login")):
        response = client.get(path, headers=headers)
        assert response.status_code == 200 and 'lang="en" dir="ltr"' in response.get_data(as_text=True)
    seeded.ann1.ui_language = "de"  # a stored code no longer offered (say, a catalog removed)
    session.commit()
    auth.login("ann1")
    page = client.get("/account")
    assert page.status_code == 200 and "Your account" in page.get_data(as_text=True)


@pytest.mark.parametrize("field, value", [("language", "de"), ("language", "arabic"), ("digits", "roman"),
                                          ("digits", "")])
def test_a_setting_out_of_range_is_refused_naming_it_and_changes_nothing(client, auth, session, seeded, field, value):
    auth.login("ann1")
    assert _choose(client, "fr", "arab").status_code == 200
    data = {"language": "fr", "digits": "arab", field: value}
    refused = _choose(client, data["language"], data["digits"])
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and f'data-field="{field}">{field}' in html  # the message names it
    session.expire_all()
    user = session.get(type(seeded.ann1), seeded.ann1.id)
    assert (user.ui_language, user.digits) == ("fr", "arab")


def test_numbers_and_dates_follow_the_locale_with_arabic_indic_digits_on_request(client, auth, session, seeded):
    _document, aset = arabic_set(session, seeded)
    auth.login("ann1")
    assert _choose(client, "ar").status_code == 200
    western = client.get("/annotate/").get_data(as_text=True)
    assert "أُنجز 0 من 1" in western  # Western digits by default
    assert _choose(client, "ar", "arab").status_code == 200
    eastern = client.get("/annotate/").get_data(as_text=True)
    assert "أُنجز ٠ من ١" in eastern
    account = client.get("/account").get_data(as_text=True)
    assert "٢٠" in account  # the sessions' dates: Arabic-Indic digits too
    assert _choose(client, "fr").status_code == 200
    assert "0 sur 1 terminés" in client.get("/annotate/").get_data(as_text=True)
