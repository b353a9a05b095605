"""What a person reads when a change is refused (issue 18): never an HTTP status code, never an
internal key (a label's key, a field's name, a link type's key); a label is named by its name in
the interface language."""
from __future__ import annotations

import html
import json
import re

import pytest

from annotator.services.team.projects import current_scheme
from tests.factories import add_span
from tests.layer_factories import LayerUser
from tests.web.annotate_support import arabic_set

LABEL_KEYS = ("claim", "evidence", "major_claim", "supports", "attacks")  # English words too: checked in Arabic


def read_by_a_person(response) -> str:
    """The words the page shows: the X-Problem header's message, else the problem box's text."""
    header = response.headers.get("X-Problem")
    if header:
        return json.loads(header)["error"]
    page = response.get_data(as_text=True)
    box = re.search(r'<div class="problem"[^>]*>(.*?)</div>', page, re.S)
    assert box, page
    return html.unescape(re.sub(r"<[^>]+>", " ", box.group(1))).strip()


def assert_readable(response, status: int, language: str = "ar") -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    words = read_by_a_person(response)
    assert words
    assert not re.search(r"\b[1-5]\d\d\b", words), words  # no status code
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", words), words  # no field or label key (csrf_token, major_claim)
    assert not re.search(r"'[\w ]+'", words), words  # no quoted key of any kind
    assert not re.match(r"\w+: ", words), words  # no "target: …" prefix
    if language == "ar":
        for key in LABEL_KEYS:
            assert not re.search(rf"\b{key}\b", words), (key, words)
    return words


@pytest.fixture
def spans(session, seeded):
    _document, aset = arabic_set(session, seeded)
    claim = add_span(session, aset, 1, "claim", 0, 22)
    evidence = add_span(session, aset, 2, "evidence", 0, 14)
    return aset, claim, evidence


@pytest.fixture
def names(session, seeded):
    scheme = current_scheme(session, seeded.project)
    return {key: scheme.find_label(key)[1].names for key in ("claim", "evidence")}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_refused_link_names_the_labels_in_the_interface_language(app, spans, names, language):
    aset, claim, evidence = spans
    ann1 = LayerUser(app, "ann1")
    response = ann1.post(aset, "links", {"source": claim.public_id, "target": evidence.public_id,
                                         "link_type": "supports"}, extra={"Accept-Language": language})
    words = assert_readable(response, 422, language)
    assert names["claim"][language] in words and names["evidence"][language] in words


def test_a_duplicate_link_and_a_self_link_say_so_without_keys(app, spans):
    aset, claim, evidence = spans
    ann1 = LayerUser(app, "ann1")
    data = {"source": evidence.public_id, "target": claim.public_id, "link_type": "supports"}
    assert ann1.post(aset, "links", data).status_code == 201
    assert "already linked" in assert_readable(ann1.post(aset, "links", data), 409)
    # The pair takes no type from the page that it does not allow: refused with the labels' names.
    assert_readable(ann1.post(aset, "links", {**data, "target": evidence.public_id}), 422)


def test_a_duplicate_span_names_its_label(app, session, seeded, names):
    _document, aset = arabic_set(session, seeded)
    ann1 = LayerUser(app, "ann1")
    assert ann1.tag(aset, 1, "الاتفاق").status_code == 201
    refused = ann1.tag(aset, 1, "الاتفاق", headers={"Accept-Language": "ar"})
    assert names["claim"]["ar"] in assert_readable(refused, 409)


def test_an_ended_session_a_missing_token_and_another_annotators_set(app, client, spans):
    aset, claim, _evidence = spans
    logged_out = client.post(f"/annotate/{aset.public_id}/stances", data={"actor": "x", "value": "favor"},
                             headers={"HX-Request": "true"})
    assert_readable(logged_out, 401)
    ann1 = LayerUser(app, "ann1")
    assert_readable(ann1.post(aset, "frames", {"frame": "economic", "role": "primary"}, csrf=False), 400)
    ann2 = LayerUser(app, "ann2")
    assert_readable(ann2.post(aset, "frames", {"frame": "economic", "role": "primary"}), 404)
