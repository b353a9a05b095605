"""A lead reads the agreement dashboard and opens the document with the lowest agreement."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.factories import agreement_scenario

pytestmark = pytest.mark.browser


@pytest.fixture
def page(english_page):
    """The cells' names are read in English (the heatmap's labels are translated)."""
    return english_page


def test_lead_goes_from_the_heatmap_to_the_side_by_side_view(page, live_server, live_session, live_seeded):
    agreement_scenario(live_session, live_seeded)
    log_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/projects/{live_seeded.project.public_id}/agreement")
    heatmap = page.locator("svg.heatmap")
    heatmap.wait_for()
    assert heatmap.locator("g.heat-cell").count() == 4  # two annotators: a 2 x 2 matrix
    assert heatmap.locator("g[aria-label^='ann1 and ann2']").count() == 1
    assert page.locator("svg.interval-chart").first.is_visible()

    lowest = page.locator("ol.lowest a").first
    name = lowest.inner_text()
    lowest.click()
    page.wait_for_url("**/agreement/documents/**")
    assert page.locator("h1", has_text=name).is_visible()
    columns = page.locator("table.compare thead th")
    assert [columns.nth(i).inner_text().split(" ")[0] for i in range(1, columns.count())] == ["ann1", "ann2"]
    assert page.locator("table.compare td[dir=rtl]").count() >= 3
    assert page.locator("mark.cmp").count() >= 1
