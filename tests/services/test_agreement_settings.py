"""The project's agreement options and the minimum number of documents behind an interval."""
from __future__ import annotations

import pytest

from annotator.errors import Invalid
from annotator.services.agreement import reports as service
from annotator.services.agreement.settings import agreement_settings, set_agreement_settings
from tests.factories import agreement_scenario


def test_defaults_and_change(session, seeded):
    assert agreement_settings(seeded.project) == {"bootstrap": 1000, "min_documents": 5}
    assert set_agreement_settings(session, seeded.project, min_documents=2) == {"bootstrap": 1000,
                                                                                "min_documents": 2}
    session.expire_all()
    assert agreement_settings(seeded.project)["min_documents"] == 2


@pytest.mark.parametrize("changes, field", [({"min_documents": 0}, "min_documents"),
                                            ({"min_documents": True}, "min_documents"),
                                            ({"min_documents": 2, "bootstrap": -1}, "bootstrap")])
def test_bad_settings_are_refused_and_change_nothing(session, seeded, changes, field):
    with pytest.raises(Invalid) as caught:
        set_agreement_settings(session, seeded.project, **changes)
    assert caught.value.field == field
    session.expire_all()
    assert agreement_settings(seeded.project) == {"bootstrap": 1000, "min_documents": 5}


def test_no_interval_below_the_minimum_and_the_cell_says_why(session, seeded):
    agreement_scenario(session, seeded)  # two comparable documents
    report = service.compute(session, seeded.project, bootstrap=50)["report"]
    claim = report["variables"]["spans/argument/claim"]["measures"]["unitizing_alpha"]
    assert claim["value"] is not None and claim["ci"] is None
    assert "fewer than the project's minimum of 5" in claim["details"]["interval_reason"]
    assert report["parameters"]["min_documents"] == 5
    set_agreement_settings(session, seeded.project, min_documents=2)
    again = service.compute(session, seeded.project, bootstrap=50)["report"]
    claim = again["variables"]["spans/argument/claim"]["measures"]["unitizing_alpha"]
    assert claim["ci"] is not None and claim["details"]["bootstrap_replicates"] == 50
    assert 0 < claim["details"]["bootstrap_replicates_defined"] <= 50
    assert 0.0 <= claim["details"]["p_below_0.667"] <= claim["details"]["p_below_0.800"] <= 1.0


def test_changing_the_minimum_makes_the_cache_stale(session, seeded):
    agreement_scenario(session, seeded)
    before = service.fingerprint(session, seeded.project)
    set_agreement_settings(session, seeded.project, min_documents=3)
    assert service.fingerprint(session, seeded.project) != before
