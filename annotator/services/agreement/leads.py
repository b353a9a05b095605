"""Who is left out of agreement by default: the project's leads and the administrators.

Apart from data.py so that checking whether the cached report is current (reports.fingerprint)
does not load the agreement engine, and numpy with it."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Membership, Project, User

LEAD_PROJECT_ROLES = ("lead", "admin")


def lead_user_ids(session: Session, project: Project) -> set[int]:
    leads = session.scalars(select(Membership.user_id).where(
        Membership.project_id == project.id, Membership.role.in_(LEAD_PROJECT_ROLES)))
    admins = session.scalars(select(User.id).where(User.is_admin))
    return set(leads) | set(admins)
