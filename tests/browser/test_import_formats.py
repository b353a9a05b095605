"""A lead imports a brat zip through the import page with the mouse: chooses the format, the file
and the label map, presses Import; the result appears in place (htmx), and a bad file shows
where it is wrong and imports nothing."""
from __future__ import annotations

import pytest

from sqlalchemy import func, select

from annotator.models import Span
from tests.browser.conftest import log_in
from tests.export import format_examples as ex


@pytest.fixture
def page(english_page):
    """These tests find buttons and messages by their English words: the interface in English."""
    return english_page


def _open_form(page, live_server, live_seeded, tmp_path, archive: bytes):
    (tmp_path / "corpus.zip").write_bytes(archive)
    (tmp_path / "map.yaml").write_bytes(ex.LABEL_MAP)
    log_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/projects/{live_seeded.project.public_id}/import")
    form = page.locator("form", has=page.locator("select[name=format]"))
    form.locator("select[name=format]").select_option("brat")
    form.locator("input[name=files]").set_input_files(str(tmp_path / "corpus.zip"))
    form.locator("input[name=label_map]").set_input_files(str(tmp_path / "map.yaml"))
    form.locator("button[type=submit]").click()


def test_a_lead_imports_a_brat_zip_from_the_page(page, live_server, live_seeded, live_session, tmp_path):
    _open_form(page, live_server, live_seeded, tmp_path, ex.brat_zip())
    result = page.locator("#annotations-result")
    result.get_by_text("7 spans").wait_for()
    assert "3 links" in result.inner_text()
    assert live_session.scalar(select(func.count(Span.id))) == 7


def test_a_bad_brat_file_shows_its_line_and_imports_nothing(page, live_server, live_seeded, live_session, tmp_path):
    _open_form(page, live_server, live_seeded, tmp_path, ex.brat_zip(ann1=ex.BRAT_ANN1.replace("20 50", "20 500")))
    alert = page.locator("#annotations-result [role=alert]")
    alert.wait_for()
    assert "corpus/ann1/sahel-brat.ann line 1: T: offsets 20-500 are outside the text" in alert.inner_text()
    assert live_session.scalar(select(func.count(Span.id))) == 0
