"""The adjudication proposal: units from the one span matcher, agreement by threshold, decisions kept."""
from __future__ import annotations

import itertools

from annotator.domain.adjudication import (
    DecisionRef, SourceFrame, SourceLink, SourceSpan, SourceStance, Thresholds, build_proposal,
)

_ids = itertools.count(1)
TEXT = "قالَ الوزيرُ إنّ الاقتصادَ ـــ ينمو 😀 بسرعة"


def span(owner, label, start, end, paragraph=1, layer="argument", **attributes):
    return SourceSpan(f"sp-{next(_ids):04d}", owner, 1, "d1", paragraph, layer, label, start, end,
                      TEXT[start:end], attributes)


def link(owner, source, target, link_type="supports"):
    return SourceLink(f"ln-{next(_ids):04d}", owner, 1, "d1", source.id, target.id, link_type)


def stance(owner, value, intensity=None, actor=7, paragraph=None):
    return SourceStance(f"st-{next(_ids):04d}", owner, 1, "d1", actor, paragraph, "", value, intensity)


def frame(owner, key, primary=False):
    return SourceFrame(f"fr-{next(_ids):04d}", owner, 1, "d1", key, None, primary)


CODERS = ("amina", "karim", "sara")


def test_a_unit_all_coders_mark_alike_is_agreed_by_default_and_nothing_else_is():
    spans = [span(o, "claim", 0, 12) for o in CODERS] + [span("amina", "evidence", 16, 28),
                                                         span("karim", "evidence", 16, 28)]
    proposal = build_proposal(CODERS, spans)
    states = sorted((u.label, u.state, len(u.versions)) for u in proposal.spans)
    assert states == [("claim", "agreed", 1), ("evidence", "open", 1)]
    evidence = next(u for u in proposal.spans if u.label == "evidence")
    assert evidence.missing == ("sara",)
    assert proposal.counts() == {"open": 1, "agreed": 1, "decided": 0}


def test_k_of_n_agrees_on_the_majority_version_and_lists_the_other():
    spans = [span("amina", "claim", 0, 12), span("karim", "claim", 0, 12), span("sara", "claim", 0, 9)]
    unanimous = build_proposal(CODERS, spans)
    two_of_three = build_proposal(CODERS, spans, thresholds=Thresholds(spans=2))
    assert [u.state for u in unanimous.spans] == ["open"]
    (unit,) = two_of_three.spans
    assert unit.state == "agreed" and unit.agreed.owners == ("amina", "karim")
    assert (unit.agreed.first.start, unit.agreed.first.end) == (0, 12)
    assert [v.owners for v in unit.versions] == [("amina", "karim"), ("sara",)]


def test_a_tie_between_two_versions_stays_open():
    four = ("amina", "karim", "sara", "yusuf")
    spans = [span("amina", "claim", 0, 12), span("karim", "claim", 0, 12),
             span("sara", "claim", 0, 9), span("yusuf", "claim", 0, 9)]
    (unit,) = build_proposal(four, spans, thresholds=Thresholds(spans=2)).spans
    assert unit.state == "open" and len(unit.versions) == 2


def test_one_coder_alone_agrees_with_nobody():
    (unit,) = build_proposal(("amina",), [span("amina", "claim", 0, 12)], thresholds=Thresholds(spans=1)).spans
    assert unit.required == 2 and unit.state == "open"


def test_overlapping_spans_of_different_labels_are_one_label_question():
    spans = [span("amina", "claim", 0, 12), span("karim", "evidence", 0, 12), span("sara", "claim", 2, 12)]
    (unit,) = build_proposal(CODERS, spans, thresholds=Thresholds(spans=2)).spans
    assert unit.state == "open"  # claim 0-12 and 2-12 are two versions, evidence a third: no majority
    assert sorted(v.shape[0] for v in unit.versions) == ["claim", "claim", "evidence"]


def test_different_labels_barely_touching_stay_separate_units_and_layers_never_mix():
    spans = [span("amina", "claim", 0, 20), span("karim", "evidence", 16, 28),
             span("sara", "loaded_language", 0, 20, layer="technique")]
    proposal = build_proposal(CODERS, spans)
    assert len(proposal.spans) == 3


def test_attributes_are_part_of_the_version():
    spans = [span("amina", "evidence", 0, 12, evidence_type="statistics"),
             span("karim", "evidence", 0, 12, evidence_type="anecdote")]
    (unit,) = build_proposal(("amina", "karim"), spans).spans
    assert unit.state == "open" and len(unit.versions) == 2


def test_a_link_is_proposed_when_its_ends_are_agreed_and_the_types_agree():
    pairs = {o: (span(o, "evidence", 16, 28), span(o, "claim", 0, 12)) for o in CODERS}
    links = [link(o, *pairs[o]) for o in CODERS]
    proposal = build_proposal(CODERS, [s for p in pairs.values() for s in p], links)
    (unit,) = proposal.links
    assert unit.state == "agreed" and unit.ends[0] != unit.ends[1]


def test_a_link_waits_when_an_end_is_open_or_the_types_differ():
    pairs = {o: (span(o, "evidence", 16, 28), span(o, "claim", 0, 12)) for o in CODERS}
    spans = [s for p in pairs.values() for s in p] + [span("amina", "claim", 30, 40)]
    typed = [link("amina", *pairs["amina"], "attacks"), link("karim", *pairs["karim"]), link("sara", *pairs["sara"])]
    (unit,) = build_proposal(CODERS, spans, typed).links
    assert unit.state == "open"
    open_end = [span(o, "claim", 0, 12 if o != "sara" else 9) for o in CODERS]
    evidence = [span(o, "evidence", 16, 28) for o in CODERS]
    links = [link(o, evidence[n], open_end[n]) for n, o in enumerate(CODERS)]
    (unit,) = build_proposal(CODERS, open_end + evidence, links).links
    assert unit.state == "open"  # the types agree, but the claim's boundaries are still open


