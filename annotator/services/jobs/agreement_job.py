"""Agreement recomputation as a job: one per project and option at a time, wherever it is asked."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Job, Project, User, utcnow
from .requests import request_job
from .running import Outcome, Progress, by_phase
from .settings import JobSettings


def agreement_key(project_id: int, cache_key: str) -> str:
    return f"agreement:{project_id}:{cache_key}"


# A failed computation is shown, not retried at every poll of the dashboard, for this long.
FAILURE_SHOWN = timedelta(minutes=1)


def request_agreement(session: Session, project: Project, *, include_leads: bool = False,
                      owner: User | None = None) -> tuple[Job, bool]:
    from ..agreement.reports import cache_key

    params = {"include_leads": include_leads}
    failed = session.scalar(select(Job).where(
        Job.project_id == project.id, Job.kind == "agreement", Job.state == "failed",
        Job.finished_at > utcnow() - FAILURE_SHOWN).order_by(Job.finished_at.desc()).limit(1))
    if failed is not None and failed.params == params:
        return failed, False
    return request_job(session, kind="agreement", key=agreement_key(project.id, cache_key(include_leads)),
                       project=project, owner=owner, params=params)


def run_agreement(session: Session, job: Job, progress: Progress, settings: JobSettings) -> Outcome:
    from ..agreement.reports import refresh

    project = session.get(Project, job.project_id)
    result, computed_at = refresh(session, project, include_leads=job.params.get("include_leads", False),
                                  progress=by_phase(progress))
    return Outcome(result={"computed_at": computed_at.isoformat(),
                           "sets_counted": result["database"]["sets_counted"]})
