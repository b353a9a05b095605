"""The recommenders as if they were an annotator: what the models fitted without the held-out
documents suggested on them (TrainedRecommenders.held_out), compared by the agreement engine with
each person who coded those documents and with gold (span F1 for the phrases, alpha for stance
and frames). Computed by the training job, stored beside the models, read by the dashboard.
Techniques per paragraph are no annotation of their own (a hint), so they have no figure here.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.agreement import FrameRecord, SpanRecord, StanceRecord
from ...domain.recommenders import TrainedRecommenders
from ...models import Actor, Document, Project
from ..agreement.data import _actor_names, build_dataset
from ..agreement.pairs import two_raters
from ..gold.against_gold import GOLD, _gold_records

MODEL = "recommenders"


def _model_records(session: Session, project: Project, trained: TrainedRecommenders, names: dict[str, str]):
    external = dict(session.execute(select(Document.public_id, Document.external_id).where(
        Document.project_id == project.id, Document.public_id.in_(list(trained.held_out)))).all())
    actors = dict(session.execute(select(Actor.public_id, Actor.id).where(Actor.project_id == project.id)).all())
    spans, stances, frames = [], [], []
    for public_id, got in trained.held_out.items():
        document = external.get(public_id)
        if document is None:
            continue
        spans += [SpanRecord(f"{MODEL}:{document}:{n}", MODEL, document, s.paragraph, s.layer, s.label, s.start, s.end)
                  for n, s in enumerate(got.spans)]
        if got.frames:
            frames.append(FrameRecord(MODEL, document, frozenset(f.label for f in got.frames),
                                      next((f.label for f in got.frames if f.primary), None)))
        stances += [StanceRecord(MODEL, document, names[actors[s.actor]], None, s.value, None)
                    for s in got.stances if actors.get(s.actor) in names]
    return set(external.values()), spans, stances, frames


def model_agreement(session: Session, project: Project, trained: TrainedRecommenders) -> dict:
    """{"documents": held-out documents, "against": {annotator or "gold": two_raters(...)}}."""
    if not trained.held_out:
        return {}
    dataset, _overview = build_dataset(session, project)
    held, spans, stances, frames = _model_records(session, project, trained, _actor_names(session, project))
    against = {}
    for annotator in sorted({a for d, names in dataset.done_sets.items() if d in held for a in names}):
        docs = {d for d, names in dataset.done_sets.items() if d in held and annotator in names}
        mine = lambda records: [r for r in records if r.annotator == annotator]  # noqa: E731
        against[annotator] = two_raters(dataset, docs, (MODEL, annotator), (
            spans + mine(dataset.spans), [], stances + mine(dataset.stances), frames + mine(dataset.frames)))
    gold_docs, gold_spans, _links, gold_stances, gold_frames = _gold_records(session, project,
                                                                             held & set(dataset.done_sets))
    if gold_docs:
        against[GOLD] = two_raters(dataset, set(gold_docs), (MODEL, GOLD),
                                   (spans + gold_spans, [], stances + gold_stances, frames + gold_frames))
    return {"documents": len(held), "against": against}
