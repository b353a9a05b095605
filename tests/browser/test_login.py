"""A person logs in through the real login form."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in


@pytest.fixture
def page(english_page):
    """These tests find buttons and messages by their English words: the interface in English."""
    return english_page


def test_log_in_and_see_the_project(page, live_server, live_seeded):
    log_in(page, live_server, "ann1")
    assert page.locator("h2", has_text="Demo").is_visible()


def test_wrong_password_shows_the_error(page, live_server, live_seeded):
    page.goto(f"{live_server.url}/login")
    page.fill("input[name=username]", "ann1")
    page.fill("input[name=password]", "nope-nope-nope")
    page.click("button[type=submit]")
    assert page.locator("[role=alert]", has_text="wrong password").is_visible()
