"""The disagreement-causes page's cause headings and the audit rows' title in an Arabic interface."""
from __future__ import annotations

import html
import re

from annotator.i18n import catalog
from tests.web.annotate_support import Annotator, arabic_set
from tests.web.test_service_messages_language import _choose


def test_the_causes_page_heads_its_columns_with_the_arabic_cause_names(client, auth, seeded):
    auth.login("lead")
    _choose(client, "ar")
    page = html.unescape(client.get(f"/projects/{seeded.project.public_id}/adjudication/causes").get_data(as_text=True))
    for english in ("boundary", "missed by some", "guideline unclear", "text ambiguous"):
        assert f"<th>{catalog('ar').gettext(english)}</th>" in page and f"<th>{english}</th>" not in page, english


def test_an_audit_rows_title_is_the_arabic_event_name_not_its_key(client, auth, session, seeded):
    Annotator(client, auth, "ann1").tag(arabic_set(session, seeded)[1], 1, "الاتفاق")
    auth.logout()
    auth.login("lead")
    _choose(client, "ar")
    page = html.unescape(client.get(f"/projects/{seeded.project.public_id}/audit").get_data(as_text=True))
    titles = re.findall(r'<td title="([^"]*)">', page)
    assert titles and not any(re.fullmatch(r"[a-z_]+\.[a-z_.]+", t) for t in titles), titles
    assert not any(re.search(r"[A-Za-z]", t) for t in titles), titles
