"""Suggestions in Chromium: Tab reaches a suggestion, Enter accepts it (a real mark appears in the
text, origin "suggested"), Backspace rejects the next one; neither comes back after a reload."""
from __future__ import annotations

from sqlalchemy import select

from annotator.models import Span, SuggestionDecision
from annotator.services.recommenders.settings import set_suggestion_settings
from annotator.services.recommenders.training import train_project
from tests.browser.conftest import log_in
from tests.recommender_factories import LOADED, done_corpus, new_article


def test_accept_and_reject_suggestions_by_keyboard(page, live_server, live_session, live_seeded):
    government = done_corpus(live_session, live_seeded.project, live_seeded.ann1)
    train_project(live_session, live_seeded.project)
    set_suggestion_settings(live_session, live_seeded.project, threshold=0.0)  # whatever the held-out split scored
    aset = new_article(live_session, live_seeded.project, live_seeded.ann2, government)
    log_in(page, live_server, "ann2")
    page.goto(f"{live_server.url}/annotate/{aset.public_id}")
    page.wait_for_selector("#suggestions li.suggestion")
    first = page.locator("#suggestions li[data-kind=span]").first
    assert LOADED in first.inner_text()
    assert "phrases" in first.get_attribute("title")
    assert page.locator("#p-0 mark").count() == 0  # a suggestion is not a span
    assert page.evaluate("() => CSS.highlights.has('suggestion')")

    page.locator("#suggestions li.suggestion").first.focus()
    page.keyboard.press("Tab")  # Tab moves on to the next suggestion
    assert page.evaluate("() => document.activeElement.dataset.position") == "1"

    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#p-0 mark[data-label=loaded_language]")
    assert page.locator("#p-0 mark[data-label=loaded_language]").first.inner_text() == LOADED
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('#suggestions li.suggestion')")
    rejected_key = page.evaluate("() => document.activeElement.dataset.key")
    count = page.locator("#suggestions li.suggestion").count()
    page.keyboard.press("Backspace")
    page.wait_for_function("n => document.querySelectorAll('#suggestions li.suggestion').length === n", arg=count - 1)

    page.wait_for_function("() => document.activeElement.matches('#suggestions li.suggestion')")

    page.reload()
    page.wait_for_selector("#suggestions h2")
    keys = page.evaluate("() => [...document.querySelectorAll('#suggestions li')].map(li => li.dataset.key)")
    assert rejected_key not in keys and not any(k.startswith("span:0:technique:loaded_language") for k in keys)
    live_session.expire_all()
    assert live_session.scalar(select(Span.origin).where(Span.set_id == aset.id)) == "suggested"
    decided = dict(live_session.execute(select(SuggestionDecision.key, SuggestionDecision.decision)).all())
    assert decided[rejected_key] == "rejected" and list(decided.values()).count("accepted") == 1
