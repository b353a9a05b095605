"""The adjudicator's note on a unit (why they decided) over HTTP: written on an open or decided
span or stance, kept apart from the cause (each field is kept when the other is sent), shown on
the page and its paragraph swap, and in the gold sheets of the exported workbook."""
from __future__ import annotations

import re

import pytest

from tests.export.helpers import rows_as_dicts, workbook
from tests.gold_factories import gold_scenario


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


def _units(body: str) -> list[dict]:
    return [dict(re.findall(r'data-(unit|fp|kind|paragraph|versions)="([^"]*)"', tag))
            for tag in re.findall(r'<li class="adj-unit[^>]*>', body)]


def _post(client, auth, path, data, htmx=False):
    headers = {"X-CSRFToken": auth.csrf_token(), **({"HX-Request": "true"} if htmx else {"Accept": "application/json"})}
    return client.post(path, headers=headers, data=data)


def test_a_note_on_a_decided_span_and_stance_reaches_the_page_and_the_gold_sheets(client, auth, scenario, seeded):
    auth.login("judge")
    doc = scenario.document.public_id
    units = _units(client.get(f"/adjudicate/{doc}").get_data(as_text=True))
    evidence = next(u for u in units if u["kind"] == "span" and u["versions"] == "2")
    stance = next(u for u in units if u["kind"] == "stance")
    assert 'data-action="note"' in client.get(f"/adjudicate/{doc}").get_data(as_text=True)
    picked = _post(client, auth, f"/adjudicate/{doc}/decisions",
                   {"action": "pick", "unit": evidence["unit"], "fingerprint": evidence["fp"],
                    "paragraph": evidence["paragraph"], "version": "2"})
    assert picked.status_code == 201
    # After the decision, the why: only the note is sent, then only the cause; each keeps the other.
    noted = _post(client, auth, f"/adjudicate/{doc}/causes", {"unit": evidence["unit"], "note": "  النص يبدأ بالفعل  "})
    assert noted.status_code == 200 and noted.get_json() == {"unit": evidence["unit"], "cause": None,
                                                              "note": "النص يبدأ بالفعل"}
    tagged = _post(client, auth, f"/adjudicate/{doc}/causes", {"unit": evidence["unit"], "cause": "boundary"})
    assert tagged.get_json() == {"unit": evidence["unit"], "cause": "boundary", "note": "النص يبدأ بالفعل"}
    assert _post(client, auth, f"/adjudicate/{doc}/causes", {"unit": stance["unit"], "note": "majority <b>value</b>"},
                 htmx=True).status_code == 204
    assert _post(client, auth, f"/adjudicate/{doc}/decisions",
                 {"action": "pick", "unit": stance["unit"], "fingerprint": stance["fp"], "version": "1"}
                 ).status_code == 201

    paragraph = client.get(f"/adjudicate/{doc}/paragraphs/{evidence['paragraph']}").get_data(as_text=True)
    assert '<span class="adj-note-text" dir="auto">النص يبدأ بالفعل</span>' in paragraph
    page = client.get(f"/adjudicate/{doc}").get_data(as_text=True)
    assert "majority &lt;b&gt;value&lt;/b&gt;" in page and "<b>value</b>" not in page  # escaped

    auth.login("lead")
    with client.get(f"/projects/{seeded.project.public_id}/export.xlsx") as response:
        book = workbook(response.get_data())
    spans = {r["Label"]: r for r in rows_as_dicts(book["Gold spans"])}
    assert (spans["evidence"]["Cause"], spans["evidence"]["Note"]) == ("boundary", "النص يبدأ بالفعل")
    stances = rows_as_dicts(book["Gold stances"])
    assert [r["Note"] for r in stances] == ["majority <b>value</b>"]


def test_an_empty_note_removes_it_and_bad_notes_are_refused_naming_the_field(client, auth, scenario, session):
    from sqlalchemy import select

    from annotator.models import DisagreementCause

    auth.login("judge")
    doc = scenario.document.public_id
    unit = next(u for u in _units(client.get(f"/adjudicate/{doc}").get_data(as_text=True)) if u["kind"] == "span")
    causes = f"/adjudicate/{doc}/causes"
    assert _post(client, auth, causes, {"unit": unit["unit"], "note": "first thought"}).status_code == 200
    assert "first thought</span>" in client.get(f"/adjudicate/{doc}").get_data(as_text=True)
    nothing = _post(client, auth, causes, {"unit": unit["unit"]})
    assert nothing.status_code == 422 and nothing.get_json()["field"] == "cause"
    long = _post(client, auth, causes, {"unit": unit["unit"], "note": "x" * 4001})
    assert long.status_code == 422 and long.get_json()["field"] == "note"
    unknown = _post(client, auth, causes, {"unit": "s:nowhere", "note": "?"})
    assert unknown.status_code == 422 and unknown.get_json()["field"] == "unit"
    assert session.scalar(select(DisagreementCause.note)) == "first thought"  # nothing half-saved
    assert _post(client, auth, causes, {"unit": unit["unit"], "note": ""}).get_json()["note"] == ""
    assert "first thought" not in client.get(f"/adjudicate/{doc}").get_data(as_text=True)
    auth.login("ann1")
    assert _post(client, auth, causes, {"unit": unit["unit"], "note": "mine"}).status_code == 404
