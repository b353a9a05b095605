"""What adjudication reads from the database: the coders' done sets and their items, as domain records.

Everything for a document (or a paragraph of it) is read in a fixed number of queries; the
same readers serve many documents at once for ``adjudicate --auto``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Text, func, literal, select, type_coerce
from sqlalchemy.orm import Session, aliased

from ...domain.adjudication import DecisionRef, SourceFrame, SourceLink, SourceSpan, SourceStance
from ...models import (
    Actor, AdjudicationDecision, AnnotationSet, Document, FrameChoice, Link, Paragraph, Span, Stance, User,
)

import json


@dataclass(frozen=True)
class CoderSet:
    set_id: int
    public_id: str
    document_id: int
    owner: str  # username
    user_id: int
    status: str
    assigned: bool
    updated_at: object = None  # moved by every change to the set: the proposal cache keys on it


def coder_sets(session: Session, document_ids: Sequence[int]) -> dict[int, list[CoderSet]]:
    """Every assigned user set of the documents, done or not (readiness needs them all)."""
    rows = session.connection().execute(
        select(AnnotationSet.id, AnnotationSet.public_id, AnnotationSet.document_id, User.username, User.id,
               AnnotationSet.status, AnnotationSet.assigned, AnnotationSet.updated_at)
        .join(User, User.id == AnnotationSet.user_id)
        .where(AnnotationSet.document_id.in_(document_ids), AnnotationSet.owner_kind == "user",
               AnnotationSet.assigned.is_(True)))
    found: dict[int, list[CoderSet]] = defaultdict(list)
    for row in rows:
        found[row[2]].append(CoderSet(*row))
    return found


def done_sets(sets: Sequence[CoderSet]) -> list[CoderSet]:
    return sorted((s for s in sets if s.status == "done"), key=lambda s: s.owner)


def is_ready(sets: Sequence[CoderSet]) -> bool:
    """Every assigned set done, and at least one of them."""
    return bool(sets) and all(s.status == "done" for s in sets)


def _attributes(raw) -> dict:
    if isinstance(raw, str):
        return json.loads(raw) if raw not in ("{}", "null") else {}
    return raw or {}


def read_spans(session: Session, sets: Sequence[CoderSet], paragraph_id: int | None = None, *,
               with_text: bool = True) -> list[SourceSpan]:
    """``with_text=False`` leaves each span's text empty: ``adjudicate --auto`` cuts gold's text
    from the paragraph, and reading a million spans' texts was a fifth of reading them."""
    owners = {s.set_id: s.owner for s in sets}
    if not owners:
        return []
    text = Span.text if with_text else literal("")
    stmt = (select(Span.public_id, Span.set_id, Span.version, Document.external_id, Paragraph.index, Span.layer,
                   Span.label, Span.start, Span.end, text, type_coerce(Span.attributes, Text))
            .join(Paragraph, Paragraph.id == Span.paragraph_id).join(Document, Document.id == Paragraph.document_id)
            .where(Span.set_id.in_(owners)))
    if paragraph_id is not None:
        stmt = stmt.where(Span.paragraph_id == paragraph_id)
    return [SourceSpan(pid, owners[set_id], version, doc, index, layer, label, start, end, text, _attributes(attrs))
            for pid, set_id, version, doc, index, layer, label, start, end, text, attrs
            in session.connection().execute(stmt).all()]


def contents_by_set(session: Session, set_ids: Sequence[int]) -> dict[int, tuple]:
    """A cheap summary of what each set's spans and links hold (count, highest id, sums of versions,
    offsets and label lengths), so that a change made around the services (a direct write, a
    restore) still changes proposal_cache's keys. Two grouped queries on the set_id index."""
    found: dict[int, tuple] = {}
    db = session.connection()
    for chunk in range(0, len(set_ids), 5000):
        ids = list(set_ids[chunk:chunk + 5000])
        spans = {row[0]: tuple(row[1:]) for row in db.execute(
            select(Span.set_id, func.count(), func.max(Span.id), func.sum(Span.version), func.sum(Span.start),
                   func.sum(Span.end), func.sum(func.length(Span.label)))
            .where(Span.set_id.in_(ids)).group_by(Span.set_id))}
        links = {row[0]: tuple(row[1:]) for row in db.execute(
            select(Link.set_id, func.count(), func.max(Link.id), func.sum(Link.version))
            .where(Link.set_id.in_(ids)).group_by(Link.set_id))}
        found.update({i: (spans.get(i), links.get(i)) for i in ids})
    return found


def contents_fingerprint(session: Session, sets: Sequence[CoderSet], by_set: dict[int, tuple] | None = None) -> tuple:
    by_set = by_set if by_set is not None else contents_by_set(session, [s.set_id for s in sets])
    return tuple(by_set.get(s.set_id) for s in sets)


