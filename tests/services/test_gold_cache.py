"""Proposals kept in memory (services.gold.proposal_cache): a page, its counter and the queue reuse
the matched spans while the done sets are unchanged, and never show a stale proposal: a decision,
a set reopened and changed, a span moved around the services, all give a new key."""
from __future__ import annotations

import pytest

from annotator.domain.adjudication import build_proposal
from annotator.models import Project, Span
from annotator.services.gold import proposal_cache, state as gold_state
from annotator.services.gold import sources as src
from annotator.services.gold.decisions import Choice, decide
from annotator.services.gold.queue import build_queue
from tests.factories import set_status
from tests.gold_factories import gold_scenario


@pytest.fixture
def scenario(session, seeded):
    proposal_cache.sources.clear()
    proposal_cache.counts.clear()
    return gold_scenario(session, seeded)


def _state(session, scenario):
    session.expire_all()
    return gold_state.load_state(session, scenario.document, session.get(Project, scenario.document.project_id))


def _open_units(session, seeded) -> int:
    (row,) = [r for r in build_queue(session, session.get(Project, seeded.project.id)).rows if r.external_id == "d-gold"]
    return row.open_units


def _uncached(session, st):
    coders = st.coders
    return build_proposal([c.owner for c in coders], src.read_spans(session, coders), src.read_links(session, coders),
                          src.read_stances(session, coders, st.project.id), src.read_frames(session, coders),
                          thresholds=st.thresholds, decisions=src.read_decisions(session, st.adjudication.id))


def _summary(proposal):
    return [(u.key, u.state, u.fingerprint) for u in proposal.units()]


def test_the_kept_match_is_reused_and_gives_the_proposal_built_from_scratch(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    gold_state.start(session, judge, doc)
    st = _state(session, scenario)
    first = gold_state.kept_sources(session, st)
    assert gold_state.kept_sources(session, _state(session, scenario)) is first  # nothing changed: kept
    evidence = next(u for u in gold_state.proposal(session, st).spans if len(u.versions) == 2)
    decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=1))
    st = _state(session, scenario)
    assert gold_state.kept_sources(session, st) is first  # a decision does not touch the annotators' sets
    assert _summary(gold_state.proposal(session, st)) == _summary(_uncached(session, st))
    assert next(u for u in gold_state.proposal(session, st).spans if u.key == evidence.key).state == "decided"


def test_a_change_around_the_services_still_makes_a_new_key(session, seeded, scenario):
    gold_state.start(session, scenario.adjudicator, scenario.document.public_id)
    before = gold_state.kept_sources(session, _state(session, scenario))
    moved = session.get(Span, scenario.spans[("ann3", "evidence")].id)
    moved.start = 17  # no version bump, no update time: only the contents' summary moves
    session.commit()
    st = _state(session, scenario)
    assert gold_state.kept_sources(session, st) is not before
    assert _summary(gold_state.proposal(session, st)) == _summary(_uncached(session, st))


def test_the_queue_keeps_counts_until_a_decision_or_a_reopened_set(session, seeded, scenario):
    judge, doc = scenario.adjudicator, scenario.document.public_id
    assert _open_units(session, seeded) == 4
    kept = len(proposal_cache.counts.items)
    assert _open_units(session, seeded) == 4 and len(proposal_cache.counts.items) == kept  # the same key
    gold_state.start(session, judge, doc)
    evidence = next(u for u in gold_state.proposal(session, _state(session, scenario)).spans if len(u.versions) == 2)
    decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=1))
    assert _open_units(session, seeded) == 2  # the evidence decided; the link it held back is agreed now
    set_status(session, scenario.sets["ann3"], "in_progress")
    queue = build_queue(session, session.get(Project, seeded.project.id))
    assert [r.open_units for r in queue.rows if r.external_id == "d-gold"] == [0]  # not ready: no counts
