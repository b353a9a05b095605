"""The gold sheets: "Gold spans", "Gold links", "Gold stances", "Gold frames" with their provenance,
and "Units", one row per matched unit with each annotator's label beside gold's.

They appear when the selection holds a document opened for adjudication (a gold set without
adjudication, e.g. imported, is in the ordinary sheets as the annotator "gold"). Provenance
columns: how each item was decided, from which annotators' units, by whom, when, and the cause
the adjudicator tagged.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from ..models import (
    Actor, Adjudication, AdjudicationDecision, AnnotationSet, DisagreementCause, Document, FrameChoice, Link,
    Paragraph, Span, Stance, User,
)
from .dataset import ExportDataset
from .sheets import TEXT_WIDTH, SheetContext, attributes_text
from .tables import Column, Table

PROVENANCE = (Column("Decided", 10), Column("From", 18), Column("Annotators' versions", 24),
              Column("Decided by", 14), Column("Decided at", 18, "datetime"), Column("Cause", 16),
              Column("Note", 30, wrap=True))


def has_adjudication(dataset: ExportDataset) -> bool:
    if dataset.selection.annotators and "gold" not in dataset.selection.annotators:
        return False
    stmt = dataset._documents_only(select(func.count(Adjudication.id)).join(
        Document, Document.id == Adjudication.document_id))
    return bool(dataset.session.scalar(stmt))


def _gold_items(dataset: ExportDataset, table, *columns, joins=()):
    decided_by = aliased(User)
    stmt = (select(Document.external_id, *columns, AdjudicationDecision.method, AdjudicationDecision.sources,
                   decided_by.username, AdjudicationDecision.decided_at, DisagreementCause.cause,
                   DisagreementCause.note)
            .select_from(table)
            .join(AnnotationSet, and_(AnnotationSet.id == table.set_id, AnnotationSet.owner_kind == "gold"))
            .join(Document, Document.id == AnnotationSet.document_id))
    for target, condition in joins:
        stmt = stmt.outerjoin(target, condition)
    stmt = (stmt.outerjoin(AdjudicationDecision, AdjudicationDecision.gold_item_id == table.public_id)
            .outerjoin(decided_by, decided_by.id == AdjudicationDecision.decided_by_id)
            .outerjoin(DisagreementCause, and_(DisagreementCause.adjudication_id == AdjudicationDecision.adjudication_id,
                                               DisagreementCause.unit_key == AdjudicationDecision.unit_key)))
    return dataset._stream(dataset._documents_only(stmt))


def _provenance(row, clock) -> tuple:
    method, sources, by, at, cause, note = row[-6:]
    sources = sources or []
    chosen = sorted({s["owner"] for s in sources if s.get("chosen")})
    everyone = sorted({s["owner"] for s in sources})
    return (method or "imported", ", ".join(chosen), ", ".join(everyone), by, clock(at),
            (cause or "").replace("_", " ") or None, note or None)


def gold_tables(dataset: ExportDataset, ctx: SheetContext) -> Iterator[Table]:
    clock, name = ctx.clock, ctx.span_label_names.get
    spans = _gold_items(dataset, Span, Paragraph.index, Span.start, Span.end, Span.layer, Span.label,
                        Span.attributes, Span.text, joins=((Paragraph, Paragraph.id == Span.paragraph_id),))
    yield Table("Gold spans", (
        Column("Document", 18), Column("Paragraph", 10, "int"), Column("Start", 8, "int"), Column("End", 8, "int"),
        Column("Layer", 12), Column("Label", 22), Column("Label name", 24), Column("Attributes", 24),
        Column("Text", TEXT_WIDTH, wrap=True), *PROVENANCE),
        ((r[0], r[1], r[2], r[3], r[4], r[5], name(r[5], r[5]), attributes_text(r[6]), r[7], *_provenance(r, clock))
         for r in spans), rtl=ctx.rtl)
    source, target = aliased(Span), aliased(Span)
    links = _gold_items(dataset, Link, source.label, source.text, target.label, target.text, Link.link_type,
                        joins=((source, source.id == Link.source_span_id), (target, target.id == Link.target_span_id)))
    yield Table("Gold links", (
        Column("Document", 18), Column("Source label", 18), Column("Source text", 45, wrap=True),
        Column("Target label", 18), Column("Target text", 45, wrap=True), Column("Type", 10), *PROVENANCE),
        ((*r[:6], *_provenance(r, clock)) for r in links), rtl=ctx.rtl)
    stances = _gold_items(dataset, Stance, Actor.canonical_name, Paragraph.index, Stance.value, Stance.intensity,
                          Stance.holder, joins=((Actor, Actor.id == Stance.actor_id),
                                                (Paragraph, Paragraph.id == Stance.paragraph_id)))
    yield Table("Gold stances", (
        Column("Document", 18), Column("Actor", 24), Column("Scope", 11), Column("Paragraph", 10, "int"),
        Column("Value", 11), Column("Intensity", 9, "int"), Column("Holder", 20), *PROVENANCE),
        ((r[0], r[1], "document" if r[2] is None else "paragraph", r[2], r[3], r[4], r[5] or None,
          *_provenance(r, clock)) for r in stances), rtl=ctx.rtl)
    frames = _gold_items(dataset, FrameChoice, Paragraph.index, FrameChoice.frame, FrameChoice.is_primary,
                         joins=((Paragraph, Paragraph.id == FrameChoice.paragraph_id),))
    fname = ctx.frame_names.get
    yield Table("Gold frames", (
        Column("Document", 18), Column("Paragraph", 10, "int"), Column("Frame", 26), Column("Frame name", 28),
        Column("Primary", 9, "bool"), *PROVENANCE),
        ((r[0], r[1], r[2], fname(r[2], r[2]), bool(r[3]), *_provenance(r, clock)) for r in frames), rtl=ctx.rtl)
    yield units_table(dataset, ctx)


def units_table(dataset: ExportDataset, ctx: SheetContext) -> Table:
    """Wide: one row per matched span unit of the adjudicated documents, a column per annotator
    (their label, or blank where they marked nothing) and one for gold (blank: rejected or open)."""
    from ..domain.adjudication import Thresholds, build_proposals  # numpy: only for adjudicated projects
    from ..services.gold import sources as src

    session = dataset.session
    adjudicated = dict(session.execute(dataset._documents_only(
        select(Document.id, Document.external_id).join(Adjudication, Adjudication.document_id == Document.id))).all())
    sets = src.coder_sets(session, list(adjudicated))
    coders = {adjudicated[d]: [s.owner for s in src.done_sets(sets.get(d, []))] for d in adjudicated}
    done = [s for d in adjudicated for s in src.done_sets(sets.get(d, []))]
    decisions = defaultdict(list)
    adjudication_docs = dict(session.execute(select(Adjudication.id, Adjudication.document_id)
                                             .where(Adjudication.document_id.in_(list(adjudicated)))).all())
    for adjudication_id, doc_id in adjudication_docs.items():
        decisions[adjudicated[doc_id]] = src.read_decisions(session, adjudication_id, kind="span")
    proposals = build_proposals(coders, src.read_spans(session, done), thresholds=Thresholds.from_settings(
        dataset.project.settings), decisions=decisions)
    gold_labels = dict(session.execute(select(Span.public_id, Span.label).join(AnnotationSet).where(
        AnnotationSet.owner_kind == "gold", AnnotationSet.document_id.in_(list(adjudicated)))).all())
    people = sorted({c for names in coders.values() for c in names})
    columns = (Column("Document", 18), Column("Paragraph", 10, "int"), Column("Start", 8, "int"),
               Column("End", 8, "int"), Column("Text", TEXT_WIDTH, wrap=True), Column("State", 9),
               *(Column(p, 14) for p in people), Column("gold", 14), Column("Decided", 10))

    def rows():
        for doc in sorted(proposals):
            for unit in proposals[doc].spans:
                first = (unit.agreed or unit.versions[0]).first
                labels = defaultdict(list)
                for item in unit.items:
                    labels[item.owner].append(item.label)
                gold = None
                if unit.decision is not None:
                    gold = gold_labels.get(unit.decision.gold_item_id) if unit.decision.accepted else "(rejected)"
                yield (doc, first.paragraph, first.start, first.end, first.text, unit.state,
                       *(", ".join(labels.get(p, [])) or None for p in people), gold,
                       unit.decision.method if unit.decision else None)

    return Table("Units", columns, rows(), rtl=ctx.rtl, frozen_columns=2)


def notes_table(notes, ctx: SheetContext) -> Table:
    """"Notes": what annotators left for the adjudicator, beside the span they are on."""
    return Table("Notes", (
        Column("Document", 18), Column("Annotator", 14), Column("On", 10), Column("Span text", 45, wrap=True),
        Column("Note", 60, wrap=True), Column("Written", 18, "datetime")),
        ((n.external_id, n.annotator, n.target_kind, n.span_text, n.text, ctx.clock(n.updated_at)) for n in notes),
        rtl=ctx.rtl)
