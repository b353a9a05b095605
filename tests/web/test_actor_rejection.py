"""A lead rejects an annotator's proposed actor with a reason: leads only, CSRF, a reason required;
the proposer reads the reason in their own set, nobody else sees the proposal, and its mentions
and stances stop counting (kept, not deleted)."""
from __future__ import annotations

from sqlalchemy import func, select

from annotator.models import Actor, Mention, Stance
from tests.factories import assign, make_document
from tests.layer_factories import LayerUser

TEXT = "انسحبت قوات الفيلق الأفريقي من المدينة"
PHRASE = "الفيلق الأفريقي"


def _url(seeded, actor, tail="reject"):
    return f"/projects/{seeded.project.public_id}/actors/{actor.public_id}/{tail}"


def _proposal(app, session, seeded):
    document = make_document(session, seeded.project, (("body", TEXT),), language="ar")
    aset = assign(session, document, seeded.ann1)
    other = assign(session, document, seeded.ann2)
    ann1 = LayerUser(app, "ann1")
    start = TEXT.index(PHRASE)
    answer = ann1.post(aset, "actor-proposals", {"name": "Africa Corps", "kind": "armed_group", "paragraph": 0,
                                                 "start": start, "end": start + len(PHRASE)})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    actor = session.scalar(select(Actor).where(Actor.status == "proposed"))
    assert ann1.post(aset, "stances", {"actor": actor.public_id, "value": "against", "scope": ""}).status_code == 200
    return ann1, aset, other, actor


def test_the_proposer_reads_why_and_the_proposal_stops_counting(app, session, seeded):
    ann1, aset, other, actor = _proposal(app, session, seeded)
    lead = LayerUser(app, "lead")
    reason = "Not a party to the conflict in this project:\nmark it as Wagner"
    answer = lead.client.post(_url(seeded, actor), headers=lead.headers(), data={"reason": reason})
    assert answer.status_code == 200
    body = answer.get_data(as_text=True)
    assert "Rejected Africa Corps" in body and f'id="proposal-{actor.public_id}"' not in body  # off the waiting list
    session.expire_all()
    rejected = session.get(Actor, actor.id)
    assert (rejected.status, rejected.rejection_reason, rejected.proposed_in_set_id) == ("rejected", reason, aset.id)
    # Kept, not deleted: the annotator's mark and stance are still stored.
    assert session.scalar(select(func.count(Mention.id)).where(Mention.actor_id == actor.id)) == 1
    assert session.scalar(select(func.count(Stance.id)).where(Stance.actor_id == actor.id)) == 1
    # The proposer: the panel names the proposal, the selected text and the reason; the stance panel drops it.
    panel = ann1.get(aset, "layers/mentions").get_data(as_text=True)
    assert f'data-rejected-actor="{actor.public_id}"' in panel and PHRASE in panel and "mark it as Wagner" in panel
    assert 'data-marks=\'[]\'' in panel  # its mention no longer drawn or counted
    stance = ann1.get(aset, "layers/stance").get_data(as_text=True)
    assert "Africa Corps" not in stance
    # Nobody else sees it: the other annotator's panel has neither the proposal nor the reason.
    ann2 = LayerUser(app, "ann2")
    other_panel = ann2.get(other, "layers/mentions").get_data(as_text=True)
    assert "Africa Corps" not in other_panel and "Wagner" not in other_panel
    assert ann2.get(aset, "layers/mentions").status_code == 404
    # Rejected once: a second decision finds no proposal.
    again = lead.client.post(_url(seeded, actor), headers=lead.headers(), data={"reason": "again"})
    assert again.status_code == 404
    assert lead.client.post(_url(seeded, actor, "accept"), headers=lead.headers()).status_code == 404


def test_only_a_lead_rejects_with_a_reason_and_the_token(app, session, seeded):
    ann1, _aset, _other, actor = _proposal(app, session, seeded)
    lead = LayerUser(app, "lead")
    assert ann1.client.post(_url(seeded, actor), headers=ann1.headers(), data={"reason": "no"}).status_code == 403
    outsider = LayerUser(app, "outsider")
    assert outsider.client.post(_url(seeded, actor), headers=outsider.headers(),
                                data={"reason": "no"}).status_code == 404
    no_token = lead.client.post(_url(seeded, actor), headers=lead.headers(csrf=False), data={"reason": "no"})
    assert no_token.status_code in (400, 403)
    for reason, words in (("", "say why"), ("   ", "say why"), ("x" * 1001, "at most 1000"), ("a\x00b", "control")):
        refused = lead.client.post(_url(seeded, actor), headers=lead.headers(), data={"reason": reason})
        assert refused.status_code == 422, reason
        assert "reason" in refused.get_data(as_text=True) and words in refused.get_data(as_text=True)
    session.expire_all()
    assert session.get(Actor, actor.id).status == "proposed"  # nothing changed
