"""Each annotator against gold: the agreement engine run on two raters, the annotator and "gold",
over the adjudicated documents they coded. Kept apart from the annotator-pair figures, never mixed
into them: the engine's measures are called as they are (span F1 per label, exact and partial;
alpha and agreement for stances and frames)."""
from __future__ import annotations

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm import Session, aliased

from ...domain.agreement import FrameRecord, LinkRecord, SpanRecord, StanceRecord
from ...models import (
    Actor, Adjudication, AnnotationSet, Document, FrameChoice, Link, Paragraph, Project, Span, Stance,
)
from ..agreement.data import build_dataset
from ..agreement.pairs import two_raters
from .sources import _attributes, actor_targets

GOLD = "gold"


def _gold_records(session: Session, project: Project, documents: set[str]):
    gold_sets = dict(session.execute(
        select(AnnotationSet.id, Document.external_id).join(Document, Document.id == AnnotationSet.document_id)
        .join(Adjudication, Adjudication.gold_set_id == AnnotationSet.id)
        .where(Document.project_id == project.id, Adjudication.status == "adjudicated")).all())
    gold_sets = {k: v for k, v in gold_sets.items() if v in documents}
    if not gold_sets:
        return {}, [], [], [], []
    ids = list(gold_sets)
    spans = [SpanRecord(pid, GOLD, gold_sets[set_id], index, layer, label, start, end, _attributes(attrs))
             for pid, set_id, index, layer, label, start, end, attrs in session.execute(
                 select(Span.public_id, Span.set_id, Paragraph.index, Span.layer, Span.label, Span.start, Span.end,
                        type_coerce(Span.attributes, Text)).join(Paragraph, Paragraph.id == Span.paragraph_id)
                 .where(Span.set_id.in_(ids)))]
    source, target = aliased(Span), aliased(Span)
    links = [LinkRecord(GOLD, gold_sets[set_id], s, t, kind) for set_id, s, t, kind in session.execute(
        select(Link.set_id, source.public_id, target.public_id, Link.link_type)
        .join(source, source.id == Link.source_span_id).join(target, target.id == Link.target_span_id)
        .where(Link.set_id.in_(ids)))]
    names = dict(session.execute(select(Actor.id, Actor.canonical_name).where(Actor.project_id == project.id)).all())
    resolved = actor_targets(session, project.id)
    stances = [StanceRecord(GOLD, gold_sets[set_id], names.get(resolved.get(actor, actor), str(actor)), index, value,
                            intensity)
               for set_id, actor, index, value, intensity in session.execute(
                   select(Stance.set_id, Stance.actor_id, Paragraph.index, Stance.value, Stance.intensity)
                   .outerjoin(Paragraph, Paragraph.id == Stance.paragraph_id).where(Stance.set_id.in_(ids)))]
    frames_by_set: dict[int, tuple[set, list]] = {}
    for set_id, frame, primary in session.execute(select(FrameChoice.set_id, FrameChoice.frame, FrameChoice.is_primary)
                                                  .where(FrameChoice.set_id.in_(ids),
                                                         FrameChoice.paragraph_id.is_(None))):
        chosen, primaries = frames_by_set.setdefault(set_id, (set(), []))
        chosen.add(frame)
        if primary:
            primaries.append(frame)
    frames = [FrameRecord(GOLD, gold_sets[set_id], frozenset(chosen), primaries[0] if primaries else None)
              for set_id, (chosen, primaries) in frames_by_set.items()]
    return {v: k for k, v in gold_sets.items()}, spans, links, stances, frames


def against_gold(session: Session, project: Project, *, include_leads: bool = False) -> dict:
    """{annotator: {"documents": n, "variables": {key: {"primary": measure name, measure: value}}}}."""
    dataset, _overview = build_dataset(session, project, include_leads=include_leads)
    gold_docs, spans, links, stances, frames = _gold_records(session, project, set(dataset.done_sets))
    result = {}
    annotators = sorted({a for names in dataset.done_sets.values() for a in names})
    for annotator in annotators:
        docs = {d for d, names in dataset.done_sets.items() if annotator in names and d in gold_docs}
        if not docs:
            continue
        mine = lambda records: [r for r in records if r.annotator == annotator]  # noqa: E731
        result[annotator] = two_raters(dataset, docs, (annotator, GOLD), (
            mine(dataset.spans) + spans, mine(dataset.links) + links, mine(dataset.stances) + stances,
            mine(dataset.frames) + frames))
    return result
