"""The scheme version in force in each agreement week, in the report's database section."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from annotator.models import SchemeVersion
from annotator.services.agreement import reports as service
from annotator.services.agreement.weeks import scheme_versions_by_week, week_end_utc
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME
from tests.factories import agreement_scenario


def test_week_end_is_the_next_monday_in_the_project_time_zone():
    assert week_end_utc("2025-W19", "UTC") == datetime(2025, 5, 12)
    assert week_end_utc("2025-W19", "Africa/Casablanca") == datetime(2025, 5, 11, 23, 0)  # UTC+1


def test_each_week_shows_the_version_loaded_before_it_ended(session, seeded):
    first = session.scalar(select(SchemeVersion).where(SchemeVersion.project_id == seeded.project.id))
    first.created_at = datetime(2025, 5, 1)
    session.commit()
    assert scheme_versions_by_week(session, seeded.project, ["2025-W17", "2025-W19"]) == {"2025-W17": None,
                                                                                          "2025-W19": first.version}
    projects.load_scheme(session, seeded.project, DEFAULT_SCHEME.replace("Major claim", "Main claim", 1))
    assert scheme_versions_by_week(session, seeded.project, ["2025-W19"]) == {"2025-W19": first.version}
    agreement_scenario(session, seeded)
    database = service.compute(session, seeded.project, bootstrap=0)["database"]
    assert set(database["scheme_versions_by_week"]) == {"2025-W19", "2025-W20"}
