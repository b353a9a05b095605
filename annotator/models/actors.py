"""The actor registry of a project, and where its actors are mentioned."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, public_id_column, utcnow

ACTOR_KINDS = ("state", "armed_group", "organisation", "person", "other")
ACTOR_STATUSES = ("active", "proposed", "merged", "rejected")


class Actor(Base):
    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("project_id", "canonical_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    canonical_name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    status: Mapped[str] = mapped_column(String(12), default="active")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), nullable=True)
    # A proposal from an annotator belongs to their set until a lead accepts it (blindness).
    proposed_in_set_id: Mapped[int | None] = mapped_column(
        ForeignKey("annotation_sets.id", ondelete="CASCADE"), nullable=True
    )
    # Why a lead rejected the proposal: shown to the proposer in their own set, nowhere else.
    rejection_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[ActorAlias]] = relationship(back_populates="actor", cascade="all, delete-orphan")


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "text"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # An alias that is also a common word (مالي: Mali, and "financial"): mentions stay uncertain.
    ambiguous: Mapped[bool] = mapped_column(Boolean, default=False)
    # Whether the relational adjective (المغربية for المغرب) counts as a mention.
    allow_adjective: Mapped[bool] = mapped_column(Boolean, default=False)

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class Mention(Base):
    """Where an actor is mentioned. Alias mentions are shared by every set of the document;
    manual mentions belong to one set (set_id) and are seen by its annotator and leads only."""

    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_document_actor", "document_id", "actor_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias_id: Mapped[int | None] = mapped_column(ForeignKey("actor_aliases.id", ondelete="SET NULL"), nullable=True)
    set_id: Mapped[int | None] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"), nullable=True)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(8), default="alias")  # alias | manual
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor = relationship("Actor")


class MentionConfirmation(Base):
    """An annotator's verdict on an uncertain mention, in their own set."""

    __tablename__ = "mention_confirmations"
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"), primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True)
    confirmed: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
