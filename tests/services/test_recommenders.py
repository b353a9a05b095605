"""Recommenders through the services: training as a job, stored figures, suggestions, decisions."""
import pytest
from sqlalchemy import select

from annotator.errors import Invalid, NotFound
from annotator.models import Job, RecommenderModel, Span, SuggestionDecision
from annotator.services.recommenders import decisions, settings, training
from annotator.services.recommenders.suggesting import suggestions_for_set
from tests.recommender_factories import LOADED, done_corpus, new_article


@pytest.fixture
def trained(session, seeded):
    government = done_corpus(session, seeded.project, seeded.ann1)
    job, new = training.request_training(session, seeded.project, seeded.lead)
    assert new and job.state == "done", job.error
    return government


def test_too_few_done_sets_fails_the_job_saying_how_many_more(session, seeded):
    done_corpus(session, seeded.project, seeded.ann1, count=4)
    job, _ = training.request_training(session, seeded.project, seeded.lead)
    assert job.state == "failed" and "need 6 more" in job.error
    assert session.scalar(select(RecommenderModel)) is None


def test_training_stores_models_and_held_out_figures(session, seeded, trained):
    row = session.scalar(select(RecommenderModel))
    assert row.trained_on == 14 and set(row.figures) == {"frames", "techniques", "phrases", "stance"}
    assert row.figures["frames"]["f1"] == 1.0 and row.figures["frames"]["held_out"] >= 1
    assert row.figures["phrases"]["f1"] > 0.6


def test_retraining_waits_for_enough_new_done_sets(session, seeded, trained):
    assert training.maybe_retrain(session, seeded.project) is None


def test_suggestions_on_a_new_arabic_article_then_accept_and_reject(session, seeded, trained):
    # every trained recommender suggests, whatever the (random ids') held-out split scored
    settings.set_suggestion_settings(session, seeded.project, threshold=0.0)
    aset = new_article(session, seeded.project, seeded.ann2, trained)
    got = suggestions_for_set(session, seeded.ann2, aset)
    loaded = next(s for s in got if s.kind == "span" and s.label == "loaded_language")
    assert (loaded.text, loaded.recommender, loaded.paragraph) == (LOADED, "phrases", 0)
    frame = next(s for s in got if s.kind == "frame" and s.key.startswith("frame:primary:"))
    assert frame.label == "economic"
    stance = next(s for s in got if s.kind == "stance")
    assert (stance.actor, stance.label) == (trained.public_id, "against")

    decisions.accept_suggestion(session, seeded.ann2, aset.public_id, loaded.key)
    span = session.scalar(select(Span).where(Span.set_id == aset.id))
    assert (span.origin, span.text, span.label) == ("suggested", LOADED, "loaded_language")
    row = session.scalar(select(SuggestionDecision).where(SuggestionDecision.span_id == span.id))
    assert (row.decision, row.recommender, row.score) == ("accepted", "phrases", loaded.score)

    decisions.reject_suggestion(session, seeded.ann2, aset.public_id, frame.key)
    left = {s.key for s in suggestions_for_set(session, seeded.ann2, aset)}
    assert loaded.key not in left and frame.key not in left
    with pytest.raises(NotFound):  # decided once: never again
        decisions.reject_suggestion(session, seeded.ann2, aset.public_id, frame.key)


def test_only_the_sets_owner_sees_or_decides(session, seeded, trained):
    aset = new_article(session, seeded.project, seeded.ann2, trained)
    key = suggestions_for_set(session, seeded.ann2, aset)[0].key
    assert suggestions_for_set(session, seeded.ann1, aset) == []
    with pytest.raises(NotFound):
        decisions.accept_suggestion(session, seeded.ann1, aset.public_id, key)


def test_lead_switches_and_threshold(session, seeded, trained):
    aset = new_article(session, seeded.project, seeded.ann2, trained)
    settings.set_suggestion_settings(session, seeded.project, off_for=["ann2"])
    assert suggestions_for_set(session, seeded.ann2, aset) == []
    settings.set_suggestion_settings(session, seeded.project, off_for=[], enabled=False)
    assert suggestions_for_set(session, seeded.ann2, aset) == []
    settings.set_suggestion_settings(session, seeded.project, enabled=True, threshold=1.0)
    perfect = {name for name, f in session.scalar(select(RecommenderModel)).figures.items() if f["f1"] >= 1.0}
    assert {s.recommender for s in suggestions_for_set(session, seeded.ann2, aset)} <= perfect
    settings.set_suggestion_settings(session, seeded.project, threshold=0.0)
    assert suggestions_for_set(session, seeded.ann2, aset)


@pytest.mark.parametrize("changes, field", [({"threshold": 1.5}, "threshold"), ({"enabled": "yes"}, "enabled"),
                                            ({"external_url": "ftp://x"}, "external_url"), ({"colour": 1}, "colour")])
def test_bad_settings_name_the_field_and_change_nothing(session, seeded, changes, field):
    before = dict(seeded.project.settings or {})
    with pytest.raises(Invalid) as caught:
        settings.set_suggestion_settings(session, seeded.project, **changes)
    assert caught.value.field == field
    session.refresh(seeded.project)
    assert (seeded.project.settings or {}) == before
