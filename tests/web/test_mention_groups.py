"""Uncertain mentions decided by alias, the stance panel's order and actor names in the
interface language (issue 18)."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from annotator.models import MentionConfirmation
from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors.registry import create_actor
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
