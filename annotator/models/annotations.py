"""Annotation sets and everything that belongs to one: spans, links, stances and frames.

Every annotation belongs to exactly one set, one per (document, owner); the owner is a user,
a model (pre-annotations) or the gold version. Blindness is enforced by scoping to the set.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, PartialIndex, public_id_column, utcnow

SET_STATUSES = ("not_started", "in_progress", "done", "skipped")
OWNER_KINDS = ("user", "model", "gold")
# "suggestion": a model set's pre-annotation (import); "suggested": a recommender's suggestion a person accepted.
SPAN_ORIGINS = ("manual", "imported", "suggestion", "suggested")
# Frames and stances take the same origins; a row older than their origin column reads "manual".


class AnnotationSet(Base):
    __tablename__ = "annotation_sets"
    __table_args__ = (UniqueConstraint("document_id", "owner_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    owner_kind: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    model_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # "user:<id>", "model:<name>" or "gold": one unique key, since NULLs never collide in SQL.
    owner_key: Mapped[str] = mapped_column(String(220))
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    skip_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # An unassigned set is kept (work is never thrown away) but hidden from its annotator.
    assigned: Mapped[bool] = mapped_column(Boolean, default=True)
    assigned_at: Mapped[datetime | None] = mapped_column(nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    document = relationship("Document")
    user = relationship("User")


class Span(Base):
    __tablename__ = "spans"
    __table_args__ = (
        Index("ix_spans_set_paragraph", "set_id", "paragraph_id"),
        # The few claims that name a target actor, found without walking every span (the
        # export's Stances sheet and claim targets; migration 0016).
        PartialIndex("ix_spans_claim_target", "target_actor_id", where=text("target_actor_id IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"))
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"), index=True)
    layer: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(64))
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    attributes: Mapped[dict] = mapped_column(default=dict)
    origin: Mapped[str] = mapped_column(String(16), default="manual")
    # A Claim may name the actor it targets, with a polarity (favor / against).
    target_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), nullable=True)
    target_polarity: Mapped[str | None] = mapped_column(String(16), nullable=True)
    version: Mapped[int] = mapped_column(default=1)
    scheme_version_id: Mapped[int] = mapped_column(ForeignKey("scheme_versions.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __mapper_args__ = {"version_id_col": version}

    paragraph = relationship("Paragraph")
    annotation_set = relationship("AnnotationSet")


class Link(Base):
    """A directed, typed link between two spans of the same set (evidence -> claim, ...)."""

    __tablename__ = "links"
    __table_args__ = (UniqueConstraint("source_span_id", "target_span_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"), index=True)
    source_span_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"))
    target_span_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"), index=True)
    link_type: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(default=1)
    scheme_version_id: Mapped[int] = mapped_column(ForeignKey("scheme_versions.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __mapper_args__ = {"version_id_col": version}

    source = relationship("Span", foreign_keys=[source_span_id])
    target = relationship("Span", foreign_keys=[target_span_id])


class Stance(Base):
    """The stance the author (or a quoted holder) takes toward an actor, in one set."""

    __tablename__ = "stances"
    __table_args__ = (
        UniqueConstraint("set_id", "actor_id", "paragraph_id", "holder"),
        # NULLs never collide in a unique constraint, so the document-level row (no paragraph)
        # needs a partial index of its own; both SQLite and PostgreSQL have them.
        PartialIndex("uq_stances_document_level", "set_id", "actor_id", "holder", unique=True,
                     where=text("paragraph_id IS NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    # NULL for the document-level stance; a paragraph for paragraph-level stance.
    paragraph_id: Mapped[int | None] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"), nullable=True)
    value: Mapped[str] = mapped_column(String(16))
    intensity: Mapped[int | None] = mapped_column(nullable=True)
    # Empty string for the author's own stance, so the unique key also holds on NULL-less SQL.
    holder: Mapped[str] = mapped_column(String(300), default="")
    origin: Mapped[str | None] = mapped_column(String(16), nullable=True, default="manual", server_default="manual")
    version: Mapped[int] = mapped_column(default=1)
    scheme_version_id: Mapped[int] = mapped_column(ForeignKey("scheme_versions.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __mapper_args__ = {"version_id_col": version}

    actor = relationship("Actor")


class StanceEvidence(Base):
    """The spans that show a stance."""

    __tablename__ = "stance_evidence"
    stance_id: Mapped[int] = mapped_column(ForeignKey("stances.id", ondelete="CASCADE"), primary_key=True)
    span_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"), primary_key=True)


class FrameChoice(Base):
    __tablename__ = "frame_choices"
    __table_args__ = (
        UniqueConstraint("set_id", "paragraph_id", "frame"),
        PartialIndex("uq_frame_choices_document_level", "set_id", "frame", unique=True,
                     where=text("paragraph_id IS NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"), index=True)
    paragraph_id: Mapped[int | None] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"), nullable=True)
    frame: Mapped[str] = mapped_column(String(64))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str | None] = mapped_column(String(16), nullable=True, default="manual", server_default="manual")
    scheme_version_id: Mapped[int] = mapped_column(ForeignKey("scheme_versions.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
