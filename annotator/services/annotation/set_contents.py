"""A set's whole contents as plain records (spans, links, stances, frames): what scripts read.

Each kind is read with one query, whatever the set's size: no query per span or per stance."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...models import (
    Actor, AnnotationSet, Document, FrameChoice, Link, Paragraph, Span, Stance, StanceEvidence, User,
)
from .sets import LEAD_ROLES, readable_set
from ..team.projects import role_in


@dataclass(frozen=True)
class SetSummary:
    public_id: str
    document: str
    owner: str
    status: str
    assigned: bool
    updated_at: object


def owner_name(aset: AnnotationSet, username: str | None) -> str:
    return f"model:{aset.model_name}" if aset.owner_kind == "model" else (username or aset.owner_key)


def sets_of_project(session: Session, user, project, *, document_public_id: str | None = None) -> list[SetSummary]:
    """A lead sees every person's and model's set; anyone else only their own assigned sets."""
    query = (select(AnnotationSet, Document.public_id, User.username)
             .join(Document, Document.id == AnnotationSet.document_id)
             .outerjoin(User, User.id == AnnotationSet.user_id)
             .where(Document.project_id == project.id))
    if role_in(session, user, project) not in LEAD_ROLES:
        query = query.where(AnnotationSet.user_id == user.id, AnnotationSet.assigned.is_(True))
    if document_public_id is not None:
        query = query.where(Document.public_id == document_public_id)
    rows = session.execute(query.order_by(Document.id, AnnotationSet.id))
    return [SetSummary(s.public_id, doc, owner_name(s, name), s.status, s.assigned, s.updated_at)
            for s, doc, name in rows]


def set_contents(session: Session, user, set_public_id: str) -> dict:
    aset = readable_set(session, user, set_public_id)
    document = session.get(Document, aset.document_id)
    username = session.scalar(select(User.username).where(User.id == aset.user_id)) if aset.user_id else None
    spans = session.execute(select(Span, Paragraph.index).join(Paragraph, Paragraph.id == Span.paragraph_id)
                            .where(Span.set_id == aset.id).order_by(Paragraph.index, Span.start, Span.end))
    span_rows = [_span_dict(span, index) for span, index in spans]
    source, target = aliased(Span), aliased(Span)
    links = [{"id": link.public_id, "source": s, "target": t, "link_type": link.link_type, "version": link.version}
             for link, s, t in session.execute(
                 select(Link, source.public_id, target.public_id)
                 .join(source, source.id == Link.source_span_id).join(target, target.id == Link.target_span_id)
                 .where(Link.set_id == aset.id).order_by(Link.id))]
    evidence: dict[int, list[str]] = {}
    for stance_id, span_public_id in session.execute(
            select(StanceEvidence.stance_id, Span.public_id).join(Span, Span.id == StanceEvidence.span_id)
            .join(Stance, Stance.id == StanceEvidence.stance_id).where(Stance.set_id == aset.id)
            .order_by(Span.id)):
        evidence.setdefault(stance_id, []).append(span_public_id)
    stances = [{"id": st.public_id, "actor": actor_id, "actor_name": name, "paragraph": index, "value": st.value,
                "intensity": st.intensity, "holder": st.holder, "evidence": evidence.get(st.id, []),
                "version": st.version}
               for st, actor_id, name, index in session.execute(
                   select(Stance, Actor.public_id, Actor.canonical_name, Paragraph.index)
                   .join(Actor, Actor.id == Stance.actor_id)
                   .outerjoin(Paragraph, Paragraph.id == Stance.paragraph_id)
                   .where(Stance.set_id == aset.id).order_by(Stance.id))]
    frames = [{"frame": fc.frame, "role": "primary" if fc.is_primary else "secondary", "paragraph": index}
              for fc, index in session.execute(
                  select(FrameChoice, Paragraph.index).outerjoin(Paragraph, Paragraph.id == FrameChoice.paragraph_id)
                  .where(FrameChoice.set_id == aset.id).order_by(FrameChoice.id))]
    return {"public_id": aset.public_id, "document": document.public_id, "owner": owner_name(aset, username),
            "status": aset.status, "assigned": aset.assigned, "updated_at": aset.updated_at,
            "spans": span_rows, "links": links, "stances": stances, "frames": frames}


def span_record(session: Session, span_public_id: str, set_public_id: str) -> dict | None:
    """One span of the set as set_contents gives it, or None when the set holds no such span."""
    row = session.execute(select(Span, Paragraph.index).join(Paragraph, Paragraph.id == Span.paragraph_id)
                          .join(AnnotationSet, AnnotationSet.id == Span.set_id)
                          .where(Span.public_id == span_public_id,
                                 AnnotationSet.public_id == set_public_id)).first()
    if row is None:
        return None
    return _span_dict(*row)


def _span_dict(span: Span, paragraph_index: int) -> dict:
    return {"id": span.public_id, "paragraph": paragraph_index, "layer": span.layer, "label": span.label,
            "start": span.start, "end": span.end, "text": span.text, "attributes": dict(span.attributes or {}),
            "origin": span.origin, "version": span.version}
