"""A document three annotators finished, with the disagreements adjudication must settle."""
from __future__ import annotations

from dataclasses import dataclass

from annotator.services.team import projects, users
from tests.conftest import PASSWORD
from tests.factories import (
    ARABIC_PARAGRAPHS, add_frame, add_link, add_span, add_stance, assign, make_actor, make_document, set_status,
)


@dataclass
class GoldScenario:
    document: object
    sets: dict
    adjudicator: object
    ann3: object
    actor: object
    spans: dict


def gold_scenario(session, seeded, *, done: bool = True) -> GoldScenario:
    """ann1, ann2, ann3 on one Arabic document; an adjudicator in the project.

    Paragraph 1: a claim all three mark alike (agreed), and an evidence where ann3's boundaries differ
    (open). Paragraph 2: an evidence only ann1 marked (open: missed by some). Everyone links their
    paragraph-1 evidence to the claim (supports). Stance on Mali: against, against, favor. Frames:
    economic primary for all three.
    """
    project = seeded.project
    ann3 = users.create_user(session, "ann3", PASSWORD)
    adjudicator = users.create_user(session, "judge", PASSWORD)
    projects.add_member(session, project, ann3, "annotator")
    projects.add_member(session, project, adjudicator, "adjudicator")
    document = make_document(session, project, ARABIC_PARAGRAPHS, external_id="d-gold", language="ar")
    mali = make_actor(session, project, "Mali")
    owners = {"ann1": seeded.ann1, "ann2": seeded.ann2, "ann3": ann3}
    sets = {name: assign(session, document, user) for name, user in owners.items()}
    spans = {}
    for name, aset in sets.items():
        claim = spans[(name, "claim")] = add_span(session, aset, 1, "claim", 0, 16)
        evidence = spans[(name, "evidence")] = add_span(session, aset, 1, "evidence", 20 if name == "ann3" else 17, 40)
        add_link(session, aset, evidence, claim, "supports")
        add_frame(session, aset, "economic", primary=True)
    spans[("ann1", "lonely")] = add_span(session, sets["ann1"], 2, "evidence", 4, 20)
    for name, value, intensity in (("ann1", "against", 3), ("ann2", "against", 1), ("ann3", "favor", 2)):
        add_stance(session, sets[name], mali, value, intensity)
    if done:
        for aset in sets.values():
            set_status(session, aset, "done")
    return GoldScenario(document, sets, adjudicator, ann3, mali, spans)
