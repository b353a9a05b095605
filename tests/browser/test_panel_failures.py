"""Every side-panel write shows its failure (issue 18): the session cookie is deleted before the
click, and then the control goes back to what was saved, the banner offers Retry and "Log in again
(new tab)", and the retried write is saved once the annotator has logged in again (kept on reload)."""
from __future__ import annotations

from tests.browser.conftest import PASSWORD
from tests.browser.test_layers import CLAIM, EVIDENCE, layers_page, open_link_choice, tag  # noqa: F401 (the fixture)


def end_session(page) -> None:
    # Let the answers to earlier requests arrive first: they would set the cookie again.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()


def expect_banner_then_log_in_and_retry(page, server, what: str) -> None:
    banner = page.locator("#banner")
    banner.wait_for(state="visible")
    text = banner.inner_text()
    assert what in text, text
    assert page.locator("#banner [data-banner-action=retry]").is_visible()
    with page.context.expect_page() as opened:
        page.click("#banner [data-banner-action=login]")
    login = opened.value
    login.wait_for_load_state()
    login.fill("input[name=username]", "ann1")
    login.fill("input[name=password]", PASSWORD)
    login.click("button[type=submit]")
    login.wait_for_url(f"{server.url}/login/done")
    login.close()
    assert banner.is_visible()  # it waits for the annotator
    page.click("#banner [data-banner-action=retry]")


def test_stance_reverts_and_is_saved_on_retry(layers_page, live_server):
    page, _aset = layers_page
    end_session(page)
    page.keyboard.press("s")
    page.keyboard.press("2")  # against
    page.locator("#banner").wait_for(state="visible")
    row = page.locator(".stance-row").first
    # The pressed button did not stay pressed: the row shows what is saved (nothing).
    assert row.get_attribute("data-value") == ""
    assert page.locator(".stance-row >> nth=0 >> .stance-button[aria-pressed=true]").count() == 0
    expect_banner_then_log_in_and_retry(page, live_server, "فرنسا")
    page.wait_for_selector(".stance-row[data-value=against]")
    page.wait_for_selector("#banner", state="hidden")
    page.reload()
    page.wait_for_selector(".stance-row[data-value=against]")


def test_frame_reverts_and_is_saved_on_retry(layers_page, live_server):
    page, _aset = layers_page
    end_session(page)
    page.select_option("#frames-panel select[name=primary]", "economic")
    page.locator("#banner").wait_for(state="visible")
    assert page.eval_on_selector("#frames-panel select[name=primary]", "s => s.value") == ""
    expect_banner_then_log_in_and_retry(page, live_server, "الإطار")  # "the frame choice"
    page.wait_for_selector("#frames-panel .frame-option.is-primary input[value=economic]")
    page.reload()
    assert page.eval_on_selector("#frames-panel select[name=primary]", "s => s.value") == "economic"


def test_link_is_saved_on_retry_and_the_hint_is_cleared(layers_page, live_server):
    page, _aset = layers_page
    open_link_choice(page)
    end_session(page)
    page.keyboard.press("1")
    page.locator("#banner").wait_for(state="visible")
    assert page.locator("#link-choice .link-type-button").count() == 0  # the choice is closed
    assert page.locator("#links-panel .link-list li").count() == 0
    assert "1, 2" not in page.inner_text("#toolbar-hint")  # "choose the link's type" is gone
    expect_banner_then_log_in_and_retry(page, live_server, "الرابط")  # "the link", in Arabic
    page.wait_for_selector("#links-panel .link-list li.link-supports")
    page.reload()
    page.wait_for_selector("#links-panel .link-list li.link-supports")


def test_mention_verdict_reverts_and_is_saved_on_retry(layers_page, live_server):
    page, _aset = layers_page
    page.click("#mentions-panel details.all-mentions summary")
    end_session(page)
    page.locator("#mentions-panel details.all-mentions li").first.locator("button", has_text="ليست إشارة").click()
    page.locator("#banner").wait_for(state="visible")
    assert page.locator("#mentions-panel li.mention-rejected").count() == 0
    expect_banner_then_log_in_and_retry(page, live_server, "الإشارة")  # "the mention"
    page.wait_for_selector("#mentions-panel li.mention-rejected", state="attached")
    page.reload()
    page.wait_for_selector("#mentions-panel li.mention-rejected", state="attached")


def test_evidence_reverts_and_is_saved_on_retry(layers_page, live_server):
    page, _aset = layers_page
    tag(page, 2, EVIDENCE, "e")
    page.wait_for_selector("#status[data-status=in_progress]")  # its refresh takes the focus back to the text
    page.wait_for_load_state("networkidle")
    page.keyboard.press("s")
    page.keyboard.press("2")
    page.wait_for_selector(".stance-row[data-value=against][data-stance-id]:not([data-stance-id=pending])")
    page.keyboard.press("Escape")
    page.click("#p-2 mark[data-label=evidence]")
    page.wait_for_selector("#p-2 mark.selected")
    end_session(page)
    page.keyboard.press("s")
    page.keyboard.press("e")
    page.locator("#banner").wait_for(state="visible")
    assert page.locator("#stance-panel .evidence-list").count() == 0
    expect_banner_then_log_in_and_retry(page, live_server, "فرنسا")
    page.wait_for_selector("#stance-panel .evidence-list li")
    page.reload()
    page.wait_for_selector("#stance-panel .evidence-list li")


def test_a_refused_duplicate_link_says_why_without_codes_and_clears_the_hint(layers_page):
    page, _aset = layers_page
    tag(page, 1, CLAIM, "c")
    tag(page, 2, EVIDENCE, "e")
    for attempt in range(2):
        page.click("#p-2 mark[data-label=evidence]")
        page.keyboard.press("l")
        page.click("#p-1 mark[data-label=claim]")
        if attempt == 0:
            page.wait_for_selector("#link-choice .link-type-button")
            page.keyboard.press("1")
            page.wait_for_selector("#links-panel .link-list li.link-supports")
    banner = page.locator("#banner")
    banner.wait_for(state="visible")
    text = banner.inner_text()
    assert "مرتبطان بالفعل" in text and "409" not in text and "target" not in text
    assert page.locator("#banner [data-banner-action=retry]").count() == 0  # nothing to retry
    assert page.locator("#link-choice .link-type-button").count() == 0
    assert "1, 2" not in page.inner_text("#toolbar-hint")
