"""Notes for the adjudicator in Chromium, by keyboard: W on the selected span opens the editor, Enter
saves, the note shows on the span (its menu and a mark that offsets skip) and is still there after a
reload; Esc cancels; an empty note removes it. The same on a stance row, and on a span of a done set
(notes never change the annotations). W is in the key help."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_layers import ARTICLE, CLAIM, EVIDENCE, layers_page, tag  # noqa: F401  (layers_page: the fixture)
from tests.factories import add_span, assign, make_document, set_status

NOTE = "غير متأكد: هل هذا تهكم؟ <b>x</b>"


def _wait_saved(page) -> None:
    page.wait_for_function("() => !document.querySelector('.note-form')")
    page.wait_for_load_state("networkidle")


def test_a_note_on_a_span_by_keyboard_stays_after_reload(layers_page):
    page, _aset = layers_page
    tag(page, 1, CLAIM, "c")
    page.wait_for_selector("#p-1 mark.selected[data-label=claim]")
    page.keyboard.press("w")
    page.wait_for_selector("#span-menu .note-form textarea")
    assert page.evaluate("() => document.activeElement.closest('#span-menu .note-form') !== null")
    page.keyboard.type(NOTE)
    page.keyboard.press("Enter")
    _wait_saved(page)
    page.wait_for_selector("#doc mark[data-label=claim] sup.note-badge[data-decoration]")
    assert page.inner_text("#span-menu-note .note-text") == NOTE  # as text: the markup is not markup
    assert page.locator("#span-menu-note b").count() == 0
    assert page.evaluate("() => document.activeElement.id") == "doc"  # back to the text

    page.reload()
    page.wait_for_selector("#doc sup.note-badge")
    assert page.locator("#span-menu-note").is_hidden()
    page.keyboard.press("j")  # select the span: its note shows in its menu
    page.wait_for_selector("#span-menu-note:not([hidden])")
    assert page.inner_text("#span-menu-note .note-text") == NOTE
    # The badge is decoration: the span still quotes its own text. W is in the key help.
    assert page.inner_text("#span-menu-text") == CLAIM
    assert "W" in page.evaluate("() => [...document.querySelectorAll('#help-keys kbd')].map(k => k.textContent)")

    # Esc cancels; an empty note removes it.
    page.keyboard.press("w")
    page.wait_for_selector("#span-menu .note-form textarea")
    assert page.input_value("#span-menu .note-form textarea") == NOTE
    page.keyboard.press("Escape")
    assert page.locator(".note-form").count() == 0
    assert page.locator("#p-1 mark.selected").count() >= 1  # still the selected span
    page.keyboard.press("w")
    page.fill("#span-menu .note-form textarea", "")
    page.keyboard.press("Enter")
    _wait_saved(page)
    page.wait_for_function("() => !document.querySelector('#doc sup.note-badge')")
    page.reload()
    page.wait_for_selector("#p-1 mark[data-label=claim]")
    assert page.locator("#doc sup.note-badge").count() == 0


def test_a_note_on_a_stance_by_keyboard_stays_after_reload(layers_page):
    page, _aset = layers_page
    page.wait_for_load_state("networkidle")  # the page's scripts have bound their keys
    page.keyboard.press("s")
    actor = page.evaluate("() => document.activeElement.dataset.actor")
    assert actor
    page.keyboard.press("2")
    row = f".stance-row[data-actor='{actor}']"
    page.wait_for_function(f"() => {{ const id = document.querySelector(\"{row}\").dataset.stanceId;"
                           " return id && id !== 'pending'; }")
    assert page.evaluate("() => document.activeElement.dataset.actor") == actor
    page.keyboard.press("w")
    page.wait_for_selector(f"{row} .note-form textarea")
    page.keyboard.type("ضعيف")
    page.keyboard.press("Enter")
    _wait_saved(page)
    page.wait_for_selector(f"{row} .stance-note")
    assert page.evaluate("() => document.activeElement.dataset.actor") == actor  # back on the row

    page.reload()
    page.wait_for_selector(f".stance-row[data-actor='{actor}'] .stance-note")
    assert page.inner_text(f".stance-row[data-actor='{actor}'] .stance-note .note-text") == "ضعيف"


def test_a_done_set_still_takes_a_note_on_a_span(page, live_server, live_session, live_seeded):
    document = make_document(live_session, live_seeded.project, ARTICLE, "ar")
    aset = assign(live_session, document, live_seeded.ann1)
    add_span(live_session, aset, 2, "evidence", 0, len(EVIDENCE))
    set_status(live_session, aset, "done")
    log_in(page, live_server, "ann1")
    page.goto(f"{live_server.url}/annotate/{aset.public_id}")
    page.wait_for_selector("#p-2 mark[data-label=evidence]")
    page.keyboard.press("j")
    page.wait_for_selector("#span-menu button[data-action=note]", state="visible")
    assert page.locator("#span-menu [data-action=delete]").is_hidden()  # no editing in a done set
    page.keyboard.press("w")
    page.keyboard.type("checked again")
    page.keyboard.press("Enter")
    _wait_saved(page)
    page.reload()
    page.wait_for_selector("#p-2 mark[data-label=evidence] sup.note-badge")
    assert page.locator("#status[data-status=done]").count() == 1
