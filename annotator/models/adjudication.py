"""Adjudication: the project's gold set of a document, and where every gold item came from.

The gold version is an ordinary AnnotationSet (owner_kind "gold", owner_key "gold"), so export,
agreement and the argument map read it with the code that reads every set. What is special lives
here: the document's adjudication state, one decision per settled unit (the provenance of the gold
item it wrote), the causes an adjudicator tags, and the notes annotators leave for adjudicators.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, public_id_column, utcnow

ADJUDICATION_STATUSES = ("in_adjudication", "adjudicated")
DECISION_METHODS = ("agreed", "picked", "merged", "edited", "added", "rejected")
UNIT_KINDS = ("span", "link", "stance", "frame")
DISAGREEMENT_CAUSES = ("boundary", "label", "missed_by_some", "guideline_unclear", "annotator_error",
                       "text_ambiguous")
NOTE_TARGETS = ("span", "stance", "document")


class Adjudication(Base):
    """One per document once someone opened it for adjudication. "Ready" (every assigned set done,
    no row yet) and "stale" (a source set changed after adjudication) are read, not stored as status."""

    __tablename__ = "adjudications"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    gold_set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="in_adjudication")
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    adjudicated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    adjudicated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # What the source sets held when the document was marked adjudicated: {owner: {span id: version}},
    # compared with the sets as they are now to say "gold may be stale" and what changed.
    sources_snapshot: Mapped[dict] = mapped_column(default=dict)
    # Bumped by every decision, first thing in its transaction: the row lock that makes two
    # adjudicators deciding at once take turns, so the second sees the first's decision (409).
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AdjudicationDecision(Base):
    """How one unit was settled: the provenance of the gold item it wrote (none for a rejection).

    ``sources`` lists the annotators' units the decision was taken from ({owner, id, version}); a
    rebuilt proposal finds a unit decided when its units meet a decision's sources, so decisions
    survive a set being reopened or a change of the agreement setting."""

    __tablename__ = "adjudication_decisions"
    __table_args__ = (Index("ix_adjudication_decisions_adjudication_kind", "adjudication_id", "unit_kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    adjudication_id: Mapped[int] = mapped_column(ForeignKey("adjudications.id", ondelete="CASCADE"))
    unit_kind: Mapped[str] = mapped_column(String(8))
    unit_key: Mapped[str] = mapped_column(String(200))
    paragraph: Mapped[int | None] = mapped_column(nullable=True)  # span units: the paragraph index
    method: Mapped[str] = mapped_column(String(16))
    sources: Mapped[list] = mapped_column(default=list)
    # The gold span, link, stance or frame choice written (its public id); None when rejected.
    gold_item_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


class DisagreementCause(Base):
    """The adjudicator's reading of why annotators disagreed on a unit, from a fixed list, plus a note."""

    __tablename__ = "disagreement_causes"
    __table_args__ = (UniqueConstraint("adjudication_id", "unit_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    adjudication_id: Mapped[int] = mapped_column(ForeignKey("adjudications.id", ondelete="CASCADE"))
    unit_key: Mapped[str] = mapped_column(String(200))
    unit_kind: Mapped[str] = mapped_column(String(8))
    label: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The annotators whose versions differed from the gold item, as usernames (for the causes report).
    owners: Mapped[list] = mapped_column(default=list)
    cause: Mapped[str | None] = mapped_column(String(32), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    tagged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    tagged_at: Mapped[datetime] = mapped_column(default=utcnow)


class AdjudicatorNote(Base):
    """A note an annotator leaves on a span, a stance or the document for the adjudicator."""

    __tablename__ = "adjudicator_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"), index=True)
    target_kind: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # span or stance public id
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
