"""The actor registry: CSV import (all or nothing), edits, and annotators' proposals."""
from pathlib import Path

import pytest
from sqlalchemy import func, select

from annotator.errors import Conflict, Invalid, NotFound
from annotator.models import Actor, ActorAlias, Mention, Span, Stance
from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors import proposals as actor_proposals
from annotator.services.actors import registry as actors
from annotator.services.actors import mentions
from annotator.services.annotation import stances
from tests.factories import add_span, assign, make_document

DEMO_CSV = (Path(__file__).resolve().parents[2] / "annotator" / "demo" / "actors.csv").read_text(encoding="utf-8")
HEADER = "canonical_name,kind,aliases,ambiguous_aliases,adjective_aliases\n"


def _count(session, model):
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def test_demo_registry_imports_and_finds_mentions(session, seeded):
    document = make_document(session, seeded.project, (("body", "غادر الجنود نيامي، وقالت باريس إن مالي تغيرت."),),
                             language="ar")
    outcome = actors.import_actors_csv(session, seeded.project, DEMO_CSV)
    assert (outcome.created, outcome.updated) == (24, 0)
    niger = session.scalar(select(Actor).where(Actor.canonical_name == "Niger"))
    assert {(a.text, a.ambiguous, a.allow_adjective, a.language) for a in niger.aliases} == {
        ("النيجر", True, True, "ar"), ("نيامي", False, False, "ar")}
    found = session.execute(select(Mention.text, Mention.uncertain).where(Mention.document_id == document.id)
                            .order_by(Mention.start)).all()
    assert found == [("نيامي", False), ("باريس", False), ("مالي", True)]
    again = actors.import_actors_csv(session, seeded.project, DEMO_CSV)  # idempotent
    assert (again.created, again.updated, again.mentions.added, again.mentions.removed) == (0, 24, 0, 0)


@pytest.mark.parametrize("body, row, field", [
    ("France,state,فرنسا,,\nRussia,empire,روسيا,,\n", 3, "kind"),
    ("France,state,,,\n", 2, "aliases"),
    ("France,state,فرنسا,باريس,\n", 2, "ambiguous_aliases"),
    (",state,فرنسا,,\n", 2, "canonical_name"),
    ("France,state,فرنسا,,\nfrance,state,باريس,,\n", 3, "canonical_name"),
])
def test_bad_csv_names_row_and_field_and_saves_nothing(session, seeded, body, row, field):
    with pytest.raises(Invalid) as exc:
        actors.import_actors_csv(session, seeded.project, HEADER + body)
    assert exc.value.field == field and exc.value.extra["row"] == row
    assert f"row {row}" in exc.value.message
    assert _count(session, Actor) == 0 and _count(session, ActorAlias) == 0


def test_edit_and_delete(session, seeded):
    spec = ActorSpec("France", "state", (AliasSpec("فرنسا"),))
    france = actors.create_actor(session, seeded.project, spec)
    with pytest.raises(Conflict):
        actors.create_actor(session, seeded.project, ActorSpec("FRANCE", "state", (AliasSpec("x"),)))
    actors.update_actor(session, seeded.project, france.public_id,
                        ActorSpec("France", "state", (AliasSpec("فرنسا"), AliasSpec("Paris", allow_adjective=True))))
    assert [e.actor.canonical_name for e in actors.registry(session, seeded.project)] == ["France"]
    document = make_document(session, seeded.project, (("body", "فرنسا"),), language="ar")
    aset = assign(session, document, seeded.ann1)
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=france.public_id, value="favor")
    with pytest.raises(Conflict):
        actors.delete_actor(session, seeded.project, france.public_id)
    session.execute(Stance.__table__.delete())
    session.commit()
    actors.delete_actor(session, seeded.project, france.public_id)
    assert _count(session, Actor) == 0


def test_proposals_are_blind_then_accepted(session, seeded):
    text = "وصل مقاتلو الفيلق الروسي إلى الساحل"
    document = make_document(session, seeded.project, (("body", text),), language="ar")
    mine, theirs = assign(session, document, seeded.ann1), assign(session, document, seeded.ann2)
    start = text.index("الفيلق الروسي")
    proposal = actor_proposals.propose_actor(session, seeded.ann1, mine.public_id, name="Russian Legion",
                                             kind="armed_group", paragraph=0, start=start, end=start + 13)
    assert mentions.display_name(proposal) == "Russian Legion"
    assert [v.actor_name for v in mentions.mentions_for_set(session, mine)] == ["Russian Legion"]
    assert mentions.mentions_for_set(session, theirs) == []
    with pytest.raises(NotFound):  # ann2 cannot take a stance toward ann1's proposal
        stances.set_stance(session, seeded.ann2, theirs.public_id, actor_id=proposal.public_id, value="against")
    stances.set_stance(session, seeded.ann1, mine.public_id, actor_id=proposal.public_id, value="against")
    # ann2 may propose the same name: the proposals do not collide.
    actor_proposals.propose_actor(session, seeded.ann2, theirs.public_id, name="Russian Legion",
                                  kind="armed_group", paragraph=0, start=start, end=start + 13)
    pending = actor_proposals.pending_proposals(session, seeded.project)
    assert [(p.name, p.username, p.texts) for p in pending] == [
        ("Russian Legion", "ann1", ("الفيلق الروسي",)), ("Russian Legion", "ann2", ("الفيلق الروسي",))]
    accepted = actor_proposals.accept_proposal(session, seeded.project, proposal.public_id, user=seeded.lead)
    assert (accepted.canonical_name, accepted.status) == ("Russian Legion", "active")
    # Now an alias: found for everyone; ann1's hand mark became a confirmation of the found mention.
    views = mentions.mentions_for_set(session, theirs)
    assert [(v.actor_name, v.source) for v in views if v.source == "alias"] == [("Russian Legion", "alias")]
    assert [(v.source, v.verdict) for v in mentions.mentions_for_set(session, mine)] == [("alias", True)]


def test_a_proposal_merged_into_an_existing_actor_moves_everything(session, seeded):
    text = "قوات فاغنر والمرتزقة الروس"
    document = make_document(session, seeded.project, (("body", text),), language="ar")
    aset = assign(session, document, seeded.ann1)
    wagner = actors.create_actor(session, seeded.project, ActorSpec("Wagner", "armed_group", (AliasSpec("فاغنر"),)))
    start = text.index("المرتزقة الروس")
    proposal = actor_proposals.propose_actor(session, seeded.ann1, aset.public_id, name="Mercenaries",
                                             kind="armed_group", paragraph=0, start=start, end=len(text))
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=proposal.public_id, value="against")
    claim = add_span(session, aset, 0, "claim", 0, len(text))
    stances.set_claim_target(session, seeded.ann1, aset.public_id, claim.public_id, actor_id=proposal.public_id,
                             polarity="against")
    with pytest.raises(NotFound) as exc:
        actor_proposals.merge_proposal(session, seeded.project, proposal.public_id, into=proposal.public_id)
    assert exc.value.field == "into"
    actor_proposals.merge_proposal(session, seeded.project, proposal.public_id, into=wagner.public_id,
                                   add_alias=True)
    session.expire_all()
    assert session.get(Actor, proposal.id).status == "merged"
    assert session.scalar(select(Stance.actor_id)) == wagner.id
    assert session.get(Span, claim.id).target_actor_id == wagner.id
    assert {a.text for a in session.get(Actor, wagner.id).aliases} == {"فاغنر", "المرتزقة الروس"}
    counted = mentions.counted_by_actor(mentions.mentions_for_set(session, aset))
    assert counted == {wagner.id: 2}
