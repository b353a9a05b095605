"""Training as a job: one run per project at a time (requests collapse onto the active job).

``maybe_retrain`` is called when a set is marked done: it asks for a run once there are
RETRAIN_EVERY more done documents than the last training counted.
"""
from __future__ import annotations

import logging
import pickle

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.recommenders import TooFewDoneSets, needs_retraining, train
from ...errors import Conflict, Phrase, Plural
from ...i18n import N_
from ...i18n import stored as kept_parts
from ...models import Job, Project, RecommenderModel, User, utcnow
from ..jobs.requests import request_job
from ..jobs.running import Outcome, Progress
from ..jobs.settings import JobSettings
from ..team.projects import current_scheme
from ..tx import transaction
from .done_sets import config_of, done_set_count, load_done_sets
from .model_agreement import model_agreement
from .ordering import score_open_documents

log = logging.getLogger(__name__)


def training_key(project_id: int) -> str:
    return f"recommenders:{project_id}"


def request_training(session: Session, project: Project, owner: User | None = None) -> tuple[Job, bool]:
    return request_job(session, kind="recommenders", key=training_key(project.id), project=project, owner=owner,
                       params={}, max_attempts=1)


def stored_model(session: Session, project: Project) -> RecommenderModel | None:
    return session.scalar(select(RecommenderModel).where(RecommenderModel.project_id == project.id))


def maybe_retrain(session: Session, project: Project) -> Job | None:
    stored = stored_model(session, project)
    if not needs_retraining(done_set_count(session, project), stored.trained_on if stored else None):
        return None
    try:
        return request_training(session, project)[0]
    except Exception:  # the queue being away must never refuse marking a set done
        log.exception("recommender training for project %s could not be asked for", project.public_id)
        return None


def train_project(session: Session, project: Project, progress=None) -> RecommenderModel:
    """Train on the project's done sets and store the models with their figures (TooFewDoneSets if short)."""
    sets = load_done_sets(session, project)
    if progress:
        progress(1, 3, kept_parts(Plural("{count} done set read", "{count} done sets read", len(sets)), english=False))
    trained = train(sets, config_of(current_scheme(session, project)))
    if progress:
        progress(2, 3, N_("trained; scoring the open documents"))
    figures = {name: f.to_dict() for name, f in trained.figures.items()}
    uncertainty = score_open_documents(session, project, trained)
    agreement = model_agreement(session, project, trained)
    documents = len({s.document for s in sets})
    with transaction(session):
        row = stored_model(session, project) or RecommenderModel(project_id=project.id)
        row.model, row.figures, row.trained_on, row.trained_at = pickle.dumps(trained), figures, documents, utcnow()
        row.uncertainty, row.agreement = uncertainty, agreement
        session.add(row)
    return row


def run_training(session: Session, job: Job, progress: Progress, settings: JobSettings) -> Outcome:
    project = session.get(Project, job.project_id)
    try:
        row = train_project(session, project, lambda d, t, n: progress(d, t, n, force=True))
    except TooFewDoneSets as exc:
        raise Conflict(Phrase("too few done sets: {have} of {need}; need {more} more", have=exc.have, need=exc.need,
                              more=exc.need - exc.have), "done_sets") from exc
    return Outcome(result={"trained_on": row.trained_on, "figures": row.figures})
