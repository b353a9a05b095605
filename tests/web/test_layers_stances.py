"""Stance and frames through HTTP: the panels answer each change; bad input 4xx, nothing saved."""
import pytest
from sqlalchemy import select

from annotator.models import FrameChoice, Stance
from tests.layer_factories import LayerUser, layer_counts, registry
from tests.web.annotate_support import arabic_set


@pytest.fixture
def article(session, seeded):
    document, aset = arabic_set(session, seeded)
    return aset, registry(session, seeded.project)


def test_stance_panel_lists_mentioned_actors_and_takes_a_stance(app, session, seeded, article):
    aset, actors = article
    ann1 = LayerUser(app, "ann1")
    panel = ann1.get(aset, "layers/stance").get_data(as_text=True)
    assert panel.index("The President") < panel.index("Egypt")  # two mentions before one
    assert "NATO" in panel  # found in the Latin-script paragraph
    egypt = actors["Egypt"].public_id
    response = ann1.post(aset, "stances", {"actor": egypt, "value": "against", "intensity": "3", "scope": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and f'data-focus="{egypt}"' in html
    assert 'data-value="against" data-intensity="3"' in html
    stance = session.scalar(select(Stance))
    assert (stance.value, stance.intensity, stance.paragraph_id, stance.holder) == ("against", 3, None, "")
    removed = ann1.delete_at(aset, f"stances/{stance.public_id}")
    assert removed.status_code == 200
    session.expire_all()
    assert session.scalar(select(Stance)) is None


def test_any_registry_actor_can_be_added_to_the_panel(app, session, seeded, article):
    aset, _ = article
    ann1 = LayerUser(app, "ann1")
    from annotator.schemas.actors import ActorSpec, AliasSpec
    from annotator.services.actors import registry as actor_service

    mali = actor_service.create_actor(session, seeded.project, ActorSpec("Mali", "state", (AliasSpec("باماكو"),)))
    before = ann1.get(aset, "layers/stance").get_data(as_text=True)
    assert 'data-actor="%s"' % mali.public_id not in before and f'<option value="{mali.public_id}">' in before
    added = ann1.get(aset, "layers/stance", add=mali.public_id).get_data(as_text=True)
    assert f'data-actor="{mali.public_id}"' in added and f'data-focus="{mali.public_id}"' in added


@pytest.mark.parametrize("data, status", [
    ({"value": "love"}, 422),
    ({"value": "favor", "intensity": "7"}, 422),
    ({"value": "neutral", "intensity": "2"}, 422),
    ({"value": "favor", "paragraph": "40"}, 404),
    ({"value": "favor", "actor": "00000000-0000-0000-0000-000000000000"}, 404),
    ({"actor": None, "value": "favor"}, 422),
])
def test_bad_stances_are_refused(app, session, seeded, article, data, status):
    aset, actors = article
    payload = {"actor": actors["Egypt"].public_id, **data}
    payload = {k: v for k, v in payload.items() if v is not None}
    before = layer_counts(session)
    response = LayerUser(app, "ann1").post(aset, "stances", payload)
    assert response.status_code == status, response.get_data(as_text=True)
    assert layer_counts(session) == before


def test_another_annotator_and_the_lead_cannot_write_stances(app, session, seeded, article):
    aset, actors = article
    before = layer_counts(session)
    for user in ("ann2", "lead"):
        response = LayerUser(app, user).post(aset, "stances", {"actor": actors["Egypt"].public_id, "value": "favor"})
        assert response.status_code == 404
    assert layer_counts(session) == before
    assert LayerUser(app, "ann2").get(aset, "layers/stance").status_code == 404
    lead_view = LayerUser(app, "lead").get(aset, "layers/stance").get_data(as_text=True)
    assert 'data-editable="0"' in lead_view and "Add an actor" not in lead_view


def test_frames_primary_and_secondary(app, session, seeded, article):
    aset, _ = article
    ann1 = LayerUser(app, "ann1")
    assert ann1.post(aset, "frames", {"frame": "security_and_defense", "role": "primary"}).status_code == 200
    html = ann1.post(aset, "frames", {"frame": "economic", "role": "secondary"}).get_data(as_text=True)
    assert '<option value="security_and_defense" selected>' in html
    assert 'value="economic" checked' in html
    rows = session.execute(select(FrameChoice.frame, FrameChoice.is_primary).order_by(FrameChoice.frame)).all()
    assert rows == [("economic", False), ("security_and_defense", True)]


@pytest.mark.parametrize("data, status", [
    ({"frame": "astrology", "role": "primary"}, 422),
    ({"frame": "economic", "role": "main"}, 422),
    ({"frame": "economic", "role": "primary", "paragraph": "1"}, 422),
    ({"role": "primary"}, 422),
])
def test_bad_frames_are_refused(app, session, seeded, article, data, status):
    aset, _ = article
    before = layer_counts(session)
    response = LayerUser(app, "ann1").post(aset, "frames", data)
    assert response.status_code == status
    assert layer_counts(session) == before
