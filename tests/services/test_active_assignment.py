"""Automatic assignment with active ordering: a lead who hands out only some new documents gets
the most uncertain first, by the same stored scores the annotators' queues sort by."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from annotator.domain.assignment import seeded_rank
from annotator.errors import Invalid
from annotator.models import AnnotationSet, Document, RecommenderModel, User
from annotator.services.recommenders import settings, training
from annotator.services.team.assignment import assign_automatically
from tests.factories import make_document
from tests.recommender_factories import done_corpus
from tests.services.test_active_ordering import SURE, TORN  # a document the models are sure of, and a torn one


@pytest.fixture
def scored(session, seeded):
    """ann1's 14 done sets, four documents nobody has (three sure, one torn), scored by a training."""
    done_corpus(session, seeded.project, seeded.ann1)
    for title, text in (("sure-1", SURE), ("sure-2", SURE), ("torn", TORN), ("sure-3", SURE)):
        make_document(session, seeded.project, text, language="ar", title=title)
    job, _new = training.request_training(session, seeded.project, seeded.lead)
    assert job.state == "done", job.error
    stored = session.scalar(select(RecommenderModel.uncertainty))
    titles = dict(session.execute(select(Document.public_id, Document.title)).all())
    by_title = {titles[public_id]: score for public_id, score in stored.items()}
    assert by_title["torn"] > max(by_title["sure-1"], by_title["sure-2"], by_title["sure-3"])
    return by_title


def _handed_out(session, project) -> list[tuple[str, str]]:
    """(title, annotator) of every assigned set on a document that is not one of the done corpus's."""
    return sorted(session.execute(
        select(Document.title, User.username).join(AnnotationSet, AnnotationSet.document_id == Document.id)
        .join(User, User.id == AnnotationSet.user_id)
        .where(Document.project_id == project.id, AnnotationSet.assigned, Document.title.not_like("مقال%"))).all())


def test_the_most_uncertain_new_documents_are_handed_out_first(session, seeded, scored):
    settings.set_suggestion_settings(session, seeded.project, active_ordering=True)
    outcome = assign_automatically(session, seeded.project, per_document=1, limit=1, by=seeded.lead)
    # ann1 carries 14 done documents: the one new document goes to ann2, and it is the torn one
    assert outcome.added == 1 and _handed_out(session, seeded.project) == [("torn", "ann2")]

    assign_automatically(session, seeded.project, per_document=1, limit=2, by=seeded.lead)
    ids = dict(session.execute(select(Document.title, Document.id).where(Document.title.in_(list(scored)))).all())
    # the sure documents have the same text, so the same score: the seeded order breaks the tie
    next_two = sorted((t for t in scored if t != "torn"), key=lambda t: (-scored[t], seeded_rank(0, ids[t])))[:2]
    assert {title for title, _user in _handed_out(session, seeded.project)} == {"torn", *next_two}


def test_without_active_ordering_new_documents_go_in_the_seeded_order(session, seeded, scored):
    outcome = assign_automatically(session, seeded.project, per_document=1, limit=1, seed=7)
    ids = dict(session.execute(select(Document.title, Document.id).where(Document.title.in_(list(scored)))).all())
    first = min(scored, key=lambda title: seeded_rank(7, ids[title]))
    assert outcome.added == 1 and [t for t, _u in _handed_out(session, seeded.project)] == [first]


def test_a_limit_below_one_names_the_field_and_hands_out_nothing(session, seeded, scored):
    with pytest.raises(Invalid) as caught:
        assign_automatically(session, seeded.project, per_document=1, limit=0)
    assert caught.value.field == "limit" and _handed_out(session, seeded.project) == []


def test_the_assignment_page_hands_out_a_limited_number(client, auth, session, seeded):
    for i in range(4):
        make_document(session, seeded.project, external_id=f"a-{i}")
    auth.login("lead")
    path = f"/projects/{seeded.project.public_id}/team/assign/auto"
    page = client.get(f"/projects/{seeded.project.public_id}/team/assign?lang=fr").get_data(as_text=True)
    assert 'name="limit"' in page and "Distribuer au plus ce nombre de nouveaux documents" in page
    refused = client.post(path, data={"per_document": "1", "limit": "0", "csrf_token": auth.csrf_token()})
    assert 400 <= refused.status_code < 500 and 'data-field="limit"' in refused.get_data(as_text=True)
    answer = client.post(path, data={"per_document": "2", "limit": "3", "csrf_token": auth.csrf_token()})
    assert answer.status_code == 200 and "6 assignments added" in answer.get_data(as_text=True)
    assert len(_handed_out(session, seeded.project)) == 6
