"""Active ordering: an annotator's not-started documents, most uncertain first.

The models run only in the training job (``score_open_documents``, called by
training.train_project): it scores every document of the project with no done set yet and
stores the scores beside the models. A queue then sorts by what is stored, so no request ever
runs a model. A document imported after the last training has no score: it comes after the
scored ones, in its usual place, until the next training scores it.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.recommenders import TrainedRecommenders
from ...models import AnnotationSet, Document, Project, RecommenderModel
from .done_sets import document_paragraphs, mentions_by_actor
from .settings import suggestion_settings

BATCH = 500  # documents read at a time: memory stays flat on a large project


def score_open_documents(session: Session, project: Project, trained: TrainedRecommenders) -> dict[str, float]:
    done = (select(AnnotationSet.document_id).where(AnnotationSet.status == "done",
                                                   AnnotationSet.owner_kind.in_(("user", "gold"))))
    open_documents = session.execute(select(Document.id, Document.public_id).where(
        Document.project_id == project.id, Document.id.not_in(done)).order_by(Document.id)).all()
    scores: dict[str, float] = {}
    for at in range(0, len(open_documents), BATCH):
        batch = open_documents[at:at + BATCH]
        ids = [d.id for d in batch]
        paragraphs, mentions = document_paragraphs(session, ids), mentions_by_actor(session, ids)
        for d in batch:
            texts = [p.text for p in paragraphs[d.id]]
            mentioned = {a: tuple(sorted(ps)) for a, ps in mentions[d.id].items()}
            scores[d.public_id] = round(trained.uncertainty(texts, mentioned), 4)
    return scores


def uncertainty_by_project(session: Session, project_ids: Iterable[int]) -> dict[int, dict[str, float]]:
    """The stored scores of the projects among ``project_ids`` whose lead switched active ordering on."""
    ids = set(project_ids)
    if not ids:
        return {}
    wanted = [p.id for p in session.scalars(select(Project).where(Project.id.in_(ids)))
              if suggestion_settings(p)["active_ordering"]]
    if not wanted:
        return {}
    return {project_id: scores or {} for project_id, scores in session.execute(
        select(RecommenderModel.project_id, RecommenderModel.uncertainty)
        .where(RecommenderModel.project_id.in_(wanted)))}
