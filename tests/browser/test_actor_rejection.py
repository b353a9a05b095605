"""A lead rejects an annotator's proposed actor in Chromium; the annotator reads why on their page."""
from __future__ import annotations

import pytest

from annotator.services.actors.proposals import propose_actor
from tests.browser.conftest import log_in
from tests.factories import assign, make_document


@pytest.fixture
def page(english_page):
    """These tests find buttons and messages by their English words: the interface in English."""
    return english_page


pytestmark = pytest.mark.browser
TEXT = "انسحبت قوات الفيلق الأفريقي من المدينة"
PHRASE = "الفيلق الأفريقي"
REASON = "ليس طرفاً في هذا المشروع: علّمه إشارةً إلى فاغنر"


def test_the_proposer_reads_the_leads_reason(page, live_server, live_session, live_seeded):
    document = make_document(live_session, live_seeded.project, [("title", "الساحل"), ("body", TEXT)], "ar")
    aset = assign(live_session, document, live_seeded.ann1)
    start = TEXT.index(PHRASE)  # no characters outside the BMP: code points = UTF-16 units
    propose_actor(live_session, live_seeded.ann1, aset.public_id, name="Africa Corps", kind="armed_group",
                  paragraph=1, start=start, end=start + len(PHRASE))
    log_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/projects/{live_seeded.project.public_id}/actors")
    row = page.locator("table.proposals tr", has_text="Africa Corps")
    row.locator("button", has_text="Reject").click()  # no reason: the browser's own check stops it
    assert page.locator("table.proposals tr", has_text="Africa Corps").count() == 1
    row.locator("textarea[name=reason]").fill(REASON)
    row.locator("button", has_text="Reject").click()
    page.wait_for_selector("#registry .notice >> text=Rejected Africa Corps")
    assert page.locator("table.proposals").count() == 0
    page.context.clear_cookies()

    log_in(page, live_server, "ann1")
    page.goto(f"{live_server.url}/annotate/{aset.public_id}")
    rejected = page.locator("#mentions-panel .rejected-proposals li")
    rejected.wait_for()
    assert "Africa Corps" in rejected.inner_text() and PHRASE in rejected.inner_text()
    assert REASON in rejected.locator(".rejection-reason").inner_text()
    assert page.locator("#p-1 span.mention").count() == 0  # its mark no longer drawn in the text
