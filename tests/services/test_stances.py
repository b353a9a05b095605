"""Stances toward actors: one per (actor, paragraph, holder), checked against the scheme."""
import pytest
from sqlalchemy import func, select

from annotator.errors import Invalid, NotFound
from annotator.models import Event, Stance, StanceEvidence
from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors import registry as actors
from annotator.services.annotation import stances
from annotator.services.annotation.layer_checks import layer_problems
from annotator.services.team.projects import current_scheme
from tests.factories import add_span, assign, make_document

TEXT = "روسيا وفرنسا. قالت موسكو إن فرنسا خسرت. وباريس صامتة."


@pytest.fixture
def doc(session, seeded):
    document = make_document(session, seeded.project, (("title", "عنوان"), ("body", TEXT)), language="ar")
    russia = actors.create_actor(session, seeded.project,
                                 ActorSpec("Russia", "state", (AliasSpec("روسيا"), AliasSpec("موسكو"))))
    france = actors.create_actor(session, seeded.project,
                                 ActorSpec("France", "state", (AliasSpec("فرنسا"), AliasSpec("باريس"))))
    egypt = actors.create_actor(session, seeded.project, ActorSpec("Egypt", "state", (AliasSpec("مصر"),)))
    aset = assign(session, document, seeded.ann1)
    return aset, russia, france, egypt


def _stances(session):
    session.expire_all()
    return session.execute(select(Stance.value, Stance.intensity, Stance.holder, Stance.paragraph_id)).all()


def test_document_stance_is_replaced_in_place(session, seeded, doc):
    aset, russia, _, _ = doc
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=russia.public_id, value="favor", intensity=2)
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=russia.public_id, value="against", intensity=3)
    assert _stances(session) == [("against", 3, "", None)]
    events = session.scalars(select(Event.action).where(Event.entity == "stance").order_by(Event.id)).all()
    assert events == ["stance.create", "stance.update"]


def test_holder_and_paragraph_stances_are_separate_rows(session, seeded, doc):
    aset, russia, _, _ = doc
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=russia.public_id, value="neutral")
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=russia.public_id, value="favor",
                       holder=" الباحث ")
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=russia.public_id, value="against",
                       paragraph=1)
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=russia.public_id, value="against",
                       paragraph=1, intensity=1)
    assert sorted(_stances(session), key=str) == sorted(
        [("neutral", None, "", None), ("favor", None, "الباحث", None), ("against", 1, "", _stances(session)[2][3])],
        key=str)


@pytest.mark.parametrize("fields, error", [
    ({"value": "love"}, Invalid),
    ({"value": "neutral", "intensity": 2}, Invalid),
    ({"value": "favor", "intensity": 4}, Invalid),
    ({"value": "favor", "paragraph": 9}, NotFound),
    ({"value": "favor", "actor_id": "nobody"}, NotFound),
])
def test_bad_stances_save_nothing(session, seeded, doc, fields, error):
    aset, russia, _, _ = doc
    with pytest.raises(error):
        stances.set_stance(session, seeded.ann1, aset.public_id, **{"actor_id": russia.public_id, **fields})
    assert _stances(session) == []


def test_panel_lists_mentioned_actors_most_mentioned_first_then_added_ones(session, seeded, doc):
    aset, russia, france, egypt = doc
    rows = stances.stance_rows(session, aset)
    assert [(r.actor.canonical_name, r.counted) for r in rows] == [("France", 3), ("Russia", 2)]
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=egypt.public_id, value="not_stated")
    rows = stances.stance_rows(session, aset)
    assert [r.actor.canonical_name for r in rows] == ["France", "Russia", "Egypt"]
    assert rows[2].stance.value == "not_stated" and rows[2].signed is None


def test_evidence_and_claim_target(session, seeded, doc):
    aset, russia, _, _ = doc
    claim = add_span(session, aset, 1, "claim", 14, 39)
    evidence = add_span(session, aset, 1, "evidence", 40, 53)
    stance = stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=russia.public_id, value="against")
    stances.set_evidence(session, seeded.ann1, aset.public_id, stance.public_id, claim.public_id, True)
    stances.set_evidence(session, seeded.ann1, aset.public_id, stance.public_id, claim.public_id, True)
    assert session.scalar(select(func.count()).select_from(StanceEvidence)) == 1
    assert [s.id for s in stances.stance_rows(session, aset)[1].evidence] == [claim.id]
    stances.set_evidence(session, seeded.ann1, aset.public_id, stance.public_id, claim.public_id, False)
    assert session.scalar(select(func.count()).select_from(StanceEvidence)) == 0
    span = stances.set_claim_target(session, seeded.ann1, aset.public_id, claim.public_id,
                                    actor_id=russia.public_id, polarity="against")
    assert (span.target_actor_id, span.target_polarity) == (russia.id, "against")
    with pytest.raises(Invalid):
        stances.set_claim_target(session, seeded.ann1, aset.public_id, evidence.public_id,
                                 actor_id=russia.public_id, polarity="against")
    with pytest.raises(Invalid):
        stances.set_claim_target(session, seeded.ann1, aset.public_id, claim.public_id,
                                 actor_id=russia.public_id, polarity="meh")
    cleared = stances.set_claim_target(session, seeded.ann1, aset.public_id, claim.public_id, actor_id=None,
                                       polarity=None)
    assert cleared.target_actor_id is None


def test_done_needs_a_stance_for_each_often_mentioned_actor(session, seeded, doc):
    aset, russia, france, _ = doc
    scheme = current_scheme(session, seeded.project)  # required_min_mentions: 2, require_primary
    problems = layer_problems(session, aset, scheme)
    assert problems == ["choose a primary frame for the document",
                        "record a stance toward France, Russia (mentioned 2 times or more)"]
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=france.public_id, value="against")
    stances.set_stance(session, seeded.ann1, aset.public_id, actor_id=russia.public_id, value="favor",
                       holder="someone")  # a quoted holder's stance is not the author's
    assert layer_problems(session, aset, scheme)[1] == "record a stance toward Russia (mentioned 2 times or more)"
