"""Feedback for annotators (a lead's switch per project, off by default): once a document is
adjudicated, its annotator may read their own set against gold, with the cause of each difference.

Blindness holds: only the reader's own assigned set and gold are shown, never another annotator's
items; with the switch off, or before adjudication, the page answers 404 like a page that does
not exist, so nothing tells that gold exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound
from ...models import Adjudication, AnnotationSet, DisagreementCause, Document, Project, Span, User
from .lifecycle import settings_of
from .state import load_state, proposal


@dataclass
class FeedbackRow:
    paragraph: int
    mine: str | None  # "label: text"
    gold: str | None
    agrees: bool
    cause: str | None = None
    note: str = ""


@dataclass
class FeedbackView:
    document: Document
    project: Project
    rows: list[FeedbackRow] = field(default_factory=list)
    figures: dict = field(default_factory=dict)

    @property
    def agreed(self) -> int:
        return sum(1 for r in self.rows if r.agrees)


def released_documents(session: Session, document_public_ids: list[str]) -> set[str]:
    """Of these documents, those whose feedback an annotator may open: adjudicated, in a project
    whose lead switched feedback on. What "my documents" links to the feedback page."""
    if not document_public_ids:
        return set()
    rows = session.execute(select(Document.public_id, Project)
                           .join(Adjudication, Adjudication.document_id == Document.id)
                           .join(Project, Project.id == Document.project_id)
                           .where(Document.public_id.in_(document_public_ids),
                                  Adjudication.status == "adjudicated")).all()
    return {public_id for public_id, project in rows if settings_of(project).feedback}


def feedback_view(session: Session, user: User, set_public_id: str) -> FeedbackView:
    aset = session.scalar(select(AnnotationSet).where(AnnotationSet.public_id == set_public_id))
    if aset is None or aset.user_id != user.id or not aset.assigned:
        raise NotFound("no such annotation set", "set")
    document = session.get(Document, aset.document_id)
    project = session.get(Project, document.project_id)
    state = load_state(session, document, project)
    if not settings_of(project).feedback or state.adjudication is None or state.adjudication.status != "adjudicated":
        raise NotFound("no such page", "set")
    me = user.username
    current = proposal(session, state)
    gold = {pid: (label, text) for pid, label, text in session.execute(
        select(Span.public_id, Span.label, Span.text).where(Span.set_id == state.gold_set.id))}
    causes = {c.unit_key: c for c in session.scalars(select(DisagreementCause).where(
        DisagreementCause.adjudication_id == state.adjudication.id))}
    view = FeedbackView(document, project)
    for unit in current.spans:
        mine = [i for i in unit.items if i.owner == me]
        gold_item = gold.get(unit.decision.gold_item_id) if unit.decision and unit.decision.accepted else None
        if not mine and gold_item is None:
            continue  # another annotator's unit that gold rejected: nothing of theirs is shown
        my_text = "; ".join(f"{i.label}: {i.text}" for i in mine) or None
        gold_text = f"{gold_item[0]}: {gold_item[1]}" if gold_item else None
        chosen = unit.decision is not None and any(
            i.id in unit.decision.source_ids for i in mine) and gold_item is not None and any(
            (i.label, i.text) == gold_item for i in mine)
        cause = causes.get(unit.key)
        view.rows.append(FeedbackRow(unit.paragraph, my_text, gold_text, chosen,
                                     cause.cause if cause else None, cause.note if cause else ""))
    from .against_gold import against_gold

    view.figures = against_gold(session, project).get(me, {})
    return view


@dataclass(frozen=True)
class MyFigures:
    project: Project
    figures: dict  # as against_gold gives one annotator's: {"documents": n, "variables": {...}}


def my_figures(session: Session, user: User, project_public_ids: set[str]) -> list[MyFigures]:
    """The user's own figures against gold in each of these projects whose lead released feedback
    (and where gold holds a document they coded), by project name: what "my documents" shows.
    Another annotator's figures are never part of it; with feedback off, nothing is."""
    if not project_public_ids:
        return []
    from .against_gold import against_gold

    found = []
    for project in session.scalars(select(Project).where(Project.public_id.in_(project_public_ids))
                                   .order_by(Project.name)):
        if not settings_of(project).feedback:
            continue
        figures = against_gold(session, project).get(user.username)
        if figures:
            found.append(MyFigures(project, figures))
    return found
