"""The names a project's scheme gives its labels, for what the history panel and the audit page
say about a change ("tagged «…» as ادعاء" in Arabic where the event stored the key ``claim``)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ...domain.history import label_names
from ...models import Project
from ..team.projects import current_scheme


def project_label_names(session: Session, project_id: int | None) -> dict[str, dict]:
    project = session.get(Project, project_id) if project_id is not None else None
    if project is None or project.current_scheme_id is None:
        return {}
    return label_names(current_scheme(session, project))
