"""Undo and redo by keyboard in Chromium: Ctrl+Z takes back the last change, Ctrl+Shift+Z makes it
again, the text and the history panel follow, and a reload shows what the server holds."""
from __future__ import annotations

import pytest

from tests.browser.test_annotate import arabic_page, tag  # noqa: F401  (the fixture)


@pytest.fixture
def page(english_page):
    """These tests find buttons and messages by their English words: the interface in English."""
    return english_page


pytestmark = pytest.mark.browser


def marks(page, index: int) -> list[tuple[str, str]]:
    return page.evaluate("""(index) => [...document.querySelectorAll(`#p-${index} mark.first`)]
        .map(m => [m.dataset.label, m.textContent])""", index)


def test_an_annotator_undoes_and_redoes_by_keyboard(arabic_page):  # noqa: F811
    page = arabic_page
    tag(page, 1, "الرَّئِيسُ", "c")
    page.wait_for_selector("#p-1 mark[data-label=claim]")
    # Ctrl+Z at once, before the save is even answered: it takes back that save, not the one before.
    tag(page, 2, "العقوبات", "e")
    page.keyboard.press("Control+z")
    page.wait_for_selector("#history-panel .history-item[data-action='span.delete']")
    page.wait_for_selector("#p-2 mark[data-label=evidence]", state="detached")
    assert marks(page, 1) == [["claim", "الرَّئِيسُ"]]
    page.wait_for_selector("#history-panel .history-item.undone")
    page.keyboard.press("Control+z")
    page.wait_for_selector("#p-1 mark[data-label=claim]", state="detached")

    page.keyboard.press("Control+Shift+z")
    page.wait_for_selector("#p-1 mark[data-label=claim]")
    page.keyboard.press("Control+Shift+z")
    page.wait_for_selector("#p-2 mark[data-label=evidence]")
    assert page.locator("#history-panel .history-redo").is_disabled()

    # A relabel, then Ctrl+Z: the old label is back, on the same words.
    page.click("#p-2 mark[data-label=evidence]")
    page.keyboard.press("c")
    page.wait_for_selector("#p-2 mark[data-label=claim]")
    page.keyboard.press("Control+z")
    page.wait_for_selector("#p-2 mark[data-label=evidence]")

    page.reload()
    page.wait_for_selector("#toolbar")
    assert marks(page, 1) == [["claim", "الرَّئِيسُ"]] and marks(page, 2) == [["evidence", "العقوبات"]]
    undone = page.locator("#history-panel .history-item.undone")
    assert undone.count() == 1 and "relabelled" in undone.inner_text()
