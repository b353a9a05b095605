"""The layers in Chromium: tag a claim and an evidence in an Arabic article, link them with the
keyboard, take a stance toward an actor with one key, pick a primary frame, mark the document
done (after the page said what was missing), reload and find it all, then see the link drawn on
the argument map."""
from __future__ import annotations

import pytest

from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors.registry import create_actor
from tests.browser.conftest import log_in
from tests.browser.test_annotate import SELECT_PHRASE
from tests.factories import assign, make_document

ARTICLE = [
    ("title", "السَّاحل بين وصايتين"),
    ("body", "لن يُستورد الأمن من باريس ولا من موسكو، فقد فشلت فرنسـا في السَّاحل فشلاً ذريعاً."),
    ("body", "نشرت فرنسا أكثر من خمسة آلاف جندي، ومع ذلك اتسعت رقعة العنف."),
]
CLAIM = "فقد فشلت فرنسـا في السَّاحل فشلاً ذريعاً"
EVIDENCE = "نشرت فرنسا أكثر من خمسة آلاف جندي"


@pytest.fixture
def layers_page(page, live_server, live_session, live_seeded):
    document = make_document(live_session, live_seeded.project, ARTICLE, "ar")
    for name, aliases in (("France", ("فرنسا", "باريس")), ("Russia", ("روسيا", "موسكو"))):
        create_actor(live_session, live_seeded.project, ActorSpec(name, "state", tuple(AliasSpec(a) for a in aliases)))
    aset = assign(live_session, document, live_seeded.ann1)
    log_in(page, live_server, "ann1")
    page.goto(f"{live_server.url}/annotate/{aset.public_id}")
    page.wait_for_selector("#stance-panel")
    return page, aset


def tag(page, index: int, phrase: str, key: str) -> None:
    page.evaluate(SELECT_PHRASE, [index, phrase, 0])
    page.keyboard.press(key)
    page.wait_for_selector(f"#p-{index} mark[data-label]")


def open_link_choice(page) -> None:
    """Tag the claim and the evidence, press L on the evidence and click the claim: the types offered."""
    tag(page, 1, CLAIM, "c")
    tag(page, 2, EVIDENCE, "e")
    page.wait_for_selector("#p-2 mark.selected")
    page.keyboard.press("l")
    page.click("#p-1 mark[data-label=claim]")
    page.wait_for_selector("#link-choice .link-type-button")


def test_link_stance_frame_done_reload_and_map(layers_page, live_server):
    page, aset = layers_page
    # Mentions are drawn in the text (tatweel and all), France most mentioned first in the panel.
    assert page.locator("#p-1 span.mention").count() == 3
    assert page.locator(".stance-row .actor-name").first.inner_text() == "فرنسا"  # France, by its Arabic alias

    # The new evidence span is selected: L, then click the claim, then 1 for "supports".
    open_link_choice(page)
    page.keyboard.press("1")
    page.wait_for_selector("#links-panel .link-list li.link-supports")
    # Badges on both ends, marked as decoration so that offsets skip them.
    page.wait_for_function("() => document.querySelectorAll('#doc sup.link-badge[data-decoration]').length === 2")

    # Done is refused while a required stance and the primary frame are missing: the page says so.
    page.click("#status button.primary")
    page.wait_for_selector("#banner:not([hidden])")
    banner = page.inner_text("#banner")
    assert "إطاراً رئيسياً" in banner and "France" in banner  # the service says it in the interface language
    page.click("#banner [data-banner-action=dismiss]")

    # S focuses the stance panel's first row; 2 = against; Shift+3 = intensity 3.
    page.keyboard.press("s")
    assert page.evaluate("() => document.activeElement.dataset.actor") is not None
    page.keyboard.press("2")
    page.wait_for_selector(".stance-row[data-value=against]")
    page.keyboard.press("Shift+Digit3")
    page.wait_for_selector(".stance-row[data-value=against][data-intensity='3']")
    assert page.evaluate("() => document.activeElement.dataset.value") == "against"  # focus kept on the row
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.id") == "doc"

    page.select_option("#frames-panel select[name=primary]", "security_and_defense")
    page.wait_for_selector("#frames-panel .frame-option.is-primary input[value=security_and_defense]")
    page.click("#status button.primary")
    page.wait_for_selector("#status[data-status=done]")

    page.reload()
    page.wait_for_selector("#stance-panel")
    assert page.locator("#status[data-status=done]").count() == 1
    assert page.locator("#p-1 mark[data-label=claim]").count() >= 1
    assert page.locator("#p-2 mark[data-label=evidence]").count() >= 1
    row = page.locator(".stance-row").first
    assert (row.get_attribute("data-value"), row.get_attribute("data-intensity")) == ("against", "3")
    assert page.eval_on_selector("#frames-panel select[name=primary]", "s => s.value") == "security_and_defense"
    assert page.locator("#links-panel .link-list li.link-supports").count() == 1
    page.wait_for_function("() => document.querySelectorAll('#doc sup.link-badge').length === 2")

    page.click("#links-panel a.map-link")
    page.wait_for_selector("svg .edge-supports")
    assert page.locator("svg a.node").count() == 2
    assert EVIDENCE[:10] in page.locator("svg .node-text").nth(1).text_content()
    # A node jumps back to its span in the text.
    page.click("svg a.node[data-label=claim]")
    page.wait_for_selector("#p-1 mark.selected[data-label=claim]")


def test_a_technique_from_the_palette_overlaps_a_claim_and_both_stay_readable(layers_page):
    page, _aset = layers_page
    tag(page, 1, CLAIM, "c")
    page.evaluate(SELECT_PHRASE, [1, "فشلاً ذريعاً", 0])
    page.keyboard.press("p")
    page.wait_for_selector("dialog#palette-technique[open]")
    page.keyboard.type("المشحونة")  # filtered by the Arabic name: loaded language
    assert page.locator("#palette-technique li[data-label]:not([hidden])").count() == 1
    page.keyboard.press("Enter")
    page.wait_for_selector("#p-1 mark.ul[data-label=loaded_language]")
    claim = page.locator("#p-1 mark.hl[data-label=claim]").first
    technique = page.locator("#p-1 mark.ul[data-label=loaded_language]").first
    assert claim.is_visible() and technique.is_visible()
    # Highlight and underline: the claim keeps its background, the technique draws a line.
    styles = page.evaluate("""() => {
      const t = document.querySelector('#p-1 mark.ul[data-label=loaded_language]');
      const c = document.querySelector('#p-1 mark.hl[data-label=claim]');
      return [getComputedStyle(t).textDecorationLine, getComputedStyle(c).backgroundColor];
    }""")
    assert styles[0] == "underline" and styles[1] not in ("", "rgba(0, 0, 0, 0)")
