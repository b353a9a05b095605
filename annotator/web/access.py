"""Who may see what: the server-side role checks every blueprint uses.

A project the user is not a member of answers 404, like a record of another annotator: ids
reveal nothing.
"""
from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from ..db import get_session
from ..errors import Forbidden, NotFound, Phrase
from ..models import Project, User
from ..services.team.projects import role_in

LEAD_ROLES = ("admin", "lead")
ALL_ROLES = ("admin", "lead", "annotator", "adjudicator")


def me() -> User:
    return current_user.user


def my_id_card():
    """The logged-in user's id and admin flag without loading the user (web.auth.SessionUser):
    what the frequent writes pass to services, which need only ``.id``."""
    return current_user._get_current_object()


def project_with_role(project_public_id: str, roles: tuple[str, ...] = ALL_ROLES) -> tuple[Project, str]:
    session = get_session()
    project = session.scalar(select(Project).where(Project.public_id == project_public_id))
    if project is None:
        raise NotFound("no such project", "project")
    role = role_in(session, me(), project)
    if role is None:
        raise NotFound("no such project", "project")
    if role not in roles:
        raise Forbidden(Phrase("this needs the role {roles} in the project; you are {role}", " or ", roles=list(roles),
                               role=role), "role")
    return project, role


def is_lead(role: str | None) -> bool:
    return role in LEAD_ROLES
