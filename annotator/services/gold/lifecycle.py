"""A document's adjudication from start to end: accept everything agreed, mark adjudicated, reopen;
and the project's adjudication settings."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.adjudication import LAYER_KINDS
from ...errors import Conflict, Invalid, Phrase, Plural
from ...models import Paragraph, Project, Span, User, utcnow
from ..annotation.sets import note_change
from ..events import record_event
from ..tx import transaction
from .agreed_writes import AgreedCounts, Target, write_agreed
from .decisions import writable_state
from .state import document_for, load_state, lock, proposal, snapshot_of_sources


def paragraphs_of(session: Session, document_id: int) -> dict[int, tuple[int, str]]:
    return {index: (pid, text) for pid, index, text in session.execute(
        select(Paragraph.id, Paragraph.index, Paragraph.text).where(Paragraph.document_id == document_id))}


def gold_spans_of(session: Session, gold_set_id: int) -> list[tuple]:
    return [tuple(r) for r in session.execute(select(Span.paragraph_id, Span.public_id, Span.label, Span.start,
                                                     Span.end).where(Span.set_id == gold_set_id))]


def accept_agreed(session: Session, user: User, document_public_id: str) -> AgreedCounts:
    """The one key that accepts everything agreed in the document (after the page's summary)."""
    state = writable_state(session, user, document_public_id)
    with transaction(session):
        lock(session, state.adjudication)
        current = proposal(session, state)
        target = Target(state.adjudication.id, state.gold_set.id, current, paragraphs_of(session, state.document.id),
                        gold_spans_of(session, state.gold_set.id))
        counts = write_agreed(session, [target], user_id=user.id, scheme_version_id=state.project.current_scheme_id)
        note_change(session, state.gold_set, state.document)
        record_event(session, action="gold.accept_agreed", entity="document", entity_id=state.document.public_id,
                     user_id=user.id, project_id=state.project.id, set_id=state.gold_set.id,
                     after=counts.__dict__)
    return counts


def mark_adjudicated(session: Session, user: User, document_public_id: str) -> None:
    state = writable_state(session, user, document_public_id)
    with transaction(session):
        lock(session, state.adjudication)
        counts = proposal(session, state).counts()
        left = counts["open"] + counts["agreed"]
        if left:
            raise Conflict(Plural("{count} units are not decided yet ({open} open, {agreed} agreed but not accepted): "
                                  "the document can be marked adjudicated when none is left",
                                  "{count} units are not decided yet ({open} open, {agreed} agreed but not accepted): "
                                  "the document can be marked adjudicated when none is left", left,
                                  open=counts["open"], agreed=counts["agreed"]), "status",
                           open=counts["open"], agreed=counts["agreed"])
        finish(session, state, user)


def finish(session: Session, state, user: User | None) -> None:
    """Inside the caller's transaction: the document is adjudicated; the sources are remembered so
    that a later change in them flags the gold as possibly stale."""
    now = utcnow()
    adjudication = state.adjudication
    adjudication.status = "adjudicated"
    adjudication.adjudicated_at = now
    adjudication.adjudicated_by_id = user.id if user else None
    adjudication.sources_snapshot = snapshot_of_sources(session, state)
    state.gold_set.status, state.gold_set.done_at = "done", now
    note_change(session, state.gold_set, state.document)
    record_event(session, action="gold.adjudicated", entity="document", entity_id=state.document.public_id,
                 user_id=user.id if user else None, project_id=state.project.id, set_id=state.gold_set.id)


def reopen(session: Session, user: User, document_public_id: str) -> None:
    """Back to "in adjudication" (after a stale flag, say): gold keeps every decision."""
    document, project = document_for(session, user, document_public_id)
    state = load_state(session, document, project)
    if state.adjudication is None or state.adjudication.status != "adjudicated":
        raise Conflict("this document is not marked adjudicated", "status")
    with transaction(session):
        lock(session, state.adjudication)
        state.adjudication.status = "in_adjudication"
        state.gold_set.status, state.gold_set.done_at = "in_progress", None
        note_change(session, state.gold_set, document)
        record_event(session, action="gold.reopen", entity="document", entity_id=document.public_id,
                     user_id=user.id, project_id=project.id, set_id=state.gold_set.id)


@dataclass(frozen=True)
class AdjudicationSettings:
    min_agree: dict  # layer -> k, or None for unanimous
    feedback: bool  # annotators may see their set against gold
    blind: bool  # adjudicators see A, B, C instead of names


def settings_of(project: Project) -> AdjudicationSettings:
    chosen = (project.settings or {}).get("adjudication") or {}
    return AdjudicationSettings({layer: (chosen.get("min_agree") or {}).get(layer) for layer in LAYER_KINDS},
                                bool(chosen.get("feedback")), bool(chosen.get("blind")))


def change_settings(session: Session, user: User, project: Project, *, min_agree: dict | None = None,
                    feedback: bool | None = None, blind: bool | None = None) -> AdjudicationSettings:
    """Leads change these; a new agreement setting rebuilds every proposal, keeping every decision."""
    current = settings_of(project)
    chosen = dict(current.min_agree)
    for layer, k in (min_agree or {}).items():
        if layer not in LAYER_KINDS:
            raise Invalid(Phrase("unknown layer '{layer}' (expected one of {choices})", ", ", layer=layer,
                                 choices=list(LAYER_KINDS)), "min_agree")
        if k is not None and (not isinstance(k, int) or k < 2):
            raise Invalid(Phrase("min_agree for {layer} must be a whole number of at least 2, or empty for unanimous",
                                 layer=layer),
                          "min_agree")
        chosen[layer] = k
    updated = {"min_agree": chosen, "feedback": current.feedback if feedback is None else bool(feedback),
               "blind": current.blind if blind is None else bool(blind)}
    with transaction(session):
        project.settings = {**(project.settings or {}), "adjudication": updated}
        record_event(session, action="gold.settings", entity="project", entity_id=project.public_id, user_id=user.id,
                     project_id=project.id, before=current.__dict__, after=updated)
    return settings_of(project)
