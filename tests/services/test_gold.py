"""Gold services on real databases: start, decide, version checks, links follow their ends, undo,
mark adjudicated, stale, --auto."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator.errors import Conflict, Invalid, NotFound
from annotator.models import AdjudicationDecision, AnnotationSet, FrameChoice, Link, Span, Stance
from annotator.services.gold import auto, lifecycle, state as gold_state
from annotator.services.gold.decisions import Choice, decide, undo_last
from tests.factories import add_span, set_status
from tests.gold_factories import gold_scenario


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


def _proposal(session, scenario):
    st = gold_state.load_state(session, scenario.document, _project(session, scenario))
    return st, gold_state.proposal(session, st)


def _project(session, scenario):
    from annotator.models import Project

    return session.get(Project, scenario.document.project_id)


def _unit(session, scenario, label, paragraph=1):
    _st, proposal = _proposal(session, scenario)
    return next(u for u in proposal.spans if u.paragraph == paragraph and u.label == label)


def _gold_counts(session):
    gold = select(AnnotationSet.id).where(AnnotationSet.owner_kind == "gold").scalar_subquery()
    return tuple(session.scalar(select(func.count()).select_from(t).where(t.set_id == gold))
                 for t in (Span, Link, Stance, FrameChoice))


def test_annotators_and_outsiders_never_reach_gold(session, seeded, scenario):
    for user in (seeded.ann1, seeded.outsider):
        with pytest.raises(NotFound):
            gold_state.start(session, user, scenario.document.public_id)


def test_a_document_not_ready_is_refused(session, seeded, scenario):
    set_status(session, scenario.sets["ann2"], "in_progress")
    with pytest.raises(Conflict, match="2 of 3 assigned sets are done"):
        gold_state.start(session, scenario.adjudicator, scenario.document.public_id)


def test_from_proposal_to_adjudicated(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    st, proposal = _proposal(session, scenario)
    # open: the evidence, the lonely evidence, the stance, and the link (its evidence end is open);
    # agreed: the claim and the primary frame
    assert proposal.counts() == {"open": 4, "agreed": 2, "decided": 0}
    assert _gold_counts(session) == (0, 0, 0, 0)  # nothing enters gold before the adjudicator confirms
    counts = lifecycle.accept_agreed(session, judge, doc)
    assert (counts.spans, counts.links, counts.frames, counts.stances) == (1, 0, 1, 0)
    with pytest.raises(Conflict, match="4 units are not decided yet"):
        lifecycle.mark_adjudicated(session, judge, doc)
    evidence = _unit(session, scenario, "evidence")
    assert [v.owners for v in evidence.versions] == [("ann1", "ann2"), ("ann3",)]
    decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=2))
    lonely = _unit(session, scenario, "evidence", paragraph=2)
    decide(session, judge, doc, Choice("reject", lonely.key, lonely.fingerprint, paragraph=2))
    _st, proposal = _proposal(session, scenario)
    (link,) = proposal.links
    assert link.state == "agreed"  # both ends are in gold now and everyone said "supports"
    decide(session, judge, doc, Choice("accept", link.key, link.fingerprint))
    (stance,) = proposal.stances
    assert stance.state == "open"  # against, against, favor: not unanimous
    decide(session, judge, doc, Choice("pick", stance.key, stance.fingerprint, version=1))
    lifecycle.mark_adjudicated(session, judge, doc)
    assert _gold_counts(session) == (2, 1, 1, 1)
    gold_stance = session.scalar(select(Stance).join(AnnotationSet).where(AnnotationSet.owner_kind == "gold"))
    assert (gold_stance.value, gold_stance.intensity) == ("against", 1)  # the median of 3 and 1, the lower
    picked = session.scalar(select(AdjudicationDecision).where(AdjudicationDecision.method == "picked",
                                                               AdjudicationDecision.unit_kind == "span"))
    assert picked.decided_by_id == judge.id and picked.decided_at is not None
    assert sorted((s["owner"], s["chosen"]) for s in picked.sources) == [("ann1", False), ("ann2", False),
                                                                        ("ann3", True)]
    gold = session.scalar(select(AnnotationSet).where(AnnotationSet.owner_kind == "gold"))
    assert gold.status == "done" and gold.user_id is None and gold.owner_key == "gold"


def test_the_second_adjudicator_gets_a_conflict_and_nothing_is_lost(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    evidence = _unit(session, scenario, "evidence")
    decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=1))
    with pytest.raises(Conflict, match="already decided"):
        decide(session, seeded.lead, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=2))
    assert _gold_counts(session)[0] == 1


def test_a_unit_that_changed_under_the_adjudicator_is_refused(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    evidence = _unit(session, scenario, "evidence")
    set_status(session, scenario.sets["ann3"], "in_progress")
    with pytest.raises(Conflict, match="not ready"):
        decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=1))
    moved = scenario.spans[("ann3", "evidence")]
    moved = session.get(Span, moved.id)
    moved.start = 17
    session.commit()
    set_status(session, scenario.sets["ann3"], "done")
    with pytest.raises(Conflict, match="changed under you"):
        decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=1))
    assert _gold_counts(session) == (0, 0, 0, 0)
    assert _unit(session, scenario, "evidence").state == "agreed"  # now all three agree


def test_an_edit_must_quote_the_paragraph_and_an_addition_too(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    evidence = _unit(session, scenario, "evidence")
    text = "الوضع الأمني تحسن كثيرا"
    with pytest.raises(Invalid) as refused:
        decide(session, judge, doc, Choice("edit", evidence.key, evidence.fingerprint, paragraph=1, start=15,
                                           end=38, text="not the text"))
    assert refused.value.field == "text"
    start = "تقول الحكومة إن ".__len__()
    decide(session, judge, doc, Choice("edit", evidence.key, evidence.fingerprint, paragraph=1, start=start,
                                       end=start + len(text), text=text))
    gold_span = session.scalar(select(Span).join(AnnotationSet).where(AnnotationSet.owner_kind == "gold"))
    assert (gold_span.label, gold_span.text) == ("evidence", text)
    with pytest.raises(Invalid, match="not a label"):
        decide(session, judge, doc, Choice("add", paragraph=2, label="nonsense", start=0, end=5, text="لكن "))
    decide(session, judge, doc, Choice("add", paragraph=2, label="claim", start=0, end=3, text="لكن"))
    assert session.scalar(select(AdjudicationDecision.method).where(
        AdjudicationDecision.unit_key.startswith("add:"))) == "added"


def test_links_follow_their_ends(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    evidence = _unit(session, scenario, "evidence")
    _st, proposal = _proposal(session, scenario)
    (link,) = proposal.links
    with pytest.raises(Conflict, match="one of them is still open"):
        decide(session, judge, doc, Choice("pick", link.key, link.fingerprint, version=1))
    with pytest.raises(Conflict, match="confirm to reject them too") as asked:
        decide(session, judge, doc, Choice("reject", evidence.key, evidence.fingerprint, paragraph=1))
    assert asked.value.extra["links"] == [link.key]
    decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=1))
    decide(session, judge, doc, Choice("pick", link.key, link.fingerprint, version=1))  # accepts the agreed claim too
    assert _gold_counts(session)[:2] == (2, 1)
    with pytest.raises(Conflict, match="no decision to undo"):
        undo_last(session, seeded.lead, doc)  # undo takes back only one's own decisions
    undo_last(session, judge, doc)  # the link
    assert _gold_counts(session)[:2] == (2, 0)


def test_undoing_a_span_that_a_link_hangs_on_asks_first(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    lifecycle.accept_agreed(session, judge, doc)
    evidence = _unit(session, scenario, "evidence")
    decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=1))
    _st, proposal = _proposal(session, scenario)
    (link,) = proposal.links
    decide(session, seeded.lead, doc, Choice("accept", link.key, link.fingerprint))
    with pytest.raises(Conflict, match="orphan 1 gold link"):
        undo_last(session, judge, doc)
    undo_last(session, judge, doc, orphans="reject")
    assert _gold_counts(session)[:2] == (1, 0)
    assert _unit(session, scenario, "evidence").state == "open"


def test_a_changed_setting_rebuilds_the_proposal_and_keeps_decisions(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    lonely = _unit(session, scenario, "evidence", paragraph=2)
    decide(session, judge, doc, Choice("reject", lonely.key, lonely.fingerprint, paragraph=2))
    lifecycle.change_settings(session, seeded.lead, session.merge(_project(session, scenario)),
                              min_agree={"spans": 2, "stances": 2})
    st, proposal = _proposal(session, scenario)
    states = {(u.paragraph, u.label): u.state for u in proposal.spans}
    assert states == {(1, "claim"): "agreed", (1, "evidence"): "agreed", (2, "evidence"): "decided"}
    assert proposal.stances[0].state == "agreed"
    with pytest.raises(Invalid, match="at least 2"):
        lifecycle.change_settings(session, seeded.lead, _project(session, scenario), min_agree={"spans": 1})


def test_gold_may_be_stale_after_a_set_changes(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    project = _project(session, scenario)
    lifecycle.change_settings(session, seeded.lead, project, min_agree={"spans": 2, "stances": 2})
    report = auto.auto_adjudicate(session, project, documents=["d-gold"])
    assert report.open_units == {"d-gold": 1}  # ann1's lonely evidence
    gold_state.start(session, judge, doc)
    lifecycle.accept_agreed(session, judge, doc)
    lonely = _unit(session, scenario, "evidence", paragraph=2)
    decide(session, judge, doc, Choice("pick", lonely.key, lonely.fingerprint, paragraph=2, version=1))
    lifecycle.mark_adjudicated(session, judge, doc)
    st = gold_state.load_state(session, scenario.document, project)
    assert gold_state.staleness(session, st) == []
    set_status(session, scenario.sets["ann2"], "in_progress")
    add_span(session, scenario.sets["ann2"], 2, "claim", 0, 3)
    st = gold_state.load_state(session, scenario.document, project)
    assert gold_state.staleness(session, st) == ["ann2 reopened their set (in progress)",
                                                 "ann2: 1 spans added, 0 changed, 0 removed"]
    assert _gold_counts(session)[0] == 3  # nothing in gold changes by itself


def test_auto_adjudicates_documents_where_everything_agreed(session, seeded, scenario):
    from tests.factories import assign, make_document

    project = _project(session, scenario)
    easy = make_document(session, project, [("body", "واحد اثنان ثلاثة")], external_id="d-easy", language="ar")
    for user in (seeded.ann1, seeded.ann2):
        aset = assign(session, easy, user)
        add_span(session, aset, 0, "claim", 0, 4)
        set_status(session, aset, "done")
    report = auto.auto_adjudicate(session, project)
    assert report.adjudicated == ["d-easy"] and report.open_units == {"d-gold": 4}
    assert report.gold_items == 1
    again = auto.auto_adjudicate(session, project)
    assert again.already == ["d-easy"] and again.adjudicated == []
    with pytest.raises(Invalid, match="at least 2"):
        auto.auto_adjudicate(session, project, min_agree=1)
    with pytest.raises(Invalid, match="no document with id 'nope'"):
        auto.auto_adjudicate(session, project, documents=["nope"])
