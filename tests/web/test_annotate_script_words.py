"""What the annotation page's scripts read from the page in an Arabic interface: the scheme's names
for a failed attribute write, and counted phrases as their forms by plural category."""
from __future__ import annotations

import html
import json
import re

import pytest

from tests.web.annotate_support import Annotator, arabic_set


@pytest.fixture
def ann1(client, auth, seeded):
    return Annotator(client, auth, "ann1")


def test_the_attribute_menu_carries_the_attribute_and_value_names_in_arabic(session, seeded, client, ann1):
    _d, aset = arabic_set(session, seeded)
    page = client.get(f"/annotate/{aset.public_id}?lang=ar").get_data(as_text=True)
    # annotate_tools.js names a failed write «نوع الدليل = إحصاء أو بيانات», not «evidence_type = statistic»
    assert 'data-attributes-for="evidence" data-name="نوع الدليل"' in page
    assert '<option value="statistic">إحصاء أو بيانات</option>' in page


def test_link_counts_come_as_arabic_plural_forms(session, seeded, client, ann1):
    _d, aset = arabic_set(session, seeded)
    page = client.get(f"/annotate/{aset.public_id}?lang=ar").get_data(as_text=True)
    words = json.loads(html.unescape(re.search(r"data-words='([^']*)'", page).group(1)))
    gone = words["js_links_gone"]
    assert set(gone) == {"zero", "one", "two", "few", "many", "other"}
    assert gone["two"] == "حُذف رابطان مع المقطع." and "{n}" in gone["few"] and "(s)" not in json.dumps(words)
    assert words["js_links_of_span"]["one"] == "سيُحذف معه رابط واحد إن حذفته"