def test_a_link_whose_ends_are_merged_into_one_unit_is_collapsed_never_proposed():
    # amina links two spans that karim and sara read as one stretch with another label: both of
    # amina's ends fall into that one unit, so her link would point from the unit to itself.
    a_claim, a_evidence = span("amina", "claim", 0, 12), span("amina", "evidence", 0, 12)
    spans = [a_claim, a_evidence, span("karim", "claim", 0, 12), span("sara", "evidence", 0, 12)]
    proposal = build_proposal(CODERS, spans, [link("amina", a_evidence, a_claim)])
    assert proposal.links == ()
    (collapsed,) = proposal.collapsed_links
    assert collapsed.ends[0] == collapsed.ends[1] and "itself" in collapsed.note


def test_stance_majority_value_and_median_intensity():
    stances = [stance("amina", "against", 3), stance("karim", "against", 1), stance("sara", "favor", 2)]
    (unit,) = build_proposal(CODERS, [], stances=stances, thresholds=Thresholds(stances=2)).stances
    assert unit.agreed.shape == ("against",) and unit.proposed_intensity() == 1  # median of 1 and 3: the lower
    stances = [stance(o, "against", i) for o, i in zip(CODERS, (1, 3, 2))]
    (unit,) = build_proposal(CODERS, [], stances=stances).stances
    assert unit.state == "agreed" and unit.proposed_intensity() == 2


def test_stance_thresholds_differ_from_span_thresholds():
    spans = [span("amina", "claim", 0, 12), span("karim", "claim", 0, 12), span("sara", "claim", 0, 9)]
    stances = [stance("amina", "favor", 1), stance("karim", "favor", 1), stance("sara", "neutral")]
    proposal = build_proposal(CODERS, spans, stances=stances, thresholds=Thresholds(stances=2))
    assert [u.state for u in proposal.spans] == ["open"] and [u.state for u in proposal.stances] == ["agreed"]


def test_frames_primary_and_each_secondary():
    frames = [frame("amina", "economic", True), frame("karim", "economic", True), frame("sara", "political", True),
              frame("amina", "morality"), frame("karim", "morality"), frame("sara", "morality"),
              frame("sara", "fairness_and_equality")]
    proposal = build_proposal(CODERS, [], frames=frames, thresholds=Thresholds(frames=2))
    states = {u.key: (u.state, u.label) for u in proposal.frames}
    assert states == {"f:p:d": ("agreed", "economic"), "f:s:d:morality": ("agreed", "morality"),
                      "f:s:d:fairness_and_equality": ("open", "fairness_and_equality")}


def test_a_rebuilt_proposal_keeps_decisions_by_their_sources():
    first = [span("amina", "claim", 0, 12), span("karim", "claim", 0, 9)]
    (unit,) = build_proposal(("amina", "karim"), first).spans
    decision = DecisionRef("span", unit.key, "picked", frozenset(s.id for s in unit.items), "gold-1")
    # sara's set is now done too, and karim's span is gone: the unit's key may change, the decision stays.
    rebuilt = build_proposal(CODERS, [first[0], span("sara", "claim", 0, 12)], decisions=[decision])
    (again,) = rebuilt.spans
    assert again.state == "decided" and again.decision is decision
    assert rebuilt.counts() == {"open": 0, "agreed": 0, "decided": 1}


def test_fingerprints_change_with_a_units_content():
    spans = [span("amina", "claim", 0, 12), span("karim", "claim", 0, 9)]
    (before,) = build_proposal(("amina", "karim"), spans).spans
    changed = [spans[0], SourceSpan(spans[1].id, "karim", 2, "d1", 1, "argument", "claim", 0, 12, TEXT[:12])]
    (after,) = build_proposal(("amina", "karim"), changed).spans
    assert before.key == after.key and before.fingerprint != after.fingerprint


def test_units_of_many_documents_never_mix():
    spans = [span("amina", "claim", 0, 12), span("karim", "claim", 0, 12)]
    other = SourceSpan("zz-other", "karim", 1, "d2", 1, "argument", "claim", 0, 12, TEXT[:12])
    proposal = build_proposal(("amina", "karim"), spans + [other])
    assert sorted(len(u.items) for u in proposal.spans) == [1, 2]


def test_proposals_for_many_documents_equal_one_by_one():
    from annotator.domain.adjudication import build_proposals

    def doc_spans(doc):
        return [SourceSpan(f"{doc}-{o}-{n}", o, 1, doc, 1, "argument", "claim", 10 * n, 10 * n + (8 if o == "sara" and n == 1 else 9), "x")
                for o in CODERS for n in range(3)]

    spans = doc_spans("d1") + doc_spans("d2")
    together = build_proposals({"d1": CODERS, "d2": CODERS}, spans)
    for doc in ("d1", "d2"):
        alone = build_proposal(CODERS, [s for s in spans if s.document == doc])
        assert [(u.key, u.state) for u in together[doc].spans] == [(u.key, u.state) for u in alone.spans]
    assert together["d1"].counts() == {"open": 1, "agreed": 2, "decided": 0}
