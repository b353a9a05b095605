"""The adjudication page and the side-by-side comparison title a stance (its actor, where, whose)
and say a unit's state, its buttons and the disagreement causes in the reader's language; the
English words stay as they were."""
from __future__ import annotations

import html

import pytest

from annotator.i18n import catalog
from tests.gold_factories import gold_scenario
from tests.web.test_service_messages_language import _choose


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


def ar(msgid: str, **values) -> str:
    return catalog("ar").gettext(msgid).format(**values)


def test_the_adjudicator_reads_the_stance_title_states_and_buttons_in_arabic(client, auth, scenario):
    auth.login("judge")
    _choose(client, "ar")
    page = html.unescape(client.get(f"/adjudicate/{scenario.document.public_id}").get_data(as_text=True))
    assert ar("{actor} (whole document)", actor="Mali") in page and "(whole document)" not in page
    for msgid in ("open", "Pick this version", "Reject", "Cause", "missed by some", "guideline unclear"):
        assert ar(msgid) in page and ar(msgid) != msgid, msgid
    for english in ("Pick this version", "Edit boundaries", "missed by some", ">Cause "):
        assert english not in page, english
    _choose(client, "en")
    assert "Mali (whole document)" in client.get(f"/adjudicate/{scenario.document.public_id}").get_data(as_text=True)


def test_the_lead_reads_the_stances_side_by_side_in_arabic(client, auth, scenario, seeded):
    auth.login("lead")
    _choose(client, "ar")
    side = html.unescape(client.get(f"/projects/{seeded.project.public_id}/agreement/documents/"
                                    f"{scenario.document.public_id}").get_data(as_text=True))
    assert f"{ar('{actor} (whole document)', actor='Mali')}: <strong>{ar('against')}</strong>" in side
    assert f"<strong>{ar('favor')}</strong>" in side and "<strong>against</strong>" not in side

    for english in ("<strong>supports</strong>", ">exact<", ">partial<", ">unmatched<", 'title="exact with'):
        assert english not in side, english
    assert f'title="{ar("exact with {other}", other="ann2")}' in side or ar("exact") in side


def test_the_adjudication_queue_names_states_and_layers_in_arabic(client, auth, scenario, seeded):
    auth.login("lead")
    _choose(client, "ar")
    page = html.unescape(client.get(f"/projects/{seeded.project.public_id}/adjudication").get_data(as_text=True))
    assert f"{ar('ready')}: 1" in page and "ready: 1" not in page
    assert f"{ar('stances')} {ar('at least')}" in page and ">stances " not in page
