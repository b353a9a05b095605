"""The side-by-side page's link rows name each end's label as the scheme does in the reader's
language; English keeps the key, as before."""
from __future__ import annotations

import html
import re

import pytest

from tests.gold_factories import gold_scenario
from tests.web.test_service_messages_language import _choose


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


def _link_rows(client, seeded, scenario, language: str) -> list[str]:
    _choose(client, language)
    side = html.unescape(client.get(f"/projects/{seeded.project.public_id}/agreement/documents/"
                                    f"{scenario.document.public_id}").get_data(as_text=True))
    return re.findall(r'<li dir="auto">([^<]*<strong>[^<]*</strong>[^<]*«[^<]*)</li>', side)


@pytest.mark.parametrize("language, evidence, claim", [("ar", "دليل «", "ادعاء «"), ("fr", "Preuve «", "Affirmation «"),
                                                       ("en", "evidence «", "claim «")])
def test_link_rows_name_the_labels_in_the_readers_language(client, auth, scenario, seeded, language, evidence, claim):
    auth.login("lead")
    rows = _link_rows(client, seeded, scenario, language)
    assert rows and all(row.startswith(evidence) and claim in row for row in rows), rows
    if language != "en":
        assert not any("evidence «" in row or "claim «" in row for row in rows), rows
