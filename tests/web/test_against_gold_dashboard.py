"""Each annotator against gold on the agreement dashboard: a coloured table beside the pair
figures, once a document is adjudicated; nothing of it before."""
from __future__ import annotations

import re

from tests.export.test_gold_export import adjudicated  # noqa: F401 (the fixture)
from tests.gold_factories import gold_scenario


def test_the_dashboard_shows_each_annotator_against_gold(client, auth, seeded, adjudicated):  # noqa: F811
    auth.login("lead")
    body = client.get(f"/projects/{seeded.project.public_id}/agreement").get_data(as_text=True)
    assert "Each annotator against gold" in body and "style=" not in body.split("<body", 1)[1].split("against-gold", 1)[1][:4000]
    table = body[body.index('class="gold-heat"'):]
    table = table[:table.index("</table>")]
    assert re.findall(r'<th scope="row"><bdi>([^<]+)</bdi></th><td>(\d+)</td>', table) == [
        ("ann1", "1"), ("ann2", "1"), ("ann3", "1")]
    # Every figure on the one scale; ann2 matches gold on some of them (the claim, the frame).
    cells = re.findall(r'aria-label="(ann\d) against gold, ([^,]+), [^:]+: ([0-9.—-]+)"', table)
    assert cells and all(value == "—" or -1 <= float(value) <= 1 for _, _, value in cells)
    assert any(who == "ann2" and value == "1.00" for who, _, value in cells)


def test_no_gold_table_before_any_adjudication(client, auth, session, seeded):
    gold_scenario(session, seeded)
    auth.login("lead")
    body = client.get(f"/projects/{seeded.project.public_id}/agreement").get_data(as_text=True)
    assert "Pairs of annotators" in body and "Each annotator against gold" not in body
