"""What a person does with their account and an import that is refused, in Chromium."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


@pytest.fixture
def page(english_page):
    """These tests find buttons and messages by their English words: the interface in English."""
    return english_page


def test_change_my_password_then_sign_out_everywhere(page, browser, live_server, live_seeded):
    other = browser.new_context()
    other_page = other.new_page()
    log_in(other_page, live_server, "ann1")
    log_in(page, live_server, "ann1")
    page.click("a.who")
    page.wait_for_url(f"{live_server.url}/account")
    assert page.locator("table.sessions tbody tr").count() == 2
    page.fill("input[name=current_password]", PASSWORD)
    page.fill("input[name=new_password]", "a-fresh-long-passphrase")
    page.fill("input[name=confirm_password]", "a-fresh-long-passphrase")
    page.click("button:has-text('Change password')")
    assert page.locator("[role=status]", has_text="1 other session signed out").is_visible()
    assert page.locator("table.sessions tbody tr").count() == 1
    other_page.goto(f"{live_server.url}/")
    assert "/login" in other_page.url  # the other browser was signed out
    other.close()
    page.click("button:has-text('Sign out everywhere')")
    page.wait_for_url(f"{live_server.url}/login")
    page.goto(f"{live_server.url}/account")
    assert "/login" in page.url


def test_a_refused_import_is_shown_on_the_page(page, live_server, live_seeded, tmp_path):
    log_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/projects/{live_seeded.project.public_id}/import")
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4 not an article")
    page.set_input_files("input[name=files]", str(bad))
    page.click("button:has-text('Import')")
    alert = page.locator("#import-result [role=alert]")
    alert.wait_for()
    assert "notes.pdf" in alert.inner_text()


def test_an_upload_over_the_limit_says_the_limit_on_the_page(page, live_server, live_seeded, tmp_path):
    live_server.app.config["MAX_CONTENT_LENGTH"] = 20_000
    log_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/projects/{live_seeded.project.public_id}/import")
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 10_000)
    page.set_input_files("input[name=files]", str(big))
    page.click("button:has-text('Import')")
    alert = page.locator("#import-result [role=alert]")
    alert.wait_for()
    assert "20,000 bytes" in alert.inner_text()
