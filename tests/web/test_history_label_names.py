"""The history panel and the audit page name a label as the scheme does in the reader's language
(issue 15): «ادعاء» in Arabic, «Affirmation» in French, where the event stored the key ``claim``;
the English words keep the key, as before (the CLI, the audit export and scripts read them)."""
from __future__ import annotations

import json

import pytest

from tests.web.annotate_support import Annotator, arabic_set
from tests.web.test_service_messages_language import _choose


@pytest.fixture
def doc_set(session, seeded):
    return arabic_set(session, seeded)[1]


@pytest.mark.parametrize("language, said", [
    ("ar", "وسم «الرَّئِيسُ» بـادعاء"),
    ("fr", "a étiqueté «الرَّئِيسُ» comme Affirmation"),
    ("en", "tagged «الرَّئِيسُ» as claim"),
])
def test_the_audit_page_names_the_label_in_the_readers_language(client, auth, seeded, doc_set, language, said):
    Annotator(client, auth, "ann1").tag(doc_set, 1, "الرَّئِيسُ")
    auth.logout()
    auth.login("lead")
    _choose(client, language)
    html = client.get(f"/projects/{seeded.project.public_id}/audit").get_data(as_text=True)
    assert said in html
    if language != "en":
        assert " as claim" not in html and "بـclaim" not in html


def test_undo_says_the_label_name_in_arabic(client, auth, doc_set):
    ann1 = Annotator(client, auth, "ann1")
    ann1.tag(doc_set, 2, "العقوبات", "evidence")
    _choose(client, "ar")
    response = client.post(f"/annotate/{doc_set.public_id}/history/undo", headers=ann1.headers())
    assert response.status_code == 200
    said = json.loads(response.headers["X-History-Refresh"])["said"]
    assert "«العقوبات»" in said and "دليل" in said and "evidence" not in said
    assert "«العقوبات» بـدليل" in response.get_data(as_text=True)  # the panel, in the same words


@pytest.mark.parametrize("language, said", [
    ("ar", "ربط دليل ← ادعاء (يدعم)"),
    ("en", "linked evidence → claim (supports)"),
])
def test_a_link_type_and_a_stance_value_are_named_in_the_readers_language(language, said):
    from annotator.domain.history import describe

    names = {"claim": {"ar": "ادعاء", "en": "Claim"}, "evidence": {"ar": "دليل", "en": "Evidence"}}
    link = describe("link.create", None, {"source_label": "evidence", "target_label": "claim", "type": "supports"}, names)
    stance = describe("stance.update", None, {"actor_name": "فرنسا", "value": "not_stated"})
    assert link.in_language(language) == said
    assert str(stance) == "stance toward فرنسا: not_stated"  # the English keeps the stored key
    assert stance.in_language("ar").endswith("غير مصرَّح به") and "not_stated" not in stance.in_language("fr")
