"""The rows of an export, streamed from the database: one query per table, never one per record.

Every method returns a streamed result (``yield_per``), so a project of a million spans goes
through in constant memory. The JSONL writer walks several streams side by side, one annotation
set at a time, so every annotation stream shares the same ordering prefix: document id, then
annotator, then set (``SET_ORDER``).
"""
from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, case, func, literal, select
from sqlalchemy.orm import Session, aliased

from ..errors import Invalid, Phrase
from ..models import (
    Actor, ActorAlias, AdjudicatorNote, AnnotationSet, Document, FrameChoice, Link, Paragraph, Project, SchemeVersion,
    Span, Stance, StanceEvidence, User,
)

BATCH_ROWS = 2000

# The annotator as readers see it: a username, "gold", or "model:<name>".
OWNER_LABEL = case(
    (AnnotationSet.owner_kind == "gold", literal("gold")),
    (AnnotationSet.owner_kind == "model", literal("model:") + func.coalesce(AnnotationSet.model_name, "")),
    else_=User.username,
).label("annotator")
SET_ORDER = (Document.external_id, OWNER_LABEL, AnnotationSet.id)
# Rows are tuples, and a tuple's ``index`` is a method: the paragraph index is read as ``paragraph``.
PARAGRAPH_INDEX = Paragraph.index.label("paragraph")
# A span's note for the adjudicator (the first, should there be several): brat writes it back as AnnotatorNotes.
SPAN_NOTE = (select(AdjudicatorNote.text)
             .where(AdjudicatorNote.set_id == Span.set_id, AdjudicatorNote.target_kind == "span",
                    AdjudicatorNote.target_id == Span.public_id)
             .order_by(AdjudicatorNote.id).limit(1).correlate(Span).scalar_subquery().label("note"))


CLAIM = aliased(Span)


@functools.cache
def _row_type(fields: tuple[str, ...]) -> type:
    return namedtuple("ExportRow", fields)


@dataclass(frozen=True)
class Selection:
    """Which documents (external ids) and annotators (usernames, "gold", "model:<name>") to export;
    empty means all."""

    documents: tuple[str, ...] = ()
    annotators: tuple[str, ...] = ()


