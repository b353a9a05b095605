"""Mentions through HTTP: verdicts, marks by hand and proposals stay in the annotator's set."""
from sqlalchemy import select

from annotator.models import Actor, Mention, MentionConfirmation
from tests.layer_factories import LayerUser, layer_counts, registry
from tests.web.annotate_support import ARABIC_ARTICLE, arabic_set, offsets_of
from tests.factories import assign


def test_verdicts_and_marks_are_blind(app, session, seeded):
    document, mine = arabic_set(session, seeded)
    theirs = assign(session, document, seeded.ann2)
    actors = registry(session, seeded.project)
    ann1, ann2 = LayerUser(app, "ann1"), LayerUser(app, "ann2")
    found = session.scalar(select(Mention).where(Mention.actor_id == actors["Egypt"].id))
    assert found.text == "مـــصر"  # tatweel inside, found by the folded alias
    rejected = ann1.post(mine, f"mentions/{found.public_id}/verdict", {"verdict": "reject"})
    html = rejected.get_data(as_text=True)
    assert rejected.status_code == 200 and 'id="stance-panel"' in html and 'hx-swap-oob="true"' in html
    assert session.get(MentionConfirmation, (mine.id, found.id)).confirmed is False
    start, end = offsets_of(ARABIC_ARTICLE[2][1], "العقوبات")
    marked = ann1.post(mine, "mentions", {"actor": actors["NATO"].public_id, "paragraph": 2, "start": start,
                                          "end": end})
    assert marked.status_code == 201, marked.get_data(as_text=True)
    proposal = ann1.post(mine, "actor-proposals", {"name": "العقوبات الغربية", "kind": "other", "paragraph": 2,
                                                   "start": start, "end": end})
    assert proposal.status_code == 201
    own_view = ann1.get(mine, "layers/mentions").get_data(as_text=True)
    assert "data-marked=\"manual\"" in own_view and "العقوبات الغربية" in own_view
    other_view = ann2.get(theirs, "layers/mentions").get_data(as_text=True)
    assert "data-marked" not in other_view and "العقوبات الغربية" not in other_view
    assert "not a mention" not in other_view
    stance_view = ann2.get(theirs, "layers/stance").get_data(as_text=True)
    assert "العقوبات الغربية" not in stance_view
    # ann2 cannot touch ann1's mention, verdict or proposal, even by id.
    before = layer_counts(session)
    manual = session.scalar(select(Mention).where(Mention.source == "manual", Mention.actor_id == actors["NATO"].id))
    proposed = session.scalar(select(Actor).where(Actor.status == "proposed"))
    assert ann2.delete_at(theirs, f"mentions/{manual.public_id}").status_code == 404
    assert ann2.post(theirs, f"mentions/{manual.public_id}/verdict", {"verdict": "confirm"}).status_code == 404
    assert ann2.post(theirs, "stances", {"actor": proposed.public_id, "value": "favor"}).status_code == 404
    assert ann2.delete_at(mine, f"mentions/{manual.public_id}").status_code == 404
    assert layer_counts(session) == before
    # The lead sees both in ann1's set, and the proposal on the registry page.
    lead = LayerUser(app, "lead")
    assert "data-marked=\"manual\"" in lead.get(mine, "layers/mentions").get_data(as_text=True)
    registry_page = lead.client.get(f"/projects/{seeded.project.public_id}/actors").get_data(as_text=True)
    assert "العقوبات الغربية" in registry_page and "ann1" in registry_page


def test_bad_mentions_are_refused(app, session, seeded):
    _document, mine = arabic_set(session, seeded)
    actors = registry(session, seeded.project)
    ann1 = LayerUser(app, "ann1")
    before = layer_counts(session)
    nato = actors["NATO"].public_id
    for data, status in (({"actor": nato, "paragraph": 2, "start": 5, "end": 5}, 422),
                         ({"actor": nato, "paragraph": 2, "start": 0, "end": 900}, 422),
                         ({"actor": nato, "paragraph": 99, "start": 0, "end": 3}, 404),
                         ({"actor": "nobody", "paragraph": 2, "start": 0, "end": 3}, 404),
                         ({"paragraph": 2, "start": 0, "end": 3}, 422)):
        response = ann1.post(mine, "mentions", data)
        assert response.status_code == status, (data, response.get_data(as_text=True))
    assert ann1.post(mine, "actor-proposals", {"name": "", "paragraph": 2, "start": 0, "end": 3}).status_code == 422
    clash = ann1.post(mine, "actor-proposals", {"name": "Egypt", "paragraph": 2, "start": 0, "end": 3})
    assert clash.status_code == 409  # already in the registry: mark a mention of it instead
    assert layer_counts(session) == before
