"""A gold stance cites the evidence its chosen annotators cited, as the spans are in gold; evidence
whose span gold does not hold is not carried."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from annotator.models import AnnotationSet, Project, Span, Stance, StanceEvidence
from annotator.services.gold import lifecycle, state as gold_state
from annotator.services.gold.decisions import Choice, decide
from tests.factories import set_status
from tests.gold_factories import gold_scenario


@pytest.fixture
def scenario(session, seeded):
    """ann1 and ann2 (against) cite their claim; ann3 (favor) cites their evidence."""
    scenario = gold_scenario(session, seeded, done=False)
    for name, cited in (("ann1", "claim"), ("ann2", "claim"), ("ann3", "evidence")):
        stance = session.scalar(select(Stance).where(Stance.set_id == scenario.sets[name].id))
        session.add(StanceEvidence(stance_id=stance.id, span_id=scenario.spans[(name, cited)].id))
    session.commit()
    for aset in scenario.sets.values():
        set_status(session, aset, "done")
    return scenario


def _stance_unit(session, scenario):
    st = gold_state.load_state(session, scenario.document, session.get(Project, scenario.document.project_id))
    return next(u for u in gold_state.proposal(session, st).stances)


def _gold_evidence(session) -> list[tuple[str, str]]:
    session.expire_all()
    return session.execute(
        select(Stance.value, Span.label).join(StanceEvidence, StanceEvidence.stance_id == Stance.id)
        .join(Span, Span.id == StanceEvidence.span_id).join(AnnotationSet, AnnotationSet.id == Stance.set_id)
        .where(AnnotationSet.owner_kind == "gold")).all()


def test_a_picked_stance_cites_the_gold_span_its_annotators_cited(session, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    lifecycle.accept_agreed(session, judge, doc)  # the claim enters gold
    unit = _stance_unit(session, scenario)
    against = next(n for n, v in enumerate(unit.versions, 1) if v.shape[0] == "against")
    decide(session, judge, doc, Choice("pick", unit.key, unit.fingerprint, version=against))
    assert _gold_evidence(session) == [("against", "claim")]
    gold_stance = session.scalar(select(Stance.id).join(AnnotationSet, AnnotationSet.id == Stance.set_id)
                                 .where(AnnotationSet.owner_kind == "gold"))
    cited = session.scalar(select(Span.set_id).join(StanceEvidence, StanceEvidence.span_id == Span.id)
                           .where(StanceEvidence.stance_id == gold_stance))
    assert session.get(AnnotationSet, cited).owner_kind == "gold"  # gold cites gold, never a person's span


def test_evidence_gold_does_not_hold_is_not_carried(session, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    lifecycle.accept_agreed(session, judge, doc)  # the evidence of paragraph 1 stays open
    unit = _stance_unit(session, scenario)
    favor = next(n for n, v in enumerate(unit.versions, 1) if v.shape[0] == "favor")
    decide(session, judge, doc, Choice("pick", unit.key, unit.fingerprint, version=favor))
    assert _gold_evidence(session) == []
