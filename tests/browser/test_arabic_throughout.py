"""An Arabic annotator's whole day in Chromium with the interface in Arabic: log in, open the
document, tag a claim and an evidence, be told what is still missing, take a stance and pick a
frame, mark it done and read their progress; and on every screen on the way no word in Latin
letters outside the article's own paragraphs (the issue's "done when")."""
from __future__ import annotations

import re

import pytest

from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors.registry import create_actor
from annotator.services.team import projects, users
from tests.browser.conftest import log_in
from tests.browser.rtl_support import ENGLISH
from tests.browser.test_layers import ARTICLE as LAYERS_ARTICLE, open_link_choice
from tests.conftest import DEFAULT_SCHEME, PASSWORD
from tests.factories import assign, make_document

pytestmark = pytest.mark.browser

# The layers test's article, with a paragraph of its own English: it may say what it likes.
ARTICLE = [*LAYERS_ARTICLE, ("body", ENGLISH)]
# Two Latin letters in a row make a word; digits and signs are not words.
LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]{2,}")
# The keys as printed on the keyboard (the help and the panels' hints name them): an Arabic
# keyboard prints them in Latin letters too. Nothing else.
ALLOWED = {"Ctrl", "Shift", "Alt", "Esc", "Del", "Enter", "Tab"}

# Every piece of text a person meets on the page: the visible text nodes, and the placeholders,
# titles and accessible names of visible elements, outside the article's paragraphs (but with the
# badges the page draws inside them).
READABLE_TEXT = """() => {
  const pieces = [];
  const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  // The page's own marks inside the article (a link's badge) are interface, not article.
  const outside = el => !el.closest("script, style, template, noscript") &&
    (!el.closest(".ptext") || !!el.closest("[data-decoration]"));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (el && outside(el) && shown(el) && walker.currentNode.data.trim()) pieces.push(walker.currentNode.data.trim());
  }
  for (const el of document.body.querySelectorAll("[placeholder], [title], [aria-label]")) {
    if (!outside(el) || !shown(el)) continue;
    for (const name of ["placeholder", "title", "aria-label"]) if (el.getAttribute(name)) pieces.push(el.getAttribute(name));
  }
  pieces.push(document.title);
  return pieces;
}"""


def settled(page) -> None:
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def latin_words(page) -> list[str]:
    settled(page)
    found = []
    for piece in page.evaluate(READABLE_TEXT):
        found += [f"{word} (in «{piece[:60]}»)" for word in LATIN_WORD.findall(piece) if word not in ALLOWED]
    return found


def assert_all_arabic(page, screen: str) -> None:
    assert page.get_attribute("html", "lang") == "ar"
    words = latin_words(page)
    assert not words, f"{screen}: Latin-letter words on the screen: {words}"


@pytest.fixture
def arabic_day(page, live_server, live_session):
    salma = users.create_user(live_session, "salma", PASSWORD, display_name="سلمى")
    project = projects.create_project(live_session, "مقالات الرأي", DEFAULT_SCHEME, time_zone="Africa/Casablanca")
    projects.add_member(live_session, project, salma, "annotator")
    document = make_document(live_session, project, ARTICLE, "ar", external_id="2026-114")  # the article's own id
    for name, aliases in (("فرنسا", ("فرنسا", "باريس")), ("روسيا", ("روسيا", "موسكو"))):
        create_actor(live_session, project, ActorSpec(name, "state", tuple(AliasSpec(a) for a in aliases)))
    return page, project, assign(live_session, document, salma)


def test_an_arabic_annotator_meets_no_english_word_from_login_to_progress(arabic_day, live_server):
    page, project, aset = arabic_day
    page.goto(f"{live_server.url}/login")
    assert_all_arabic(page, "the login page")
    log_in(page, live_server, "salma")
    assert_all_arabic(page, "the start page")

    page.click(".cards a[href*='/annotate/']")
    page.wait_for_selector("table.my-documents")
    assert_all_arabic(page, "my documents, before")
    page.click("table.my-documents a")
    page.wait_for_selector("#stance-panel")
    assert page.locator("#p-3 .ptext").inner_text() == ENGLISH  # the article's English is there, and allowed
    assert_all_arabic(page, "the annotation page")

    open_link_choice(page)  # a claim, an evidence, and the link's types offered
    assert_all_arabic(page, "the link choice")
    page.keyboard.press("1")
    page.wait_for_selector("#links-panel .link-list li.link-supports")
    page.wait_for_function("() => document.querySelectorAll('#doc sup.link-badge').length === 2")
    assert_all_arabic(page, "the annotation page with a link")

    # Done is refused while the stance and the primary frame are missing: said in Arabic.
    page.click("#status button.primary")
    page.wait_for_selector("#banner:not([hidden])")
    assert_all_arabic(page, "the refusal of done")
    page.click("#banner [data-banner-action=dismiss]")

    settled(page)  # the panels redrawn after the link: a key pressed on a row about to go is lost
    page.keyboard.press("s")
    assert page.evaluate("() => document.activeElement.dataset.actor") is not None
    page.keyboard.press("2")
    page.wait_for_selector(".stance-row[data-value=against]")
    page.keyboard.press("Escape")
    page.select_option("#frames-panel select[name=primary]", "security_and_defense")
    page.wait_for_selector("#frames-panel .frame-option.is-primary input[value=security_and_defense]")
    page.keyboard.press("?")
    assert_all_arabic(page, "the annotation page with the help open")
    page.keyboard.press("Escape")
    page.click("#status button.primary")
    page.wait_for_selector("#status[data-status=done]")
    assert_all_arabic(page, "the annotation page, done")

    page.goto(f"{live_server.url}/annotate/?project={project.public_id}")
    page.wait_for_selector("table.my-documents tr[data-status=done]")
    assert page.locator("progress").first.get_attribute("value") == "1"
    assert_all_arabic(page, "my documents, done")
