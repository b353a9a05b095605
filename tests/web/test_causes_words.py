"""The disagreement-causes page's cause headings in an Arabic interface."""
from __future__ import annotations

import html

from annotator.i18n import catalog
from tests.web.test_service_messages_language import _choose


def test_the_causes_page_heads_its_columns_with_the_arabic_cause_names(client, auth, seeded):
    auth.login("lead")
    _choose(client, "ar")
    page = html.unescape(client.get(f"/projects/{seeded.project.public_id}/adjudication/causes").get_data(as_text=True))
    for english in ("boundary", "missed by some", "guideline unclear", "text ambiguous"):
        assert f"<th>{catalog('ar').gettext(english)}</th>" in page and f"<th>{english}</th>" not in page, english

