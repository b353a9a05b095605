"""The interface in Arabic (the browser asks for ar): the page is dir=rtl and its layout mirrors,
an English paragraph still reads left to right, and axe-core finds no serious or critical
violation on any page. Screenshots for the README and docs/ are written to docs/screenshots/."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import log_in
from tests.browser.rtl_support import ENGLISH, english_paragraph, lead_pages_scenario, serious_violations

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def box(page, selector: str) -> dict:
    found = page.locator(selector).first
    found.wait_for()
    return found.bounding_box()


def drawn_in(page, selector: str) -> set[str]:
    """The faces Chromium drew the element's text with; "(served)" marks a web font the app served."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    return {f["familyName"] + (" (served)" if f["isCustomFont"] else "") for f in fonts}


@pytest.fixture
def scenario(live_session, live_seeded):
    docs, sets = lead_pages_scenario(live_session, live_seeded)
    return live_seeded, docs, sets


def test_the_arabic_interface_mirrors_and_an_english_paragraph_stays_ltr(browser, page, live_server, live_session,
                                                                          scenario):
    seeded, docs, sets = scenario
    aset = sets[("d-agree", "ann1")]
    log_in(page, live_server, "ann1")
    page.goto(f"{live_server.url}/annotate/{aset.public_id}")
    page.wait_for_selector("#stance-panel")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    side, text = box(page, ".side"), box(page, ".doc")
    assert side["x"] + side["width"] <= text["x"] + 1  # the panels on the left, the text on the right

    index = english_paragraph(live_session, docs["d-agree"])
    english = page.locator(f"#p-{index} .ptext")
    assert english.inner_text() == ENGLISH
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert english.get_attribute("lang") == "en"
    # Its first word starts at the paragraph's left edge, as English reads, not pushed to the right.
    first_word = english.evaluate("""e => { const r = document.createRange(); r.setStart(e.firstChild, 0);
      r.setEnd(e.firstChild, 3); const b = r.getBoundingClientRect(); return b.left - e.getBoundingClientRect().left; }""")
    assert first_word < 2
    arabic = page.locator("#p-1 .ptext")
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The Naskh face the app serves is what the Arabic text and the Arabic interface are drawn in (the
    # fonts Chromium really used, not what the stylesheet asks for); English stays in its Latin face.
    page.evaluate("document.fonts.ready")
    assert drawn_in(page, "#p-1 .ptext") >= {"Noto Naskh Arabic (served)"}
    assert drawn_in(page, "#stance-title") >= {"Noto Naskh Arabic (served)"}
    assert "Noto Naskh Arabic (served)" not in drawn_in(page, f"#p-{index} .ptext")

    # The same page with the interface in English: the panels go to the right.
    english_ui = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    try:
        other = english_ui.new_page()
        log_in(other, live_server, "ann1")
        other.goto(f"{live_server.url}/annotate/{aset.public_id}")
        other.wait_for_selector("#stance-panel")
        assert other.get_attribute("html", "dir") == "ltr" and other.get_attribute("html", "lang") == "en"
        side_en, text_en = box(other, ".side"), box(other, ".doc")
        assert side_en["x"] >= text_en["x"] + text_en["width"] - 1
        assert other.locator(".ptext").nth(1).evaluate("e => getComputedStyle(e).direction") == "rtl"  # Arabic stays RTL
    finally:
        english_ui.close()


def test_screenshots_in_arabic(page, live_server, scenario):
    seeded, docs, sets = scenario
    project = seeded.project.public_id
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, "ann1")
    page.goto(f"{live_server.url}/annotate/{sets[('d-agree', 'ann1')].public_id}")
    page.wait_for_selector("#stance-panel .stance-row")
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(SCREENSHOTS / "annotate-ar.png"))
    page.keyboard.press("s")  # the stance panel, its first row focused
    page.wait_for_function("document.activeElement && document.activeElement.closest('#stance-panel')")
    page.locator("#stance-panel").screenshot(path=str(SCREENSHOTS / "stance-panel-ar.png"))
    page.context.clear_cookies()
    log_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/projects/{project}/agreement")
    page.wait_for_selector("svg.heatmap")
    page.screenshot(path=str(SCREENSHOTS / "dashboard-ar.png"), full_page=True)
    page.goto(f"{live_server.url}/projects/{project}/agreement/documents/{docs['d-agree'].public_id}")
    page.wait_for_selector("table.compare")
    page.screenshot(path=str(SCREENSHOTS / "side-by-side-ar.png"), full_page=True)
    for name in ("annotate-ar", "stance-panel-ar", "dashboard-ar", "side-by-side-ar"):
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000


def _annotator_pages(live_server, seeded, docs, sets):
    aset = sets[("d-agree", "ann1")].public_id
    return [("start", "/", "main"), ("annotation page", f"/annotate/{aset}", "#stance-panel"),
            ("account", "/account", "#reading")]


def _lead_pages(seeded, docs):
    project = seeded.project.public_id
    return [("start", "/", "main"),
            ("dashboard", f"/projects/{project}/agreement", "svg.heatmap"),
            ("side by side", f"/projects/{project}/agreement/documents/{docs['d-agree'].public_id}", "table.compare"),
            ("progress", f"/projects/{project}/team/progress", "main"),
            ("import", f"/projects/{project}/import", "main form"),
            ("actor registry", f"/projects/{project}/actors", "#registry"),
            ("adjudication queue", f"/projects/{project}/adjudication", "main"),
            ("adjudication", f"/adjudicate/{docs['d-agree'].public_id}", "main"),
            ("account", "/account", "#reading")]


def test_axe_finds_no_serious_violation_on_any_page(page, live_server, scenario):
    seeded, docs, sets = scenario
    found: dict[str, list[str]] = {}
    page.goto(f"{live_server.url}/login")
    found["login"] = serious_violations(page)
    # The check itself can fail: an image with no text alternative is a critical violation.
    page.evaluate("document.querySelector('main').append(Object.assign(document.createElement('img'), "
                  "{src: '/static/favicon.svg'}))")
    assert any(v.startswith("image-alt (critical)") for v in serious_violations(page))
    log_in(page, live_server, "ann1")
    for name, path, ready in _annotator_pages(live_server, seeded, docs, sets):
        page.goto(live_server.url + path)
        page.wait_for_selector(ready)
        found[f"ann1 {name}"] = serious_violations(page)
        if name == "annotation page":
            page.keyboard.press("s")
            page.wait_for_function("document.activeElement && document.activeElement.closest('#stance-panel')")
            found["ann1 stance panel open"] = serious_violations(page)
    page.context.clear_cookies()
    log_in(page, live_server, "lead")
    for name, path, ready in _lead_pages(seeded, docs):
        page.goto(live_server.url + path)
        page.wait_for_selector(ready)
        found[f"lead {name}"] = serious_violations(page)
    assert {name: v for name, v in found.items() if v} == {}
