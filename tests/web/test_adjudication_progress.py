"""The progress page: documents by adjudication state, and a bar per adjudicator."""
from __future__ import annotations

import re

from tests.export.test_gold_export import adjudicated  # noqa: F401 (the fixture)
from tests.gold_factories import gold_scenario


def test_progress_shows_adjudication_states_and_bars_per_adjudicator(client, auth, seeded, adjudicated):  # noqa: F811
    auth.login("lead")
    body = client.get(f"/projects/{seeded.project.public_id}/team/progress").get_data(as_text=True)
    card = body[body.index('id="gold-progress-title"'):]
    card = card[:card.index("</section>")]
    assert re.search(r"adjudicated <strong>1</strong>", card)
    row = re.search(r'<th scope="row"><bdi>judge</bdi></th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>', card)
    assert row and int(row.group(1)) >= 5 and row.group(2) == "0" and row.group(3) == "1"
    assert 'aria-label="judge: 1 adjudicated, 0 in adjudication"' in card and 'class="bar-adjudicated"' in card
    assert "style=" not in card


def test_no_adjudication_card_while_nothing_is_ready(client, auth, session, seeded):
    gold_scenario(session, seeded, done=False)
    auth.login("lead")
    body = client.get(f"/projects/{seeded.project.public_id}/team/progress").get_data(as_text=True)
    assert 'id="gold-progress-title"' not in body


def test_the_demo_adjudicator_reaches_the_queue(runner, client, auth, session):
    assert runner.invoke(args=["demo"]).exit_code == 0
    from sqlalchemy import select

    from annotator.models import Project

    project = session.scalar(select(Project).where(Project.name == "Demo"))
    auth.login("omar", "omar-demo-2026")
    queue = client.get(f"/projects/{project.public_id}/adjudication")
    assert queue.status_code == 200
    assert queue.get_data(as_text=True).count('<tr class="state-ready">') == 2  # the two annotated Arabic articles
