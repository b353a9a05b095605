"""Gamma computed outside the request, stored, and shown on the dashboard when present."""
from __future__ import annotations

from annotator.services.agreement.gamma import gamma_job, gamma_state, refresh_gamma
from tests.factories import agreement_scenario, set_status


def test_gamma_is_stored_shown_and_marked_stale(app, client, auth, session, seeded):
    docs, sets = agreement_scenario(session, seeded)
    assert gamma_state(session, seeded.project) is None
    auth.login("lead")
    url = f"/projects/{seeded.project.public_id}/agreement?variable=spans/argument/claim"
    assert "γ (Mathet et al. 2015)" not in client.get(url).get_data(as_text=True)
    result = refresh_gamma(session, seeded.project, samples=5)
    pair = result["layers"]["argument"]["pairs"]["ann1|ann2"]
    assert pair["samples"] == 5 and pair["observed_disorder"] is not None and pair["value"] is not None
    state = gamma_state(session, seeded.project)
    assert state["fresh"] and state["layers"]["argument"]["value"] == pair["value"]
    page = client.get(url).get_data(as_text=True)
    assert "γ (Mathet et al. 2015) · argument" in page and "ann1 and ann2" in page
    set_status(session, sets[("d-single", "ann2")], "done")  # the data changed: the stored gamma is stale
    assert gamma_state(session, seeded.project)["fresh"] is False


def test_the_job_entry_point_opens_its_own_session(app, session, seeded):
    agreement_scenario(session, seeded)
    gamma_job(app.extensions["annotator.sessionmaker"], seeded.project.id)
    session.expire_all()
    assert gamma_state(session, seeded.project)["layers"]["argument"]["pairs"]


def test_every_annotator_together_is_the_headline_and_the_pairs_mean_is_kept(app, client, auth, session, seeded):
    agreement_scenario(session, seeded)
    layer = refresh_gamma(session, seeded.project, samples=5)["layers"]["argument"]
    assert layer["all"]["observed_disorder"] is not None and layer["value"] == layer["all"]["value"]
    assert layer["pairs_mean"] == layer["pairs"]["ann1|ann2"]["value"]  # two annotators: one pair
    auth.login("lead")
    page = client.get(f"/projects/{seeded.project.public_id}/agreement?variable=spans/argument/claim")
    assert "every annotator together" in page.get_data(as_text=True)
