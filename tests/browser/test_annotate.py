"""Tagging in Chromium: select a phrase, press the label's key, reload, and find the mark exactly
around that phrase; and an ended session that loses nothing once the annotator logs in again."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.factories import assign, make_document
from tests.web.annotate_support import ARABIC_ARTICLE

# Select a phrase by building a DOM Range over the paragraph's text nodes, as a mouse would.
SELECT_PHRASE = """([index, phrase, occurrence]) => {
  const para = document.querySelector(`#p-${index} .ptext`);
  const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(phrase, start + 1);
  if (start < 0) throw new Error("phrase not in paragraph: " + phrase);
  const end = start + phrase.length;
  const range = document.createRange();
  const startAt = nodes.find(([node, at]) => start < at + node.data.length);
  range.setStart(startAt[0], start - startAt[1]);
  const endAt = nodes.find(([node, at]) => end <= at + node.data.length);
  range.setEnd(endAt[0], end - endAt[1]);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""

# What a span looks like on the page: its fragments' text, and the paragraph text around it.
SPAN_ON_PAGE = """([index, label]) => {
  const para = document.querySelector(`#p-${index} .ptext`);
  const first = para.querySelector(`mark.first[data-label="${label}"]`);
  if (!first) return null;
  const marks = [...para.querySelectorAll(`mark[data-span-id="${first.dataset.spanId}"]`)];
  const inside = marks.map(m => m.textContent).join("");
  const before = document.createRange();
  before.setStart(para, 0);
  before.setEndBefore(marks[0]);
  return {inside, before: before.toString(), whole: para.textContent};
}"""


@pytest.fixture
def arabic_page(page, live_server, live_session, live_seeded):
    document = make_document(live_session, live_seeded.project, ARABIC_ARTICLE, "ar")
    aset = assign(live_session, document, live_seeded.ann1)
    log_in(page, live_server, "ann1")
    page.goto(f"{live_server.url}/annotate/{aset.public_id}")
    page.wait_for_selector("#toolbar")
    return page


def tag(page, index: int, phrase: str, key: str = "c", occurrence: int = 0) -> None:
    page.evaluate(SELECT_PHRASE, [index, phrase, occurrence])
    page.keyboard.press(key)


def assert_marked_exactly(page, index: int, label: str, phrase: str) -> None:
    found = page.evaluate(SPAN_ON_PAGE, [index, label])
    assert found is not None, f"no {label} mark in paragraph {index}"
    assert found["inside"] == phrase
    text = dict(ARABIC_ARTICLE and enumerate(t for _, t in ARABIC_ARTICLE))[index]
    assert found["whole"] == text
    assert found["before"] == text[:text.index(phrase)]


@pytest.mark.parametrize("index, phrase", [
    (1, "قالَ الرَّئِيسُ"),  # diacritics: shadda, fatha, kasra, damma
    (2, "بالمواطنين 🇲🇦 أكثر"),  # after an emoji, across a flag
    (0, "مـــصر"),  # the title, with tatweel
    (4, "NATO إن 2024"),  # mixed direction
], ids=["diacritics", "emoji-and-flag", "title", "mixed-direction"])
def test_select_press_the_claim_key_reload_and_see_the_exact_mark(arabic_page, index, phrase):
    page = arabic_page
    tag(page, index, phrase)
    page.wait_for_selector(f"#p-{index} mark[data-label=claim]")
    assert page.evaluate("() => document.activeElement.id") == "doc"  # focus is back on the text
    page.reload()
    page.wait_for_selector(f"#p-{index} mark[data-label=claim]")
    assert_marked_exactly(page, index, "claim", phrase)


def test_shortcuts_are_physical_keys_so_an_arabic_layout_works(arabic_page):
    page = arabic_page
    page.evaluate(SELECT_PHRASE, [1, "الاتفاق", 0])
    # On an Arabic layout the E key types ث: the code is still KeyE.
    page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ث', code: 'KeyE', bubbles: true}))")
    page.wait_for_selector("#p-1 mark[data-label=evidence]")


def test_change_navigate_and_delete_with_keys(arabic_page):
    page = arabic_page
    tag(page, 1, "الاتفاق")
    page.wait_for_selector("#p-1 mark.selected[data-label=claim]")  # the new span is selected
    page.keyboard.press("e")  # another label changes it
    page.wait_for_selector("#p-1 mark.selected[data-label=evidence]")
    page.select_option("#span-menu select[data-attribute=evidence_type]", "statistic")
    page.wait_for_function("() => (document.querySelector('#p-1 mark.first').dataset.attrs || '').includes('statistic')")
    tag(page, 2, "العقوبات")
    page.wait_for_selector("#p-2 mark.selected")
    page.keyboard.press("k")
    assert page.evaluate("() => document.querySelector('mark.selected').dataset.label") == "evidence"
    page.keyboard.press("Delete")
    page.wait_for_function("() => !document.querySelector('#p-1 mark')")
    page.reload()
    page.wait_for_selector("#p-2 mark")
    assert page.locator("#p-1 mark").count() == 0


def test_a_selection_across_paragraphs_is_refused_with_a_message(arabic_page):
    page = arabic_page
    page.evaluate("""() => {
      const range = document.createRange();
      range.setStart(document.querySelector('#p-1 .ptext').firstChild, 3);
      range.setEnd(document.querySelector('#p-2 .ptext').firstChild, 4);
      getSelection().removeAllRanges(); getSelection().addRange(range);
    }""")
    page.keyboard.press("c")
    hint = page.locator("#toolbar-hint.warn")
    assert "فقرة واحدة" in hint.inner_text()  # "one paragraph", in the interface language
    assert page.locator("mark").count() == 0


def test_an_ended_session_shows_the_banner_and_nothing_is_lost(arabic_page, live_server):
    page = arabic_page
    tag(page, 1, "الاتفاق")
    page.wait_for_selector("#p-1 mark[data-label=claim]")
    # Let the requests that follow a save finish: their answers would set the cookie again.
    page.wait_for_selector("#status[data-status=in_progress]")
    page.wait_for_selector("#guidelines[data-label=claim]")
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()  # the session ends while the annotator works
    tag(page, 2, "العقوبات", "e")
    banner = page.locator("#banner")
    banner.wait_for(state="visible")
    assert "العقوبات" in banner.inner_text()  # it says what was not saved
    with page.context.expect_page() as opened:
        page.click("#banner [data-banner-action=login]")
    login = opened.value
    login.wait_for_load_state()
    assert "popup=1" in login.url
    login.fill("input[name=username]", "ann1")
    login.fill("input[name=password]", "correct-horse-42")
    login.click("button[type=submit]")
    login.wait_for_url(f"{live_server.url}/login/done")
    login.close()
    assert banner.is_visible()  # it stayed until the annotator acted
    page.click("#banner [data-banner-action=retry]")
    page.wait_for_selector("#p-2 mark[data-label=evidence]")
    assert banner.is_hidden()
    page.reload()
    page.wait_for_selector("#p-2 mark[data-label=evidence]")
    assert_marked_exactly(page, 1, "claim", "الاتفاق")
    assert_marked_exactly(page, 2, "evidence", "العقوبات")


def test_the_palette_filters_in_arabic_and_tags(arabic_page):
    page = arabic_page
    page.evaluate(SELECT_PHRASE, [4, "سيكون عاماً حاسماً", 0])
    page.keyboard.press("p")
    page.fill("#palette-technique .palette-filter", "التشكيك")
    page.keyboard.press("Enter")
    page.wait_for_selector("#p-4 mark[data-label=doubt].ul")
    assert_marked_exactly(page, 4, "doubt", "سيكون عاماً حاسماً")
