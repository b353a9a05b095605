"""The actor registry page: leads only; forms, CSV upload, proposals accepted or merged."""
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from annotator.models import Actor, ActorAlias, Mention
from tests.factories import assign, make_document
from tests.layer_factories import LayerUser

DEMO = (Path(__file__).resolve().parents[2] / "annotator" / "demo" / "actors.csv").read_bytes()


def _url(seeded, tail=""):
    return f"/projects/{seeded.project.public_id}/actors{tail}"


@pytest.mark.parametrize("user, status", [("lead", 200), ("admin", 200), ("ann1", 403), ("outsider", 404)])
def test_only_leads_reach_the_registry(app, seeded, user, status):
    assert LayerUser(app, user).client.get(_url(seeded)).status_code == status


def test_add_edit_and_delete_an_actor(app, session, seeded):
    make_document(session, seeded.project, (("body", "قال رئيس مالي إن باماكو لن تتراجع"),), language="ar")
    lead = LayerUser(app, "lead")
    added = lead.client.post(_url(seeded), headers=lead.headers(), data={
        "canonical_name": "Mali", "kind": "state", "aliases": "مالي|باماكو", "ambiguous_aliases": "مالي"})
    assert added.status_code == 201 and "Added Mali" in added.get_data(as_text=True)
    found = session.execute(select(Mention.text, Mention.uncertain).order_by(Mention.start)).all()
    assert found == [("مالي", True), ("باماكو", False)]
    mali = session.scalar(select(Actor))
    form = lead.client.get(_url(seeded, f"/{mali.public_id}/edit"), headers=lead.headers()).get_data(as_text=True)
    assert 'value="مالي|باماكو"' in form
    edited = lead.client.post(_url(seeded, f"/{mali.public_id}"), headers=lead.headers(), data={
        "canonical_name": "Mali", "kind": "state", "aliases": "باماكو"})
    assert edited.status_code == 200
    session.expire_all()
    assert session.execute(select(Mention.text)).scalars().all() == ["باماكو"]
    bad = lead.client.post(_url(seeded), headers=lead.headers(), data={"canonical_name": "X", "kind": "empire",
                                                                       "aliases": "x"})
    assert bad.status_code == 422 and "kind" in bad.get_data(as_text=True)
    assert lead.client.delete(_url(seeded, f"/{mali.public_id}"), headers=lead.headers()).status_code == 200
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Actor)) == 0


def test_csv_upload_all_or_nothing(app, session, seeded):
    lead = LayerUser(app, "lead")
    bad = b"canonical_name,kind,aliases,ambiguous_aliases,adjective_aliases\nA,state,a,,\nB,state,,,\n"
    response = lead.client.post(_url(seeded, "/import"), headers=lead.headers(),
                                data={"file": (io.BytesIO(bad), "actors.csv")}, content_type="multipart/form-data")
    assert response.status_code == 422 and "row 3" in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Actor)) == 0
    good = lead.client.post(_url(seeded, "/import"), headers=lead.headers(),
                            data={"file": (io.BytesIO(DEMO), "actors.csv")}, content_type="multipart/form-data")
    assert good.status_code == 200 and "24 new actors" in good.get_data(as_text=True)
    ann1 = LayerUser(app, "ann1")
    assert ann1.client.post(_url(seeded, "/import"), headers=ann1.headers(), data={}).status_code == 403


def test_proposals_are_accepted_or_merged_by_the_lead(app, session, seeded):
    text = "انسحبت قوات الفيلق الأفريقي، وبقيت مجموعة فاغنر"
    document = make_document(session, seeded.project, (("body", text),), language="ar")
    aset = assign(session, document, seeded.ann1)
    ann1, lead = LayerUser(app, "ann1"), LayerUser(app, "lead")
    lead.client.post(_url(seeded), headers=lead.headers(), data={"canonical_name": "Wagner", "kind": "armed_group",
                                                                 "aliases": "فاغنر"})
    wagner = session.scalar(select(Actor).where(Actor.canonical_name == "Wagner"))
    for phrase, name in (("الفيلق الأفريقي", "Africa Corps"), ("مجموعة فاغنر", "Wagner Group")):
        start = text.index(phrase)
        response = ann1.post(aset, "actor-proposals", {"name": name, "kind": "armed_group", "paragraph": 0,
                                                       "start": start, "end": start + len(phrase)})
        assert response.status_code == 201, response.get_data(as_text=True)
    corps, group = session.scalars(select(Actor).where(Actor.status == "proposed").order_by(Actor.id)).all()
    assert ann1.client.post(_url(seeded, f"/{corps.public_id}/accept"), headers=ann1.headers()).status_code == 403
    accepted = lead.client.post(_url(seeded, f"/{corps.public_id}/accept"), headers=lead.headers(),
                                data={"name": "Africa Corps"})
    assert accepted.status_code == 200 and "Africa Corps joined" in accepted.get_data(as_text=True)
    missing = lead.client.post(_url(seeded, f"/{group.public_id}/merge"), headers=lead.headers(), data={"into": "x"})
    assert missing.status_code == 404
    merged = lead.client.post(_url(seeded, f"/{group.public_id}/merge"), headers=lead.headers(),
                              data={"into": wagner.public_id, "add_alias": "true"})
    assert merged.status_code == 200
    session.expire_all()
    assert session.scalar(select(Actor.status).where(Actor.id == group.id)) == "merged"
    assert "مجموعة فاغنر" in session.scalars(select(ActorAlias.text).where(ActorAlias.actor_id == wagner.id)).all()
    names = session.scalars(select(Actor.canonical_name).where(Actor.status == "active").order_by(Actor.id)).all()
    assert names == ["Wagner", "Africa Corps"]
