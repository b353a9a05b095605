"""The suggestions panel and the lead's recommenders page over HTTP."""
from sqlalchemy import select

from annotator.models import RecommenderModel, Span
from annotator.services.recommenders.settings import set_suggestion_settings
from annotator.services.recommenders.training import train_project
from tests.recommender_factories import LOADED, done_corpus, new_article


def _post(client, auth, url, **data):
    return client.post(url, data={"csrf_token": auth.csrf_token(), **data}, headers={"HX-Request": "true"})


def test_lead_trains_and_reads_the_figures(client, auth, session, seeded):
    done_corpus(session, seeded.project, seeded.ann1, count=4)
    auth.login("lead")
    url = f"/projects/{seeded.project.public_id}/recommenders"
    assert "need 6 more" in client.get(url).get_data(as_text=True)
    done_corpus(session, seeded.project, seeded.ann2, count=12, first=4)
    answer = _post(client, auth, url + "/train")
    assert answer.status_code == 202
    body = answer.get_data(as_text=True)
    assert "done" in body and 'data-recommender="frames"' in body
    assert session.scalar(select(RecommenderModel)).trained_on == 16
    changed = _post(client, auth, url + "/settings", threshold="0.8", off_for="ann2, ann1", enabled="true")
    assert changed.status_code == 200 and 'value="0.8"' in changed.get_data(as_text=True)
    refused = _post(client, auth, url + "/settings", threshold="7")
    assert refused.status_code == 422 and "threshold" in refused.get_data(as_text=True)


def test_annotator_accepts_and_rejects_from_the_panel(client, auth, session, seeded):
    government = done_corpus(session, seeded.project, seeded.ann1)
    train_project(session, seeded.project)
    set_suggestion_settings(session, seeded.project, threshold=0.0)  # whatever the random held-out split scored
    aset = new_article(session, seeded.project, seeded.ann2, government)
    auth.login("ann2")
    # the page loads the panel in a request of its own: an external recommender never holds it up
    assert f'hx-get="/annotate/{aset.public_id}/suggestions"' in client.get(f"/annotate/{aset.public_id}").get_data(as_text=True)
    panel = client.get(f"/annotate/{aset.public_id}/suggestions", headers={"HX-Request": "true"})
    body = panel.get_data(as_text=True)
    assert panel.status_code == 200 and LOADED in body and "phrases" in body
    key = next(k for k in body.split('data-key="')[1:] if k.startswith("span:")).split('"')[0]
    accepted = _post(client, auth, f"/annotate/{aset.public_id}/suggestions/accept", key=key, position="0")
    assert accepted.status_code == 200 and 'data-refresh-paragraph="0"' in accepted.get_data(as_text=True)
    assert session.scalar(select(Span.origin).where(Span.set_id == aset.id)) == "suggested"
    frame = next(k for k in body.split('data-key="')[1:] if k.startswith("frame:")).split('"')[0]
    rejected = _post(client, auth, f"/annotate/{aset.public_id}/suggestions/reject", key=frame)
    assert rejected.status_code == 200 and frame not in rejected.get_data(as_text=True)
    again = _post(client, auth, f"/annotate/{aset.public_id}/suggestions/reject", key=frame)
    assert again.status_code == 404
