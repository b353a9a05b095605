"""Agreement recomputation as a job: one per project and option at a time, wherever it is asked."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ...models import Job, Project, User
from .requests import request_job
from .running import Outcome, Progress
from .settings import JobSettings


def agreement_key(project_id: int, cache_key: str) -> str:
    return f"agreement:{project_id}:{cache_key}"


def request_agreement(session: Session, project: Project, *, include_leads: bool = False,
                      owner: User | None = None) -> tuple[Job, bool]:
    from ..agreement.reports import cache_key

    return request_job(session, kind="agreement", key=agreement_key(project.id, cache_key(include_leads)),
                       project=project, owner=owner, params={"include_leads": include_leads})


def run_agreement(session: Session, job: Job, progress: Progress, settings: JobSettings) -> Outcome:
    from ..agreement.reports import refresh

    project = session.get(Project, job.project_id)
    result, computed_at = refresh(session, project, include_leads=job.params.get("include_leads", False),
                                  progress=lambda step, total, note: progress(step, total, note, force=True))
    return Outcome(result={"computed_at": computed_at.isoformat(),
                           "sets_counted": result["database"]["sets_counted"]})
