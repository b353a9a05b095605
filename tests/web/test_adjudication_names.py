"""The adjudication page names a link's ends and a frame unit by the scheme's names in the reader's
language, not by their keys."""
from __future__ import annotations

import html
import re

import pytest

from tests.gold_factories import gold_scenario
from tests.web.test_service_messages_language import _choose


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


def test_link_titles_and_frame_labels_are_the_schemes_arabic_names(client, auth, scenario):
    auth.login("judge")
    _choose(client, "ar")
    page = html.unescape(client.get(f"/adjudicate/{scenario.document.public_id}").get_data(as_text=True))
    links = page[page.index('id="adj-links"'):page.index("</section>", page.index('id="adj-links"'))]
    titles = re.findall(r'<bdi class="adj-title">([^<]*)</bdi>', links)
    assert titles and all("دليل: " in t and "ادعاء: " in t and "→" in t for t in titles), titles
    assert "claim:" not in links and "evidence:" not in links
    frames = page[page.index('id="adj-frames"'):page.index("</section>", page.index('id="adj-frames"'))]
    assert '<span class="adj-label">اقتصادي</span>' in frames and ">economic<" not in frames
