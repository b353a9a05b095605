"""Assignment: the only place that writes who annotates which document.

The strategy is annotator.domain.assignment; this module loads the rows it needs (a fixed
number of queries, whatever the number of documents), applies the plan in one transaction and
records one event per change. Unassigning never deletes a set: the annotator's work is kept,
hidden from them (``assigned=False``), and comes back if the document is assigned to them again.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.assignment import AssignmentError, plan_assignments, seeded_rank
from ...errors import Conflict, Invalid, NotFound, Phrase
from ...models import AnnotationSet, Document, Membership, Project, User, new_public_id, utcnow
from ..events import record_event
from ..annotation.sets import owner_key_for_user, user_set
from ..recommenders.ordering import uncertainty_by_project
from ..tx import transaction


@dataclass(frozen=True)
class AssignmentOutcome:
    added: int
    already: int = 0
    unfilled_documents: int = 0
    sampled_documents: int = 0


def project_annotators(session: Session, project: Project) -> list[User]:
    """Members with the annotator role: the people automatic assignment shares work between."""
    return list(session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.project_id == project.id, Membership.role == "annotator", User.is_active)
        .order_by(User.username)))


def member_by_username(session: Session, project: Project, username: str, field: str = "user") -> User:
    user = session.scalar(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.project_id == project.id, User.username == username))
    if user is None:
        raise Invalid(Phrase("'{name}' is not a member of project {project}", name=username, project=project.name), field)
    return user


def documents_by_external_id(session: Session, project: Project, external_ids: Sequence[str],
                             field: str = "documents") -> list[Document]:
    """The project's documents with these external ids, all of them or a problem naming the missing."""
    wanted = list(dict.fromkeys(external_ids))
    found = {d.external_id: d for d in session.scalars(
        select(Document).where(Document.project_id == project.id, Document.external_id.in_(wanted)))}
    missing = [e for e in wanted if e not in found]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise Invalid(Phrase("no document with id {ids} in project {project}", ids=shown, project=project.name), field)
    return [found[e] for e in wanted]


def _user_sets(session: Session, project: Project) -> dict[tuple[int, int], AnnotationSet]:
    rows = session.scalars(
        select(AnnotationSet).join(Document, AnnotationSet.document_id == Document.id)
        .where(Document.project_id == project.id, AnnotationSet.owner_kind == "user"))
    return {(s.document_id, s.user_id): s for s in rows}


def _give(session: Session, project: Project, document: Document, user: User, by: User | None,
          sets: dict[tuple[int, int], AnnotationSet]) -> bool:
    """Assign one document to one user, reviving a hidden set; False when already assigned."""
    aset = sets.get((document.id, user.id))
    if aset is not None and aset.assigned:
        return False
    now = utcnow()
    if aset is None:
        aset = AnnotationSet(public_id=new_public_id(), document_id=document.id, owner_kind="user",
                             user_id=user.id, owner_key=owner_key_for_user(user), status="not_started")
        session.add(aset)
        sets[(document.id, user.id)] = aset
    aset.assigned, aset.assigned_at, aset.updated_at = True, now, now
    record_event(session, action="assignment.add", entity="set", entity_id=aset.public_id,
                 user_id=by.id if by else None, project_id=project.id,
                 after={"document": document.external_id, "user": user.username})
    return True


def _nobodys_documents_in_order(session: Session, project: Project, documents: dict[int, Document],
                                existing: dict[int, list[int]], seed: int) -> tuple[list[int], bool]:
    """The documents nobody is assigned yet, in the order they are handed out, and whether active
    ordering chose it: most uncertain first by the scores the annotators' queues sort by
    (services.recommenders.ordering), the unscored after; otherwise, and among the unscored, in
    seeded hash order (the planner's own)."""
    scores = uncertainty_by_project(session, [project.id]).get(project.id, {})
    fresh = [i for i in documents if not existing.get(i)]
    score = lambda i: scores.get(documents[i].public_id)  # noqa: E731
    return sorted(fresh, key=lambda i: (score(i) is None, -(score(i) or 0.0), seeded_rank(seed, i))), bool(scores)


