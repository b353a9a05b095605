"""The agreement dashboard and the side-by-side view through the test client."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from annotator.models import AgreementCache
from tests.factories import agreement_scenario, assign, make_document, set_status


@pytest.fixture
def scenario(session, seeded):
    return agreement_scenario(session, seeded)


def dashboard_url(seeded, query: str = "") -> str:
    return f"/projects/{seeded.project.public_id}/agreement{query}"


def compare_url(seeded, document) -> str:
    return f"/projects/{seeded.project.public_id}/agreement/documents/{document.public_id}"


def test_dashboard_shows_heatmap_bars_lowest_documents_reasons_and_what_entered(client, auth, seeded, scenario):
    docs, _ = scenario
    auth.login("lead")
    response = client.get(dashboard_url(seeded))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "style=" not in page  # the CSP forbids inline styles
    assert 'class="heatmap"' in page
    # one cell per pair, the value printed and named for screen readers
    assert re.search(r'aria-label="ann1 and ann2: [^"]+ (-?\d\.\d\d|—)"', page)
    assert 'class="interval-chart"' in page
    assert compare_url(seeded, docs["d-agree"]) in page or compare_url(seeded, docs["d-empty"]) in page
    assert "Where a measure does not apply" in page
    assert "What entered" in page and "skipped" in page and "in progress" in page
    assert "computing" not in page


def test_every_variable_and_measure_can_be_selected(client, auth, seeded, scenario):
    auth.login("lead")
    page = client.get(dashboard_url(seeded)).get_data(as_text=True)
    variables = re.findall(r'<option value="([^"]+)"', page)
    assert any(v.startswith("stance/") for v in variables) and any(v.startswith("frames/") for v in variables)
    for variable in variables:
        response = client.get(dashboard_url(seeded, f"?variable={variable}"))
        assert response.status_code == 200, variable
    # an unknown variable or measure falls back to the default figure
    assert client.get(dashboard_url(seeded, "?variable=nope&measure=nope")).status_code == 200
    bad = client.get(dashboard_url(seeded, "?measure=DROP%20TABLE"))
    assert bad.status_code == 422 and 'data-field="measure"' in bad.get_data(as_text=True)


def test_leads_sets_enter_only_when_asked(client, auth, seeded, scenario):
    auth.login("lead")
    without = client.get(dashboard_url(seeded)).get_data(as_text=True)
    with_leads = client.get(dashboard_url(seeded, "?leads=1")).get_data(as_text=True)
    assert "leads&#39; (not asked for)" in without or "leads' (not asked for)" in without
    assert '<th scope="row">lead</th>' in with_leads and '<th scope="row">lead</th>' not in without


def test_stale_result_is_shown_while_the_new_one_is_computed(app, client, auth, session, seeded, scenario):
    auth.login("lead")
    client.get(dashboard_url(seeded))  # computes and caches (synchronously in tests)
    docs, sets = scenario
    set_status(session, sets[("d-single", "ann2")], "done")
    app.config["AGREEMENT_BACKGROUND"] = True
    # a slow computation must not hold the page: replace the thread start by a no-op for this test
    from annotator.services.agreement import reports as service

    started = []
    original = service._start_background
    service._start_background = lambda *args: started.append(args)
    try:
        page = client.get(dashboard_url(seeded)).get_data(as_text=True)
        fragment = client.get(dashboard_url(seeded), headers={"HX-Request": "true"}).get_data(as_text=True)
    finally:
        service._start_background = original
    assert "computing…" in page and 'hx-trigger="every 3s"' in page and 'class="heatmap"' in page
    assert fragment.lstrip().startswith('<div id="agreement-body"') and "<html" not in fragment
    assert len(started) == 2


def test_dashboard_of_a_project_without_done_sets(client, auth, session, seeded):
    make_document(session, seeded.project, external_id="lonely")
    auth.login("lead")
    response = client.get(dashboard_url(seeded))
    assert response.status_code == 200
    assert "No pairwise figures" in response.get_data(as_text=True)


def test_side_by_side_marks_matched_partly_matched_and_unmatched_spans(client, auth, seeded, scenario):
    docs, _ = scenario
    auth.login("lead")
    response = client.get(compare_url(seeded, docs["d-agree"]))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "style=" not in page
    assert page.count('<th scope="col">') >= 3  # paragraph column, then one per annotator
    assert 'class="cmp match-exact' in page and 'class="cmp match-partial' in page
    assert 'class="cmp match-unmatched' in page
    assert 'dir="rtl"' in page
    assert "favor" in page and "against" in page and "economic" in page and "supports" in page
    layer = client.get(compare_url(seeded, docs["d-agree"]) + "?layer=technique").get_data(as_text=True)
    assert 'class="cmp match-exact' not in layer
    bad = client.get(compare_url(seeded, docs["d-agree"]) + "?layer=nope")
    assert bad.status_code == 422 and 'data-field="layer"' in bad.get_data(as_text=True)


def test_article_text_is_escaped_in_the_side_by_side_view(client, auth, session, seeded):
    document = make_document(session, seeded.project, [("title", "<script>alert(1)</script>"),
                                                      ("body", "a <b>bold</b> & claim")], external_id="xss")
    from tests.factories import add_span

    aset = assign(session, document, seeded.ann1)
    add_span(session, aset, 1, "claim", 2, 13)
    auth.login("lead")
    page = client.get(compare_url(seeded, document)).get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold" in page


def test_documents_of_another_project_are_not_found(client, auth, session, seeded):
    from annotator.services.team.projects import create_project
    from tests.conftest import DEFAULT_SCHEME

    other = create_project(session, "Other", DEFAULT_SCHEME)
    foreign = make_document(session, other, external_id="foreign")
    auth.login("lead")
    assert client.get(compare_url(seeded, foreign)).status_code == 404


def test_cache_rows_are_written_for_the_dashboard(client, auth, session, seeded, scenario):
    auth.login("lead")
    client.get(dashboard_url(seeded))
    keys = set(session.scalars(select(AgreementCache.key).where(AgreementCache.project_id == seeded.project.id)))
    assert {"report", "report:view"} <= keys


def test_intervals_only_above_the_minimum_with_replicates_thresholds_and_drift(client, auth, session, seeded,
                                                                              scenario):
    from annotator.services.agreement.settings import set_agreement_settings

    auth.login("lead")
    page = client.get(dashboard_url(seeded, "?variable=spans/argument/claim")).get_data(as_text=True)
    assert "no interval: 2 comparable documents, fewer than the project&#39;s minimum of 5" in page
    assert "Week by week" in page and "2025-W19" in page and "Running figure" in page
    set_agreement_settings(session, seeded.project, min_documents=1)
    page = client.get(dashboard_url(seeded, "?variable=spans/argument/claim")).get_data(as_text=True)
    assert "no interval: 2 comparable" not in page
    assert re.search(r"<td>\d+ of 1000</td>", page)  # replicates that defined the figure
    assert "P(&lt; 0.667)" in page and "P(&lt; 0.800)" in page
    assert "uα pooled per paragraph (secondary)" in page
