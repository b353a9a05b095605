"""Sets made with suggestions against sets made without: the question of anchoring bias.

A set was made with suggestions when its annotator was shown at least one (the panel notes it
once, an event "suggestions.shown") or decided one. Agreement is measured apart among the sets
made with suggestions and among those made without (each on the documents where two or more such
sets are done; a document coded both ways counts in neither pair across the two). Beside it, the
median time from opening a set to marking it done. If agreement is much higher with suggestions
while the time drops, annotators may be following the recommenders rather than the text.

The dashboard reads it through ``cached_with_and_without``: kept in AgreementCache under a
fingerprint read from the database (the agreement report's, plus the suggestions shown and
decided and the sets' start and done times), so any write that could change it makes the next
read compute it again, and no write has to remember to clear it.
"""
from __future__ import annotations

import hashlib
from statistics import median

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...models import AgreementCache, AnnotationSet, Document, Event, Project, SuggestionDecision, User, utcnow
from ..agreement.data import build_dataset
from ..agreement.pairs import applicable_figures, only_sets
from ..agreement.reports import _plain, fingerprint
from ..events import record_event
from ..tx import transaction

SHOWN = "suggestions.shown"


def note_shown(session: Session, aset: AnnotationSet, user: User) -> None:
    """Once per set: the first time its annotator is shown suggestions."""
    seen = session.scalar(select(Event.id).where(Event.action == SHOWN, Event.entity_id == aset.public_id).limit(1))
    if seen is None:
        project_id = session.scalar(select(Document.project_id).where(Document.id == aset.document_id))
        with transaction(session):
            # No set_id: this is no change to the set, nothing undo could take back.
            record_event(session, action=SHOWN, entity="set", entity_id=aset.public_id, project_id=project_id,
                         user_id=user.id)


def sets_with_suggestions(session: Session, project: Project) -> set[int]:
    shown = select(Event.entity_id).where(Event.project_id == project.id, Event.action == SHOWN)
    decided = select(SuggestionDecision.set_id).join(AnnotationSet, AnnotationSet.id == SuggestionDecision.set_id) \
        .join(Document, Document.id == AnnotationSet.document_id).where(Document.project_id == project.id)
    return set(session.scalars(select(AnnotationSet.id).where(AnnotationSet.public_id.in_(shown)))) | \
        set(session.scalars(decided))


def _minutes(session: Session, set_ids: list[int]) -> float | None:
    times = [(done - started).total_seconds() / 60 for started, done in session.execute(
        select(AnnotationSet.started_at, AnnotationSet.done_at).where(AnnotationSet.id.in_(set_ids))).all()
        if started is not None and done is not None and done >= started]
    return round(median(times), 1) if times else None


def with_and_without(session: Session, project: Project, *, include_leads: bool = False) -> dict | None:
    """{"with": group, "without": group}, a group being {"sets", "documents", "minutes",
    "variables"}; None while no counted set was made with suggestions."""
    shown = sets_with_suggestions(session, project)
    dataset, overview = build_dataset(session, project, include_leads=include_leads)
    made_with = {(s.external_id, s.username) for s in overview.counted if s.id in shown}
    if not made_with:
        return None
    out = {}
    for name, wanted in (("with", True), ("without", False)):
        ids = [s.id for s in overview.counted if (s.id in shown) == wanted]
        part = only_sets(dataset, lambda d, a, wanted=wanted: ((d, a) in made_with) == wanted)
        figures = applicable_figures(part) if part.done_sets else {"documents": 0, "variables": {}}
        out[name] = {"sets": len(ids), "minutes": _minutes(session, ids), **figures}
    return out


def anchoring_fingerprint(session: Session, project: Project, include_leads: bool = False) -> str:
    digest = hashlib.sha256(fingerprint(session, project, include_leads).encode())
    in_project = Document.project_id == project.id
    for rows in (
        session.execute(select(func.count(Event.id), func.max(Event.id))
                        .where(Event.project_id == project.id, Event.action == SHOWN)),
        session.execute(select(func.count(SuggestionDecision.id), func.max(SuggestionDecision.id))
                        .join(AnnotationSet, AnnotationSet.id == SuggestionDecision.set_id)
                        .join(Document, Document.id == AnnotationSet.document_id).where(in_project)),
        session.execute(select(AnnotationSet.id, AnnotationSet.started_at, AnnotationSet.done_at)
                        .join(Document, Document.id == AnnotationSet.document_id)
                        .where(in_project, AnnotationSet.owner_kind == "user").order_by(AnnotationSet.id)),
    ):
        for row in rows:
            digest.update(repr(tuple(row)).encode())
        digest.update(b"|")
    return digest.hexdigest()


def cached_with_and_without(session: Session, project: Project, *, include_leads: bool = False) -> dict | None:
    """``with_and_without``, from the cache while nothing it reads has changed."""
    key = "anchoring" + (":leads" if include_leads else "")
    current = anchoring_fingerprint(session, project, include_leads)
    row = session.scalar(select(AgreementCache).where(AgreementCache.project_id == project.id,
                                                      AgreementCache.key == key))
    if row is not None and row.fingerprint == current:
        return row.result["value"]
    value = _plain(with_and_without(session, project, include_leads=include_leads))
    try:
        with transaction(session):
            if row is None:
                session.add(AgreementCache(project_id=project.id, key=key, fingerprint=current,
                                           result={"value": value}, computed_at=utcnow()))
            else:
                row.fingerprint, row.result, row.computed_at = current, {"value": value}, utcnow()
    except IntegrityError:  # another request stored it first: theirs is as good
        session.rollback()
    return value