def read_links(session: Session, sets: Sequence[CoderSet]) -> list[SourceLink]:
    owners = {s.set_id: s.owner for s in sets}
    if not owners:
        return []
    source, target = aliased(Span), aliased(Span)
    stmt = (select(Link.public_id, Link.set_id, Link.version, Document.external_id, source.public_id,
                   target.public_id, Link.link_type)
            .join(source, source.id == Link.source_span_id).join(target, target.id == Link.target_span_id)
            .join(AnnotationSet, AnnotationSet.id == Link.set_id).join(Document, Document.id == AnnotationSet.document_id)
            .where(Link.set_id.in_(owners)))
    return [SourceLink(pid, owners[set_id], version, doc, s, t, kind)
            for pid, set_id, version, doc, s, t, kind in session.connection().execute(stmt)]


def actor_targets(session: Session, project_id: int) -> dict[int, int]:
    """Actor id -> the actor its stances count for (a merged actor resolves to its target)."""
    rows = session.connection().execute(
        select(Actor.id, Actor.merged_into_id).where(Actor.project_id == project_id)).all()
    merged = {actor_id: into for actor_id, into in rows}
    resolved = {}
    for actor_id in merged:
        seen, current = {actor_id}, actor_id
        while merged.get(current) is not None and merged[current] not in seen:
            current = merged[current]
            seen.add(current)
        resolved[actor_id] = current
    return resolved


def read_stances(session: Session, sets: Sequence[CoderSet], project_id: int) -> list[SourceStance]:
    owners = {s.set_id: s.owner for s in sets}
    if not owners:
        return []
    target = actor_targets(session, project_id)
    stmt = (select(Stance.public_id, Stance.set_id, Stance.version, Document.external_id, Stance.actor_id,
                   Paragraph.index, Stance.holder, Stance.value, Stance.intensity)
            .join(AnnotationSet, AnnotationSet.id == Stance.set_id).join(Document, Document.id == AnnotationSet.document_id)
            .outerjoin(Paragraph, Paragraph.id == Stance.paragraph_id).where(Stance.set_id.in_(owners)))
    return [SourceStance(pid, owners[set_id], version, doc, target.get(actor, actor), index, holder or "", value,
                         intensity)
            for pid, set_id, version, doc, actor, index, holder, value, intensity in session.connection().execute(stmt)]


def read_frames(session: Session, sets: Sequence[CoderSet]) -> list[SourceFrame]:
    owners = {s.set_id: s.owner for s in sets}
    if not owners:
        return []
    stmt = (select(FrameChoice.public_id, FrameChoice.set_id, Document.external_id, FrameChoice.frame,
                   Paragraph.index, FrameChoice.is_primary)
            .join(AnnotationSet, AnnotationSet.id == FrameChoice.set_id)
            .join(Document, Document.id == AnnotationSet.document_id)
            .outerjoin(Paragraph, Paragraph.id == FrameChoice.paragraph_id).where(FrameChoice.set_id.in_(owners)))
    return [SourceFrame(pid, owners[set_id], 1, doc, frame, index, bool(primary))
            for pid, set_id, doc, frame, index, primary in session.connection().execute(stmt)]


def read_decisions(session: Session, adjudication_id: int, *, kind: str | None = None,
                   paragraph: int | None = None) -> list[DecisionRef]:
    return read_decisions_with_deciders(session, adjudication_id, kind=kind, paragraph=paragraph)[0]


def read_decisions_with_deciders(session: Session, adjudication_id: int, *, kind: str | None = None,
                                 paragraph: int | None = None) -> tuple[list[DecisionRef], dict[str, str]]:
    """The decisions, and who took each ({decision public id: username}), in one query."""
    stmt = (select(AdjudicationDecision.unit_kind, AdjudicationDecision.unit_key, AdjudicationDecision.method,
                   AdjudicationDecision.sources, AdjudicationDecision.gold_item_id, AdjudicationDecision.public_id,
                   User.username)
            .outerjoin(User, User.id == AdjudicationDecision.decided_by_id)
            .where(AdjudicationDecision.adjudication_id == adjudication_id))
    if kind is not None:
        stmt = stmt.where(AdjudicationDecision.unit_kind == kind)
    if paragraph is not None:
        stmt = stmt.where(AdjudicationDecision.paragraph == paragraph)
    decisions, deciders = [], {}
    for k, key, method, sources, gold, pid, username in session.connection().execute(stmt):
        decisions.append(DecisionRef(k, key, method, frozenset(s["id"] for s in (sources or [])), gold, pid))
        if username is not None:
            deciders[pid] = username
    return decisions, deciders
