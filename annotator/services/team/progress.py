"""Progress of a project for its leads: per annotator and per document, in a fixed number of queries.

Only assigned sets count as work (an unassigned set is hidden from its annotator and from these
counts). Active time follows annotator.domain.activity: gaps between a person's consecutive
events in the project, each capped at 5 minutes.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.activity import active_seconds_by_person
from ...models import AnnotationSet, Document, Event, Project, User

STATUSES = ("not_started", "in_progress", "done", "skipped")
DOCUMENTS_PER_PAGE = 50


@dataclass
class AnnotatorProgress:
    user_public_id: str
    username: str
    display_name: str
    counts: Counter = field(default_factory=Counter)  # status -> assigned sets
    active_seconds: float = 0.0

    @property
    def assigned(self) -> int:
        return sum(self.counts[s] for s in STATUSES)

    @property
    def started(self) -> int:
        """Sets the annotator has opened work on: in progress, done or skipped."""
        return self.assigned - self.counts["not_started"]


@dataclass
class DocumentProgress:
    public_id: str
    external_id: str
    title: str
    statuses: dict[str, str] = field(default_factory=dict)  # username -> status

    @property
    def counts(self) -> Counter:
        return Counter(self.statuses.values())


@dataclass
class ProjectProgress:
    annotators: list[AnnotatorProgress]
    documents: list[DocumentProgress]
    total_documents: int
    page: int
    pages: int
    totals: Counter


def annotator_progress(session: Session, project: Project) -> tuple[list[AnnotatorProgress], Counter]:
    rows = session.execute(
        select(User.id, User.public_id, User.username, User.display_name, AnnotationSet.status,
               func.count(AnnotationSet.id))
        .join(AnnotationSet, AnnotationSet.user_id == User.id)
        .join(Document, AnnotationSet.document_id == Document.id)
        .where(Document.project_id == project.id, AnnotationSet.assigned, AnnotationSet.owner_kind == "user")
        .group_by(User.id, User.public_id, User.username, User.display_name, AnnotationSet.status))
    people: dict[int, AnnotatorProgress] = {}
    totals: Counter = Counter()
    for user_id, public_id, username, display_name, status, count in rows:
        person = people.setdefault(user_id, AnnotatorProgress(public_id, username, display_name or username))
        person.counts[status] += count
        totals[status] += count
    active = active_seconds_by_person(session.execute(
        select(Event.user_id, Event.at).where(Event.project_id == project.id, Event.user_id.in_(list(people)))
        .order_by(Event.user_id, Event.at, Event.id)))
    for user_id, person in people.items():
        person.active_seconds = active.get(user_id, 0.0)
    return sorted(people.values(), key=lambda p: p.username), totals


def document_progress(session: Session, project: Project, page: int = 1,
                      per_page: int = DOCUMENTS_PER_PAGE) -> tuple[list[DocumentProgress], int, int]:
    """One page of the project's documents with each annotator's set status; also the page count."""
    total = session.scalar(select(func.count(Document.id)).where(Document.project_id == project.id)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    documents = session.execute(
        select(Document.id, Document.public_id, Document.external_id, Document.title)
        .where(Document.project_id == project.id).order_by(Document.external_id, Document.id)
        .limit(per_page).offset((page - 1) * per_page)).all()
    found = {row.id: DocumentProgress(row.public_id, row.external_id, row.title or "") for row in documents}
    statuses = session.execute(
        select(AnnotationSet.document_id, User.username, AnnotationSet.status)
        .join(User, AnnotationSet.user_id == User.id)
        .where(AnnotationSet.document_id.in_(list(found)), AnnotationSet.assigned,
               AnnotationSet.owner_kind == "user")
        .order_by(User.username))
    for document_id, username, status in statuses:
        found[document_id].statuses[username] = status
    return list(found.values()), total, pages


def project_progress(session: Session, project: Project, page: int = 1) -> ProjectProgress:
    annotators, totals = annotator_progress(session, project)
    documents, total, pages = document_progress(session, project, page)
    return ProjectProgress(annotators, documents, total, min(max(1, page), pages), pages, totals)


def documents_by_done_count(session: Session, project: Project) -> dict[int, int]:
    """How many documents have 0, 1, 2, ... done sets: how close the project is to agreement."""
    done = (select(AnnotationSet.document_id, func.count(AnnotationSet.id).label("done"))
            .where(AnnotationSet.status == "done", AnnotationSet.assigned, AnnotationSet.owner_kind == "user")
            .group_by(AnnotationSet.document_id).subquery())
    rows = session.execute(
        select(done.c.done, func.count(Document.id))
        .outerjoin(done, done.c.document_id == Document.id)
        .where(Document.project_id == project.id).group_by(done.c.done))
    histogram: dict[int, int] = defaultdict(int)
    for count, documents in rows:
        histogram[int(count or 0)] += documents  # no done set: NULL from the outer join
    return dict(sorted(histogram.items()))
