"""Marks stay legible over Arabic with diacritics at every line height a person may choose: the
highlight of one line never reaches into the next (which would paint over its kasra and shadda),
and the chosen size and line height reach the article text."""
from __future__ import annotations

import unicodedata

import pytest

from annotator.models import User
from annotator.services.tx import transaction
from tests.browser.conftest import log_in
from tests.factories import add_span, assign, make_document

pytestmark = pytest.mark.browser
VOWELLED = unicodedata.normalize("NFC", "قالَ الرَّئِيسُ إِنَّ الاتِّفاقَ سَيَصْمُدُ رَغْمَ كُلِّ الضُّغُوطِ الَّتِي تُمارَسُ "
                                        "عَلَيْهِ مِنْ كُلِّ جانِبٍ، وَإِنَّ الحُكُومَةَ لَنْ تَتَراجَعَ عَنْ تَعَهُّداتِها. " * 3)
LINES = """() => {
  const rects = [...document.querySelectorAll('#p-1 mark.m.hl')].flatMap(m => [...m.getClientRects()]);
  const style = getComputedStyle(document.querySelector('#p-1 .ptext'));
  return {rects: rects.map(r => [r.top, r.bottom]), lineHeight: parseFloat(style.lineHeight),
          fontSize: parseFloat(style.fontSize)};
}"""


@pytest.mark.parametrize("size, line", [(None, None), (100, 15), (160, 30)])
def test_highlights_never_reach_the_next_line(page, live_server, live_session, live_seeded, size, line):
    document = make_document(live_session, live_seeded.project, [("title", "عنوان"), ("body", VOWELLED)], "ar")
    aset = assign(live_session, document, live_seeded.ann1)
    add_span(live_session, aset, 1, "claim", 0, len(VOWELLED) - 5)
    add_span(live_session, aset, 1, "evidence", 10, 200)  # nested: two tracks
    with transaction(live_session):
        user = live_session.get(User, live_seeded.ann1.id)
        user.reading_text_size, user.reading_line_height_tenths = size, line
    log_in(page, live_server, "ann1")
    page.goto(f"{live_server.url}/annotate/{aset.public_id}")
    page.wait_for_selector("#p-1 mark.m.hl")
    page.evaluate("document.fonts.ready")
    found = page.evaluate(LINES)
    if line is not None:
        assert found["lineHeight"] == pytest.approx(found["fontSize"] * line / 10, abs=0.5)
        assert found["fontSize"] == pytest.approx(1.1 * 16 * 1.22 * size / 100, abs=0.5)
    lines = sorted({(round(top), round(bottom)) for top, bottom in found["rects"]})
    assert len({top for top, _ in lines}) >= 3  # the mark runs over several lines
    for (top, bottom), (next_top, _) in zip(lines, lines[1:]):
        if next_top > top + found["lineHeight"] / 2:  # the next line, not another track of this one
            assert next_top >= bottom - 1, (lines, found["lineHeight"])
