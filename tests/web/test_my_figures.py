"""An annotator's own figures against gold on "My documents": shown once the lead releases
feedback, never while it is off, and never another annotator's."""
from __future__ import annotations

import re

import pytest

from annotator.models import Project
from annotator.services.gold import lifecycle
from annotator.services.gold.against_gold import against_gold
from tests.gold_factories import gold_scenario
from tests.web.test_adjudication_pages import _adjudicate

HEADING = "Your figures against the final version"


@pytest.fixture
def scenario(session, seeded):
    project = session.get(Project, seeded.project.id)
    lifecycle.change_settings(session, seeded.lead, project, min_agree={"spans": 2, "stances": 2})
    return gold_scenario(session, seeded)


def _figures_section(body: str) -> str:
    found = re.search(r'<section class="my-figures">.*?</section>', body, re.S)
    return found.group(0) if found else ""


def _rows(section: str) -> dict[str, tuple[str, str]]:
    return {key: (measure, value) for key, measure, value in
            re.findall(r"<tr><th>([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td></tr>", section)}


def _switch(session, seeded, feedback: bool) -> None:
    lifecycle.change_settings(session, seeded.lead, session.get(Project, seeded.project.id), feedback=feedback)


def test_no_figures_while_feedback_is_off(client, auth, scenario, seeded, session):
    _adjudicate(client, auth, scenario)
    auth.login("ann1")
    body = client.get("/annotate/").get_data(as_text=True)
    assert HEADING not in body and _figures_section(body) == ""
    _switch(session, seeded, True)
    assert HEADING in client.get("/annotate/").get_data(as_text=True)
    _switch(session, seeded, False)  # the lead takes it back: the figures go with it
    body = client.get(f"/annotate/?project={seeded.project.public_id}").get_data(as_text=True)
    assert HEADING not in body and "adj-causes" not in body


def _feedback_rows(client, auth, scenario, who: str) -> dict:
    auth.login(who)
    return _rows(client.get(f"/annotate/{scenario.sets[who].public_id}/feedback").get_data(as_text=True))


def test_own_figures_once_released_never_another_annotators(client, auth, scenario, seeded, session):
    _switch(session, seeded, True)
    auth.login("ann1")
    assert HEADING not in client.get("/annotate/").get_data(as_text=True)  # released, but not adjudicated yet
    _adjudicate(client, auth, scenario)
    figures = against_gold(session, session.get(Project, seeded.project.id))
    theirs = _feedback_rows(client, auth, scenario, "ann3")  # as ann3 reads them on their own feedback page
    mine = _feedback_rows(client, auth, scenario, "ann1")
    assert mine != theirs, "the scenario's annotators must differ for this test to mean anything"
    section = _figures_section(client.get("/annotate/").get_data(as_text=True))
    assert HEADING in section and seeded.project.name in section and "adjudicated documents: 1" in section
    shown = _rows(section)
    assert shown == mine and sorted(shown) == sorted(figures["ann1"]["variables"])
    assert "ann2" not in section and "ann3" not in section
    french = _figures_section(client.get("/annotate/", headers={"Accept-Language": "fr"}).get_data(as_text=True))
    assert "Vos chiffres face à la version finale" in french and "documents arbitrés : 1" in french
