"""A lead in Chromium (issue 18): a refused upload is shown naming the file, a good one links to its
documents and to assignment, and the pickers assign by title and name without typing an id."""
from __future__ import annotations

import pytest

from sqlalchemy import select

from annotator.models import AnnotationSet
from tests.browser.conftest import log_in
from tests.factories import make_document


@pytest.fixture
def page(english_page):
    """These tests find buttons and messages by their English words: the interface in English."""
    return english_page


def test_a_refused_upload_shows_why_and_a_good_one_links_onward(page, live_server, live_seeded, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    good = tmp_path / "article.md"
    good.write_text("# السَّاحل بين وصايتين\n\nفشلت فرنسا في السَّاحل.\n", encoding="utf-8")
    log_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/projects/{live_seeded.project.public_id}/import")
    assert page.locator("nav.subnav a[aria-current=page]").inner_text() == "Import"
    for bad, why in ((empty, "empty"), (binary, "not a text file")):
        page.set_input_files("input[name=files]", [str(good), str(bad)])
        page.click("main form button[type=submit]")
        refused = page.locator("#import-result .import-refused", has_text=bad.name)  # this answer, not the last
        refused.wait_for()
        assert bad.name in refused.inner_text() and why in refused.inner_text()
    page.set_input_files("input[name=files]", [str(good)])
    page.click("main form button[type=submit]")
    page.wait_for_selector("#import-result .imported a")
    assert "Imported 1 document " in page.inner_text("#import-result") + " "
    page.click("#import-result .imported a")
    page.wait_for_selector("h1 >> text=السَّاحل بين وصايتين")


def test_the_pickers_assign_documents_by_title_to_annotators_by_name(page, live_server, live_session, live_seeded):
    titles = ["السَّاحل بين وصايتين", "الخليج والعقوبات", "Arctic routes"]
    docs = [make_document(live_session, live_seeded.project, [("title", t), ("body", "نص.")], "ar", external_id=f"d{i}")
            for i, t in enumerate(titles)]
    log_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/projects/{live_seeded.project.public_id}/team/assign")
    annotators, documents = page.locator("fieldset[data-picker]").nth(0), page.locator("fieldset[data-picker]").nth(1)
    annotators.locator("[data-picker-filter]").fill("ann")
    annotators.locator("[data-picker-all]").check()  # both annotators, in one click
    documents.locator("[data-picker-filter]").fill("ال")  # the two Arabic titles
    assert documents.locator("li[data-search]:not([hidden])").count() == 2
    documents.locator("[data-picker-all]").check()
    assert documents.locator("[data-picker-count]").inner_text() == "2"
    documents.locator("[data-picker-filter]").fill("")  # clearing the filter keeps the choice
    assert documents.locator("[data-picker-count]").inner_text() == "2"
    page.click("#assign-picker button[type=submit]")
    page.wait_for_selector(".notice")
    assert "4 assignments added: 2 documents" in page.inner_text(".notice")
    live_session.expire_all()
    pairs = {(s.document_id, s.user_id) for s in live_session.scalars(select(AnnotationSet).where(AnnotationSet.assigned))}
    assert pairs == {(d.id, u.id) for d in docs[:2] for u in (live_seeded.ann1, live_seeded.ann2)}
    # "Only documents nobody has": the Arctic article is left, and the move form lists titles.
    documents = page.locator("fieldset[data-picker]").nth(1)
    documents.locator("[data-picker-show]").select_option("unassigned")
    assert documents.locator("li[data-search]:not([hidden])").all_inner_texts()[0].startswith("Arctic routes")
    assert "الخليج والعقوبات" in page.locator("select[name=document]").first.inner_text()
