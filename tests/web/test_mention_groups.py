"""Uncertain mentions decided by alias, the stance panel's order and actor names in the
interface language (issue 18)."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from annotator.models import MentionConfirmation
from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors.registry import create_actor, update_actor
from tests.factories import assign, make_document
from tests.layer_factories import LayerUser, layer_counts

ARTICLE = [("title", "مالي بين فرنسا وروسيا"),
           ("body", "قالت فرنسا إن مالي تحتاج إلى دعم، وإن مالي لن تُترك وحدها."),
           ("body", "في مالي يتساءل الناس: هل يدفع مالي الثمن؟ وموسكو تراقب.")]


def setup(session, seeded):
    document = make_document(session, seeded.project, ARTICLE, "ar")
    actors = {name: create_actor(session, seeded.project, ActorSpec(name, "state", aliases))
              for name, aliases in (("France", (AliasSpec("فرنسا"), AliasSpec("France"))),
                                    ("Mali", (AliasSpec("مالي", ambiguous=True),)),
                                    ("Russia", (AliasSpec("موسكو"),)))}
    return assign(session, document, seeded.ann1), actors


def stance_order(html: str) -> list[str]:
    panel = html[html.index('id="stance-panel"'):]
    return re.findall(r'<span class="actor-name" dir="auto">([^<]+)</span>', panel)


def test_uncertain_mentions_rank_and_are_confirmed_or_rejected_all_at_once(app, session, seeded):
    aset, actors = setup(session, seeded)
    ann1 = LayerUser(app, "ann1")
    panel = ann1.get(aset, "layers/mentions").get_data(as_text=True)
    # Mali: 0 counted + 5 uncertain comes before France (2 counted) and Russia (1 counted).
    assert stance_order(ann1.get(aset, "layers/stance").get_data(as_text=True)) == ["Mali", "France", "Russia"]
    group = re.search(r'data-mention-id="([^"]+)"[^>]*>[^<]*5 uncertain mentions of «مالي» → Mali', panel)
    assert group, panel
    before = layer_counts(session)
    answer = ann1.post(aset, f"mentions/{group.group(1)}/verdict-all", {"verdict": "confirm"})
    assert answer.status_code == 200 and 'id="stance-panel"' in answer.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(MentionConfirmation)
                          .where(MentionConfirmation.confirmed)) == 5
    assert "uncertain mentions of" not in answer.get_data(as_text=True)  # nothing left to decide
    assert layer_counts(session) != before


def test_reject_all_leaves_verdicts_already_given_and_refuses_bad_input(app, session, seeded):
    aset, _actors = setup(session, seeded)
    ann1 = LayerUser(app, "ann1")
    ids = re.findall(r'data-mention-id="([^"]+)"', ann1.get(aset, "layers/mentions").get_data(as_text=True))
    first = ids[0]
    assert ann1.post(aset, f"mentions/{first}/verdict", {"verdict": "confirm"}).status_code == 200
    group = re.search(r'class="alias-group" data-mention-id="([^"]+)"',
                      ann1.get(aset, "layers/mentions").get_data(as_text=True)).group(1)
    before = layer_counts(session)
    assert ann1.post(aset, f"mentions/{group}/verdict-all", {"verdict": "clear"}).status_code == 422
    assert ann1.post(aset, "mentions/nope/verdict-all", {"verdict": "reject"}).status_code == 404
    assert LayerUser(app, "ann2").post(aset, f"mentions/{group}/verdict-all", {"verdict": "reject"}).status_code == 404
    assert layer_counts(session) == before
    assert ann1.post(aset, f"mentions/{group}/verdict-all", {"verdict": "reject"}).status_code == 200
    verdicts = sorted(session.scalars(select(MentionConfirmation.confirmed)).all())
    assert verdicts == [False, False, False, False, True]


def test_actor_names_follow_the_interface_language(app, session, seeded):
    aset, _actors = setup(session, seeded)
    ann1 = LayerUser(app, "ann1")
    def names(language: str) -> list[str]:
        return stance_order(ann1.get(aset, "layers/stance", lang=language).get_data(as_text=True))
    assert names("ar") == ["مالي", "فرنسا", "موسكو"]  # each actor's Arabic alias (Russia has only موسكو)
    assert names("en") == names("fr") == ["Mali", "France", "Russia"]  # Latin aliases name no language


def test_a_lead_settles_an_ambiguous_alias_for_the_whole_project(app, session, seeded):
    aset, actors = setup(session, seeded)
    other = assign(session, make_document(session, seeded.project, [("title", "مالي اليوم"), ("body", "نص.")], "ar"),
                   seeded.ann2)
    from annotator.services.actors.mentions import refresh_project_mentions
    from annotator.services.tx import transaction
    with transaction(session):
        refresh_project_mentions(session, seeded.project)  # the second document's mention of مالي
    lead = LayerUser(app, "lead")
    url = f"/projects/{seeded.project.public_id}/actors/{actors['Mali'].public_id}/aliases/settle"
    page = lead.client.get(f"/projects/{seeded.project.public_id}/actors").get_data(as_text=True)
    assert url in page and "confirm all" in page
    answer = lead.client.post(url, data={"alias": "مالي", "verdict": "confirm"}, headers=lead.headers())
    assert answer.status_code == 200 and "6 mentions of «مالي» now count in every set" in answer.get_data(as_text=True)
    ann1, ann2 = LayerUser(app, "ann1"), LayerUser(app, "ann2")
    assert "uncertain" not in ann1.get(aset, "layers/mentions").get_data(as_text=True).split('id="mentions-panel"')[1][:400]
    assert stance_order(ann2.get(other, "layers/stance").get_data(as_text=True)) == ["Mali"]
    # An annotator cannot settle it, and a settled alias is no longer uncertain.
    assert ann1.client.post(url, data={"alias": "مالي", "verdict": "reject"}, headers=ann1.headers()).status_code == 403
    again = lead.client.post(url, data={"alias": "مالي", "verdict": "reject"}, headers=lead.headers())
    assert again.status_code == 422


def test_rejecting_an_alias_for_the_project_drops_its_mentions(app, session, seeded):
    aset, actors = setup(session, seeded)
    lead = LayerUser(app, "lead")
    url = f"/projects/{seeded.project.public_id}/actors/{actors['Mali'].public_id}/aliases/settle"
    answer = lead.client.post(url, data={"alias": "مالي", "verdict": "reject"}, headers=lead.headers())
    assert answer.status_code == 422  # Mali's only alias: deleting the actor is the way
    update_actor(session, seeded.project, actors["Mali"].public_id,
                 ActorSpec("Mali", "state", (AliasSpec("مالي", ambiguous=True), AliasSpec("باماكو"))))
    answer = lead.client.post(url, data={"alias": "مالي", "verdict": "reject"}, headers=lead.headers())
    assert answer.status_code == 200 and "5 mentions of «مالي» are gone" in answer.get_data(as_text=True)
    assert "Mali" not in stance_order(LayerUser(app, "ann1").get(aset, "layers/stance").get_data(as_text=True))
    france = f"/projects/{seeded.project.public_id}/actors/{actors['France'].public_id}/aliases/settle"
    assert lead.client.post(france, data={"alias": "فرنسا", "verdict": "reject"},
                            headers=lead.headers()).status_code == 422  # not an uncertain alias
