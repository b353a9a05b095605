"""Links through HTTP: created from the page's requests; bad input answered 4xx, nothing saved."""
import pytest
from sqlalchemy import select

from annotator.models import Link
from tests.factories import add_span
from tests.layer_factories import LayerUser, layer_counts
from tests.web.annotate_support import arabic_set


@pytest.fixture
def spans(session, seeded):
    document, aset = arabic_set(session, seeded)
    claim = add_span(session, aset, 1, "claim", 0, 22)
    evidence = add_span(session, aset, 2, "evidence", 0, 14)
    technique = add_span(session, aset, 2, "loaded_language", 0, 7)
    return aset, claim, evidence, technique


def test_an_evidence_supports_a_claim(app, session, seeded, spans):
    aset, claim, evidence, _ = spans
    ann1 = LayerUser(app, "ann1")
    choice = ann1.get(aset, "links/choice", source=evidence.public_id, target=claim.public_id)
    assert choice.status_code == 200
    assert 'data-type="supports"' in choice.get_data(as_text=True)
    response = ann1.post(aset, "links", {"source": evidence.public_id, "target": claim.public_id,
                                         "link_type": "supports"})
    assert response.status_code == 201, response.get_data(as_text=True)
    html = response.get_data(as_text=True)
    assert 'id="links-panel"' in html and '"type": "supports"' in html and 'hx-swap-oob="true"' in html
    link = session.scalar(select(Link))
    assert (link.source_span_id, link.target_span_id, link.link_type) == (evidence.id, claim.id, "supports")
    retyped = ann1.patch_at(aset, f"links/{link.public_id}", {"link_type": "attacks", "version": 1})
    assert retyped.status_code == 200 and "attacks" in retyped.get_data(as_text=True)
    assert ann1.delete_at(aset, f"links/{link.public_id}").status_code == 200
    session.expire_all()
    assert session.scalar(select(Link)) is None


@pytest.mark.parametrize("case, status", [
    ("no_type", 422), ("bad_type", 422), ("self", 422), ("pair_not_allowed", 422), ("technique", 422),
    ("missing_span", 404), ("other_annotator", 404), ("no_csrf", 400),
])
def test_bad_links_are_refused_and_nothing_is_saved(app, session, seeded, spans, case, status):
    aset, claim, evidence, technique = spans
    data = {"source": evidence.public_id, "target": claim.public_id, "link_type": "supports"}
    user, kw = "ann1", {}
    if case == "no_type":
        del data["link_type"]
    elif case == "bad_type":
        data["link_type"] = "rebuts"
    elif case == "self":
        data["target"] = evidence.public_id
    elif case == "pair_not_allowed":
        data = {**data, "source": claim.public_id, "target": evidence.public_id}
    elif case == "technique":
        data["source"] = technique.public_id
    elif case == "missing_span":
        data["target"] = "00000000-0000-0000-0000-000000000000"
    elif case == "other_annotator":
        user = "ann2"
    elif case == "no_csrf":
        kw = {"csrf": False}
    before = layer_counts(session)
    response = LayerUser(app, user).post(aset, "links", data, **kw)
    assert response.status_code == status, response.get_data(as_text=True)
    assert 'class="problem"' in response.get_data(as_text=True)
    assert layer_counts(session) == before


def test_a_duplicate_is_a_conflict_and_json_clients_get_json(app, session, seeded, spans):
    aset, claim, evidence, _ = spans
    ann1 = LayerUser(app, "ann1")
    data = {"source": evidence.public_id, "target": claim.public_id, "link_type": "supports"}
    created = ann1.client.post(f"/annotate/{aset.public_id}/links", data=data,
                               headers={"X-CSRFToken": ann1.token, "Accept": "application/json"})
    assert created.status_code == 201 and created.get_json()["link_type"] == "supports"
    again = ann1.client.post(f"/annotate/{aset.public_id}/links", data={**data, "link_type": "attacks"},
                             headers={"X-CSRFToken": ann1.token, "Accept": "application/json"})
    assert again.status_code == 409 and again.get_json()["field"] == "target"


def test_the_argument_map_draws_the_link_and_escapes_text(app, session, seeded, spans):
    aset, claim, evidence, _ = spans
    ann1 = LayerUser(app, "ann1")
    ann1.post(aset, "links", {"source": evidence.public_id, "target": claim.public_id, "link_type": "attacks"})
    page = ann1.client.get(f"/annotate/{aset.public_id}/argument-map")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count('class="edge edge-attacks"') == 1
    assert f'data-source="{evidence.public_id}" data-target="{claim.public_id}"' in html
    assert f'href="/annotate/{aset.public_id}#span-{claim.public_id}"' in html
    assert LayerUser(app, "ann2").client.get(f"/annotate/{aset.public_id}/argument-map").status_code == 404
    assert LayerUser(app, "lead").client.get(f"/annotate/{aset.public_id}/argument-map").status_code == 200
