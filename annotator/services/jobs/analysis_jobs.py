"""Gamma and automatic adjudication as jobs: long computations over a whole project, one per
project at a time, asked for from the command line (and wherever else a lead starts them)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import Job, Project, User
from .requests import request_job
from .running import Outcome, Progress
from .settings import JobSettings

COMPUTING_GAMMA = N_("computing gamma")
GAMMA_STORED = N_("stored for the dashboard")
ADJUDICATING = N_("accepting where everything agreed: {done} of {total} documents")


def request_gamma(session: Session, project: Project, *, owner: User | None = None,
                  samples: int = 30) -> tuple[Job, bool]:
    return request_job(session, kind="gamma", key=f"gamma:{project.id}", project=project, owner=owner,
                       params={"samples": samples})


def run_gamma(session: Session, job: Job, progress: Progress, settings: JobSettings) -> Outcome:
    from ..agreement.gamma import refresh_gamma

    project = session.get(Project, job.project_id)
    progress(0, 1, COMPUTING_GAMMA, force=True)
    result = refresh_gamma(session, project, samples=int(job.params.get("samples", 30)))
    progress(1, 1, GAMMA_STORED, force=True)
    return Outcome(result={"layers": sorted((result.get("layers") or {}).keys())})


def request_auto_adjudication(session: Session, project: Project, *, owner: User | None = None,
                              min_agree: int | None = None, documents: tuple[str, ...] = ()) -> tuple[Job, bool]:
    from ..gold.auto import check_request

    check_request(session, project, min_agree=min_agree, documents=documents)
    return request_job(session, kind="adjudicate", key=f"adjudicate:{project.id}", project=project, owner=owner,
                       params={"min_agree": min_agree, "documents": list(documents)})


def run_auto_adjudication(session: Session, job: Job, progress: Progress, settings: JobSettings) -> Outcome:
    from ..gold.auto import auto_adjudicate

    project = session.get(Project, job.project_id)
    owner = session.get(User, job.owner_id) if job.owner_id else None
    report = auto_adjudicate(session, project, min_agree=job.params.get("min_agree"),
                             documents=tuple(job.params.get("documents") or ()), user=owner,
                             progress=lambda done, total: progress(done, total, ADJUDICATING,
                                                                   force=done in (0, total)))
    return Outcome(result=report.to_dict())
