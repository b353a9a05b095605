"""The project's done sets as the domain's DoneSet records: a handful of queries, not one per set."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.recommenders import DoneSet, SpanMark
from ...domain.recommenders.gazetteer import MAX_WORDS
from ...domain.recommenders.training import Config
from ...domain.scheme import Scheme
from ...models import Actor, AnnotationSet, Document, FrameChoice, Mention, Paragraph, Project, Span, Stance


def config_of(scheme: Scheme) -> Config:
    """Which layer holds techniques, which layers get span suggestions, and the cue phrases: the
    scheme's own short examples of each label."""
    layers = tuple(layer.key for layer in scheme.span_layers)
    technique = "technique" if "technique" in layers else (layers[-1] if layers else "")
    cues = {(layer.key, label.key): [e for examples in label.examples.values() for e in examples
                                     if 0 < len(e.split()) <= MAX_WORDS]
            for layer in scheme.span_layers for label in layer.active_labels}
    return Config(technique_layer=technique, span_layers=layers, cue_phrases={k: v for k, v in cues.items() if v})


def done_set_count(session: Session, project: Project) -> int:
    from sqlalchemy import func
    return session.scalar(select(func.count(func.distinct(AnnotationSet.document_id))).join(Document).where(
        Document.project_id == project.id, AnnotationSet.status == "done",
        AnnotationSet.owner_kind.in_(("user", "gold")))) or 0


def document_paragraphs(session: Session, document_ids) -> dict[int, list[Paragraph]]:
    out: dict[int, list] = defaultdict(list)
    for row in session.execute(select(Paragraph.id, Paragraph.document_id, Paragraph.index, Paragraph.text)
                               .where(Paragraph.document_id.in_(document_ids)).order_by(Paragraph.index)):
        out[row.document_id].append(row)
    return out


def mentions_by_actor(session: Session, document_ids) -> dict[int, dict[str, set[int]]]:
    """document -> actor public id -> paragraph indices (the matcher's mentions, not per set)."""
    out: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    rows = session.execute(select(Mention.document_id, Actor.public_id, Paragraph.index)
                           .join(Actor, Actor.id == Mention.actor_id).join(Paragraph, Paragraph.id == Mention.paragraph_id)
                           .where(Mention.document_id.in_(document_ids), Mention.set_id.is_(None)))
    for document_id, actor, index in rows:
        out[document_id][actor].add(index)
    return out


def load_done_sets(session: Session, project: Project) -> list[DoneSet]:
    sets = session.execute(select(AnnotationSet.id, AnnotationSet.document_id, AnnotationSet.owner_kind,
                                  Document.public_id).join(Document)
                           .where(Document.project_id == project.id, AnnotationSet.status == "done",
                                  AnnotationSet.owner_kind.in_(("user", "gold")))
                           .order_by(AnnotationSet.done_at, AnnotationSet.id)).all()
    set_ids = [s.id for s in sets]
    doc_ids = sorted({s.document_id for s in sets})
    paragraphs = document_paragraphs(session, doc_ids)
    index_of = {p.id: p.index for ps in paragraphs.values() for p in ps}
    spans: dict[int, list[SpanMark]] = defaultdict(list)
    for r in session.execute(select(Span.set_id, Span.paragraph_id, Span.layer, Span.label, Span.start, Span.end,
                                    Span.text).where(Span.set_id.in_(set_ids))):
        spans[r.set_id].append(SpanMark(index_of[r.paragraph_id], r.layer, r.label, r.start, r.end, r.text))
    frames: dict[int, list[tuple[bool, str]]] = defaultdict(list)
    for set_id, frame, primary in session.execute(select(FrameChoice.set_id, FrameChoice.frame, FrameChoice.is_primary)
                                                  .where(FrameChoice.set_id.in_(set_ids),
                                                         FrameChoice.paragraph_id.is_(None))):
        frames[set_id].append((not primary, frame))
    stances: dict[int, dict[str, str]] = defaultdict(dict)
    for set_id, actor, value in session.execute(select(Stance.set_id, Actor.public_id, Stance.value)
                                                .join(Actor, Actor.id == Stance.actor_id)
                                                .where(Stance.set_id.in_(set_ids), Stance.paragraph_id.is_(None),
                                                       Stance.holder == "")):
        stances[set_id][actor] = value
    mentions = mentions_by_actor(session, doc_ids)
    return [DoneSet(document=s.public_id, paragraphs=tuple(p.text for p in paragraphs[s.document_id]),
                    spans=tuple(spans[s.id]), frames=tuple(f for _, f in sorted(frames[s.id])),
                    stances=stances[s.id],
                    mentions={a: tuple(sorted(ps)) for a, ps in mentions[s.document_id].items()},
                    gold=s.owner_kind == "gold") for s in sets]
