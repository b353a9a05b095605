"""What annotators meet every hour (issue 18), in Chromium: G hides only the guidelines, the quoted
selection never holds link badges, Delete in link mode deletes the source, a wrong password keeps
the user name, and an Arabic argument map opens at its start, on the right, with labelled edges."""
from __future__ import annotations

from tests.browser.conftest import PASSWORD, log_in
from tests.browser.test_layers import ARTICLE, CLAIM, layers_page, open_link_choice  # noqa: F401 (the fixture)
from tests.factories import add_link, add_span, assign, make_document


def link_evidence_to_claim(page):
    open_link_choice(page)
    page.keyboard.press("1")
    page.wait_for_function("() => document.querySelectorAll('#doc sup.link-badge').length === 2")


def test_g_hides_the_guidelines_only(layers_page):
    page, _aset = layers_page
    page.locator("#doc").focus()
    page.keyboard.press("g")
    assert page.locator("#guidelines").is_hidden()
    for panel in ("#stance-panel", "#frames-panel", "#links-panel"):
        assert page.locator(panel).is_visible(), panel
    page.keyboard.press("g")
    assert page.locator("#guidelines").is_visible()


def test_the_quoted_span_has_no_badges_and_delete_in_link_mode_deletes_the_source(layers_page):
    page, _aset = layers_page
    link_evidence_to_claim(page)
    page.click("#p-1 mark[data-label=claim]")
    page.wait_for_selector("#span-menu:not([hidden])")
    quoted = page.inner_text("#span-menu-text")
    assert "→" not in quoted and quoted.startswith(CLAIM[:10])
    # Link mode from the evidence; J moves the selection to a candidate target (the claim).
    page.click("#p-2 mark[data-label=evidence]")
    page.keyboard.press("l")
    page.keyboard.press("j")
    page.keyboard.press("Delete")
    page.wait_for_selector("#p-2 mark[data-label=evidence]", state="detached")
    assert page.locator("#p-1 mark[data-label=claim]").count() >= 1  # the candidate is untouched


def test_a_wrong_password_keeps_the_user_name(page, live_server, live_seeded):
    page.goto(f"{live_server.url}/login")
    page.fill("input[name=username]", "ann1")
    page.fill("input[name=password]", "nope-nope-nope")
    page.click("button[type=submit]")
    page.wait_for_selector("p.error[role=alert]")
    assert page.input_value("input[name=username]") == "ann1"
    assert page.evaluate("() => document.activeElement.name") == "password"
    assert page.locator("link[rel=icon]").count() == 1
    icon = page.request.get(live_server.url + page.get_attribute("link[rel=icon]", "href"))
    assert icon.ok and "svg" in icon.headers["content-type"]
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_an_arabic_map_opens_on_the_right_with_labelled_edges(page, live_server, live_session, live_seeded):
    document = make_document(live_session, live_seeded.project, ARTICLE, "ar")
    aset = assign(live_session, document, live_seeded.ann1)
    major = add_span(live_session, aset, 0, "major_claim", 0, 6)
    claims = [add_span(live_session, aset, 1, "claim", at, at + 6) for at in (0, 10, 20, 30, 40, 50)]
    evidence = add_span(live_session, aset, 2, "evidence", 0, 10)
    for claim in claims:
        add_link(live_session, aset, claim, major)
    add_link(live_session, aset, evidence, major)  # across the claims' rank
    page.set_viewport_size({"width": 900, "height": 800})
    log_in(page, live_server, "ann1")
    page.goto(f"{live_server.url}/annotate/{aset.public_id}/argument-map")
    page.wait_for_selector("svg .edge")
    box = page.locator("figure.argument-map")
    scroll = box.evaluate("f => [f.scrollLeft, f.scrollWidth, f.clientWidth]")
    assert scroll[1] > scroll[2]  # wider than the window: it scrolls
    # Right to left: the start is the right end, scrollLeft 0 there (negative values go left).
    assert scroll[0] == 0 and box.get_attribute("dir") == "rtl"
    first = page.locator("svg a.node[data-label=major_claim] rect").bounding_box()
    assert first["x"] + first["width"] <= 900  # the major claim, first in the text, is in view
    assert page.locator("svg .edge-label", has_text="يدعم").count() == 7  # "supports", in Arabic