def assign_automatically(session: Session, project: Project, *, per_document: int,
                         sample: float | None = None, seed: int = 0, by: User | None = None,
                         limit: int | None = None) -> AssignmentOutcome:
    """Fill every document of the project up to k annotators (see domain.assignment). ``limit``:
    hand out at most that many documents nobody has yet (those already handed out are still filled
    up); with active ordering on, the most uncertain ones, and they are planned first."""
    annotators = project_annotators(session, project)
    if not annotators:
        raise Invalid(Phrase("project {project} has no annotators to assign documents to", project=project.name),
                      "per_document")
    if per_document > len(annotators):
        raise Invalid(Phrase("must be at most {count}, the number of annotators in the project", count=len(annotators)),
                      "per_document")
    if limit is not None and limit < 1:
        raise Invalid(Phrase("must be at least 1"), "limit")
    with transaction(session):
        documents = {d.id: d for d in session.scalars(
            select(Document).where(Document.project_id == project.id).order_by(Document.id))}
        sets = _user_sets(session, project)
        existing: dict[int, list[int]] = defaultdict(list)
        excluded: dict[int, list[int]] = defaultdict(list)
        for (document_id, user_id), aset in sets.items():
            (existing if aset.assigned else excluded)[document_id].append(user_id)
        nobodys, active = _nobodys_documents_in_order(session, project, documents, existing, seed)
        if limit is not None:
            nobodys = nobodys[:limit]
            planned = [i for i in documents if existing.get(i)] + nobodys
        else:
            planned = list(documents)
        try:
            plan = plan_assignments(planned, [u.id for u in annotators], existing, per_document=per_document,
                                    sample=sample, seed=seed, excluded=excluded,
                                    first=nobodys if active else ())
        except AssignmentError as exc:
            raise Invalid(exc.problem, exc.field) from exc
        users = {u.id: u for u in annotators}
        for document_id, user_id in plan.added:
            _give(session, project, documents[document_id], users[user_id], by, sets)
        record_event(session, action="assignment.auto", entity="project", entity_id=project.public_id,
                     user_id=by.id if by else None, project_id=project.id,
                     after={"per_document": per_document, "sample": sample, "seed": seed, "limit": limit,
                            "added": len(plan.added), "unfilled": len(plan.unfilled)})
    return AssignmentOutcome(len(plan.added), unfilled_documents=len(plan.unfilled),
                             sampled_documents=len(plan.sampled))


def assign_to_user(session: Session, project: Project, user: User, documents: Sequence[Document] | None, *,
                   by: User | None = None) -> AssignmentOutcome:
    """Manual assignment: these documents (None = every document of the project) to one member."""
    with transaction(session):
        if documents is None:
            documents = list(session.scalars(select(Document).where(Document.project_id == project.id)))
        sets = _user_sets(session, project)
        added = sum(_give(session, project, d, user, by, sets) for d in documents)
    return AssignmentOutcome(added, already=len(documents) - added)


def assign_to_users(session: Session, project: Project, users: Sequence[User], documents: Sequence[Document], *,
                    by: User | None = None) -> AssignmentOutcome:
    """The pickers' assignment: every chosen document to every chosen member, in one transaction."""
    with transaction(session):
        sets = _user_sets(session, project)
        added = sum(_give(session, project, d, u, by, sets) for u in users for d in documents)
    return AssignmentOutcome(added, already=len(users) * len(documents) - added)


def _assigned_set(session: Session, document: Document, user: User, field: str) -> AnnotationSet:
    aset = user_set(session, document, user, create=False)
    if aset is None or not aset.assigned:
        raise Invalid(Phrase("document {document} is not assigned to {name}", document=document.external_id,
                             name=user.username), field)
    return aset


def unassign(session: Session, project: Project, document: Document, user: User, *,
             by: User | None = None) -> AnnotationSet:
    """Take a document away from an annotator; their set is kept, hidden from them."""
    with transaction(session):
        aset = _assigned_set(session, document, user, "user")
        aset.assigned, aset.updated_at = False, utcnow()
        record_event(session, action="assignment.remove", entity="set", entity_id=aset.public_id,
                     user_id=by.id if by else None, project_id=project.id,
                     before={"document": document.external_id, "user": user.username, "status": aset.status})
    return aset


def reassign(session: Session, project: Project, document: Document, from_user: User, to_user: User, *,
             by: User | None = None) -> AnnotationSet:
    """Move a document from one annotator to another (the first one's set is kept, hidden)."""
    if from_user.id == to_user.id:
        raise Invalid("must differ from the annotator the document moves from", "to_user")
    with transaction(session):
        old = _assigned_set(session, document, from_user, "from_user")
        target = user_set(session, document, to_user, create=False)
        if target is not None and target.assigned:
            raise Conflict(Phrase("document {document} is already assigned to {name}", document=document.external_id,
                                  name=to_user.username), "to_user")
        old.assigned, old.updated_at = False, utcnow()
        record_event(session, action="assignment.remove", entity="set", entity_id=old.public_id,
                     user_id=by.id if by else None, project_id=project.id,
                     before={"document": document.external_id, "user": from_user.username, "status": old.status},
                     after={"moved_to": to_user.username})
        sets = {(document.id, to_user.id): target} if target is not None else {}
        _give(session, project, document, to_user, by, sets)
    return sets[(document.id, to_user.id)]


def document_in_project(session: Session, project: Project, public_id: str) -> Document:
    document = session.scalar(select(Document).where(Document.public_id == public_id,
                                                     Document.project_id == project.id))
    if document is None:
        raise NotFound("no such document in this project", "document")
    return document
