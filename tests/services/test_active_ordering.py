"""Active ordering: with the lead's option on, an annotator's not-started documents come most
uncertain first, by the scores the training job stored; no request runs a model."""
from sqlalchemy import select

from annotator.models import RecommenderModel
from annotator.services.annotation.documents_view import my_documents
from annotator.services.recommenders import settings, training
from tests.factories import assign, make_document
from tests.recommender_factories import ECONOMY, LOADED, SECURITY, done_corpus

SURE = [("body", ECONOMY[0] + " " + LOADED), ("body", ECONOMY[1]), ("body", "الحكومة " + ECONOMY[2])]
TORN = [("body", ECONOMY[0] + " " + SECURITY[0]), ("body", SECURITY[1] + " " + ECONOMY[1]),
        ("body", "الحكومة " + SECURITY[2] + " " + ECONOMY[2])]


def _queue(session, user, project) -> list[str]:
    return [d.title for d in my_documents(session, user, project).rows if d.status == "not_started"]


def test_the_queue_orders_not_started_documents_by_the_stored_uncertainty(session, seeded):
    done_corpus(session, seeded.project, seeded.ann1)
    # assigned sure first, so the plain order (by assignment) and the active one differ
    for title, text in (("sure", SURE), ("torn", TORN)):
        assign(session, make_document(session, seeded.project, text, language="ar", title=title), seeded.ann2)
    job, _new = training.request_training(session, seeded.project, seeded.lead)
    assert job.state == "done", job.error
    stored = session.scalar(select(RecommenderModel)).uncertainty
    assert len(stored) == 2 and all(0 <= v <= 1 for v in stored.values())  # only documents with no done set
    assert _queue(session, seeded.ann2, seeded.project) == ["sure", "torn"]  # the option is off by default

    settings.set_suggestion_settings(session, seeded.project, active_ordering=True)
    assert _queue(session, seeded.ann2, seeded.project) == ["torn", "sure"]
    assert [d.title for d in my_documents(session, seeded.ann2).rows][:2] == ["torn", "sure"]

    # imported after the training: no score yet, so after the scored ones until the next training
    assign(session, make_document(session, seeded.project, TORN, language="ar", title="later"), seeded.ann2)
    assert _queue(session, seeded.ann2, seeded.project) == ["torn", "sure", "later"]


def test_the_lead_turns_it_on_and_sees_how_many_documents_are_scored(client, auth, session, seeded):
    done_corpus(session, seeded.project, seeded.ann1)
    assign(session, make_document(session, seeded.project, TORN, language="ar", title="torn"), seeded.ann2)
    training.train_project(session, seeded.project)
    auth.login("lead")
    url = f"/projects/{seeded.project.public_id}/recommenders"
    answer = client.post(url + "/settings", headers={"HX-Request": "true"},
                         data={"csrf_token": auth.csrf_token(), "active_ordering": "true", "enabled": "true",
                               "threshold": "0.6"})
    assert answer.status_code == 200 and 'data-scored="1"' in answer.get_data(as_text=True)
    session.refresh(seeded.project)
    assert settings.suggestion_settings(seeded.project)["active_ordering"] is True
