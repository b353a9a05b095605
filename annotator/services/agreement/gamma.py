"""Gamma (annotator.domain.agreement.gamma) computed outside any request and cached.

The jobs queue enqueues ``gamma_job(session_factory, project_id)``; ``refresh_gamma`` does the
work in the caller's session (the CLI's `annotator agreement-gamma`).  The result is stored in
AgreementCache under the key "gamma" with the report's fingerprint, and the dashboard shows it
beside the span figures while that fingerprint is current (and marks it out of date otherwise).
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ...domain.agreement.gamma import SAMPLES, gamma_by_layer
from ...models import AgreementCache, Project, utcnow
from ..tx import transaction
from .data import build_dataset
from .reports import _plain, fingerprint

GAMMA_KEY = "gamma"


def refresh_gamma(session: Session, project: Project, *, samples: int = SAMPLES, seed: int = 0) -> dict:
    """Compute gamma for every span layer of the project now and store it."""
    print_ = fingerprint(session, project)
    dataset, _ = build_dataset(session, project)
    result = _plain({"layers": gamma_by_layer(dataset, samples=samples, seed=seed)})
    with transaction(session):
        row = session.scalar(select(AgreementCache).where(AgreementCache.project_id == project.id,
                                                          AgreementCache.key == GAMMA_KEY))
        if row is None:
            session.add(AgreementCache(project_id=project.id, key=GAMMA_KEY, fingerprint=print_, result=result,
                                       computed_at=utcnow()))
        else:
            row.fingerprint, row.result, row.computed_at = print_, result, utcnow()
    return result


def gamma_job(session_factory: sessionmaker, project_id: int) -> None:
    """The unit of background work: one project's gamma, in a session of its own."""
    session = session_factory()
    try:
        project = session.get(Project, project_id)
        if project is not None:
            refresh_gamma(session, project)
    finally:
        session.close()


def gamma_state(session: Session, project: Project) -> dict | None:
    """The stored gamma with when it was computed and whether the data changed since."""
    row = session.scalar(select(AgreementCache).where(AgreementCache.project_id == project.id,
                                                      AgreementCache.key == GAMMA_KEY))
    if row is None:
        return None
    return {**row.result, "computed_at": row.computed_at, "fresh": row.fingerprint == fingerprint(session, project)}
