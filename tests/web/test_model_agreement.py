"""The dashboard's recommenders: as if they were an annotator (what the training job measured on
the held-out documents) and the shares of suggestions accepted, per label and per annotator."""
import re

from sqlalchemy import select

from annotator.models import RecommenderModel
from annotator.services.annotation.spans import create_span
from annotator.services.recommenders import decisions
from annotator.services.recommenders.settings import set_suggestion_settings
from annotator.services.recommenders.shares import suggestion_shares
from annotator.services.recommenders.suggesting import suggestions_for_set
from annotator.services.recommenders.training import request_training
from tests.recommender_factories import done_corpus, new_article


def _decide(session, seeded, government):
    """ann2 accepts the loaded phrase and rejects the frame; marks one claim by hand."""
    set_suggestion_settings(session, seeded.project, threshold=0.0)  # whatever the held-out split scored
    aset = new_article(session, seeded.project, seeded.ann2, government)
    got = suggestions_for_set(session, seeded.ann2, aset)
    decisions.accept_suggestion(session, seeded.ann2, aset.public_id, next(s.key for s in got if s.kind == "span"))
    decisions.reject_suggestion(session, seeded.ann2, aset.public_id,
                                next(s.key for s in got if s.kind == "frame" and s.key.startswith("frame:primary")))
    create_span(session, seeded.ann2, aset.public_id, paragraph_index=1, utf16_start=0, utf16_end=5,
                quoted_text="العجز", label="claim")


def test_the_training_job_measures_the_recommenders_against_each_annotator(session, seeded):
    done_corpus(session, seeded.project, seeded.ann1)
    job, _new = request_training(session, seeded.project, seeded.lead)
    assert job.state == "done", job.error
    agreement = session.scalar(select(RecommenderModel)).agreement
    held_out = session.scalar(select(RecommenderModel)).figures["frames"]["held_out"]
    assert agreement["documents"] == held_out and set(agreement["against"]) == {"ann1"}
    variables = agreement["against"]["ann1"]["variables"]
    # the loaded phrase is marked in every article, the frame and stance follow the topic
    assert variables["spans/technique/loaded_language"]["span_f1_partial"] == 1.0
    assert variables["frames/primary"]["percent_agreement"] == 1.0
    assert "stance/document" in variables


def test_shares_per_label_and_per_annotator(session, seeded):
    government = done_corpus(session, seeded.project, seeded.ann1)
    request_training(session, seeded.project, seeded.lead)
    assert suggestion_shares(session, seeded.project) is None  # nobody decided anything yet
    _decide(session, seeded, government)
    shares = suggestion_shares(session, seeded.project)
    by_label = {r.name: r for r in shares.by_label}
    loaded = by_label["loaded_language"]
    # ann1's 14 hand-marked phrases and ann2's accepted one
    assert (loaded.accepted, loaded.rejected, loaded.suggested_spans, loaded.spans) == (1, 0, 1, 15)
    assert loaded.accepted_share == 1.0 and by_label["economic"].accepted_share == 0.0
    (ann2,) = shares.by_annotator
    assert (ann2.name, ann2.accepted, ann2.rejected, ann2.suggested_spans, ann2.spans) == ("ann2", 1, 1, 1, 2)
    assert ann2.span_share == 0.5


def test_the_dashboard_shows_both(client, auth, session, seeded):
    government = done_corpus(session, seeded.project, seeded.ann1)
    request_training(session, seeded.project, seeded.lead)
    _decide(session, seeded, government)
    auth.login("lead")
    body = client.get(f"/projects/{seeded.project.public_id}/agreement").get_data(as_text=True)
    assert "The recommenders as an annotator" in body and 'data-rater="ann1"' in body
    assert "ann1 against the recommenders" in body
    assert 'data-share="loaded_language"' in body and "1 / 15 (7%)" in body
    assert 'data-share="ann2"' in body and "1 / 2 (50%)" in body


def test_the_shares_table_names_labels_as_the_scheme_does_in_the_readers_language(client, auth, session, seeded):
    government = done_corpus(session, seeded.project, seeded.ann1)
    request_training(session, seeded.project, seeded.lead)
    _decide(session, seeded, government)
    aset = new_article(session, seeded.project, seeded.ann1, government)
    stance = next(s for s in suggestions_for_set(session, seeded.ann1, aset) if s.kind == "stance")
    decisions.reject_suggestion(session, seeded.ann1, aset.public_id, stance.key)
    auth.login("lead")
    page = f"/projects/{seeded.project.public_id}/agreement"

    def label_cells(body: str) -> dict[str, str]:
        shares = body[body.index('id="suggestion-shares-title"'):]
        return dict(re.findall(r'data-share="([^"]+)"><th scope="row"><bdi>([^<]+)</bdi>', shares))

    english = client.get(page).get_data(as_text=True)
    assert label_cells(english) == {"loaded_language": "Loaded language", "economic": "Economic",
                                    "against": "Against", "ann1": "ann1", "ann2": "ann2"}
    arabic = client.get(page + "?lang=ar").get_data(as_text=True)
    assert "الاقتراحات المقبولة والمرفوضة" in arabic  # the table's own words in the interface language
    assert label_cells(arabic) == {"loaded_language": "اللغة المشحونة", "economic": "اقتصادي", "against": "معارض",
                                   "ann1": "ann1", "ann2": "ann2"}