class ExportDataset:
    """One project's rows for an export, within a selection (checked when the dataset is made)."""

    def __init__(self, session: Session, project: Project, selection: Selection = Selection(),
                 *, batch_rows: int = BATCH_ROWS):
        self.session = session
        self.project = project
        self.selection = selection
        self.batch_rows = batch_rows
        self.scheme_version = session.get(SchemeVersion, project.current_scheme_id)
        self._owner_keys = self._owner_keys_of(selection.annotators)
        self._check_documents(selection.documents)

    # --- the selection -------------------------------------------------------------------------

    def _owner_keys_of(self, names: tuple[str, ...]) -> tuple[str, ...]:
        usernames = [n for n in names if n != "gold" and not n.startswith("model:")]
        ids = dict(self.session.execute(select(User.username, User.id).where(User.username.in_(usernames)))
                   .all()) if usernames else {}
        missing = [n for n in usernames if n not in ids]
        if missing:
            raise Invalid(Phrase("no user named '{name}'", name=missing[0]), "annotator")
        return tuple(f"user:{ids[n]}" if n in ids else n for n in names)

    def _check_documents(self, external_ids: tuple[str, ...]) -> None:
        if not external_ids:
            return
        found = set(self.session.scalars(select(Document.external_id).where(
            Document.project_id == self.project.id, Document.external_id.in_(external_ids))))
        missing = [e for e in external_ids if e not in found]
        if missing:
            raise Invalid(Phrase("no document with id '{document}' in project '{project}'", document=missing[0],
                                 project=self.project.name), "document")

    def _documents_only(self, stmt: Select) -> Select:
        stmt = stmt.where(Document.project_id == self.project.id)
        if self.selection.documents:
            stmt = stmt.where(Document.external_id.in_(self.selection.documents))
        return stmt

    def _sets_only(self, stmt: Select) -> Select:
        """Scope a statement that joins AnnotationSet, Document and (outer) User."""
        stmt = self._documents_only(stmt)
        if self._owner_keys:
            stmt = stmt.where(AnnotationSet.owner_key.in_(self._owner_keys))
        return stmt

    def _stream(self, stmt: Select) -> Iterator:
        # Core execution on the session's connection: these are plain column rows, and skipping
        # the ORM's result processing takes a third off the cost of reading a million of them.
        # Each row becomes a named tuple: reading a field of SQLAlchemy's Row by name costs a
        # hundred times more, and an export reads a dozen fields of every row.
        connection = self.session.connection()
        result = connection.execute(stmt.execution_options(yield_per=self.batch_rows))
        return map(_row_type(tuple(result.keys()))._make, result)

    @staticmethod
    def _from_sets(*columns) -> Select:
        return (select(*columns).select_from(AnnotationSet)
                .join(Document, Document.id == AnnotationSet.document_id)
                .outerjoin(User, User.id == AnnotationSet.user_id))

    # --- documents and their text ----------------------------------------------------------------

    def direction_counts(self) -> dict[str, int]:
        rows = self.session.execute(self._documents_only(
            select(Document.direction, func.count()).group_by(Document.direction)))
        return {direction: count for direction, count in rows}

    def documents(self) -> Iterator:
        return self._stream(self._documents_only(select(
            Document.id, Document.external_id, Document.title, Document.author, Document.source_url,
            Document.meta.label("meta"), Document.published_date, Document.language, Document.direction,
            Document.content_hash,
        )).order_by(Document.external_id))

    def paragraphs(self) -> Iterator:
        return self._stream(self._documents_only(
            select(Paragraph.document_id, Document.external_id, PARAGRAPH_INDEX, Paragraph.kind, Paragraph.text,
                   Paragraph.language, Paragraph.direction)
            .join(Document, Document.id == Paragraph.document_id)
        ).order_by(Document.external_id, Paragraph.index))

    # --- annotation sets -----------------------------------------------------------------------------

    def sets(self) -> Iterator:
        return self._stream(self._sets_only(self._from_sets(
            AnnotationSet.id, AnnotationSet.document_id, Document.external_id, OWNER_LABEL,
            AnnotationSet.owner_kind, AnnotationSet.status, AnnotationSet.skip_reason, AnnotationSet.assigned,
            AnnotationSet.assigned_at, AnnotationSet.started_at, AnnotationSet.done_at, AnnotationSet.updated_at,
        )).order_by(*SET_ORDER))

    def annotator_labels(self) -> list[tuple[str, str]]:
        """(annotator, owner kind) of every set in the selection: people first, then gold, then models."""
        rows = self.session.execute(self._sets_only(
            self._from_sets(OWNER_LABEL, AnnotationSet.owner_kind).distinct()))
        rank = {"user": 0, "gold": 1, "model": 2}
        return sorted(((label, kind) for label, kind in rows), key=lambda r: (rank.get(r[1], 3), r[0]))

    def progress(self) -> Iterator:
        def count(condition):
            return func.sum(case((condition, 1), else_=0))

        assigned = AnnotationSet.assigned.is_(True)
        return self._stream(self._sets_only(self._from_sets(
            OWNER_LABEL, AnnotationSet.owner_kind, count(assigned),
            *(count(assigned & (AnnotationSet.status == status))
              for status in ("not_started", "in_progress", "done", "skipped")),
            count(AnnotationSet.assigned.is_(False)),
        )).group_by(OWNER_LABEL, AnnotationSet.owner_kind).order_by(OWNER_LABEL))

    # --- annotations ---------------------------------------------------------------------------------

    def spans(self, *, by_set: bool) -> Iterator:
        """Ordered set by set (the interchange file) or by position in the text (the workbook)."""
        order = ((*SET_ORDER, PARAGRAPH_INDEX, Span.start, Span.end, Span.id) if by_set else
                 (Document.external_id, PARAGRAPH_INDEX, Span.start, Span.end, OWNER_LABEL, Span.layer,
                  Span.label, Span.id))
        return self._stream(self._sets_only(
            self._from_sets(
                Span.id, Span.set_id, Document.external_id, PARAGRAPH_INDEX, Span.start, Span.end, Span.layer,
                Span.label, Span.attributes, Span.text, Span.origin, OWNER_LABEL, Span.created_at,
                Span.updated_at, Span.target_actor_id, Span.target_polarity, *((SPAN_NOTE,) if by_set else ()),
            ).join(Span, Span.set_id == AnnotationSet.id).join(Paragraph, Paragraph.id == Span.paragraph_id)
        ).order_by(*order))

    def links(self) -> Iterator:
        source, target = aliased(Span), aliased(Span)
        return self._stream(self._sets_only(
            self._from_sets(
                Link.id, Link.set_id, Link.source_span_id, Link.target_span_id, Link.link_type, Link.created_at,
                Link.updated_at, Document.external_id, source.label.label("source_label"),
                source.text.label("source_text"), target.label.label("target_label"), target.text.label("target_text"),
                OWNER_LABEL,
            ).join(Link, Link.set_id == AnnotationSet.id)
            .join(source, source.id == Link.source_span_id).join(target, target.id == Link.target_span_id)
        ).order_by(*SET_ORDER, Link.id))

    def stances(self, *, document_level_only: bool = False, by_actor: bool = False) -> Iterator:
        stmt = self._sets_only(
            self._from_sets(
                Stance.id, Stance.set_id, Document.external_id, Actor.canonical_name, Stance.actor_id,
                PARAGRAPH_INDEX, Stance.value, Stance.intensity, Stance.holder, OWNER_LABEL, Stance.created_at,
                Stance.updated_at, Stance.origin,
            ).join(Stance, Stance.set_id == AnnotationSet.id).join(Actor, Actor.id == Stance.actor_id)
            .outerjoin(Paragraph, Paragraph.id == Stance.paragraph_id))
        if document_level_only:
            # The matrix shows the author's own stance on the whole document.
            stmt = stmt.where(Stance.paragraph_id.is_(None), Stance.holder == "")
        order = (Actor.canonical_name, Document.external_id, OWNER_LABEL) if by_actor else (*SET_ORDER, Stance.id)
        return self._stream(stmt.order_by(*order))

    def stance_evidence(self) -> Iterator:
        return self._stream(self._sets_only(
            self._from_sets(StanceEvidence.stance_id, StanceEvidence.span_id, Stance.set_id)
            .join(Stance, Stance.set_id == AnnotationSet.id)
            .join(StanceEvidence, StanceEvidence.stance_id == Stance.id)
            # Evidence is read within the stance's own set (blindness): a span id of another set
            # could not be written as a reference local to the set.
            .join(Span, (Span.id == StanceEvidence.span_id) & (Span.set_id == Stance.set_id))
        ).order_by(*SET_ORDER, Stance.id, StanceEvidence.span_id))

    def claim_targets(self) -> Iterator:
        """Claims that name the actor they target: the "claim" scope of stance."""
        return self._stream(self._sets_only(
            self._from_sets(
                Document.external_id, Actor.canonical_name, PARAGRAPH_INDEX, Span.text, Span.target_polarity,
                OWNER_LABEL, Span.origin,
            ).join(Span, Span.set_id == AnnotationSet.id).join(Paragraph, Paragraph.id == Span.paragraph_id)
            .join(Actor, Actor.id == Span.target_actor_id)
            # The claims found first, through the partial index of the spans that name a target
            # (ix_spans_claim_target): without it the database walked every span of the project to
            # find the few claims (a second at 1,000,000 spans, before the Stances sheet's first row).
            .where(Span.id.in_(select(CLAIM.id).where(CLAIM.target_actor_id.is_not(None))))
        ).order_by(*SET_ORDER, PARAGRAPH_INDEX, Span.start, Span.id))

    def frames(self) -> Iterator:
        return self._stream(self._sets_only(
            self._from_sets(
                FrameChoice.id, FrameChoice.set_id, Document.external_id, PARAGRAPH_INDEX, FrameChoice.frame,
                FrameChoice.is_primary, OWNER_LABEL, FrameChoice.created_at, FrameChoice.origin,
            ).join(FrameChoice, FrameChoice.set_id == AnnotationSet.id)
            .outerjoin(Paragraph, Paragraph.id == FrameChoice.paragraph_id)
        ).order_by(*SET_ORDER, FrameChoice.is_primary.desc(), FrameChoice.frame, FrameChoice.id))

    def has_notes(self) -> bool:
        stmt = self._from_sets(func.count(AdjudicatorNote.id)).join(AdjudicatorNote, AdjudicatorNote.set_id == AnnotationSet.id)
        return bool(self.session.scalar(self._sets_only(stmt)))

    def notes(self) -> Iterator:
        """The annotators' notes for the adjudicator, with the span or stance they are on (row ids)."""
        return self._stream(self._sets_only(
            self._from_sets(AdjudicatorNote.set_id, AdjudicatorNote.target_kind, Span.id.label("span_id"),
                            Stance.id.label("stance_id"), AdjudicatorNote.text, AdjudicatorNote.created_at,
                            AdjudicatorNote.updated_at, OWNER_LABEL, Document.external_id,
                            Span.text.label("span_text"))
            .join(AdjudicatorNote, AdjudicatorNote.set_id == AnnotationSet.id)
            .outerjoin(Span, (Span.public_id == AdjudicatorNote.target_id) & (Span.set_id == AnnotationSet.id))
            .outerjoin(Stance, (Stance.public_id == AdjudicatorNote.target_id) & (Stance.set_id == AnnotationSet.id))
        ).order_by(*SET_ORDER, AdjudicatorNote.target_kind, AdjudicatorNote.id))

    # --- the actor registry --------------------------------------------------------------------------

    def actors(self) -> Iterator:
        return self._stream(select(Actor.id, Actor.canonical_name, Actor.kind, Actor.status)
                            .where(Actor.project_id == self.project.id).order_by(Actor.canonical_name))

    def aliases(self) -> Iterator:
        return self._stream(
            select(ActorAlias.actor_id, ActorAlias.text, ActorAlias.language, ActorAlias.ambiguous,
                   ActorAlias.allow_adjective)
            .join(Actor, Actor.id == ActorAlias.actor_id).where(Actor.project_id == self.project.id)
            .order_by(Actor.canonical_name, ActorAlias.text))
