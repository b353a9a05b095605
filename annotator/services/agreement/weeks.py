"""The guideline (scheme) version in force in each agreement week, shown beside the week's figure."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Project, SchemeVersion


def week_end_utc(week: str, time_zone: str) -> datetime:
    """The end of an ISO week ("2026-W07") in the project's time zone, as naive UTC like the stored times."""
    year, number = week.split("-W")
    monday = datetime.fromisocalendar(int(year), int(number), 1).replace(tzinfo=ZoneInfo(time_zone))
    return (monday + timedelta(days=7)).astimezone(timezone.utc).replace(tzinfo=None)


def scheme_versions_by_week(session: Session, project: Project, weeks: Iterable[str]) -> dict[str, int | None]:
    """Week -> the newest scheme version loaded before the week ended (None: none yet)."""
    loaded = session.execute(select(SchemeVersion.version, SchemeVersion.created_at)
                             .where(SchemeVersion.project_id == project.id)
                             .order_by(SchemeVersion.created_at)).all()
    out = {}
    for week in sorted(set(weeks)):
        end = week_end_utc(week, project.time_zone)
        in_force = [version for version, created in loaded if created < end]
        out[week] = in_force[-1] if in_force else None
    return out
